import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isStoreError } from '../../src/errors.js';
import { SCHEMA_VERSION } from '../../src/stores/shared/sqlite-schema.js';
import { sqliteStore } from '../../src/stores/sqlite.js';
import { makeRecord, makeResponse } from '../support/fixtures.js';
import { describeCaseStore } from '../support/case-suite.js';
import { describeStore } from '../support/store-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'earful-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const open = async () => {
  const path = join(dir, `db-${(n += 1)}.db`);
  const store = sqliteStore(path);
  return {
    store,
    reopen: async () => {
      await store.close();
      return sqliteStore(path);
    },
  };
};
describeStore('sqlite', open);
describeCaseStore('sqlite', open);

describe('sqlite store on disk', () => {
  it('groups concurrent puts into shared transactions, duplicates included', async () => {
    const store = sqliteStore(join(dir, 'batch.db'), { batchWindowMs: 5 });
    try {
      const records = Array.from({ length: 40 }, () => makeRecord(makeResponse()));
      const results = await Promise.all([...records, ...records.slice(0, 10)].map((r) => store.putIfAbsent(r, ['hook'])));
      expect(results.filter((r) => r.inserted)).toHaveLength(40);
      expect((await store.list({ limit: 100 })).items).toHaveLength(40);
      expect(await store.claimAlerts({ now: Date.now(), limit: 100, leaseMs: 1000 })).toHaveLength(40);
    } finally {
      await store.close();
    }
    await expect(store.putIfAbsent(makeRecord(makeResponse()))).rejects.toSatisfy(isStoreError);
  });

  it('uses WAL and records its schema version', async () => {
    const path = join(dir, 'wal.db');
    await sqliteStore(path).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('explains a file that is not a database and a missing directory', () => {
    const bad = join(dir, 'not-a-db.db');
    writeFileSync(bad, 'this is not sqlite, just text that is long enough to have a header'.repeat(20));
    expect(() => sqliteStore(bad)).toThrowError(/not an SQLite database/);
    expect(() => sqliteStore(join(dir, 'missing-dir', 'x.db'))).toThrowError(/create the directory first/);
    try {
      sqliteStore(bad);
    } catch (error) {
      expect(isStoreError(error)).toBe(true);
    }
  });
});
