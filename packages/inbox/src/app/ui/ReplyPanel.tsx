/**
 * A reply from a template in the customer's language, filled in from the case and edited before
 * it goes. Without a mail server on the receiver (`no_smtp`), the same text is copied or opened
 * in the person's own mail app and then marked as replied.
 */
import { useEffect, useState } from 'preact/hooks';
import { fillTemplate, templateValues } from '@earful/schema/lean';
import type { CaseDetail, ReplyTemplate } from '@earful/schema';
import { contactOf, orderIdOf } from '../format/case-text.js';
import { textDirection } from '../format/text-direction.js';
import { useInbox } from './inbox-context.js';

export function ReplyPanel({ detail }: { detail: CaseDetail }) {
  const state = useInbox();
  const { t } = state.i18n.value;
  const { response } = detail;
  const contact = contactOf(response);
  const lang = response.locale;
  const dir = textDirection(lang);
  const [templates, setTemplates] = useState<ReplyTemplate[]>([]);
  const [chosen, setChosen] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [outcome, setOutcome] = useState<'idle' | 'sent' | 'no_smtp' | 'copied' | 'marked'>('idle');

  useEffect(() => {
    let live = true;
    void state.templates(lang).then((list) => live && setTemplates(list));
    return () => {
      live = false;
    };
  }, [lang]);

  if (!detail.case.contactable || !contact?.email) {
    return <p class="muted">{t('case.noContact')}</p>;
  }
  const email = contact.email;

  // Filled with the receiver's own rule (`@earful/schema`), so what is edited here is what is mailed.
  const filled = (template: ReplyTemplate) => {
    const values = templateValues(
      { name: contact.name, orderId: orderIdOf(response), agent: state.session.value?.email, dueDate: detail.case.dueAt ?? undefined },
      lang,
      template.locale,
    );
    return { subject: fillTemplate(template.subject, values).replace(/\s+/g, ' '), body: fillTemplate(template.body, values) };
  };
  const choose = (name: string) => {
    setChosen(name);
    const template = templates.find((x) => x.name === name);
    if (!template) return;
    const text = filled(template);
    setSubject(text.subject);
    setBody(text.body);
    setOutcome('idle');
  };
  const send = async (event: Event) => {
    event.preventDefault();
    const result = await state.reply({ subject, body, locale: lang });
    setOutcome(result === 'failed' ? 'idle' : result);
  };
  const markSent = async () => {
    const result = await state.reply({ subject, body, locale: lang, sent: 'manually' });
    if (result === 'sent') setOutcome('marked');
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`${subject}\n\n${body}`);
      setOutcome('copied');
    } catch {
      // no clipboard (insecure origin): the text is selectable in the fields
    }
  };
  const mailto = `mailto:${encodeURIComponent(email)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;

  return (
    <form class="stack" onSubmit={send}>
      <label for="reply-template">{t('reply.template')}</label>
      <select id="reply-template" value={chosen} onChange={(e) => choose((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">{t('reply.noTemplate')}</option>
        {templates.map((x) => (
          <option value={x.name}>{filled(x).subject}</option>
        ))}
      </select>
      <label for="reply-subject">{t('reply.subject')}</label>
      <input id="reply-subject" type="text" required maxLength={200} lang={lang} dir={dir} value={subject} onInput={(e) => setSubject((e.currentTarget as HTMLInputElement).value)} />
      <label for="reply-body">{t('reply.body')}</label>
      <textarea id="reply-body" rows={8} required maxLength={10000} lang={lang} dir={dir} value={body} onInput={(e) => setBody((e.currentTarget as HTMLTextAreaElement).value)} />
      <button type="submit" class="primary" disabled={state.saving.value || subject.trim() === '' || body.trim() === ''}>
        {t('reply.send')}
      </button>
      <div role="status" class="reply-outcome">
        {outcome === 'sent' ? <p class="notice notice-info">{t('reply.sent', { email })}</p> : null}
        {outcome === 'marked' ? <p class="notice notice-info">{t('reply.marked')}</p> : null}
        {outcome === 'no_smtp' || outcome === 'copied' ? (
          <div class="notice notice-info">
            <p>{t('reply.noSmtp')}</p>
            <div class="buttons">
              <button type="button" onClick={() => void copy()}>
                {t('reply.copy')}
              </button>
              <a class="button" href={mailto}>
                {t('reply.mailto')}
              </a>
              <button type="button" onClick={() => void markSent()}>
                {t('reply.markSent')}
              </button>
            </div>
            {outcome === 'copied' ? <p>{t('reply.copied')}</p> : null}
          </div>
        ) : null}
      </div>
    </form>
  );
}
