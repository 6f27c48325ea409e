/**
 * The in-memory store: for tests, demos and serverless functions that forward elsewhere. Nothing
 * survives a restart — cases, accounts and pending alerts included; use `sqliteStore` or
 * `postgresStore` for that. It reads every case where the SQL stores read an index, which is fine
 * for the thousands of responses it is meant for.
 */
import { randomBytes } from 'node:crypto';
import type { Tombstone, TimelineEvent } from '@earful/schema';
import { CaseRuleError } from '../errors.js';
import { surveyLeftOut } from '../follow-up/follow-up-survey.js';
import type {
  AuthStore,
  AuthToken,
  CaseChange,
  CaseChangeResult,
  CaseInit,
  CaseQuery,
  CaseRecord,
  EraseTarget,
  ListPage,
  ListQuery,
  PendingAlert,
  PutResult,
  ResponseStore,
  ResponseSummary,
  StaffUser,
  StoreChange,
  StoredResponse,
  SummaryQuery,
} from '../store.js';
import { casePageOf, casePositionOf, caseMatches, compareCasePositions, normalizeCaseQuery } from './shared/case-query.js';
import { applyChange, caseView, erasedCounts, eraseTargetMatches, isOverdue, newCase, redactEvent, type CaseFields, type NewEvent } from './shared/case-rules.js';
import { alertId, type OutboxRow } from './shared/outbox-row.js';
import { comparePositions, listConditions, matches, normalizeList, normalizeSummary, pageOf, summaryConditions, type Position } from './shared/query.js';
import { summarizer } from './shared/summarize.js';

interface Entry {
  readonly record: StoredResponse;
  /** `record.receivedAt` in ms, parsed once. */
  readonly receivedAt: number;
  fields: CaseFields;
  readonly timeline: TimelineEvent[];
  /** The overdue sweep marked it (once ever). */
  overdueMarked: boolean;
}

const positionOf = (entry: Entry): Position => ({ receivedAt: entry.receivedAt, id: entry.record.id });
const compare = (a: Entry, b: Entry) => comparePositions(positionOf(a), positionOf(b));
const notesOf = (entry: Entry) => () => entry.timeline.flatMap((e) => (e.type === 'note_added' ? [e.text] : []));
const DEFAULT_EXPORT_BATCH = 500;

/**
 * A {@link ResponseStore} kept in memory. Every method is atomic because none awaits between
 * reading and writing its state; watchers are called once a change is complete.
 *
 * Erasure takes a response out of everything — lists, search, export and the summary's figures
 * (an erased complaint no longer counts) — and keeps only its tombstone and a redacted timeline.
 *
 * @example
 * ```ts
 * import { createHandler, memoryStore } from '@earful/server';
 * const handler = createHandler({ store: memoryStore() });
 * ```
 */
export function memoryStore(): ResponseStore {
  const byId = new Map<string, Entry>();
  // Oldest first by (receivedAt, id); list walks it backwards.
  const ordered: Entry[] = [];
  const outbox = new Map<string, OutboxRow>();
  const tombstones = new Map<string, Tombstone>();
  const erasedTimelines = new Map<string, TimelineEvent[]>();
  const idempotency = new Map<string, { readonly caseId: string; readonly digest: string }>();
  const listeners = new Set<(change: StoreChange) => void>();

  const emit = (change: StoreChange) => {
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch {
        // A watcher's failure is its own; the change is stored either way.
      }
    }
  };

  /** The index of the first entry after `position` in `ordered`. */
  const indexAfter = (position: Position) => {
    let lo = 0;
    let hi = ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (comparePositions(positionOf(ordered[mid]!), position) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const append = (entry: Entry, events: readonly NewEvent[]): TimelineEvent[] => {
    const added = events.map((event, i) => ({ ...event, seq: entry.timeline.length + i + 1 }) as TimelineEvent);
    entry.timeline.push(...added);
    return added;
  };

  const queueAlerts = (responseId: string, alerts: readonly string[], kind: PendingAlert['kind']) => {
    for (const alert of alerts) {
      const id = alertId(responseId, alert, kind);
      outbox.set(id, { id, alert, responseId, kind, attempts: 0, nextAt: 0, lastError: null });
    }
  };

  const caseRecord = (entry: Entry, now: number): CaseRecord => ({ case: caseView(entry.fields, entry.record.response, now), record: entry.record });

  const eraseEntry = (entry: Entry, actor: string, at: string): Tombstone => {
    const id = entry.record.id;
    const tombstone: Tombstone = { id, erasedAt: at, actor, counts: erasedCounts(entry.record.response, entry.timeline) };
    tombstones.set(id, tombstone);
    const timeline = entry.timeline.map(redactEvent);
    timeline.push({ seq: timeline.length + 1, type: 'erased', at, actor });
    erasedTimelines.set(id, timeline);
    byId.delete(id);
    const index = indexAfter(positionOf(entry)) - 1;
    if (ordered[index] === entry) ordered.splice(index, 1);
    // Pending alerts would carry the customer's metadata to the sinks.
    for (const row of [...outbox.values()]) if (row.responseId === id) outbox.delete(row.id);
    return tombstone;
  };

  return {
    async putIfAbsent(record: StoredResponse, alerts: readonly string[] = [], init?: CaseInit): Promise<PutResult> {
      if (tombstones.has(record.id)) return { inserted: false, erased: true };
      const existing = byId.get(record.id);
      if (existing) return { inserted: false, existing: existing.record };
      const { fields, event } = newCase(record, init);
      const entry: Entry = { record, receivedAt: Date.parse(record.receivedAt), fields, timeline: [], overdueMarked: false };
      append(entry, [event]);
      byId.set(record.id, entry);
      // Keep `ordered` sorted by (at, id) even when receivedAt values arrive out of order.
      ordered.splice(indexAfter(positionOf(entry)), 0, entry);
      queueAlerts(record.id, alerts, 'response');
      emit({ type: 'response', id: record.id, sentiment: record.sentiment, surveyId: record.surveyId });
      for (const alert of alerts) emit({ type: 'alert', id: record.id, alert, kind: 'response' });
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
      const q = normalizeSummary(query);
      const conditions = summaryConditions(q);
      const leftOut = surveyLeftOut(q.surveyId);
      const acc = summarizer({ now: q.now, days: q.days });
      for (const entry of ordered) {
        if (entry.record.surveyId === leftOut || !matches(conditions, entry.record, entry.receivedAt)) continue;
        acc.add(entry.record.response, entry.record.sentiment, entry.receivedAt);
        acc.addCase(entry.fields);
      }
      return acc.result();
    },
    async getCase(id, options = {}) {
      const entry = byId.get(id);
      return entry && caseRecord(entry, options.now ?? Date.now());
    },
    async timeline(id) {
      return [...(byId.get(id)?.timeline ?? erasedTimelines.get(id) ?? [])];
    },
    async listCases(query?: CaseQuery) {
      const q = normalizeCaseQuery(query);
      const found: Entry[] = [];
      // Newest first is the order of `ordered` backwards: stop at one more than a page.
      for (let i = ordered.length - 1; i >= 0 && (q.sort === 'urgent' || found.length <= q.limit); i -= 1) {
        const entry = ordered[i]!;
        if (caseMatches(q, entry.fields, entry.record, notesOf(entry))) found.push(entry);
      }
      const sorted = q.sort === 'urgent' ? found.sort((a, b) => compareCasePositions(casePositionOf(a.fields), casePositionOf(b.fields), 'urgent')) : found;
      const page = casePageOf(sorted, q, (entry) => casePositionOf(entry.fields));
      return { items: page.rows.map((entry) => caseRecord(entry, q.now)), nextCursor: page.nextCursor };
    },
    async changeCase(id: string, change: CaseChange): Promise<CaseChangeResult> {
      const entry = byId.get(id);
      if (!entry) return { kind: 'missing' };
      const now = Date.now();
      const key = change.idempotency;
      const seen = key && idempotency.get(key.key);
      if (seen) {
        const kind = seen.caseId === id && seen.digest === key.digest ? 'repeat' : 'key-reused';
        return { kind, case: caseView(entry.fields, entry.record.response, now) };
      }
      if (change.expectedVersion !== undefined && change.expectedVersion !== entry.fields.version) {
        return { kind: 'conflict', case: caseView(entry.fields, entry.record.response, now) };
      }
      const outcome = applyChange(entry.fields, change);
      if (!outcome.ok) throw new CaseRuleError(outcome.message);
      entry.fields = outcome.next;
      const events = append(entry, outcome.events);
      if (key) idempotency.set(key.key, { caseId: id, digest: key.digest });
      if (outcome.changed || events.length > 0) emit({ type: 'case', id, version: entry.fields.version });
      return { kind: 'applied', case: caseView(entry.fields, entry.record.response, now), events };
    },
    async markOverdue({ now, alerts, limit }) {
      const due = ordered
        .filter((entry) => !entry.overdueMarked && isOverdue(entry.fields, now))
        .sort((a, b) => Date.parse(a.fields.firstResponseDueAt!) - Date.parse(b.fields.firstResponseDueAt!) || compare(a, b))
        .slice(0, Math.max(0, limit));
      const at = new Date(now).toISOString();
      for (const entry of due) {
        entry.overdueMarked = true;
        append(entry, [{ type: 'overdue', target: 'first_response', at, actor: 'system' }]);
        queueAlerts(entry.record.id, alerts, 'overdue');
      }
      for (const entry of due) {
        emit({ type: 'case', id: entry.record.id, version: entry.fields.version });
        for (const alert of alerts) emit({ type: 'alert', id: entry.record.id, alert, kind: 'overdue' });
      }
      return due.map((entry) => entry.record.id);
    },
    async erase(target: EraseTarget, { actor, at }) {
      const hit =
        'responseId' in target
          ? [byId.get(target.responseId)].filter((entry): entry is Entry => entry !== undefined)
          : ordered.filter((entry) => eraseTargetMatches(target, entry.record.response));
      const written = hit.map((entry) => eraseEntry(entry, actor, at));
      for (const tombstone of written) emit({ type: 'erased', id: tombstone.id });
      return written;
    },
    async tombstone(id) {
      return tombstones.get(id);
    },
    async *exportRows(options = {}) {
      const q = normalizeList({ ...(options.surveyId === undefined ? {} : { surveyId: options.surveyId }), ...(options.since === undefined ? {} : { since: options.since }) });
      const conditions = listConditions(q);
      const batch = options.batch ?? DEFAULT_EXPORT_BATCH;
      let after: Position = { receivedAt: Number.NEGATIVE_INFINITY, id: '' };
      // Resumes by position, not index, so responses stored or erased between batches do not shift it.
      for (;;) {
        const rows: CaseRecord[] = [];
        const now = Date.now();
        for (let i = indexAfter(after); i < ordered.length && rows.length < batch; i += 1) {
          const entry = ordered[i]!;
          after = positionOf(entry);
          if (matches(conditions, entry.record, entry.receivedAt)) rows.push(caseRecord(entry, now));
        }
        if (rows.length === 0) return;
        yield* rows;
      }
    },
    watch(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    auth: memoryAuth(),
    async claimAlerts({ now, limit, leaseMs, alert }): Promise<PendingAlert[]> {
      const claimed: PendingAlert[] = [];
      for (const row of outbox.values()) {
        if (claimed.length >= limit) break;
        if (row.nextAt === null || row.nextAt > now || (alert !== undefined && row.alert !== alert)) continue;
        row.nextAt = now + leaseMs;
        claimed.push({ id: row.id, alert: row.alert, responseId: row.responseId, kind: row.kind, attempts: row.attempts });
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
    async close(): Promise<void> {
      listeners.clear();
    },
  };
}

/** Accounts and tokens in memory. */
function memoryAuth(): AuthStore {
  const users = new Map<string, StaffUser>();
  const tokens = new Map<string, AuthToken>();
  const secrets = new Map<string, string>();
  const live = (token: AuthToken | undefined, now: number) =>
    token !== undefined && (token.expiresAt === null || Date.parse(token.expiresAt) > now) ? token : undefined;
  return {
    async addUser(user) {
      const email = user.email.toLowerCase();
      if (users.has(email)) return false;
      users.set(email, { ...user, email });
      return true;
    },
    async getUser(email) {
      return users.get(email.toLowerCase());
    },
    async listUsers() {
      return [...users.values()].sort((a, b) => (a.email < b.email ? -1 : 1));
    },
    async setPassword(email, passwordHash) {
      const user = users.get(email.toLowerCase());
      if (!user) return false;
      users.set(user.email, { ...user, passwordHash });
      return true;
    },
    async removeUser(email) {
      return users.delete(email.toLowerCase());
    },
    async putToken(token) {
      tokens.set(token.hash, { ...token });
    },
    async getToken(hash, now) {
      return live(tokens.get(hash), now);
    },
    async takeToken(hash, now) {
      const token = tokens.get(hash);
      tokens.delete(hash);
      return live(token, now);
    },
    async deleteToken(hash) {
      tokens.delete(hash);
    },
    async deleteTokens(kind, subject) {
      let removed = 0;
      for (const [hash, token] of tokens) {
        if (token.kind === kind && token.subject === subject) removed += Number(tokens.delete(hash));
      }
      return removed;
    },
    async listTokens(kind, now) {
      return [...tokens.values()].filter((token) => token.kind === kind && live(token, now)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.hash < b.hash ? -1 : 1));
    },
    async secret(name) {
      let value = secrets.get(name);
      if (value === undefined) secrets.set(name, (value = randomBytes(32).toString('base64url')));
      return value;
    },
  };
}
