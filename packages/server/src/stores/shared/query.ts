/**
 * The filters and paging of `list` and `summary`, written once for every store: queries are
 * normalized here, turned into a list of conditions, and each store reads those conditions —
 * the SQL stores as a WHERE clause (`whereSql`), the memory store as a test on each record
 * (`matches`). A cursor from one page therefore means the same thing to each of them.
 */
import type { Sentiment } from '@earful/schema';
import { StoreError } from '../../errors.js';
import type { ListQuery, StoredResponse, SummaryQuery } from '../../store.js';
import { DEFAULT_SUMMARY_DAYS, MAX_SUMMARY_DAYS } from './summarize.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** Where a response sits in the order every store pages by: `receivedAt` (ms), then `id`. */
export interface Position {
  readonly receivedAt: number;
  readonly id: string;
}

/** A list query with times as ms since epoch and the cursor decoded. */
export interface NormalQuery {
  surveyId: string | undefined;
  sentiment: Sentiment | undefined;
  since: number | undefined;
  until: number | undefined;
  limit: number;
  /** Position after which the page starts (exclusive), newest first. */
  after: Position | undefined;
}

/** A summary query with times as ms since epoch. */
export interface NormalSummary {
  surveyId: string | undefined;
  since: number | undefined;
  /** Days of the series, 1–366. */
  days: number;
  /** "Now" in ms: the series' last day and what `overdue` is counted at. */
  now: number;
}

/** A bound given as ISO-8601 text or a `Date`, as ms since epoch; a `StoreError` naming `name` when it is not a date. */
export function toMs(value: string | Date | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(ms)) throw new StoreError(`${name} must be an ISO-8601 date such as "2026-11-01", got ${JSON.stringify(String(value))}`);
  return ms;
}

/** Encodes a page position; opaque to callers. */
export function encodeCursor(receivedAt: number, id: string): string {
  return Buffer.from(`${receivedAt}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): Position {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = text.indexOf('|');
  const receivedAt = Number(text.slice(0, bar));
  if (bar < 1 || !Number.isSafeInteger(receivedAt)) {
    throw new StoreError(`cursor is not one this store returned, got ${JSON.stringify(cursor)}; pass the nextCursor of the previous page`);
  }
  return { receivedAt, id: text.slice(bar + 1) };
}

/** Validates and normalizes a list query. */
export function normalizeList(query: ListQuery = {}): NormalQuery {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new StoreError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${String(limit)}`);
  }
  return {
    surveyId: query.surveyId,
    sentiment: query.sentiment,
    since: toMs(query.since, 'since'),
    until: toMs(query.until, 'until'),
    limit,
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
  };
}

/** Validates and normalizes a summary query. */
export function normalizeSummary(query: SummaryQuery = {}): NormalSummary {
  const days = query.days ?? DEFAULT_SUMMARY_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_SUMMARY_DAYS) {
    throw new StoreError(`days must be an integer from 1 to ${MAX_SUMMARY_DAYS}, got ${String(days)}`);
  }
  const now = query.now ?? Date.now();
  if (!Number.isFinite(now)) throw new StoreError(`now must be ms since epoch, got ${String(now)}`);
  return { surveyId: query.surveyId, since: toMs(query.since, 'since'), days, now };
}

/**
 * One filter on the responses table. `before` / `after` compare the (received_at, id) pair, so
 * pages never skip or repeat a row when many share one received_at.
 */
export type Condition =
  | { readonly kind: 'surveyId'; readonly value: string }
  | { readonly kind: 'sentiment'; readonly value: Sentiment }
  | { readonly kind: 'since'; readonly value: number }
  | { readonly kind: 'until'; readonly value: number }
  | { readonly kind: 'before'; readonly value: Position }
  | { readonly kind: 'after'; readonly value: Position };

/** The conditions of a list query (its cursor included). */
export function listConditions(q: NormalQuery): Condition[] {
  const conditions: Condition[] = [];
  if (q.surveyId !== undefined) conditions.push({ kind: 'surveyId', value: q.surveyId });
  if (q.sentiment !== undefined) conditions.push({ kind: 'sentiment', value: q.sentiment });
  if (q.since !== undefined) conditions.push({ kind: 'since', value: q.since });
  if (q.until !== undefined) conditions.push({ kind: 'until', value: q.until });
  if (q.after) conditions.push({ kind: 'before', value: q.after });
  return conditions;
}

/** The conditions of a summary query. */
export function summaryConditions(q: NormalSummary): Condition[] {
  const conditions: Condition[] = [];
  if (q.surveyId !== undefined) conditions.push({ kind: 'surveyId', value: q.surveyId });
  if (q.since !== undefined) conditions.push({ kind: 'since', value: q.since });
  return conditions;
}

/** Orders positions oldest first: by receivedAt, then id. */
export function comparePositions(a: Position, b: Position): number {
  return a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether a record passes every condition (the memory store's WHERE clause). */
export function matches(conditions: readonly Condition[], record: StoredResponse, receivedAt: number): boolean {
  return conditions.every((c) => {
    switch (c.kind) {
      case 'surveyId':
        return record.surveyId === c.value;
      case 'sentiment':
        return record.sentiment === c.value;
      case 'since':
        return receivedAt >= c.value;
      case 'until':
        return receivedAt < c.value;
      case 'before':
        return comparePositions({ receivedAt, id: record.id }, c.value) < 0;
      case 'after':
        return comparePositions({ receivedAt, id: record.id }, c.value) > 0;
    }
  });
}

/** How a SQL dialect writes the n-th parameter (1-based): `?` for SQLite, `$n` for PostgreSQL. */
export type Placeholder = (n: number) => string;

/** The conditions as a WHERE clause (empty without conditions) and its parameters, in order. */
export function whereSql(conditions: readonly Condition[], mark: Placeholder): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const next = (value: unknown) => (params.push(value), mark(params.length));
  const parts = conditions.map((c) => {
    switch (c.kind) {
      case 'surveyId':
        return `survey_id = ${next(c.value)}`;
      case 'sentiment':
        return `sentiment = ${next(c.value)}`;
      case 'since':
        return `received_at >= ${next(c.value)}`;
      case 'until':
        return `received_at < ${next(c.value)}`;
      case 'before':
      case 'after':
        return `(received_at, id) ${c.kind === 'before' ? '<' : '>'} (${next(c.value.receivedAt)}, ${next(c.value.id)})`;
    }
  });
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** The SELECT of one list page from `table`: newest first, one row more than the page to tell if another follows. */
export function listSql(table: string, q: NormalQuery, mark: Placeholder): { sql: string; params: unknown[] } {
  const { where, params } = whereSql(listConditions(q), mark);
  params.push(q.limit + 1);
  return { sql: `SELECT * FROM ${table} ${where} ORDER BY received_at DESC, id DESC LIMIT ${mark(params.length)}`, params };
}

/**
 * The SELECT of one step of a summary from `table`: `size` rows after `after`, oldest first,
 * with only the columns the summary reads.
 */
export function summaryStepSql(table: string, q: NormalSummary, after: Position, size: number, mark: Placeholder): { sql: string; params: unknown[] } {
  const { where, params } = whereSql([{ kind: 'after', value: after }, ...summaryConditions(q)], mark);
  params.push(size);
  return { sql: `SELECT id, received_at, sentiment, body FROM ${table} ${where} ORDER BY received_at, id LIMIT ${mark(params.length)}`, params };
}

/**
 * Cuts the `limit + 1` rows a store read into one page and the cursor of the next (`null` when
 * no row follows the page).
 */
export function pageOf<T>(rows: readonly T[], limit: number, positionOf: (row: T) => Position): { rows: T[]; nextCursor: string | null } {
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  if (last === undefined) return { rows: rows.slice(0, limit), nextCursor: null };
  const { receivedAt, id } = positionOf(last);
  return { rows: rows.slice(0, limit), nextCursor: encodeCursor(receivedAt, id) };
}
