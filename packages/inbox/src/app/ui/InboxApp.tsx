/**
 * The whole app: sign-in until there is a session, then the header (places, language, colours,
 * sign out), the current view, live toasts and shortcuts. It keeps the document's language,
 * colour scheme and title (with the count of new cases) in step.
 */
import { useEffect } from 'preact/hooks';
import type { InboxState, Scheme } from '../state/inbox-state.js';
import { UI_LOCALES, isUiLocale } from '../i18n/ui-locales.js';
import { CaseView } from './CaseView.js';
import { Dashboard } from './Dashboard.js';
import { InboxContext, useInbox } from './inbox-context.js';
import { Queue } from './Queue.js';
import { Shortcuts } from './Shortcuts.js';
import { SignIn } from './SignIn.js';
import { Toasts } from './Toasts.js';

function Header() {
  const state = useInbox();
  const { t } = state.i18n.value;
  const route = state.route.value;
  const session = state.session.value;
  return (
    <header class="top">
      <a class="skip" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('view-heading')?.focus();
      }}>
        {t('nav.skip')}
      </a>
      <span class="brand">{t('app.title')}</span>
      {session ? (
        <nav aria-label={t('nav.label')}>
          <a href={state.lastQueue.value} aria-current={route.name !== 'dashboard' ? 'page' : undefined}>
            {t('nav.queue')}
          </a>
          <a href="#/dashboard" aria-current={route.name === 'dashboard' ? 'page' : undefined}>
            {t('nav.dashboard')}
          </a>
        </nav>
      ) : null}
      <div class="prefs">
        <label>
          <span class="visually-hidden">{t('nav.language')}</span>
          <select value={state.locale.value} onChange={(e) => {
            const value = (e.currentTarget as HTMLSelectElement).value;
            if (isUiLocale(value)) state.setLocale(value);
          }}>
            {Object.entries(UI_LOCALES).map(([code, name]) => (
              <option value={code} lang={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span class="visually-hidden">{t('nav.theme')}</span>
          <select value={state.scheme.value} onChange={(e) => state.setScheme((e.currentTarget as HTMLSelectElement).value as Scheme)}>
            <option value="auto">{t('theme.auto')}</option>
            <option value="light">{t('theme.light')}</option>
            <option value="dark">{t('theme.dark')}</option>
          </select>
        </label>
        {session ? (
          <>
            <Shortcuts />
            <span class="who muted">{t('nav.signedInAs', { email: session.email })}</span>
            <button type="button" onClick={() => void state.signOut()}>
              {t('nav.signOut')}
            </button>
          </>
        ) : null}
      </div>
    </header>
  );
}

function Body() {
  const state = useInbox();
  const { t } = state.i18n.value;
  const session = state.session.value;
  const root = document.documentElement;
  const newCount = state.summary.value?.cases.byStatus.new ?? 0;
  useEffect(() => {
    root.lang = state.locale.value;
    root.dataset['scheme'] = state.scheme.value;
  }, [state.locale.value, state.scheme.value]);
  useEffect(() => {
    document.title = newCount > 0 ? `(${state.i18n.value.number(newCount)}) ${t('app.title')}` : t('app.title');
  }, [newCount, t]);
  if (session === undefined) return <main id="main" aria-busy="true" />;
  if (session === null) return <SignIn />;
  const route = state.route.value;
  return (
    <>
      {state.live.value === 'offline' ? (
        <p class="notice notice-error live-offline" role="status">
          {t('live.offline')}
        </p>
      ) : null}
      {route.name === 'case' ? <CaseView id={route.id} /> : route.name === 'dashboard' ? <Dashboard /> : <Queue />}
      <Toasts />
    </>
  );
}

/** The app over a state made by `createInboxState`; `start()` it after the first render. */
export function InboxApp({ state }: { state: InboxState }) {
  useEffect(() => {
    void state.start();
    return () => state.stop();
  }, [state]);
  return (
    <InboxContext.Provider value={state}>
      <Header />
      <Body />
    </InboxContext.Provider>
  );
}
