/**
 * One case: the answers in the customer's words and language, the context, the consented
 * contact, what to do (assign, status, tags, note, reply, follow-up) and the timeline. It updates
 * in place when the case changes elsewhere (live events).
 */
import { localizedText } from '@earful/schema/lean';
import { REMEDY_KEYS, SENTIMENT_KEYS, STATUS_KEYS } from '../format/labels.js';
import { Answers } from './Answers.js';
import { CaseActions } from './CaseActions.js';
import { CaseContext } from './CaseContext.js';
import { FollowUpPanel } from './FollowUpPanel.js';
import { Heading } from './Heading.js';
import { useInbox } from './inbox-context.js';
import { NoticeLine } from './NoticeLine.js';
import { ReplyPanel } from './ReplyPanel.js';
import { Timeline } from './Timeline.js';

export function CaseView({ id }: { id: string }) {
  const state = useInbox();
  const { t, dateTime, date } = state.i18n.value;
  const detail = state.detail.value?.case.id === id ? state.detail.value : null;
  // Back to the queue as it was: its filters and search.
  const back = (
    <p class="back">
      <a href={state.lastQueue.value}>← {t('case.back')}</a>
    </p>
  );
  if (!detail) {
    return (
      <main id="main" class="case" aria-labelledby="view-heading">
        {back}
        <Heading focusKey={`case:${id}`}>{state.detailNotice.value ? t('error.notFound') : t('case.loading')}</Heading>
        <NoticeLine notice={state.detailNotice.value} onRetry={() => void state.retry()} />
      </main>
    );
  }
  const c = detail.case;
  const survey = state.surveys.value.get(c.surveyId);
  const surveyName = survey?.title ? localizedText(survey.title, state.i18n.value.locale, survey.locale ?? 'en') : c.surveyId;
  return (
    <main id="main" class="case" aria-labelledby="view-heading">
      {back}
      <Heading focusKey={`case:${id}`}>{t('case.heading', { survey: surveyName, date: dateTime(c.receivedAt) })}</Heading>
      <p class="badges">
        <span class={`badge sentiment-${c.sentiment ?? 'none'}`}>{t(SENTIMENT_KEYS[c.sentiment ?? 'none'])}</span>
        <span class={`badge status-${c.status}`}>{t(STATUS_KEYS[c.status])}</span>
        {c.overdue ? <span class="badge overdue">{t('case.overdue')}</span> : null}
        {c.dueAt ? <span class="badge">{t('case.due', { date: date(c.dueAt) })}</span> : null}
        {c.remedy ? <span class="badge">{t(REMEDY_KEYS[c.remedy])}</span> : null}
      </p>
      <NoticeLine notice={state.caseNotice.value} />
      <div class="case-grid">
        <div class="case-main">
          <section aria-labelledby="answers-heading" class="card card-answers">
            <h2 id="answers-heading">{t('case.answers')}</h2>
            <Answers response={detail.response} />
          </section>
          <section aria-labelledby="reply-heading" class="card card-reply">
            <h2 id="reply-heading">{t('reply.title')}</h2>
            <ReplyPanel key={c.id} detail={detail} />
          </section>
          <section aria-labelledby="follow-up-heading" class="card card-follow-up">
            <h2 id="follow-up-heading">{t('followUp.title')}</h2>
            <FollowUpPanel key={c.id} detail={detail} />
          </section>
          <section aria-labelledby="timeline-heading" class="card card-timeline">
            <h2 id="timeline-heading">{t('case.timeline')}</h2>
            <Timeline events={detail.timeline} />
          </section>
        </div>
        <div class="case-side">
          <section aria-labelledby="actions-heading" class="card card-actions">
            <h2 id="actions-heading">{t('case.actions')}</h2>
            <CaseActions c={c} />
          </section>
          <section aria-labelledby="context-heading" class="card card-context">
            <h2 id="context-heading">{t('case.context')}</h2>
            <CaseContext response={detail.response} receivedAt={c.receivedAt} />
          </section>
        </div>
      </div>
    </main>
  );
}
