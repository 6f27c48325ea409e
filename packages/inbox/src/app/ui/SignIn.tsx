/**
 * Sign in with email and password, or — opened from the first-run setup link — create the first
 * account. Wrong passwords, rate limits and ended sessions get plain sentences.
 */
import { useState } from 'preact/hooks';
import { Heading } from './Heading.js';
import { useInbox } from './inbox-context.js';
import { NoticeLine } from './NoticeLine.js';

export function SignIn() {
  const state = useInbox();
  const { t } = state.i18n.value;
  const setup = state.linkToken.value?.kind === 'setup';
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    setBusy(true);
    try {
      await (setup ? state.setup(email, password) : state.signIn(email, password));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in">
      <Heading focusKey={setup ? 'setup' : 'sign-in'}>{t(setup ? 'setup.title' : 'signIn.title')}</Heading>
      {setup ? <p>{t('setup.intro')}</p> : null}
      <NoticeLine notice={state.signInNotice.value} />
      <form onSubmit={submit} class="stack">
        <label for="sign-in-email">{t('signIn.email')}</label>
        <input id="sign-in-email" name="email" type="email" autocomplete="username" required />
        <label for="sign-in-password">{t('signIn.password')}</label>
        <input id="sign-in-password" name="password" type="password" autocomplete={setup ? 'new-password' : 'current-password'} required />
        <button type="submit" class="primary" disabled={busy}>
          {t(setup ? 'setup.submit' : 'signIn.submit')}
        </button>
      </form>
    </main>
  );
}
