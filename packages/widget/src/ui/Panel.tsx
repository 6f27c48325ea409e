/**
 * The survey panel: title, close button, progress, the current question, the step's problem,
 * navigation, and the honest delivery states (sending, delivered, queued, failed + retry).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Question } from '@earful/schema';
import { progressOf } from '../flow/steps.js';
import { pickText } from '../internal/translate.js';
import { ChoiceQuestion } from './ChoiceQuestion.js';
import { ContactQuestion } from './ContactQuestion.js';
import { Done } from './Done.js';
import { RatingScale } from './RatingScale.js';
import type { Store } from './store.js';
import { TextQuestion } from './TextQuestion.js';

/** The focusable controls of a step, first one first (a roving radio group counts once). */
export const FIRST_CONTROL = '[role=radio][tabindex="0"],input,textarea,.done,.nav .btn';

function QuestionView({ question, store }: { question: Question; store: Store }) {
  switch (question.type) {
    case 'rating':
      return <RatingScale question={question} store={store} />;
    case 'text':
      return <TextQuestion question={question} store={store} />;
    case 'choice':
      return <ChoiceQuestion question={question} store={store} />;
    case 'contact':
      return <ContactQuestion question={question} store={store} />;
  }
}

/** The panel of one survey. `onClose` is called by the close button. */
export function Panel({ store, onClose, closable }: { store: Store; onClose: () => void; closable: boolean }) {
  const { t, survey, locale } = store;
  const root = useRef<HTMLDivElement>(null);
  const id = store.current.value;
  const status = store.status.value;
  const problem = store.problem.value;
  const question = id === null ? undefined : survey.questions.find((q) => q.id === id);
  const progress = id === null ? undefined : progressOf(survey, store.drafts.value, id);
  const tick = store.focusTick.value;

  useEffect(() => {
    if (tick > 0) (root.current?.querySelector(FIRST_CONTROL) as HTMLElement | null)?.focus();
  }, [tick]);

  return (
    <div class="panel" part="panel" ref={root} dir={store.dir} lang={locale}>
      <div class="head">
        <h2 id="earful-title">{survey.title ? pickText(survey.title, locale) : t('dialog.label')}</h2>
        {closable && (
          <button type="button" class="close" part="close" aria-label={t('close')} title={t('close')} onClick={onClose}>
            ×
          </button>
        )}
      </div>
      {question && progress ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            store.next();
          }}
        >
          {progress.total > 1 && (
            <p class="progress">{t('progress', { current: progress.current, total: progress.total })}</p>
          )}
          <QuestionView question={question} store={store} />
          <div aria-live="polite">
            {problem && (
              <p class="problem" role="alert">
                {t(problem.key, problem.count === undefined ? undefined : { count: problem.count })}
              </p>
            )}
            {status === 'failed' && (
              <p class="problem" role="alert">
                {t('state.failed')}
              </p>
            )}
            {status === 'sending' && <p class="progress">{t('state.sending')}</p>}
          </div>
          <div class="nav">
            {progress.current > 1 && (
              <button type="button" class="btn" part="button" onClick={() => store.back()}>
                {t('back')}
              </button>
            )}
            <button type="submit" class="btn primary" part="button primary" disabled={status === 'sending'} aria-disabled={status === 'sending' ? 'true' : undefined}>
              {status === 'failed' ? t('retry') : progress.isLast ? t('submit') : t('next')}
            </button>
          </div>
        </form>
      ) : (
        <Done store={store} />
      )}
    </div>
  );
}
