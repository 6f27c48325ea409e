/**
 * How a case is kept in PostgreSQL: its fields as JSONB (read back exactly as written), plus the
 * columns the queries filter and sort by, all derived here from the fields so they never drift:
 * status, assignee, tags, the urgency sort keys of `case-query.ts`, the overdue test's inputs,
 * the durations the summary's percentiles read, the erase keys and the search text.
 */
import type pg from 'pg';
import type { CaseRecord, StoredResponse } from '../../store.js';
import { urgencyOf } from './case-query.js';
import { caseView, type CaseFields } from './case-rules.js';
import { msOf } from './postgres-context.js';
import { rowToRecord, type ResponseRow } from './response-row.js';
import { searchTextOf } from './search-text.js';

/** The columns of a cases row, in the order {@link caseValues} gives them. */
export const CASE_COLUMNS = [
  'id',
  'survey_id',
  'received_at',
  'sentiment',
  'status',
  'assignee',
  'tags',
  'version',
  'first_response_at',
  'first_response_due_at',
  'resolved_at',
  'priority',
  'urgency_due',
  'first_response_ms',
  'resolution_ms',
  'email',
  'user_id',
  'search_text',
  'fields',
] as const;

/** Casts of {@link CASE_COLUMNS}' parameters where PostgreSQL cannot infer them (in `SELECT $1, …`). */
export const CASE_CASTS: readonly string[] = [
  '', '', '::bigint', '::text', '::text', '::text', '::text[]', '::int', '::bigint', '::bigint', '::bigint', '::smallint', '::bigint',
  '::bigint', '::bigint', '::text', '::text', '::text', '::jsonb',
];

/** The first contact email of a response, lower-cased: what `erase({ email })` finds it by. */
export function contactEmailOf(response: StoredResponse['response']): string | null {
  for (const answer of response.answers) {
    if (answer.type === 'contact' && answer.email !== undefined) return answer.email.toLowerCase();
  }
  return null;
}

/** The values of {@link CASE_COLUMNS} for a case of `record` with these notes. */
export function caseValues(fields: CaseFields, record: Pick<StoredResponse, 'response'>, notes: readonly string[]): unknown[] {
  const received = Date.parse(fields.receivedAt);
  const firstResponse = msOf(fields.firstResponseAt);
  const resolved = msOf(fields.resolvedAt);
  const { priority, urgencyDue } = urgencyOf(fields);
  return [
    fields.id,
    fields.surveyId,
    received,
    fields.sentiment,
    fields.status,
    fields.assignee,
    fields.tags,
    fields.version,
    firstResponse,
    msOf(fields.firstResponseDueAt),
    resolved,
    priority,
    urgencyDue,
    firstResponse === null ? null : firstResponse - received,
    resolved === null ? null : resolved - received,
    contactEmailOf(record.response),
    record.response.user?.id ?? null,
    searchTextOf(record, notes),
    JSON.stringify(fields),
  ];
}

/** `INSERT INTO cases (…) VALUES ($1, …)` for one case. */
export function insertCaseSql(p: string): string {
  return `INSERT INTO ${p}cases (${CASE_COLUMNS.join(', ')}) VALUES (${CASE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;
}

/** `UPDATE cases SET … WHERE id = $1` rewriting every derived column. */
export function updateCaseSql(p: string): string {
  const sets = CASE_COLUMNS.slice(1).map((column, i) => `${column} = $${i + 2}`);
  return `UPDATE ${p}cases SET ${sets.join(', ')} WHERE id = $1`;
}

/** A joined row of cases and responses. */
export type CaseJoinRow = ResponseRow & { fields: CaseFields };

/** The SELECT list of a case joined with its response (`c` and `r`). */
export const CASE_JOIN_COLUMNS = 'r.id, r.survey_id, r.received_at, r.sentiment, r.digest, r.body, c.fields';

export function rowToCaseRecord(row: CaseJoinRow, now: number): CaseRecord {
  const record = rowToRecord(row);
  return { case: caseView(row.fields, record.response, now), record };
}

/** The texts of a case's notes, oldest first (the search text holds them). */
export async function notesOf(client: pg.Pool | pg.PoolClient, p: string, id: string): Promise<string[]> {
  const { rows } = await client.query<{ text: string }>(
    `SELECT event->>'text' AS text FROM ${p}timeline WHERE case_id = $1 AND type = 'note_added' ORDER BY seq`,
    [id],
  );
  return rows.map((r) => r.text);
}
