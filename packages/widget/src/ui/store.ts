/**
 * The state of one open survey, in signals: drafts, the current step, the delivery status. The
 * decisions (which step, which answers) are the pure functions in `../flow/`; this file only
 * holds state and talks to the SDK client. The response id is made once per filled survey and
 * reused on retry, so a double click or a retry delivers once. A response shown as queued turns
 * delivered when the client reports its 2xx while the panel is still open.
 */
import { signal, type Signal } from '@preact/signals';
import { newResponseId, responseSentiment, type Survey } from '@earful/schema';
import type { EarfulClient, SubmitInput } from '@earful/sdk';
import { buildAnswers } from '../flow/build-answers.js';
import type { Draft, Drafts } from '../flow/drafts.js';
import { nextQuestionId, previousQuestionId } from '../flow/steps.js';
import { stepProblem, type StepProblem } from '../flow/step-problem.js';
import type { Translator } from '../i18n/index.js';

/** Where delivery stands. `delivered` only after the SDK saw a 2xx (at submit, or later for a queued one). */
export type SendStatus = 'idle' | 'sending' | 'delivered' | 'queued' | 'failed';

/** What a `submit` listener receives. */
export interface SubmitEvent {
  readonly id: string;
  readonly surveyId: string;
  readonly status: 'delivered' | 'queued';
  readonly answers: SubmitInput['answers'];
  readonly sentiment: 'negative' | 'neutral' | 'positive' | null;
}

export interface Store {
  readonly survey: Survey;
  readonly t: Translator;
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
  readonly drafts: Signal<Drafts>;
  /** Current question id; `null` once the survey was submitted. */
  readonly current: Signal<string | null>;
  readonly status: Signal<SendStatus>;
  readonly problem: Signal<StepProblem | null>;
  /** Bumped when the view should move focus to the first control of the step. */
  readonly focusTick: Signal<number>;
  setDraft(questionId: string, patch: Partial<Draft>): void;
  next(): void;
  back(): void;
  submit(): Promise<void>;
  reset(): void;
}

export interface StoreOptions {
  survey: Survey;
  t: Translator;
  locale: string;
  dir: 'ltr' | 'rtl';
  /** The SDK client; with `on`, a queued response that goes out later shows as delivered. */
  client: Pick<EarfulClient, 'submit'> & Partial<Pick<EarfulClient, 'on'>>;
  /** Extra fields for the response (context, user), read at submit time. */
  extra: () => Partial<Pick<SubmitInput, 'context' | 'user' | 'metadata'>>;
  onSubmit: (event: SubmitEvent) => void;
  newId?: () => string;
}

/** Creates the state of one survey. */
export function createStore(options: StoreOptions): Store {
  const { survey, client } = options;
  const newId = options.newId ?? newResponseId;
  const drafts = signal<Drafts>({});
  const current = signal<string | null>(nextQuestionId(survey, {}, null));
  const status = signal<SendStatus>('idle');
  const problem = signal<StepProblem | null>(null);
  const focusTick = signal(0);
  let responseId = newId();
  let stopListening: (() => void) | undefined;

  const store: Store = {
    survey,
    t: options.t,
    locale: options.locale,
    dir: options.dir,
    drafts,
    current,
    status,
    problem,
    focusTick,
    setDraft(questionId, patch) {
      drafts.value = { ...drafts.value, [questionId]: { ...drafts.value[questionId], ...patch } };
      if (problem.value) problem.value = null;
      // A changed answer may change what comes after it: the id is for the answers as sent.
      if (status.value === 'failed') status.value = 'idle';
    },
    next() {
      const id = current.value;
      if (id === null) return;
      const question = survey.questions.find((q) => q.id === id)!;
      const found = stepProblem(question, drafts.value[id]);
      if (found) {
        problem.value = found;
        return;
      }
      const following = nextQuestionId(survey, drafts.value, id);
      if (following === null) void store.submit();
      else {
        current.value = following;
        focusTick.value++;
      }
    },
    back() {
      const id = current.value;
      const previous = id === null ? null : previousQuestionId(survey, drafts.value, id);
      if (previous !== null) {
        problem.value = null;
        current.value = previous;
        focusTick.value++;
      }
    },
    async submit() {
      if (status.value === 'sending' || status.value === 'delivered' || status.value === 'queued') return;
      status.value = 'sending';
      const sent = responseId;
      stopListening?.();
      // Listen before sending: a queued response may go out (retry, back online) at any moment.
      stopListening = client.on?.('delivered', ({ id }) => {
        if (id === sent && status.value === 'queued') status.value = 'delivered';
      });
      const answers = buildAnswers(survey, drafts.value);
      try {
        const result = await client.submit({ id: responseId, surveyId: survey.id, locale: options.locale, answers, ...options.extra() });
        status.value = result.status;
        current.value = null;
        focusTick.value++;
        options.onSubmit({ id: result.id, surveyId: survey.id, status: result.status, answers, sentiment: responseSentiment({ answers }) });
      } catch {
        // Refused for good (or invalid): keep every draft so the visitor can retry without retyping.
        status.value = 'failed';
      }
    },
    reset() {
      stopListening?.();
      drafts.value = {};
      current.value = nextQuestionId(survey, {}, null);
      status.value = 'idle';
      problem.value = null;
      responseId = newId();
    },
  };
  return store;
}
