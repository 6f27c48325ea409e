/**
 * What an alert sink is and what it receives. A sink is data plus one `deliver` function, so a
 * webhook, an email sender or a pager are all the same shape; the handler keeps the pending
 * deliveries in the store's outbox and retries them (at least once).
 */
import type { Sentiment } from '@earful/schema';

/**
 * Everything a person needs to act on one response, flat and ready to render.
 *
 * @example
 * ```ts
 * const alert: Alert = { name: 'log', async deliver(payload: AlertPayload) { console.log(payload.surveyId, payload.comments, payload.contact) } };
 * ```
 */
export interface AlertPayload {
  /** `'earful.response.negative'` for negative responses, `'earful.response'` otherwise. */
  readonly type: 'earful.response.negative' | 'earful.response';
  /** The response id (stable across retries: dedupe on it). */
  readonly id: string;
  readonly surveyId: string;
  readonly sentiment: Sentiment | null;
  /** Every rating: the value, its scale and the scale's range. */
  readonly ratings: readonly { readonly questionId: string; readonly scale: string; readonly value: number; readonly min: number; readonly max: number }[];
  /** Every free-text answer (the complaint). */
  readonly comments: readonly { readonly questionId: string; readonly text: string }[];
  /** The chosen reasons of choice answers, with the free-text "other". */
  readonly reasons: readonly { readonly questionId: string; readonly values: readonly string[]; readonly other?: string }[];
  /** Contact details — present only when the person consented to be contacted. */
  readonly contact: { readonly name?: string; readonly email?: string; readonly phone?: string } | null;
  /** The page the response was given on (no query string by default). */
  readonly page: string | null;
  readonly locale: string;
  /** When the person answered (client clock) and when the receiver stored it (server clock). */
  readonly createdAt: string;
  readonly receivedAt: string;
}

/**
 * An alert sink. `name` must be stable across restarts: pending deliveries in the outbox are
 * matched to sinks by it. `deliver` throws (or rejects) to ask for a retry, and should stop when
 * `signal` aborts: the handler aborts it after `alertRetry.attemptTimeoutMs` and retries anyway.
 *
 * @example
 * ```ts
 * import type { Alert } from '@earful/server';
 * const logAlert: Alert = { name: 'log', when: 'negative', async deliver(payload) { console.log(payload.surveyId, payload.comments) } };
 * ```
 */
export interface Alert {
  readonly name: string;
  /** Which responses trigger it. Default `'negative'`. */
  readonly when?: 'negative' | 'all';
  deliver(payload: AlertPayload, options: { readonly signal: AbortSignal; readonly attempt: number }): Promise<void>;
}
