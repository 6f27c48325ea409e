/**
 * "Did we put it right?": email the customer a one-question page (with consent), or make the link
 * to send some other way; and what the customer answered.
 */
import { useState } from 'preact/hooks';
import type { CaseDetail, FollowUpLink } from '@earful/schema';
import { SENTIMENT_KEYS } from '../format/labels.js';
import { useInbox } from './inbox-context.js';

export function FollowUpPanel({ detail }: { detail: CaseDetail }) {
  const state = useInbox();
  const { t, dateTime } = state.i18n.value;
  const [link, setLink] = useState<FollowUpLink | null>(null);
  const followUp = detail.case.followUp;
  const ask = async (send: boolean) => setLink(await state.followUp(send));
  return (
    <div class="stack">
      <p>{t('followUp.intro')}</p>
      {followUp ? (
        <p>
          {followUp.answeredAt
            ? t('followUp.answered', { date: dateTime(followUp.answeredAt), sentiment: t(SENTIMENT_KEYS[followUp.sentiment ?? 'none']) })
            : t('followUp.waiting', { date: dateTime(followUp.sentAt) })}
        </p>
      ) : null}
      <div class="buttons">
        {detail.case.contactable ? (
          <button type="button" disabled={state.saving.value} onClick={() => void ask(true)}>
            {t('followUp.send')}
          </button>
        ) : null}
        <button type="button" disabled={state.saving.value} onClick={() => void ask(false)}>
          {t('followUp.link')}
        </button>
      </div>
      <div role="status">
        {link?.sent ? <p class="notice notice-info">{t('followUp.emailed', { date: dateTime(link.expiresAt) })}</p> : null}
        {link && !link.sent ? (
          <>
            <label for="follow-up-url">{t('followUp.copyLink', { date: dateTime(link.expiresAt) })}</label>
            <input id="follow-up-url" type="url" readOnly value={link.url} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
          </>
        ) : null}
      </div>
    </div>
  );
}
