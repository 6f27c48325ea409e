/**
 * Turns a stored response into the {@link AlertPayload} every sink receives. Contact details go
 * in only when the answer carries consent (the schema already refuses contact without it; the
 * check stays here so an alert can never leak them).
 */
import { SCALES } from '@earful/schema';
import type { StoredResponse } from '../store.js';
import type { AlertPayload } from './alert.js';

/**
 * The alert payload of a stored response.
 *
 * @example
 * ```ts
 * const record = await store.get(id);
 * if (record) console.log(alertPayload(record).comments);
 * ```
 */
export function alertPayload(record: StoredResponse): AlertPayload {
  const ratings: AlertPayload['ratings'][number][] = [];
  const comments: AlertPayload['comments'][number][] = [];
  const reasons: AlertPayload['reasons'][number][] = [];
  let contact: AlertPayload['contact'] = null;
  for (const answer of record.response.answers) {
    if (answer.type === 'rating') {
      const { min, max } = SCALES[answer.scale];
      ratings.push({ questionId: answer.questionId, scale: answer.scale, value: answer.value, min, max });
    } else if (answer.type === 'text') {
      if (answer.value.trim() !== '') comments.push({ questionId: answer.questionId, text: answer.value });
    } else if (answer.type === 'choice') {
      reasons.push(answer.other === undefined ? { questionId: answer.questionId, values: answer.values } : { questionId: answer.questionId, values: answer.values, other: answer.other });
    } else if (answer.type === 'contact' && answer.consent === true) {
      contact = {
        ...(answer.name === undefined ? {} : { name: answer.name }),
        ...(answer.email === undefined ? {} : { email: answer.email }),
        ...(answer.phone === undefined ? {} : { phone: answer.phone }),
      };
    }
  }
  return {
    type: record.sentiment === 'negative' ? 'earful.response.negative' : 'earful.response',
    id: record.id,
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
  };
}
