/**
 * The survey panel: title, close button, progress, the current question, the step's problem,
 * navigation, and the honest delivery states (sending, delivered, queued, failed + retry).
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Question } from '@earful/schema';
import { progressOf } from '../flow/steps.js';
import { pickText } from '../i18n/translate.js';
import { ChoiceQuestion } from './ChoiceQuestion.js';
import { ContactQuestion } from './ContactQuestion.js';
import { Done } from './Done.js';
import { RatingScale } from './RatingScale.js';
import type { Store } from './store.js';
import { TextQuestion } from './TextQuestion.js';

/** The focusable controls of a step, first one first (a roving radio group counts once). */
export const FIRST_CONTROL = '[role=radio][tabindex="0"],input,textarea,.done,.nav .btn';

/** The view of each question type. */
const VIEWS = { rating: RatingScale, text: TextQuestion, choice: ChoiceQuestion, contact: ContactQuestion } as Record<Question['type'], (props: { question: Question; store: Store }) => JSX.Element>;

/** The panel of one survey. `onClose` is called by the close button. */
export function Panel({ store, onClose, closable }: { store: Store; onClose: () => void; closable: boolean }) {
  const { t, survey, locale } = store;
  const root = useRef<HTMLDivElement>(null);
  const id = store.current.value;
  const status = store.status.value;
  const problem = store.problem.value;
  const question = survey.questions.find((q) => q.id === id);
  const progress = question && progressOf(survey, store.drafts.value, question.id);
  const View = question && VIEWS[question.type];
  const sending = status === 'sending';
  // A step's problem and a failed send never show together: any edit clears both.
  const alertText = problem ? t(problem.key, problem.count === undefined ? undefined : { count: problem.count }) : status === 'failed' && t('state.failed');
  const tick = store.focusTick.value;

  useEffect(() => {
    if (tick > 0) (root.current?.querySelector(FIRST_CONTROL) as HTMLElement | null)?.focus();
  }, [tick]);

  return (
    <div class="panel" part="panel" ref={root} dir={store.dir} lang={locale}>
      <div class="head">
        <h2 id="earful-title">{survey.title ? pickText(survey.title, locale) : t('survey.title')}</h2>
        {closable && (
          <button type="button" class="close" part="close" aria-label={t('close')} title={t('close')} onClick={onClose}>
            ×
          </button>
        )}
      </div>
      {View && progress ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            store.next();
          }}
        >
          {/* The line keeps its place while only one step shows (later ones wait for an answer), so nothing jumps when it fills in. */}
          {survey.questions.length > 1 && <p class="progress">{progress.total > 1 && t('progress', { current: progress.current, total: progress.total })}</p>}
          <View question={question} store={store} />
          <div aria-live="polite">
            {alertText && (
              <p class="problem" role="alert">
                {alertText}
              </p>
            )}
            {sending && <p class="progress">{t('state.sending')}</p>}
          </div>
          <div class="nav">
            {progress.current > 1 && (
              <button type="button" class="btn" part="button" onClick={() => store.back()}>
                {t('back')}
              </button>
            )}
            <button type="submit" class="btn primary" part="button primary" disabled={sending} aria-disabled={sending || undefined}>
              {t(status === 'failed' ? 'retry' : progress.isLast ? 'submit' : 'next')}
            </button>
          </div>
        </form>
      ) : (
        <Done store={store} />
      )}
    </div>
  );
}
