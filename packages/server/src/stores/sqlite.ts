/**
 * `@earful/server/sqlite` — the embedded default store, on Node's built-in `node:sqlite` where
 * Node.js has it (22.13+), else on better-sqlite3 (an optional peer dependency: only users of this
 * entry on older Node.js install it; see `./shared/sqlite-driver.ts`). WAL mode, versioned
 * migrations, prepared statements; writes are synchronous and short, so they never wait on each
 * other in one process.
 */
import { StoreError } from '../errors.js';
import type { ListPage, ListQuery, PendingAlert, PutResult, ResponseStore, ResponseSummary, StoredResponse, SummaryQuery } from '../store.js';
import { alertId } from './shared/outbox-row.js';
import { listSql, normalizeList, normalizeSummary, pageOf, summaryStepSql } from './shared/query.js';
import { positionOfRow, rowToRecord, type ResponseRow } from './shared/response-row.js';
import { boundWal, DEFAULT_WAL_LIMIT_BYTES } from './shared/sqlite-checkpointer.js';
import { loadSqliteDriver, sqliteErrorCode, type SqliteConnection, type SqliteStatement } from './shared/sqlite-driver.js';
import { SUMMARY_PAGE, summarizeInSteps } from './shared/summarize.js';

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
   * Under sustained load the WAL peaks a few MB above it. Default `16777216` (16 MiB).
   */
  readonly walLimitBytes?: number;
  /**
   * How long the first write of a batch waits for others to share its transaction, in ms. With
   * `0`, writes from the same event-loop turn share one (under load that is already 10–20 rows
   * per commit); a window helps when many writers arrive just apart. Default `0`.
   */
  readonly batchWindowMs?: number;
  /**
   * The SQLite driver: `'node:sqlite'` (built into Node.js 22.13+, nothing to install) or
   * `'better-sqlite3'` (an optional peer dependency with a native build). Both read and write the
   * same files. Default: `'node:sqlite'` when this Node.js has it, else `'better-sqlite3'`.
   */
  readonly driver?: SqliteDriverName;
}

const MAX_BATCH = 512;

// Each entry moves the database from version i to i + 1; never edit a released entry, append.
const MIGRATIONS: readonly string[] = [
  // Rows live in arrival order (rowid) so bodies are appended, not spliced into a tree keyed by
  // random UUIDs; the id is a small unique index.
  `CREATE TABLE responses (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     survey_id TEXT NOT NULL,
     received_at INTEGER NOT NULL,
     sentiment TEXT,
     digest TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX responses_by_time ON responses (received_at, id);
   CREATE INDEX responses_by_survey ON responses (survey_id, received_at, id);
   CREATE TABLE pending_alerts (
     id TEXT PRIMARY KEY,
     alert TEXT NOT NULL,
     response_id TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_at INTEGER,
     last_error TEXT
   );
   CREATE INDEX pending_alerts_due ON pending_alerts (next_at);`,
];



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

function newerSchema(version: number): StoreError {
  return new StoreError(`database schema version ${version} is newer than this @earful/server understands (${MIGRATIONS.length}); upgrade @earful/server`);
}

function migrate(db: SqliteConnection): void {
  const version = db.pragma('user_version') as number;
  if (version > MIGRATIONS.length) throw newerSchema(version);
  if (version === MIGRATIONS.length) return;
  db.immediate(() => {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    const current = db.pragma('user_version') as number;
    for (let v = current; v < MIGRATIONS.length; v += 1) {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
  });
}

/**
 * What a read-only open checks instead of migrating: the file is an Earful database of the
 * version this code reads. Only reads, so an empty file or another application's database is
 * refused byte for byte unchanged.
 */
function checkEarfulDatabase(db: SqliteConnection, path: string): void {
  const version = db.pragma('user_version') as number;
  if (version > MIGRATIONS.length) throw newerSchema(version);
  const tables = db.prepare<{ n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('responses', 'pending_alerts')").get()?.n;
  if (version === 0 || tables !== 2) {
    throw new StoreError(`${JSON.stringify(path)} is not an Earful database (it has no Earful tables); point --db at the file that earful serve writes`);
  }
  if (version < MIGRATIONS.length) {
    throw new StoreError(`${JSON.stringify(path)} has Earful schema version ${version}, older than this @earful/server reads (${MIGRATIONS.length}); run earful serve on it once to upgrade it`);
  }
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
  let db: SqliteConnection;
  const driver = loadSqliteDriver(options.driver);
  try {
    db = driver.open(path, { readOnly: options.readOnly === true, fileMustExist: options.readOnly === true || (options.fileMustExist ?? false), busyTimeoutMs: options.busyTimeoutMs ?? 5000 });
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

  const insert = db.prepare(
    'INSERT INTO responses (id, survey_id, received_at, sentiment, digest, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const insertAlert = db.prepare('INSERT INTO pending_alerts (id, alert, response_id, next_at) VALUES (?, ?, ?, 0) ON CONFLICT (id) DO NOTHING');
  const selectOne = db.prepare<ResponseRow>('SELECT * FROM responses WHERE id = ?');
  const due = db.prepare<{ id: string; alert: string; response_id: string; attempts: number }>(
    'SELECT id, alert, response_id, attempts FROM pending_alerts WHERE next_at IS NOT NULL AND next_at <= ? AND (? IS NULL OR alert = ?) ORDER BY next_at LIMIT ?',
  );
  // A claim counts as an attempt, so one cut short by a crash is counted too.
  const lease = db.prepare('UPDATE pending_alerts SET next_at = ?, attempts = attempts + 1 WHERE id = ?');
  const renew = db.prepare('UPDATE pending_alerts SET next_at = ? WHERE id = ? AND next_at IS NOT NULL');
  const complete = db.prepare('DELETE FROM pending_alerts WHERE id = ?');
  const fail = db.prepare('UPDATE pending_alerts SET next_at = ?, last_error = ? WHERE id = ?');

  // Group commit: puts that arrive in the same event-loop turn share one transaction, because on
  // many machines the commit (a write to the WAL) costs more than the insert itself.
  interface QueuedPut {
    record: StoredResponse;
    alerts: readonly string[];
    resolve: (result: PutResult) => void;
    reject: (error: unknown) => void;
  }
  let queue: QueuedPut[] = [];
  const putBatch = (batch: readonly QueuedPut[]) =>
    batch.map(({ record, alerts }): PutResult => {
      if (insertRow(record) === 1) {
        for (const alert of alerts) insertAlert.run(alertId(record.id, alert), alert, record.id);
        return { inserted: true };
      }
      const row = selectOne.get(record.id);
      if (!row) throw new StoreError(`response ${record.id} was neither inserted nor found; the database may be damaged`);
      return { inserted: false, existing: rowToRecord(row) };
    });
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
      const results = guard('store a response', () => db.immediate(() => putBatch(batch)));
      batch.forEach((item, i) => item.resolve(results[i]!));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
  const claim = (now: number, limit: number, leaseMs: number, alert: string | null) => {
    const rows = due.all(now, alert, alert, limit);
    for (const row of rows) lease.run(now + leaseMs, row.id);
    return rows;
  };
  const renewAll = (ids: readonly string[], until: number) => {
    for (const id of ids) renew.run(until, id);
  };
  const statements = new Map<string, SqliteStatement<ResponseRow>>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<ResponseRow>(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  function insertRow(record: StoredResponse): number {
    return Number(insert.run(
      record.id,
      record.surveyId,
      Date.parse(record.receivedAt),
      record.sentiment,
      record.digest,
      JSON.stringify(record.response),
    ).changes);
  }

  function guard<T>(what: string, run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`SQLite store could not ${what} in ${JSON.stringify(path)}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }

  return {
    putIfAbsent(record: StoredResponse, alerts: readonly string[] = []): Promise<PutResult> {
      return new Promise((resolve, reject) => {
        if (!db.open) return reject(new StoreError(`SQLite store ${JSON.stringify(path)} is closed`));
        queue.push({ record, alerts, resolve, reject });
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
        const { sql, params } = listSql('responses', q, mark);
        const page = pageOf(prepared(sql).all(...params), q.limit, positionOfRow);
        return { items: page.rows.map(rowToRecord), nextCursor: page.nextCursor };
      });
    },
    async summary(query?: SummaryQuery): Promise<ResponseSummary> {
      const q = normalizeSummary(query);
      return summarizeInSteps((after) => {
        const { sql, params } = summaryStepSql('responses', q, after, SUMMARY_PAGE, mark);
        return guard('summarize responses', () => prepared(sql).all(...params));
      });
    },
    async claimAlerts({ now, limit, leaseMs, alert }): Promise<PendingAlert[]> {
      return guard('claim pending alerts', () =>
        db.immediate(() => claim(now, limit, leaseMs, alert ?? null)).map((r) => ({ id: r.id, alert: r.alert, responseId: r.response_id, attempts: r.attempts })),
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
      await checkpointer?.stop();
      if (db.open) db.close();
    },
  };
}
