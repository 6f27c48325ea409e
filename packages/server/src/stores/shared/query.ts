/**
 * Normalizes `list` / `summary` queries and encodes cursors, so every store reads its filters
 * the same way and a cursor from one page means the same thing to each of them.
 */
import type { Sentiment } from '@earful/schema';
import { StoreError } from '../errors.js';
import type { ListQuery, SummaryQuery } from '../store.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** A list query with times as ms since epoch and the cursor decoded. */
export interface NormalQuery {
  surveyId: string | undefined;
  sentiment: Sentiment | undefined;
  since: number | undefined;
  until: number | undefined;
  limit: number;
  /** Position after which the page starts (exclusive), newest first. */
  after: { receivedAt: number; id: string } | undefined;
}

function toMs(value: string | Date | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(ms)) throw new StoreError(`${name} must be an ISO-8601 date such as "2026-11-01", got ${JSON.stringify(String(value))}`);
  return ms;
}

/** Encodes a page position; opaque to callers. */
export function encodeCursor(receivedAt: number, id: string): string {
  return Buffer.from(`${receivedAt}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { receivedAt: number; id: string } {
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
export function normalizeSummary(query: SummaryQuery = {}): { surveyId: string | undefined; since: number | undefined } {
  return { surveyId: query.surveyId, since: toMs(query.since, 'since') };
}
