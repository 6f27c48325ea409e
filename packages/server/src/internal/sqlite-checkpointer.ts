/**
 * Keeps SQLite's WAL small and its checkpoints off the event loop. A checkpoint copies the WAL
 * into the database and syncs it, which can stall the serving thread for tens of milliseconds, so
 * a worker thread with its own connection runs them: PASSIVE every interval (it never blocks
 * writers), and once the WAL file passes the limit, TRUNCATE (it blocks writers briefly, then
 * empties the file). Under sustained load PASSIVE alone never catches up with the writer, and the
 * WAL grew without bound (2 GB for a 141 MB database after 30 s of flooding).
 *
 * Two backstops on the serving connection: `journal_size_limit` trims the file whenever the WAL
 * restarts, and if the worker falls behind (or dies), SQLite's own checkpoint runs on the serving
 * thread once the WAL holds twice the limit.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { ConfigError } from '../errors.js';

/** The WAL file is truncated once it passes this many bytes (the `sqliteStore` default). */
export const DEFAULT_WAL_LIMIT_BYTES = 16 * 1024 * 1024;

// How often the worker looks at the WAL's size, in ms: at 25 MB/s of WAL (the bench's rate)
// this lets it pass the limit by a few MB at most.
const WATCH_MS = 100;
// The worker's lock wait: a TRUNCATE holds writers back while it waits, so it gives up early and
// tries again at the next look rather than stall the serving thread.
const WORKER_BUSY_MS = 200;
// What TRUNCATE may have left to copy while writers wait.
const SMALL_REST_BYTES = 512 * 1024;

// CommonJS, evaluated in the worker; the driver's absolute path comes in workerData so the
// worker resolves the same better-sqlite3 as the store, wherever the process was started.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const { path, intervalMs, limitBytes, watchMs, busyMs, smallFrames } = workerData;
const db = new Database(path, { timeout: busyMs });
// Frames in the WAL not yet copied into the database (all of them when the checkpoint failed).
const run = (mode) => { try { const r = db.pragma('wal_checkpoint(' + mode + ')')[0]; return r.log - r.checkpointed; } catch { return Infinity; } };
const walSize = () => { try { return statSync(path + '-wal').size; } catch { return 0; } };
let last = Date.now();
const timer = setInterval(() => {
  const now = Date.now();
  if (walSize() > limitBytes) {
    // Copy without blocking writers until little is left (each pass has less to copy than the
    // one before), so that TRUNCATE, which holds writers back while it runs, is short.
    for (let i = 0; i < 4 && run('PASSIVE') > smallFrames; i++);
    run('TRUNCATE');
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

/**
 * Bounds the WAL of `db` (a file database in WAL mode) and starts the checkpoint worker;
 * `stop()` runs a last checkpoint and waits for the worker to exit.
 */
export function boundWal(db: Database.Database, path: string, options: WalBoundOptions): { stop(): Promise<void> } {
  const { intervalMs, limitBytes } = options;
  if (!Number.isInteger(limitBytes) || limitBytes < 65_536) {
    throw new ConfigError(`walLimitBytes must be an integer of at least 65536 (64 KiB), got ${String(limitBytes)}`);
  }
  if (path === ':memory:' || path === '' || db.readonly) return { stop: async () => {} };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const fallbackPages = Math.max(1, Math.ceil((2 * limitBytes) / pageSize));
  db.pragma(`journal_size_limit = ${limitBytes}`);
  db.pragma(`wal_autocheckpoint = ${fallbackPages}`);
  if (intervalMs === false) return { stop: async () => {} };

  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, path, intervalMs, limitBytes, watchMs: WATCH_MS, busyMs: WORKER_BUSY_MS, smallFrames: Math.ceil(SMALL_REST_BYTES / pageSize) },
  });
  worker.unref();
  // A failed worker must not crash the receiver: checkpoint on the serving thread at SQLite's
  // default size instead, as before there was a worker.
  let stopping: Promise<void> | undefined;
  const fallBack = () => {
    if (!stopping && db.open) db.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  return {
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
