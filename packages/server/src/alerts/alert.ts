/**
 * What an alert sink is and what it receives. A sink is data plus one `deliver` function, so a
 * webhook, an email sender or a pager are all the same shape; the handler keeps the pending
 * deliveries in the store's outbox and retries them (at least once).
 */
import type { Sentiment, SurveyResponse } from '@earful/schema';

/**
 * Everything a person needs to act on one response, flat and ready to render.
 *
 * @example
 * ```ts
 * const alert: Alert = { name: 'log', async deliver(payload: AlertPayload) { console.log(payload.surveyId, payload.comments, payload.contact) } };
 * ```
 */
export interface AlertPayload {
  /**
   * `'earful.response.negative'` for negative responses, `'earful.response'` otherwise;
   * `'earful.case.overdue'` when a negative case has waited past its first-response target.
   */
  readonly type: 'earful.response.negative' | 'earful.response' | 'earful.case.overdue';
  /** Why it fires: the response arrived (`'response'`), or its case is overdue (`'overdue'`). */
  readonly kind: 'response' | 'overdue';
  /** The response id (also the case id). */
  readonly id: string;
  /**
   * Stable across retries of this alert: dedupe on it (delivery is at least once). The response
   * id for `'response'`, `${id}:overdue` for `'overdue'`, so the two never dedupe each other.
   */
  readonly alertId: string;
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
  /** Who answered, as the site identified them (`user.id`, `user.traits`), or `null`. */
  readonly user: NonNullable<SurveyResponse['user']> | null;
  /** What the site attached (an order id first of all: `metadata.orderId`), or `null`. */
  readonly metadata: NonNullable<SurveyResponse['metadata']> | null;
  /** The case in the inbox (`${publicUrl}/inbox/#/cases/<id>`), when the receiver knows its public URL. */
  readonly caseUrl: string | null;
  /**
   * For `'overdue'`: when the first response was due, and how long (ms) the customer had waited
   * since the response arrived when this alert was made. `null` for `'response'`.
   */
  readonly overdue: { readonly dueAt: string; readonly waitedMs: number } | null;
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
  /**
   * Which responses trigger it. Default `'negative'`. Overdue alerts go to every sink: only a
   * negative case can become overdue.
   */
  readonly when?: 'negative' | 'all';
  deliver(payload: AlertPayload, options: { readonly signal: AbortSignal; readonly attempt: number }): Promise<void>;
}
