/** The case's timeline, oldest first: what happened, who did it, when. Notes and replies as text. */
import type { TimelineEvent } from '@earful/schema';
import { SENTIMENT_KEYS, STATUS_KEYS } from '../format/labels.js';
import type { Translator } from '../i18n/translator.js';
import { useInbox } from './inbox-context.js';

/** Who an actor is, in words: a staff email, an API key's name, the customer, or Earful itself. */
export function actorName(actor: string, t: Translator['t']): string {
  if (actor === 'system') return t('timeline.system');
  if (actor === 'customer') return t('timeline.customer');
  return actor.replace(/^(?:user|key):/, '');
}

function describe(event: TimelineEvent, t: Translator['t']): string {
  switch (event.type) {
    case 'received':
      return t('timeline.received');
    case 'alerted':
      return t(event.kind === 'overdue' ? 'timeline.alertedOverdue' : 'timeline.alerted', { alert: event.alert });
    case 'status_changed':
      return t('timeline.statusChanged', { from: t(STATUS_KEYS[event.from]), to: t(STATUS_KEYS[event.to]) });
    case 'assigned':
      return event.to ? t('timeline.assigned', { to: event.to }) : t('timeline.unassigned');
    case 'tagged':
      return `${t('timeline.tagged')}: ${[...event.added.map((x) => `+${x}`), ...event.removed.map((x) => `−${x}`)].join(' ')}`;
    case 'note_added':
      return t('timeline.note');
    case 'reply_sent':
      return t(event.messageId === null ? 'timeline.replyManual' : 'timeline.replySent', { to: event.to });
    case 'follow_up_sent':
      return t('timeline.followUpSent');
    case 'follow_up_answered':
      return t('timeline.followUpAnswered', { sentiment: t(SENTIMENT_KEYS[event.sentiment ?? 'none']) });
    case 'overdue':
      return t('timeline.overdue');
    case 'erased':
      return t('timeline.erased');
  }
}

export function Timeline({ events }: { events: readonly TimelineEvent[] }) {
  const { t, dateTime } = useInbox().i18n.value;
  return (
    <ol class="timeline">
      {events.map((event) => (
        <li key={event.seq} class={`event event-${event.type}`}>
          <span class="event-what">{describe(event, t)}</span>
          <span class="event-who muted">{t('timeline.by', { actor: actorName(event.actor, t), time: dateTime(event.at) })}</span>
          {event.type === 'note_added' && event.text !== '' ? <p class="event-text">{event.text}</p> : null}
          {event.type === 'status_changed' && event.remedyNote ? <p class="event-text">{event.remedyNote}</p> : null}
          {event.type === 'reply_sent' && event.body !== '' ? (
            <div class="event-text">
              <strong>{event.subject}</strong>
              <p>{event.body}</p>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
