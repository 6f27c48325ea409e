/**
 * The row `earful export` writes for one stored response: its own flat shape of text columns,
 * apart from the alert payload, so that a change to what alerts carry never moves an export
 * column (and the reverse). Contact details go in only when the answer carries consent.
 */
import type { StoredResponse } from '../store.js';
import { consentedContact } from '../stores/shared/case-rules.js';

/** The export's columns, in the order they are written. */
export const EXPORT_COLUMNS = ['id', 'surveyId', 'receivedAt', 'createdAt', 'sentiment', 'ratings', 'comments', 'reasons', 'contact', 'page', 'locale'] as const;

/** One exported response: every column as text, `''` when the response has nothing for it. */
export type ExportRow = { readonly [column in (typeof EXPORT_COLUMNS)[number]]: string };

/** The export row of a stored response. */
export function exportRow(record: StoredResponse): ExportRow {
  const ratings: string[] = [];
  const comments: string[] = [];
  const reasons: string[] = [];
  for (const answer of record.response.answers) {
    if (answer.type === 'rating') ratings.push(`${answer.questionId}=${answer.value}/${answer.scale}`);
    else if (answer.type === 'text') {
      if (answer.value.trim() !== '') comments.push(answer.value);
    } else if (answer.type === 'choice') reasons.push([...answer.values, ...(answer.other ? [answer.other] : [])].join('; '));
  }
  const given = consentedContact(record.response);
  const contact = given ? [given.name, given.email, given.phone].filter(Boolean).join('; ') : '';
  return {
    id: record.id,
    surveyId: record.surveyId,
    receivedAt: record.receivedAt,
    createdAt: record.response.createdAt,
    sentiment: record.sentiment ?? '',
    ratings: ratings.join('; '),
    comments: comments.join(' | '),
    reasons: reasons.join(' | '),
    contact,
    page: record.response.context?.url ?? '',
    locale: record.response.locale,
  };
}
