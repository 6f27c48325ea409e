/**
 * Turns a stored response into the {@link AlertPayload} every sink receives. Contact details go
 * in only when the answer carries consent (the schema already refuses contact without it; the
 * check stays here so an alert can never leak them).
 */
import { SCALES } from '@earful/schema';
import type { StoredResponse } from '../store.js';
import type { AlertPayload } from './alert.js';
import { caseUrl } from './case-url.js';
import { consentedContact } from '../stores/shared/case-rules.js';

/**
 * What {@link alertPayload} needs besides the response: the alert's kind, the receiver's public
 * URL for the case link, and for an overdue alert the case's first-response target and "now".
 *
 * @example
 * ```ts
 * const options: AlertPayloadOptions = { kind: 'overdue', firstResponseDueAt: '2026-12-02T09:00:00.000Z', now: Date.now(), publicUrl: 'https://feedback.shop.example' };
 * ```
 */
export interface AlertPayloadOptions {
  /** Default `'response'`. */
  readonly kind?: 'response' | 'overdue';
  /** The receiver's public URL, without a trailing slash; without it `caseUrl` is `null`. */
  readonly publicUrl?: string;
  /** For `'overdue'`: when the first response was due (the case's `firstResponseDueAt`). */
  readonly firstResponseDueAt?: string | null;
  /** ms since epoch for `overdue.waitedMs`. Default `Date.now()`. */
  readonly now?: number;
}

/**
 * The alert payload of a stored response.
 *
 * @example
 * ```ts
 * const record = await store.get(id);
 * if (record) console.log(alertPayload(record).comments);
 * ```
 */
export function alertPayload(record: StoredResponse, options: AlertPayloadOptions = {}): AlertPayload {
  const ratings: AlertPayload['ratings'][number][] = [];
  const comments: AlertPayload['comments'][number][] = [];
  const reasons: AlertPayload['reasons'][number][] = [];
  for (const answer of record.response.answers) {
    if (answer.type === 'rating') {
      const { min, max } = SCALES[answer.scale];
      ratings.push({ questionId: answer.questionId, scale: answer.scale, value: answer.value, min, max });
    } else if (answer.type === 'text') {
      if (answer.value.trim() !== '') comments.push({ questionId: answer.questionId, text: answer.value });
    } else if (answer.type === 'choice') {
      reasons.push(answer.other === undefined ? { questionId: answer.questionId, values: answer.values } : { questionId: answer.questionId, values: answer.values, other: answer.other });
    }
  }
  const contact = consentedContact(record.response);
  const overdue = options.kind === 'overdue';
  const now = options.now ?? Date.now();
  return {
    type: overdue ? 'earful.case.overdue' : record.sentiment === 'negative' ? 'earful.response.negative' : 'earful.response',
    kind: overdue ? 'overdue' : 'response',
    id: record.id,
    alertId: overdue ? `${record.id}:overdue` : record.id,
    surveyId: record.surveyId,
    sentiment: record.sentiment,
    ratings,
    comments,
    reasons,
    contact,
    page: record.response.context?.url ?? null,
    locale: record.response.locale,
    createdAt: record.response.createdAt,
    receivedAt: record.receivedAt,
    user: record.response.user ?? null,
    metadata: record.response.metadata ?? null,
    caseUrl: options.publicUrl === undefined ? null : caseUrl(options.publicUrl, record.id),
    overdue: overdue
      ? { dueAt: options.firstResponseDueAt ?? record.receivedAt, waitedMs: Math.max(0, now - Date.parse(record.receivedAt)) }
      : null,
  };
}
