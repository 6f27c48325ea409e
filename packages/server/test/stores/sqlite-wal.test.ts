/**
 * The SQLite store keeps its write-ahead log bounded under sustained writes: the checkpoint worker
 * empties it once it passes `walLimitBytes`, and without a worker (or with one that fell behind)
 * the serving connection checkpoints at twice the limit and trims the file. Sizes, not speeds:
 * every wait is a bounded poll.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isConfigError } from '../../src/errors.js';
import { sqliteStore } from '../../src/stores/sqlite.js';
import type { ResponseStore } from '../../src/store.js';
import { makeRecord, makeResponse } from '../support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'earful-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LIMIT = 256 * 1024;
const walSize = (db: string) => {
  try {
    return statSync(`${db}-wal`).size;
  } catch {
    return 0;
  }
};
// ~1 KB of text per row, so the WAL grows by several KB per row (row + index pages).
const filler = 'The parcel came a week late and the box was torn. '.repeat(20);

/**
 * Stores `rows` new responses, `batch` at a time; returns the largest WAL size seen after a batch
 * and the most one batch added to it (a response writes its row, its case, their indexes, the
 * search index and counters, and now and then the search index merges its segments).
 */
async function write(store: ResponseStore, db: string, rows: number, batch: number): Promise<number> {
  return (await measure(store, db, rows, batch)).peak;
}

async function measure(store: ResponseStore, db: string, rows: number, batch: number): Promise<{ peak: number; batchMax: number }> {
  let peak = 0;
  let batchMax = 0;
  for (let done = 0; done < rows; done += batch) {
    const before = walSize(db);
    await Promise.all(
      Array.from({ length: batch }, () => store.putIfAbsent(makeRecord(makeResponse({ answers: [{ type: 'text', questionId: 'q', value: filler }] })))),
    );
    const after = walSize(db);
    peak = Math.max(peak, after);
    batchMax = Math.max(batchMax, after - before);
  }
  return { peak, batchMax };
}

describe('sqlite WAL bound', () => {
  it('the checkpoint worker empties the WAL once it passes walLimitBytes', async () => {
    const db = join(dir, 'worker.db');
    const store = sqliteStore(db, { walLimitBytes: LIMIT });
    try {
      // 1,000 rows in one go: two 512-row transactions in one event-loop turn, far past the limit.
      const peak = await write(store, db, 1000, 1000);
      expect(peak).toBeGreaterThan(LIMIT);
      await write(store, db, 1000, 100);
      // Bounded poll: the worker looks every 100 ms.
      const end = Date.now() + 5000;
      while (walSize(db) > LIMIT && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      console.log(`WAL with a ${LIMIT / 1024} KiB limit: peak ${(peak / 1024).toFixed(0)} KiB, then ${(walSize(db) / 1024).toFixed(0)} KiB`);
      expect(walSize(db)).toBeLessThanOrEqual(LIMIT);
      // Commits held back while the worker checkpointed all landed.
      expect((await store.summary()).total).toBe(2000);
    } finally {
      await store.close();
    }
  });

  it('without a worker, the serving connection checkpoints at twice the limit and trims the file', async () => {
    const db = join(dir, 'fallback.db');
    const store = sqliteStore(db, { walLimitBytes: LIMIT, backgroundCheckpointMs: false });
    try {
      // Small batches, awaited: everything runs on this thread, so the sizes are deterministic.
      const { peak, batchMax } = await measure(store, db, 3000, 25);
      console.log(`WAL with no worker and a ${LIMIT / 1024} KiB limit: peak ${(peak / 1024).toFixed(0)} KiB over 3,000 rows, at most ${(batchMax / 1024).toFixed(0)} KiB per batch`);
      // Twice the limit, plus the batch that crossed it (3,000 rows unbounded would be ~40 MB).
      expect(peak).toBeLessThanOrEqual(2 * LIMIT + batchMax);
      expect(batchMax).toBeLessThan(8 * LIMIT);
      expect(peak).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('refuses a WAL limit below 64 KiB', () => {
    expect(() => sqliteStore(join(dir, 'bad.db'), { walLimitBytes: 1000 })).toThrow(/walLimitBytes/);
    let caught: unknown;
    try {
      sqliteStore(join(dir, 'bad.db'), { walLimitBytes: 1.5 });
    } catch (error) {
      caught = error;
    }
    expect(isConfigError(caught)).toBe(true);
  });
});
