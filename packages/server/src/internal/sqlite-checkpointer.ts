/**
 * Moves SQLite's WAL checkpoints off the event loop. A checkpoint copies the WAL into the database
 * and syncs it to disk, which can stall the serving thread for tens of milliseconds; a worker
 * thread with its own connection runs them instead (PASSIVE: it never blocks writers), and the
 * serving connection turns its own automatic checkpoints off.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// CommonJS, evaluated in the worker; the driver's absolute path comes in workerData so the
// worker resolves the same better-sqlite3 as the store, wherever the process was started.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 5000 });
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); process.exit(0); });
`;

/** Starts the checkpoint worker; `stop()` runs a last checkpoint and waits for it to exit. */
export function startCheckpointer(path: string, intervalMs: number): { stop(): Promise<void> } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, intervalMs } });
  worker.unref();
  // A failing checkpointer only means checkpoints happen when the store closes; never crash for it.
  worker.on('error', () => {});
  let stopping: Promise<void> | undefined;
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
