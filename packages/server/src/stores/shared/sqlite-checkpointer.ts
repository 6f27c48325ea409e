/**
 * Keeps SQLite's WAL small and its checkpoints off the event loop. A checkpoint copies the WAL
 * into the database and syncs it, which can stall the serving thread for tens of milliseconds, so
 * a worker thread with its own connection runs them: PASSIVE every interval (it never blocks
 * writers), and once the WAL file passes the limit, RESTART, which needs the writer lock for its
 * run but makes the next write start the log over, where `journal_size_limit` trims the file;
 * TRUNCATE (which also shrinks the file, at several times the cost) only once writes have
 * stopped. Under sustained load PASSIVE alone never lets the WAL restart, and it grew without
 * bound (2 GB for a 141 MB database after 30 s of flooding).
 *
 * While RESTART or TRUNCATE runs, the store holds its commits back (`holding()`, then `afterHold()`): the
 * writes wait as queued promises instead of a busy-wait that would stop the event loop.
 *
 * Two backstops on the serving connection: `journal_size_limit` trims the file whenever the WAL
 * restarts, and if the worker falls behind (or dies), SQLite's own checkpoint runs on the serving
 * thread once the WAL holds twice the limit.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ConfigError } from '../../errors.js';
import type { SqliteConnection } from './sqlite-driver.js';

/**
 * The WAL file is truncated once it passes this many bytes (the `sqliteStore` default). Each
 * restart holds commits back for an fsync or two (4–55 ms here); at 16 MiB the bench's load had
 * 1.5 of them per 1,000 puts, 9.8 ms of held commits per 1,000, at 32 MiB 6.4 ms, while the WAL
 * peaked at 46 MB (the bench's bound is 64 MB).
 */
export const DEFAULT_WAL_LIMIT_BYTES = 32 * 1024 * 1024;

// How often the worker looks at the WAL's size, in ms: at 25 MB/s of WAL (the bench's rate)
// this lets it pass the limit by a few MB at most.
const WATCH_MS = 100;
// The worker's lock wait: a TRUNCATE holds writers back while it waits, so it gives up early and
// tries again at the next look rather than stall the serving thread.
const WORKER_BUSY_MS = 200;
// What TRUNCATE may have left to copy while writers wait.
const SMALL_REST_BYTES = 512 * 1024;

// CommonJS, evaluated in the worker, on the store's driver: node:sqlite, or better-sqlite3 by the
// absolute path in workerData, so the worker resolves the same one wherever the process started.
// hold[0] is 1 while the worker wants the writer lock; the serving thread then defers commits.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const { path, intervalMs, limitBytes, watchMs, busyMs, smallFrames } = workerData;
const hold = new Int32Array(workerData.hold);
const db = workerData.driver === 'node:sqlite'
  ? new (require('node:sqlite').DatabaseSync)(path)
  : new (require(workerData.driver))(path);
db.exec('PRAGMA busy_timeout = ' + busyMs);
// Frames in the WAL not yet copied into the database (all of them when the checkpoint failed).
const run = (mode) => { try { const r = db.prepare('PRAGMA wal_checkpoint(' + mode + ')').get(); return r.log - r.checkpointed; } catch { return Infinity; } };
const walSize = () => { try { return statSync(path + '-wal').size; } catch { return 0; } };
let last = Date.now();
let restartedAt = -1; // the WAL file's size after the last RESTART
const timer = setInterval(() => {
  const now = Date.now();
  const size = walSize();
  if (size > limitBytes) {
    // Copy without blocking writers until little is left (each pass has less to copy than the
    // one before), so that the checkpoint that holds writers back is short.
    for (let i = 0; i < 4 && run('PASSIVE') > smallFrames; i++);
    // Unchanged since a RESTART means nobody wrote since: shrink the file too.
    const mode = size === restartedAt ? 'TRUNCATE' : 'RESTART';
    Atomics.store(hold, 0, 1);
    try {
      run(mode);
    } finally {
      Atomics.store(hold, 0, 0);
      parentPort.postMessage('resume');
    }
    restartedAt = mode === 'RESTART' ? walSize() : -1;
    last = now;
  } else if (now - last >= intervalMs) {
    run('PASSIVE');
    last = now;
  }
}, Math.min(intervalMs, watchMs));
parentPort.on('message', () => { clearInterval(timer); run('PASSIVE'); db.close(); process.exit(0); });
`;

export interface WalBoundOptions {
  /** PASSIVE checkpoints in a worker every this many ms; `false`: no worker, SQLite checkpoints on commit. */
  readonly intervalMs: number | false;
  /** The WAL file is truncated once it passes this size. */
  readonly limitBytes: number;
}

export interface WalBound {
  /** True while the worker empties the WAL: commit later (see `afterHold`), not now. */
  holding(): boolean;
  /** Runs `then` once the worker lets go (at the latest after a short safety delay). */
  afterHold(then: () => void): void;
  /** Runs a last checkpoint and waits for the worker to exit. */
  stop(): Promise<void>;
}

// A commit deferred for the worker never waits longer than this, even if the worker hangs.
const MAX_HOLD_MS = 1000;

const UNBOUNDED: WalBound = { holding: () => false, afterHold: (then) => then(), stop: async () => {} };

/** Bounds the WAL of `db` (a file database in WAL mode) and starts the checkpoint worker. */
export function boundWal(db: SqliteConnection, path: string, options: WalBoundOptions): WalBound {
  const { intervalMs, limitBytes } = options;
  if (!Number.isInteger(limitBytes) || limitBytes < 65_536) {
    throw new ConfigError(`walLimitBytes must be an integer of at least 65536 (64 KiB), got ${String(limitBytes)}`);
  }
  if (path === ':memory:' || path === '' || db.readonly) return UNBOUNDED;
  const pageSize = db.pragma('page_size') as number;
  const fallbackPages = Math.max(1, Math.ceil((2 * limitBytes) / pageSize));
  db.pragma(`journal_size_limit = ${limitBytes}`);
  db.pragma(`wal_autocheckpoint = ${fallbackPages}`);
  if (intervalMs === false) return UNBOUNDED;

  const driver = db.driver === 'node:sqlite' ? 'node:sqlite' : createRequire(import.meta.url).resolve('better-sqlite3');
  const hold = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // node:sqlite warns that it is experimental once per thread: the serving thread has said so.
    ...(db.driver === 'node:sqlite' ? { execArgv: [...process.execArgv, '--disable-warning=ExperimentalWarning'] } : {}),
    workerData: { driver, path, intervalMs, limitBytes, watchMs: WATCH_MS, busyMs: WORKER_BUSY_MS, smallFrames: Math.ceil(SMALL_REST_BYTES / pageSize), hold: hold.buffer },
  });
  worker.unref();
  let waiting: (() => void)[] = [];
  let safety: ReturnType<typeof setTimeout> | undefined;
  const release = () => {
    if (safety) clearTimeout(safety);
    safety = undefined;
    const run = waiting;
    waiting = [];
    for (const then of run) then();
  };
  worker.on('message', release);
  // A failed worker must not crash the receiver: checkpoint on the serving thread at SQLite's
  // default size instead, as before there was a worker.
  let stopping: Promise<void> | undefined;
  const fallBack = () => {
    Atomics.store(hold, 0, 0);
    release();
    if (!stopping && db.open) db.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  return {
    holding: () => Atomics.load(hold, 0) === 1,
    afterHold(then) {
      waiting.push(then);
      safety ??= setTimeout(() => {
        Atomics.store(hold, 0, 0); // a hung worker must not hold writes back for good
        release();
      }, MAX_HOLD_MS);
    },
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        const timeout = setTimeout(() => void worker.terminate().then(() => resolve()), 5000);
        worker.once('exit', () => {
          clearTimeout(timeout);
          resolve();
        });
        worker.postMessage('stop');
      })),
  };
}
