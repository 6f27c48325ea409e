/**
 * The filters, orders and paging of `listCases`, written once for every store, like `query.ts`
 * is for `list`: a {@link CaseQuery} is validated and normalized here, the memory store tests
 * each case with {@link caseMatches}, and the SQL stores build their WHERE and ORDER BY with
 * {@link caseWhereSql} and {@link caseOrderSql}. A cursor therefore means the same to each store.
 * A query that names no survey leaves out the follow-up answers (see `follow-up-survey.ts`).
 *
 * The two orders, and the columns the SQL stores keep for them (so a page is an index range scan):
 * - `newest`: `received_at DESC, id DESC`.
 * - `urgent`: `priority ASC, urgency_due ASC, received_at DESC, id DESC`, where `priority` and
 *   `urgency_due` come from {@link urgencyOf} and are rewritten on every change of the case.
 */
import { CASE_STATUSES, type CaseStatus, type Sentiment } from '@earful/schema';
import { StoreError } from '../../errors.js';
import { surveyLeftOut } from '../../follow-up/follow-up-survey.js';
import type { CaseQuery, StoredResponse } from '../../store.js';
import { isOpen, type CaseFields } from './case-rules.js';
import { DEFAULT_PAGE_SIZE, encodeCursor, MAX_PAGE_SIZE, toMs, type Placeholder } from './query.js';
import { MAX_SEARCH_TERMS, searchTerms, searchTextOf, textMatches } from './search-text.js';

/**
 * `urgency_due` of a case without a due time. A number, not `NULL`, so the urgent order is one
 * plain ascending index in SQLite and PostgreSQL alike (SQLite sorts `NULL` first), and "no due
 * time" still sorts last.
 */
export const NO_DUE = Number.MAX_SAFE_INTEGER;

/**
 * Where a case sits in the urgent order. `priority`: 0 = open and negative, 1 = other open,
 * 2 = resolved or spam. `urgencyDue` (ms): the first-response target while nobody has
 * responded, else the resolution target; {@link NO_DUE} without one or when closed.
 */
export interface Urgency {
  readonly priority: 0 | 1 | 2;
  readonly urgencyDue: number;
}

/**
 * The urgency of a case: SQL stores write it to their `priority` and `urgency_due` columns
 * whenever a case is created or changed.
 *
 * @example
 * ```ts
 * const { priority, urgencyDue } = urgencyOf(next); // UPDATE cases SET priority = ?, urgency_due = ? …
 * ```
 */
export function urgencyOf(
  fields: Pick<CaseFields, 'status' | 'sentiment' | 'firstResponseAt' | 'firstResponseDueAt' | 'resolutionDueAt'>,
): Urgency {
  if (!isOpen(fields.status)) return { priority: 2, urgencyDue: NO_DUE };
  const due = fields.firstResponseAt === null ? fields.firstResponseDueAt : fields.resolutionDueAt;
  return { priority: fields.sentiment === 'negative' ? 0 : 1, urgencyDue: due === null ? NO_DUE : Date.parse(due) };
}

/** A case's place in both orders. */
export interface CasePosition extends Urgency {
  readonly receivedAt: number;
  readonly id: string;
}

/** The position of a case (what a cursor encodes). */
export function casePositionOf(fields: CaseFields): CasePosition {
  return { ...urgencyOf(fields), receivedAt: Date.parse(fields.receivedAt), id: fields.id };
}

export type CaseSort = 'newest' | 'urgent';

/** A case query, validated: times as ms, the text cut into terms, the cursor decoded. */
export interface NormalCaseQuery {
  readonly status: readonly CaseStatus[] | undefined;
  readonly sentiment: Sentiment | 'none' | undefined;
  readonly surveyId: string | undefined;
  /** A survey whose cases are left out: follow-up answers, unless `surveyId` names a survey (see `follow-up-survey.ts`). */
  readonly withoutSurvey: string | undefined;
  readonly reason: string | undefined;
  /** `null` = unassigned; `undefined` = any. */
  readonly assignee: string | null | undefined;
  readonly tag: string | undefined;
  readonly overdue: boolean | undefined;
  readonly since: number | undefined;
  readonly until: number | undefined;
  /** `[key, value]` pairs, every one must match. */
  readonly metadata: readonly (readonly [string, string])[];
  /** Folded search terms (see `search-text.ts`); `[]` = no text filter. */
  readonly terms: readonly string[];
  readonly sort: CaseSort;
  readonly limit: number;
  readonly now: number;
  /** The page starts after this position (exclusive) in `sort` order. */
  readonly after: CasePosition | undefined;
}

const SENTIMENTS: readonly string[] = ['negative', 'neutral', 'positive', 'none'];
const URGENT_CURSOR = 'u';

/** Validates and normalizes a case query; a `StoreError` that names the bad field otherwise. */
export function normalizeCaseQuery(query: CaseQuery = {}): NormalCaseQuery {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new StoreError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${String(limit)}`);
  }
  const status = query.status;
  if (status !== undefined) {
    if (status.length === 0) throw new StoreError(`status must list at least one of ${CASE_STATUSES.join(', ')} (leave it out for every status)`);
    for (const s of status) {
      if (!(CASE_STATUSES as readonly string[]).includes(s)) {
        throw new StoreError(`status must be one of ${CASE_STATUSES.join(', ')}, got ${JSON.stringify(s)}`);
      }
    }
  }
  if (query.sentiment !== undefined && !SENTIMENTS.includes(query.sentiment)) {
    throw new StoreError(`sentiment must be one of ${SENTIMENTS.join(', ')}, got ${JSON.stringify(query.sentiment)}`);
  }
  const sort = query.sort ?? 'newest';
  if (sort !== 'newest' && sort !== 'urgent') throw new StoreError(`sort must be "newest" or "urgent", got ${JSON.stringify(sort)}`);
  const now = query.now ?? Date.now();
  if (!Number.isFinite(now)) throw new StoreError(`now must be ms since epoch, got ${String(now)}`);
  const metadata = Object.entries(query.metadata ?? {}).map(([key, value]) => {
    if (key.length === 0 || typeof value !== 'string') {
      throw new StoreError(`metadata filters must map a key to a string value, got ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
    }
    return [key, value] as const;
  });
  const terms = searchTerms(query.q);
  if (terms.length > MAX_SEARCH_TERMS) throw new StoreError(`q must have at most ${MAX_SEARCH_TERMS} words, got ${terms.length}`);
  return {
    status: status === undefined ? undefined : [...new Set(status)],
    sentiment: query.sentiment,
    surveyId: query.surveyId,
    withoutSurvey: surveyLeftOut(query.surveyId),
    reason: query.reason,
    assignee: query.assignee,
    tag: query.tag,
    overdue: query.overdue,
    since: toMs(query.since, 'since'),
    until: toMs(query.until, 'until'),
    metadata,
    terms,
    sort,
    limit,
    now,
    after: query.cursor === undefined ? undefined : decodeCaseCursor(query.cursor, sort),
  };
}

/** Encodes where the next page starts; opaque to callers. A `newest` cursor is the same as `list`'s. */
export function encodeCaseCursor(position: CasePosition, sort: CaseSort): string {
  if (sort === 'newest') return encodeCursor(position.receivedAt, position.id);
  const { priority, urgencyDue, receivedAt, id } = position;
  return Buffer.from(`${URGENT_CURSOR}|${priority}|${urgencyDue}|${receivedAt}|${id}`, 'utf8').toString('base64url');
}

function decodeCaseCursor(cursor: string, sort: CaseSort): CasePosition {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const numbers = (texts: readonly string[]) => texts.map(Number);
  if (sort === 'newest' && parts.length >= 2) {
    const [receivedAt] = numbers(parts.slice(0, 1));
    const id = parts.slice(1).join('|');
    if (Number.isSafeInteger(receivedAt) && id.length > 0) return { priority: 0, urgencyDue: NO_DUE, receivedAt: receivedAt!, id };
  }
  if (sort === 'urgent' && parts.length >= 5 && parts[0] === URGENT_CURSOR) {
    const [priority, urgencyDue, receivedAt] = numbers(parts.slice(1, 4));
    const id = parts.slice(4).join('|');
    if ((priority === 0 || priority === 1 || priority === 2) && Number.isSafeInteger(urgencyDue) && Number.isSafeInteger(receivedAt) && id.length > 0) {
      return { priority, urgencyDue: urgencyDue!, receivedAt: receivedAt!, id };
    }
  }
  throw new StoreError(
    `cursor is not one this store returned for sort "${sort}", got ${JSON.stringify(cursor)}; pass the nextCursor of the previous page of the same query`,
  );
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Orders positions as a page lists them (negative: `a` comes first). */
export function compareCasePositions(a: CasePosition, b: CasePosition, sort: CaseSort): number {
  const newest = b.receivedAt - a.receivedAt || compareIds(b.id, a.id);
  if (sort === 'newest') return newest;
  return a.priority - b.priority || (a.urgencyDue < b.urgencyDue ? -1 : a.urgencyDue > b.urgencyDue ? 1 : 0) || newest;
}

/** Whether a case is overdue at `now` — the same test as `isOverdue`, read from its urgency (so SQL can use the columns). */
function overdueByUrgency(u: Urgency, firstResponseAt: string | null, now: number): boolean {
  return u.priority === 0 && firstResponseAt === null && u.urgencyDue <= now;
}

/**
 * Whether a case passes every filter of `q` and lies after its cursor (the memory store's WHERE
 * clause). `notes` are the texts of the case's notes, read only when `q` has search terms.
 */
export function caseMatches(q: NormalCaseQuery, fields: CaseFields, record: StoredResponse, notes: () => readonly string[]): boolean {
  const position = casePositionOf(fields);
  if (q.status !== undefined && !q.status.includes(fields.status)) return false;
  if (q.sentiment !== undefined && (fields.sentiment ?? 'none') !== q.sentiment) return false;
  if (q.surveyId !== undefined && fields.surveyId !== q.surveyId) return false;
  if (q.withoutSurvey !== undefined && fields.surveyId === q.withoutSurvey) return false;
  if (q.assignee !== undefined && fields.assignee !== q.assignee) return false;
  if (q.tag !== undefined && !fields.tags.includes(q.tag)) return false;
  if (q.overdue !== undefined && overdueByUrgency(position, fields.firstResponseAt, q.now) !== q.overdue) return false;
  if (q.since !== undefined && position.receivedAt < q.since) return false;
  if (q.until !== undefined && position.receivedAt >= q.until) return false;
  if (q.reason !== undefined && !record.response.answers.some((a) => a.type === 'choice' && a.values.includes(q.reason!))) return false;
  const metadata = record.response.metadata ?? {};
  for (const [key, value] of q.metadata) {
    if (!Object.hasOwn(metadata, key) || String(metadata[key]) !== value) return false;
  }
  if (q.after !== undefined && compareCasePositions(position, q.after, q.sort) <= 0) return false;
  if (q.terms.length > 0 && !textMatches(searchTextOf(record, notes()), q.terms)) return false;
  return true;
}

/**
 * What differs between SQLite and PostgreSQL. Each hook returns one SQL condition; `next(value)`
 * adds a parameter and returns its placeholder — call it in the order the placeholders appear in
 * the returned text (SQLite's `?` are numbered by position). Column names are those of the case
 * table (with the alias given to {@link caseWhereSql}).
 */
export interface CaseDialect {
  /** The search text holds every term (folded already, see `search-text.ts`; at least one). */
  text(terms: readonly string[], next: (value: unknown) => string): string;
  /** A choice answer of the response chose the option `value`. */
  reason(value: string, next: (value: unknown) => string): string;
  /** The case's tags include `value`. */
  tag(value: string, next: (value: unknown) => string): string;
  /** The response's metadata has `key` and its value, as a string, equals `value` (a number `1001` equals `'1001'`, `true` equals `'true'`). */
  metadata(key: string, value: string, next: (value: unknown) => string): string;
}

/**
 * The filters of `q` and its cursor as a WHERE clause (empty without any) and its parameters.
 * The case table needs these columns: `id`, `survey_id`, `received_at` (ms), `sentiment`,
 * `status`, `assignee`, `first_response_at` (only tested for `NULL`), `priority` and
 * `urgency_due` (ms, from {@link urgencyOf}); `alias` prefixes them (`'c'` → `c.status`).
 *
 * @example
 * ```ts
 * const { where, params } = caseWhereSql(q, (n) => `$${n}`, dialect, 'c');
 * params.push(q.limit + 1);
 * const sql = `SELECT … FROM cases c JOIN responses r ON r.id = c.id ${where} ORDER BY ${caseOrderSql(q.sort, 'c')} LIMIT $${params.length}`;
 * ```
 */
export function caseWhereSql(q: NormalCaseQuery, mark: Placeholder, dialect: CaseDialect, alias?: string): { where: string; params: unknown[] } {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  const params: unknown[] = [];
  const next = (value: unknown) => (params.push(value), mark(params.length));
  const parts: string[] = [];
  if (q.status !== undefined) parts.push(`${col('status')} IN (${q.status.map((s) => next(s)).join(', ')})`);
  if (q.sentiment === 'none') parts.push(`${col('sentiment')} IS NULL`);
  else if (q.sentiment !== undefined) parts.push(`${col('sentiment')} = ${next(q.sentiment)}`);
  if (q.surveyId !== undefined) parts.push(`${col('survey_id')} = ${next(q.surveyId)}`);
  // `<>` takes no index, so the filters that do narrow keep theirs.
  if (q.withoutSurvey !== undefined) parts.push(`${col('survey_id')} <> ${next(q.withoutSurvey)}`);
  if (q.assignee === null) parts.push(`${col('assignee')} IS NULL`);
  else if (q.assignee !== undefined) parts.push(`${col('assignee')} = ${next(q.assignee)}`);
  if (q.tag !== undefined) parts.push(dialect.tag(q.tag, next));
  if (q.overdue === true) {
    parts.push(`(${col('priority')} = 0 AND ${col('first_response_at')} IS NULL AND ${col('urgency_due')} <= ${next(q.now)})`);
  } else if (q.overdue === false) {
    parts.push(`(${col('priority')} <> 0 OR ${col('first_response_at')} IS NOT NULL OR ${col('urgency_due')} > ${next(q.now)})`);
  }
  if (q.since !== undefined) parts.push(`${col('received_at')} >= ${next(q.since)}`);
  if (q.until !== undefined) parts.push(`${col('received_at')} < ${next(q.until)}`);
  if (q.reason !== undefined) parts.push(dialect.reason(q.reason, next));
  for (const [key, value] of q.metadata) parts.push(dialect.metadata(key, value, next));
  if (q.after !== undefined) {
    // Placeholders are numbered in the order they appear in the text: SQLite's `?` counts them so.
    const a = q.after;
    const older = () => `(${col('received_at')}, ${col('id')}) < (${next(a.receivedAt)}, ${next(a.id)})`;
    if (q.sort === 'newest') parts.push(older());
    else {
      const [p1, p2, d1, d2] = [next(a.priority), next(a.priority), next(a.urgencyDue), next(a.urgencyDue)];
      parts.push(
        `(${col('priority')} > ${p1} OR (${col('priority')} = ${p2} AND (${col('urgency_due')} > ${d1} OR (${col('urgency_due')} = ${d2} AND ${older()}))))`,
      );
    }
  }
  if (q.terms.length > 0) parts.push(dialect.text(q.terms, next));
  return { where: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** The ORDER BY of a page (without the keyword). */
export function caseOrderSql(sort: CaseSort, alias?: string): string {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  const newest = `${col('received_at')} DESC, ${col('id')} DESC`;
  return sort === 'newest' ? newest : `${col('priority')} ASC, ${col('urgency_due')} ASC, ${newest}`;
}

/**
 * A `LIKE` pattern that matches `term` anywhere, with `\` escaping `%`, `_` and `\` (write
 * `LIKE ? ESCAPE '\'`): PostgreSQL's trigram index serves it, SQLite scans with it.
 */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Cuts the `limit + 1` cases a store read into one page and the cursor of the next (`null` when
 * no case follows).
 */
export function casePageOf<T>(rows: readonly T[], q: NormalCaseQuery, positionOf: (row: T) => CasePosition): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, q.limit);
  const last = rows.length > q.limit ? page.at(-1) : undefined;
  return { rows: page, nextCursor: last === undefined ? null : encodeCaseCursor(positionOf(last), q.sort) };
}
