/**
 * The in-memory store: for tests, demos and serverless functions that forward elsewhere. Nothing
 * survives a restart — pending alerts included; use `sqliteStore` or `postgresStore` for that.
 */
import { normalizeList, normalizeSummary, encodeCursor } from './internal/query.js';
import { alertId, type OutboxRow } from './internal/outbox-row.js';
import { summarizer } from './internal/summarize.js';
import type { ListPage, ListQuery, PendingAlert, PutResult, ResponseStore, ResponseSummary, StoredResponse, SummaryQuery } from './store.js';

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
  const byId = new Map<string, { record: StoredResponse; at: number }>();
  // Newest last; list walks it backwards.
  const ordered: { record: StoredResponse; at: number }[] = [];
  const outbox = new Map<string, OutboxRow>();

  return {
    async putIfAbsent(record: StoredResponse, alerts: readonly string[] = []): Promise<PutResult> {
      const existing = byId.get(record.id);
      if (existing) return { inserted: false, existing: existing.record };
      const entry = { record, at: Date.parse(record.receivedAt) };
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
      const items: StoredResponse[] = [];
      let more = false;
      for (let i = ordered.length - 1; i >= 0; i -= 1) {
        const { record, at } = ordered[i]!;
        if (q.after && compare({ record, at }, { record: { id: q.after.id } as StoredResponse, at: q.after.receivedAt }) >= 0) continue;
        if (q.surveyId !== undefined && record.surveyId !== q.surveyId) continue;
        if (q.sentiment !== undefined && record.sentiment !== q.sentiment) continue;
        if (q.since !== undefined && at < q.since) continue;
        if (q.until !== undefined && at >= q.until) continue;
        if (items.length === q.limit) {
          more = true;
          break;
        }
        items.push(record);
      }
      const last = items[items.length - 1];
      return { items, nextCursor: more && last ? encodeCursor(Date.parse(last.receivedAt), last.id) : null };
    },
    async summary(query?: SummaryQuery): Promise<ResponseSummary> {
      const q = normalizeSummary(query);
      const acc = summarizer();
      for (const { record, at } of ordered) {
        if (q.surveyId !== undefined && record.surveyId !== q.surveyId) continue;
        if (q.since !== undefined && at < q.since) continue;
        acc.add(record.response, record.sentiment);
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

function compare(a: { record: StoredResponse; at: number }, b: { record: StoredResponse; at: number }): number {
  return a.at - b.at || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0);
}
