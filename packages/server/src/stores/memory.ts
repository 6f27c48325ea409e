/**
 * The in-memory store: for tests, demos and serverless functions that forward elsewhere. Nothing
 * survives a restart — pending alerts included; use `sqliteStore` or `postgresStore` for that.
 */
import type { ListPage, ListQuery, PendingAlert, PutResult, ResponseStore, ResponseSummary, StoredResponse, SummaryQuery } from '../store.js';
import { alertId, type OutboxRow } from './shared/outbox-row.js';
import { comparePositions, listConditions, matches, normalizeList, normalizeSummary, pageOf, summaryConditions } from './shared/query.js';
import { summarizer } from './shared/summarize.js';

interface Entry {
  readonly record: StoredResponse;
  /** `record.receivedAt` in ms, parsed once. */
  readonly receivedAt: number;
}

const positionOf = (entry: Entry) => ({ receivedAt: entry.receivedAt, id: entry.record.id });
const compare = (a: Entry, b: Entry) => comparePositions(positionOf(a), positionOf(b));

/**
 * A {@link ResponseStore} kept in memory. `putIfAbsent` is atomic because it never awaits
 * between the check and the insert.
 *
 * @example
 * ```ts
 * import { createHandler, memoryStore } from '@earful/server';
 * const handler = createHandler({ store: memoryStore() });
 * ```
 */
export function memoryStore(): ResponseStore {
  const byId = new Map<string, Entry>();
  // Newest last; list walks it backwards.
  const ordered: Entry[] = [];
  const outbox = new Map<string, OutboxRow>();

  return {
    async putIfAbsent(record: StoredResponse, alerts: readonly string[] = []): Promise<PutResult> {
      const existing = byId.get(record.id);
      if (existing) return { inserted: false, existing: existing.record };
      const entry: Entry = { record, receivedAt: Date.parse(record.receivedAt) };
      byId.set(record.id, entry);
      // Keep `ordered` sorted by (at, id) even when receivedAt values arrive out of order.
      let i = ordered.length;
      while (i > 0 && compare(ordered[i - 1]!, entry) > 0) i -= 1;
      ordered.splice(i, 0, entry);
      for (const alert of alerts) {
        const id = alertId(record.id, alert);
        outbox.set(id, { id, alert, responseId: record.id, attempts: 0, nextAt: 0, lastError: null });
      }
      return { inserted: true };
    },
    async get(id: string): Promise<StoredResponse | undefined> {
      return byId.get(id)?.record;
    },
    async list(query?: ListQuery): Promise<ListPage> {
      const q = normalizeList(query);
      const conditions = listConditions(q);
      // Like the SQL stores, read one more than the page to tell whether another follows.
      const found: Entry[] = [];
      for (let i = ordered.length - 1; i >= 0 && found.length <= q.limit; i -= 1) {
        const entry = ordered[i]!;
        if (matches(conditions, entry.record, entry.receivedAt)) found.push(entry);
      }
      const page = pageOf(found, q.limit, positionOf);
      return { items: page.rows.map((entry) => entry.record), nextCursor: page.nextCursor };
    },
    async summary(query?: SummaryQuery): Promise<ResponseSummary> {
      const conditions = summaryConditions(normalizeSummary(query));
      const acc = summarizer();
      for (const { record, receivedAt } of ordered) {
        if (matches(conditions, record, receivedAt)) acc.add(record.response, record.sentiment);
      }
      return acc.result();
    },
    async claimAlerts({ now, limit, leaseMs, alert }): Promise<PendingAlert[]> {
      const claimed: PendingAlert[] = [];
      for (const row of outbox.values()) {
        if (claimed.length >= limit) break;
        if (row.nextAt === null || row.nextAt > now || (alert !== undefined && row.alert !== alert)) continue;
        row.nextAt = now + leaseMs;
        claimed.push({ id: row.id, alert: row.alert, responseId: row.responseId, attempts: row.attempts });
        row.attempts += 1;
      }
      return claimed;
    },
    async renewAlerts({ ids, until }): Promise<void> {
      for (const id of ids) {
        const row = outbox.get(id);
        if (row && row.nextAt !== null) row.nextAt = until;
      }
    },
    async completeAlert(id: string): Promise<void> {
      outbox.delete(id);
    },
    async failAlert(id: string, { retryAt, error }): Promise<void> {
      const row = outbox.get(id);
      if (!row) return;
      row.nextAt = retryAt;
      row.lastError = error;
    },
    async close(): Promise<void> {},
  };
}
