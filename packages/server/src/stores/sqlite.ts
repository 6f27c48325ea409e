/**
 * `@earful/server/sqlite` — the embedded default store, on Node's built-in `node:sqlite` where
 * Node.js has it (22.13+), else on better-sqlite3 (an optional peer dependency: only users of this
 * entry on older Node.js install it; see `./shared/sqlite-driver.ts`). WAL mode, versioned
 * migrations, prepared statements; writes are synchronous and short, so they never wait on each
 * other in one process.
 */
import type { TimelineEvent, Tombstone } from '@earful/schema';
import { ConfigError, isCaseRuleError, StoreError } from '../errors.js';
import type {
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
  StoreChange,
  StoredResponse,
  SummaryQuery,
} from '../store.js';
import { normalizeCaseQuery } from './shared/case-query.js';
import { alertId } from './shared/outbox-row.js';
import { listSql, normalizeList, normalizeSummary, pageOf, toMs } from './shared/query.js';
import { positionOfRow, rowToRecord, type ResponseRow } from './shared/response-row.js';
import { sqliteAuth } from './shared/sqlite-auth.js';
import { caseTables, exportReader, joinedToRecord } from './shared/sqlite-cases.js';
import { boundWal, DEFAULT_WAL_LIMIT_BYTES } from './shared/sqlite-checkpointer.js';
import { loadSqliteDriver, sqliteErrorCode, type SqliteConnection } from './shared/sqlite-driver.js';
import { rollupWriter } from './shared/sqlite-rollup.js';
import { checkEarfulDatabase, migrate } from './shared/sqlite-schema.js';
import { statementCache } from './shared/sqlite-statements.js';
import { summaryReader } from './shared/sqlite-summary.js';

/**
 * The SQLite drivers the store can use (see {@link SqliteStoreOptions.driver}).
 *
 * @example
 * ```ts
 * const driver: SqliteDriverName = 'better-sqlite3';
 * const store = sqliteStore('./feedback.db', { driver });
 * ```
 */
export type SqliteDriverName = 'node:sqlite' | 'better-sqlite3';

const mark = () => '?';

/**
 * Options of {@link sqliteStore}.
 *
 * @example
 * ```ts
 * const store = sqliteStore('./feedback.db', { busyTimeoutMs: 10_000 });
 * ```
 */
export interface SqliteStoreOptions {
  /** Fail when the file does not exist instead of creating it. Default `false`. */
  readonly fileMustExist?: boolean;
  /**
   * Open an existing Earful database for reading only (the CLI's `export` and `stats` do): never
   * migrate, never change the journal mode, never write; a file that is not an Earful database
   * is refused with a `StoreError`. Writes reject. Default `false`.
   */
  readonly readOnly?: boolean;
  /** How long to wait for another process's lock before failing, in ms. Default `5000`. */
  readonly busyTimeoutMs?: number;
  /**
   * Run WAL checkpoints in a worker thread every this many ms instead of on the serving thread;
   * `false` keeps SQLite's automatic checkpoints (right for short-lived readers). Default `500`.
   */
  readonly backgroundCheckpointMs?: number | false;
  /**
   * Bound of the write-ahead log file, in bytes: past it the checkpoint worker restarts the WAL
   * (commits wait for it a few ms) and the file is trimmed back to this size; once writes stop,
   * it is emptied. If the worker falls behind, the serving thread checkpoints at twice this.
   * Under sustained load the WAL peaks about 15 MB above it. Default `33554432` (32 MiB).
   */
  readonly walLimitBytes?: number;
  /**
   * How long the first write of a batch waits for others to share its transaction, in ms. With
   * `0`, writes from the same event-loop turn share one (under load that is already 10–20 rows
   * per commit); a window helps when many writers arrive just apart. Default `0`.
   */
  readonly batchWindowMs?: number;
  /**
   * How long puts must pause before new cases enter the text-search index, in ms (under load that
   * never pauses, with the puts once 200,000 are waiting). Indexing a case's trigrams costs a good
   * part of storing it, so it is kept off the busy moments; until then searches read those cases'
   * text directly, with the same results. Default `250`.
   */
  readonly searchIndexDelayMs?: number;
  /**
   * How many new cases the text-search index may trail under load that never pauses before the
   * puts index them too, in chunks of 500 (twice what they add, until it is back under this).
   * A search scans the text of the cases the index has not taken yet: at 200,000 about 0.1 s for
   * a rare term. Lower it to keep searches faster during a long flood, at some ingest speed.
   * Default `200000`.
   */
  readonly searchIndexMaxLag?: number;
  /**
   * The SQLite driver: `'node:sqlite'` (built into Node.js 22.13+, nothing to install) or
   * `'better-sqlite3'` (an optional peer dependency with a native build). Both read and write the
   * same files. Default: `'node:sqlite'` when this Node.js has it, else `'better-sqlite3'`.
   */
  readonly driver?: SqliteDriverName;
}

const MAX_BATCH = 512;
/** How long after a put the search index takes new cases (by default), and how many per transaction. */
const SEARCH_INDEX_DELAY_MS = 250;
const SEARCH_INDEX_BATCH = 500;
/**
 * New cases the search index may lag behind under load that never pauses before puts pay for it
 * again: about 40 s of puts at 5,000/s. A search scans the text of the cases past the index's
 * mark, which at this lag takes about 0.1 s (the rare-term case; a common term fills its page
 * first). Past it, the puts index in chunks of SEARCH_INDEX_BATCH (see `flush`).
 */
const SEARCH_INDEX_MAX_LAG = 200_000;

function describeOpenError(path: string, error: unknown): StoreError {
  const code = sqliteErrorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  const hint = /directory does not exist/.test(detail)
    ? 'create the directory first or fix the path'
    : code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED'
      ? 'another process holds a lock on it; stop that process or use another --db file'
      : code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
        ? 'the file is not an SQLite database; point --db at an Earful database or a new file name'
        : code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM' || code === 'SQLITE_IOERR'
          ? 'check that the path exists and that this user may read and write it (and its directory)'
          : 'check the path and that the file is an Earful database';
  return new StoreError(`cannot open SQLite database ${JSON.stringify(path)}: ${detail} — ${hint}`, { cause: error });
}

/**
 * A {@link ResponseStore} in one SQLite file (created when missing, migrated on open; with
 * `readOnly`, only checked). Throws a
 * `StoreError` saying what to do when the file is locked, unreadable or not a database.
 *
 * @example
 * ```ts
 * import { createHandler } from '@earful/server';
 * import { sqliteStore } from '@earful/server/sqlite';
 * const handler = createHandler({ store: sqliteStore('./feedback.db') });
 * ```
 */
export function sqliteStore(path: string, options: SqliteStoreOptions = {}): ResponseStore {
  const maxLag = options.searchIndexMaxLag ?? SEARCH_INDEX_MAX_LAG;
  if (!Number.isSafeInteger(maxLag) || maxLag < 0) {
    throw new ConfigError(`searchIndexMaxLag must be a whole number of cases, 0 or more, got ${String(options.searchIndexMaxLag)}`);
  }
  let db: SqliteConnection;
  const driver = loadSqliteDriver(options.driver);
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  try {
    db = driver.open(path, { readOnly: options.readOnly === true, fileMustExist: options.readOnly === true || (options.fileMustExist ?? false), busyTimeoutMs });
  } catch (error) {
    throw describeOpenError(path, error);
  }
  if (options.readOnly === true) {
    try {
      checkEarfulDatabase(db, path);
    } catch (error) {
      db.close();
      throw error instanceof StoreError ? error : describeOpenError(path, error);
    }
  } else try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536'); // 64 MiB: index pages stay in memory under load
    migrate(db);
  } catch (error) {
    db.close();
    throw error instanceof StoreError ? error : describeOpenError(path, error);
  }

  const interval = options.readOnly === true ? false : (options.backgroundCheckpointMs ?? 500);
  let checkpointer: ReturnType<typeof boundWal>;
  try {
    checkpointer = boundWal(db, path, { intervalMs: interval, limitBytes: options.walLimitBytes ?? DEFAULT_WAL_LIMIT_BYTES });
  } catch (error) {
    db.close();
    throw error;
  }

  const rollups = rollupWriter(db);
  // Read-only: no case statements that write are prepared against a file that may not allow them.
  const cases = caseTables(db, rollups);
  const summarize = summaryReader(db);
  // Not RETURNING: on the ingest path it cost several times the insert itself (better-sqlite3).
  const insert = db.prepare('INSERT INTO responses (id, survey_id, received_at, sentiment, digest, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING');
  const insertAlert = db.prepare("INSERT INTO pending_alerts (id, alert, response_id, next_at, kind) VALUES (?, ?, ?, 0, 'response') ON CONFLICT (id) DO NOTHING");
  const selectOne = db.prepare<ResponseRow>('SELECT * FROM responses WHERE id = ?');
  const erased = db.prepare<{ id: string }>('SELECT id FROM tombstones WHERE id = ?');
  const anyErased = db.prepare<{ n: number }>('SELECT EXISTS (SELECT 1 FROM tombstones) AS n');
  const due = db.prepare<{ id: string; alert: string; response_id: string; kind: PendingAlert['kind']; attempts: number }>(
    'SELECT id, alert, response_id, kind, attempts FROM pending_alerts WHERE next_at IS NOT NULL AND next_at <= ? AND (? IS NULL OR alert = ?) ORDER BY next_at LIMIT ?',
  );
  // A claim counts as an attempt, so one cut short by a crash is counted too.
  const lease = db.prepare('UPDATE pending_alerts SET next_at = ?, attempts = attempts + 1 WHERE id = ?');
  const renew = db.prepare('UPDATE pending_alerts SET next_at = ? WHERE id = ? AND next_at IS NOT NULL');
  const complete = db.prepare('DELETE FROM pending_alerts WHERE id = ?');
  const fail = db.prepare('UPDATE pending_alerts SET next_at = ?, last_error = ? WHERE id = ?');

  // Watchers hear of a change after its transaction commits, never of one that rolled back.
  const listeners = new Set<(change: StoreChange) => void>();
  const announce = (changes: readonly StoreChange[]) => {
    for (const change of changes) {
      for (const listener of listeners) {
        try {
          listener(change);
        } catch {
          // a watcher's failure is its own; the write is committed and the others still hear of it
        }
      }
    }
  };
  /** Runs `work` in one write transaction with the counters it gathered, then tells watchers. */
  function write<T>(what: string, work: (changes: StoreChange[]) => T): T {
    const changes: StoreChange[] = [];
    const result = guard(what, () => {
      try {
        return db.immediate(() => {
          const value = work(changes);
          rollups.flush();
          return value;
        });
      } catch (error) {
        rollups.discard();
        throw error;
      }
    });
    announce(changes);
    return result;
  }

  // Group commit: puts that arrive in the same event-loop turn share one transaction, because on
  // many machines the commit (a write to the WAL) costs more than the insert itself.
  interface QueuedPut {
    record: StoredResponse;
    alerts: readonly string[];
    init: CaseInit | undefined;
    resolve: (result: PutResult) => void;
    reject: (error: unknown) => void;
  }
  let queue: QueuedPut[] = [];
  const putOne = ({ record, alerts, init }: QueuedPut, changes: StoreChange[], written: { seq: number; text: string }[], tombstones: boolean): PutResult => {
    if (tombstones && erased.get(record.id)) return { inserted: false, erased: true };
    const inserted = insert.run(record.id, record.surveyId, Date.parse(record.receivedAt), record.sentiment, record.digest, JSON.stringify(record.response));
    if (Number(inserted.changes) === 1) {
      const seq = Number(inserted.lastInsertRowid);
      lastSeq = Math.max(lastSeq, seq);
      written.push({ seq, text: cases.insert(seq, record, init).text });
      for (const alert of alerts) insertAlert.run(alertId(record.id, alert), alert, record.id);
      changes.push({ type: 'response', id: record.id, sentiment: record.sentiment, surveyId: record.surveyId });
      for (const alert of alerts) changes.push({ type: 'alert', id: record.id, alert, kind: 'response' });
      return { inserted: true };
    }
    const row = selectOne.get(record.id);
    if (!row) throw new StoreError(`response ${record.id} was neither inserted nor found; the database may be damaged`);
    return { inserted: false, existing: rowToRecord(row) };
  };
  const batchWindowMs = options.batchWindowMs ?? 0;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  function flush(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    if (queue.length === 0) return;
    // The checkpoint worker holds the writer lock to restart the WAL: commit once it is done,
    // rather than in SQLite's busy-wait, which would stop the event loop meanwhile.
    if (checkpointer.holding()) return checkpointer.afterHold(flush);
    const batch = queue;
    queue = [];
    try {
      const results = write('store a response', (changes) => {
        const written: { seq: number; text: string }[] = [];
        // Most files have no tombstone: one look per batch (inside its transaction, so no erasure
        // can slip in between) spares each put its own.
        const tombstones = anyErased.get()?.n === 1;
        const done = batch.map((item) => putOne(item, changes, written, tombstones));
        cases.indexIfBehind(written);
        // Under load that never pauses, once the index lags too far, the puts owe it twice what
        // they add, paid in chunks of SEARCH_INDEX_BATCH: the lag shrinks back under the bound.
        // Not a little with every batch: FTS5 writes a segment per transaction and merges them,
        // and 20 cases at a time cost 35 µs a case against 13 µs in chunks of 500 (measured on
        // 105,000 cases).
        if (lastSeq - indexedMark > maxLag) {
          indexDebt += 2 * written.length;
          if (indexDebt >= SEARCH_INDEX_BATCH) {
            indexedMark = cases.indexSearch(indexDebt).to;
            indexDebt = 0;
          }
        }
        return done;
      });
      batch.forEach((item, i) => item.resolve(results[i]!));
      if (results.some((r) => r.inserted)) indexLater();
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }

  // The search index takes new cases once puts pause, a few hundred per transaction (or, under
  // load that never pauses and once 50,000 wait, with each batch of puts): indexing the trigrams
  // of a case costs about as much as storing it, and searches read the text of cases past its
  // mark meanwhile.
  let indexTimer: ReturnType<typeof setTimeout> | undefined;
  let lastSeq = 0;
  let indexedMark = 0;
  let indexDebt = 0;
  function indexLater(delayMs = options.searchIndexDelayMs ?? SEARCH_INDEX_DELAY_MS): void {
    if (options.readOnly === true) return;
    if (indexTimer) clearTimeout(indexTimer);
    indexTimer = setTimeout(indexNow, delayMs);
    indexTimer.unref?.();
  }
  function indexNow(): void {
    indexTimer = undefined;
    if (!db.open) return;
    if (checkpointer.holding()) return checkpointer.afterHold(indexNow);
    try {
      const { count, to } = write('index search text', () => cases.indexSearch(SEARCH_INDEX_BATCH));
      indexedMark = to;
      if (count === SEARCH_INDEX_BATCH) indexLater(0); // a put in the meantime pushes it back
    } catch {
      indexLater(); // a busy file: the next attempt comes; searches scan meanwhile
    }
  }
  indexLater(); // what an earlier process left behind
  const claim = (now: number, limit: number, leaseMs: number, alert: string | null) => {
    const rows = due.all(now, alert, alert, limit);
    for (const row of rows) lease.run(now + leaseMs, row.id);
    return rows;
  };
  const renewAll = (ids: readonly string[], until: number) => {
    for (const id of ids) renew.run(until, id);
  };
  const prepared = statementCache(db);

  function guard<T>(what: string, run: () => T): T {
    if (!db.open) throw new StoreError(`SQLite store ${JSON.stringify(path)} is closed`);
    try {
      return run();
    } catch (error) {
      if (error instanceof StoreError || isCaseRuleError(error)) throw error;
      throw new StoreError(`SQLite store could not ${what} in ${JSON.stringify(path)}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }

  return {
    putIfAbsent(record: StoredResponse, alerts: readonly string[] = [], init?: CaseInit): Promise<PutResult> {
      return new Promise((resolve, reject) => {
        if (!db.open) return reject(new StoreError(`SQLite store ${JSON.stringify(path)} is closed`));
        queue.push({ record, alerts, init, resolve, reject });
        if (queue.length === 1) {
          if (batchWindowMs > 0) flushTimer = setTimeout(flush, batchWindowMs);
          else setImmediate(flush);
        } else if (queue.length >= MAX_BATCH) flush();
      });
    },
    async get(id: string): Promise<StoredResponse | undefined> {
      return guard('read a response', () => {
        const row = selectOne.get(id);
        return row ? rowToRecord(row) : undefined;
      });
    },
    async list(query?: ListQuery): Promise<ListPage> {
      const q = normalizeList(query);
      return guard('list responses', () => {
        const { sql, params } = listSql('response_list', q, mark);
        const page = pageOf(prepared<ResponseRow>(sql).all(...params), q.limit, positionOfRow);
        return { items: page.rows.map(rowToRecord), nextCursor: page.nextCursor };
      });
    },
    async summary(query?: SummaryQuery): Promise<ResponseSummary> {
      const q = normalizeSummary(query);
      return guard('summarize responses', () => summarize(q));
    },
    async getCase(id: string, options?: { readonly now?: number }): Promise<CaseRecord | undefined> {
      return guard('read a case', () => cases.get(id, options?.now ?? Date.now()));
    },
    async timeline(id: string): Promise<TimelineEvent[]> {
      return guard('read a timeline', () => cases.timeline(id));
    },
    async listCases(query?: CaseQuery) {
      const q = normalizeCaseQuery(query);
      return guard('list cases', () => cases.list(q));
    },
    async changeCase(id: string, change: CaseChange): Promise<CaseChangeResult> {
      return write('change a case', (changes) => {
        const result = cases.change(id, change, Date.now());
        if (result.kind === 'applied' && result.events.length > 0) changes.push({ type: 'case', id, version: result.case.version });
        return result;
      });
    },
    async markOverdue({ now, alerts, limit }): Promise<string[]> {
      return write('mark overdue cases', (changes) => {
        const ids = cases.markOverdue(now, alerts, limit);
        for (const { id, version } of ids) {
          changes.push({ type: 'case', id, version });
          for (const alert of alerts) changes.push({ type: 'alert', id, alert, kind: 'overdue' });
        }
        return ids.map((marked) => marked.id);
      });
    },
    async erase(target: EraseTarget, { actor, at }): Promise<Tombstone[]> {
      return write('erase responses', (changes) => {
        const tombstones = cases.erase(target, actor, at);
        for (const t of tombstones) changes.push({ type: 'erased', id: t.id });
        return tombstones;
      });
    },
    async tombstone(id: string): Promise<Tombstone | undefined> {
      return guard('read a tombstone', () => cases.tombstone(id));
    },
    async *exportRows(options = {}): AsyncIterable<CaseRecord> {
      const batch = options.batch ?? 500;
      if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new StoreError(`batch must be an integer from 1 to 10000, got ${String(batch)}`);
      const since = toMs(options.since, 'since');
      // A connection of its own with a small cache: memory stays flat however long the export,
      // and the serving connection keeps its pages. An in-memory database has only the one.
      const inMemory = path === '' || path === ':memory:';
      const reader = inMemory ? db : guard('open a reader for the export', () => driver.open(path, { readOnly: true, fileMustExist: true, busyTimeoutMs }));
      try {
        if (!inMemory) reader.pragma('cache_size = -2048');
        const page = exportReader(reader);
        let after = { receivedAt: Number.MIN_SAFE_INTEGER, id: '' };
        for (;;) {
          const rows = guard('export responses', () => page(after, options.surveyId, since, batch));
          const now = Date.now();
          for (let i = 0; i < rows.length; i += 1) {
            const row = rows[i]!;
            rows[i] = undefined!; // what was handed on can go
            yield joinedToRecord(row, now);
            if (i === rows.length - 1) after = { receivedAt: Number(row.received_at), id: row.id };
          }
          if (rows.length < batch) return;
        }
      } finally {
        if (reader !== db) reader.close();
      }
    },
    watch(listener: (change: StoreChange) => void): () => void {
      // A function of its own per call: the same listener watching twice stops twice.
      const own = (change: StoreChange) => listener(change);
      listeners.add(own);
      return () => void listeners.delete(own);
    },
    auth: sqliteAuth(db, guard),
    async claimAlerts({ now, limit, leaseMs, alert }): Promise<PendingAlert[]> {
      return guard('claim pending alerts', () =>
        db
          .immediate(() => claim(now, limit, leaseMs, alert ?? null))
          .map((r) => ({ id: r.id, alert: r.alert, responseId: r.response_id, kind: r.kind, attempts: r.attempts })),
      );
    },
    async renewAlerts({ ids, until }): Promise<void> {
      guard('renew alert leases', () => db.immediate(() => renewAll(ids, until)));
    },
    async completeAlert(id: string): Promise<void> {
      guard('complete an alert', () => complete.run(id));
    },
    async failAlert(id: string, { retryAt, error }): Promise<void> {
      guard('reschedule an alert', () => fail.run(retryAt, error.slice(0, 1000), id));
    },
    async close(): Promise<void> {
      if (queue.length > 0) flush();
      if (indexTimer) clearTimeout(indexTimer);
      indexTimer = undefined;
      listeners.clear();
      await checkpointer?.stop();
      if (db.open) db.close();
    },
  };
}
