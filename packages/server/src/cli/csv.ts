/**
 * CSV rows of stored responses for `earful export --format csv`: one row per response, answers
 * flattened into readable columns. Cells that a spreadsheet would run as a formula are prefixed
 * with `'` (CSV injection), since the text comes from strangers.
 */
import { alertPayload } from '../alerts/alert-payload.js';
import type { StoredResponse } from '../store.js';

export const CSV_HEADER = ['id', 'surveyId', 'receivedAt', 'createdAt', 'sentiment', 'ratings', 'comments', 'reasons', 'contact', 'page', 'locale'];

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly string[]): string {
  return values.map(cell).join(',');
}

export function csvRow(record: StoredResponse): string {
  const p = alertPayload(record);
  return csvLine([
    p.id,
    p.surveyId,
    p.receivedAt,
    p.createdAt,
    p.sentiment ?? '',
    p.ratings.map((r) => `${r.questionId}=${r.value}/${r.scale}`).join('; '),
    p.comments.map((c) => c.text).join(' | '),
    p.reasons.map((r) => [...r.values, ...(r.other ? [r.other] : [])].join('; ')).join(' | '),
    p.contact ? [p.contact.name, p.contact.email, p.contact.phone].filter(Boolean).join('; ') : '',
    p.page ?? '',
    p.locale,
  ]);
}
