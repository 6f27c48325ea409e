/**
 * The SQLite driver seam, on every driver this Node.js has, and the whole store suite on
 * `node:sqlite`. Under Node.js 20 the `node:sqlite` parts are skipped here and run for real by
 * `sqlite-node22.test.ts`, which runs this file under a Node.js 22 binary. Never imports
 * better-sqlite3 itself: under Node.js 22 its addon (built for Node.js 20) would not load.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isConfigError, isMissingDriverError, isStoreError } from '../../src/errors.js';
import { chooseSqliteDriver, loadSqliteDriver, sqliteErrorCode, type SqliteDriverName } from '../../src/stores/shared/sqlite-driver.js';
import { SCHEMA_VERSION } from '../../src/stores/shared/sqlite-schema.js';
import { sqliteStore } from '../../src/stores/sqlite.js';
import { makeRecord, makeResponse } from '../support/fixtures.js';
import { describeCaseStore } from '../support/case-suite.js';
import { describeStore } from '../support/store-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'earful-sqlite-driver-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `db-${(n += 1)}.db`);

const hasNodeSqlite = process.getBuiltinModule('node:sqlite') !== undefined;
// better-sqlite3 is built for the Node.js that installed it (20 here), so it loads only there.
const drivers: SqliteDriverName[] = hasNodeSqlite ? ['node:sqlite'] : ['better-sqlite3'];
const rw = { readOnly: false, fileMustExist: false, busyTimeoutMs: 1000 } as const;

describe.runIf(!hasNodeSqlite)(`driver choice on Node.js ${process.version} (no node:sqlite)`, () => {
  it('uses better-sqlite3 by default, and refuses a forced node:sqlite in one line before touching the file', () => {
    expect(chooseSqliteDriver()).toBe('better-sqlite3');
    const path = fresh();
    let thrown: unknown;
    try {
      sqliteStore(path, { driver: 'node:sqlite' });
    } catch (error) {
      thrown = error;
    }
    expect(isMissingDriverError(thrown)).toBe(true);
    expect((thrown as Error).message).toBe(
      `the SQLite store was asked for driver "node:sqlite", which Node.js ${process.version} does not have without a flag (22.13+, 23.4+ and 24+ do) — upgrade Node.js or use driver "better-sqlite3"`,
    );
    expect(existsSync(path)).toBe(false);
  });
});

describe('driver choice', () => {
  it('refuses an unknown driver name with a ConfigError naming both', () => {
    expect(() => sqliteStore(fresh(), { driver: 'sqlite3' as SqliteDriverName })).toThrowError(/driver must be "node:sqlite" or "better-sqlite3", got "sqlite3"/);
    expect(() => chooseSqliteDriver('SQLite' as SqliteDriverName)).toSatisfy((f: () => unknown) => {
      try {
        f();
        return false;
      } catch (error) {
        return isConfigError(error);
      }
    });
  });

  it.runIf(hasNodeSqlite)('prefers node:sqlite where Node.js has it', () => {
    expect(chooseSqliteDriver()).toBe('node:sqlite');
    expect(loadSqliteDriver().name).toBe('node:sqlite');
  });
});

describe.each(drivers)('the %s connection', (driver) => {
  it('commits IMMEDIATE work, and rolls all of it back when the work throws', () => {
    const db = loadSqliteDriver(driver).open(fresh(), rw);
    try {
      expect(db.driver).toBe(driver);
      db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
      const put = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
      expect(db.immediate(() => Number(put.run('a', 1).changes))).toBe(1);
      expect(() =>
        db.immediate(() => {
          put.run('b', 2);
          put.run('a', 3); // primary key conflict: the whole transaction goes
        }),
      ).toThrow();
      expect(db.prepare<{ k: string; v: number }>('SELECT k, v FROM t ORDER BY k').all().map((r) => [r.k, r.v])).toEqual([['a', 1]]);
      // the connection is usable after the rollback
      expect(db.immediate(() => Number(put.run('c', 3).changes))).toBe(1);
    } finally {
      db.close();
    }
    expect(db.open).toBe(false);
  });

  it('reads one-value pragmas and sets them', () => {
    const db = loadSqliteDriver(driver).open(fresh(), rw);
    try {
      expect(db.pragma('journal_mode = WAL')).toBe('wal');
      expect(db.pragma('user_version')).toBe(0);
      expect(db.pragma('user_version = 7')).toBeUndefined();
      expect(db.pragma('user_version')).toBe(7);
      expect(db.pragma('busy_timeout')).toBe(1000);
    } finally {
      db.close();
    }
  });

  it('opens read-only: reads, refuses writes, and fails on a missing file or directory with SQLite codes', () => {
    const path = fresh();
    const w = loadSqliteDriver(driver).open(path, rw);
    w.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('x')");
    w.close();
    const r = loadSqliteDriver(driver).open(path, { ...rw, readOnly: true });
    try {
      expect(r.readonly).toBe(true);
      // node:sqlite releases behind --experimental-sqlite may lack the readOnly option: query_only holds
      if (driver === 'node:sqlite') expect(r.pragma('query_only')).toBe(1);
      expect(r.prepare<{ v: string }>('SELECT v FROM t').get()?.v).toBe('x');
      let code: string | undefined;
      try {
        r.exec("INSERT INTO t VALUES ('y')");
      } catch (error) {
        code = sqliteErrorCode(error);
      }
      expect(code).toMatch(/^SQLITE_READONLY/);
    } finally {
      r.close();
    }
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return [sqliteErrorCode(error), (error as Error).message];
      }
      return undefined;
    };
    const missing = join(dir, 'never-made.db');
    expect(codeOf(() => loadSqliteDriver(driver).open(missing, { ...rw, readOnly: true }))?.[0]).toBe('SQLITE_CANTOPEN');
    expect(codeOf(() => loadSqliteDriver(driver).open(missing, { ...rw, fileMustExist: true }))?.[0]).toBe('SQLITE_CANTOPEN');
    expect(existsSync(missing)).toBe(false);
    expect(codeOf(() => loadSqliteDriver(driver).open(join(dir, 'no-dir', 'x.db'), rw))?.[1]).toMatch(/directory does not exist/);
  });
});

if (hasNodeSqlite) {
  const open = async () => {
    const path = fresh();
    const store = sqliteStore(path, { driver: 'node:sqlite' });
    return {
      store,
      reopen: async () => {
        await store.close();
        return sqliteStore(path, { driver: 'node:sqlite' });
      },
    };
  };
  describeStore('sqlite on node:sqlite', open);
  // Cases too: FTS5 trigram search, RETURNING and JSON functions on node:sqlite's own SQLite build.
  describeCaseStore('sqlite on node:sqlite', open);
}

describe.runIf(hasNodeSqlite)('the SQLite store on node:sqlite', () => {
  // node:sqlite itself, for looking at the files the store wrote
  type Raw = { prepare(sql: string): { get(): Record<string, unknown> }; close(): void };
  const raw = (path: string, options?: { readOnly?: boolean }): Raw => {
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite') as { DatabaseSync: new (path: string, options?: { readOnly?: boolean }) => Raw };
    return new DatabaseSync(path, options ?? {}); // node:sqlite refuses an explicit undefined
  };

  it('uses WAL and records its schema version', async () => {
    const path = fresh();
    await sqliteStore(path).close();
    const db = raw(path, { readOnly: true });
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION });
    db.close();
  });

  it('opens read-only: reads an Earful database, rejects writes, refuses a foreign one byte for byte unchanged', async () => {
    const path = fresh();
    const writer = sqliteStore(path);
    const record = makeRecord(makeResponse());
    await writer.putIfAbsent(record, ['hook']);
    await writer.close();
    const reader = sqliteStore(path, { readOnly: true });
    try {
      expect(await reader.get(record.id)).toEqual(record);
      expect((await reader.summary()).total).toBe(1);
      await expect(reader.putIfAbsent(makeRecord(makeResponse()))).rejects.toSatisfy(isStoreError);
      await expect(reader.claimAlerts({ now: Date.now(), limit: 10, leaseMs: 1000 })).rejects.toSatisfy(isStoreError);
    } finally {
      await reader.close();
    }

    const foreign = fresh();
    const other = raw(foreign);
    other.prepare('CREATE TABLE notes (body TEXT)').get();
    other.close();
    const before = readFileSync(foreign);
    expect(() => sqliteStore(foreign, { readOnly: true })).toThrowError(/is not an Earful database \(it has no Earful tables\)/);
    expect(readFileSync(foreign).equals(before)).toBe(true);
    expect(() => sqliteStore(join(dir, 'absent.db'), { readOnly: true })).toThrowError(/cannot open SQLite database .*check that the path exists/);
    expect(existsSync(join(dir, 'absent.db'))).toBe(false);
  });

  it('explains a file that is not a database and a missing directory', () => {
    const bad = fresh();
    writeFileSync(bad, 'this is not sqlite, just text that is long enough to have a header'.repeat(20));
    expect(() => sqliteStore(bad)).toThrowError(/not an SQLite database/);
    expect(() => sqliteStore(join(dir, 'missing-dir', 'x.db'))).toThrowError(/create the directory first/);
  });
});
