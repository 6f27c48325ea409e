/**
 * The SQLite store's one view of its driver: Node's built-in `node:sqlite` when this Node.js has
 * it without a flag (22.13+, 23.4+, 24+; nothing to install or build), else `better-sqlite3`.
 * Only what the store and its checkpointer use: prepared statements (`run`/`get`/`all`,
 * positional `?` parameters), `exec`, one-value pragmas, an IMMEDIATE transaction, `close`.
 * Both drivers open the same SQLite files, so a database moves freely between them.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { ConfigError, MissingDriverError } from '../../errors.js';
import type { SqliteDriverName } from '../sqlite.js';
import { requireDriver } from './require-driver.js';

// Declared in the public entry (users pass it as `driver`), so the published types never reach this file.
export type { SqliteDriverName } from '../sqlite.js';

const DRIVERS: readonly SqliteDriverName[] = ['node:sqlite', 'better-sqlite3'];

/** A prepared statement; rows come back as plain objects keyed by column name. */
export interface SqliteStatement<Row = unknown> {
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: unknown[]): Row | undefined;
  all(...params: unknown[]): Row[];
}

/** An open SQLite database, whichever driver opened it. */
export interface SqliteConnection {
  readonly driver: SqliteDriverName;
  readonly readonly: boolean;
  /** False once `close()` ran. */
  readonly open: boolean;
  prepare<Row = unknown>(sql: string): SqliteStatement<Row>;
  exec(sql: string): void;
  /** Runs `PRAGMA <sql>` and returns the first column of its first row (`undefined` if none). */
  pragma(sql: string): unknown;
  /** Runs `work` between BEGIN IMMEDIATE and COMMIT; rolls back and rethrows if it throws. */
  immediate<T>(work: () => T): T;
  close(): void;
}

export interface SqliteOpenOptions {
  readonly readOnly: boolean;
  readonly fileMustExist: boolean;
  readonly busyTimeoutMs: number;
}

// The part of node:sqlite used here (declared locally: the @types/node of Node 20 has none).
interface NodeSqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  close(): void;
  /** Missing in the early releases of node:sqlite. */
  readonly isTransaction?: boolean;
}
interface NodeSqlite {
  DatabaseSync: new (path: string, options?: { readOnly?: boolean; timeout?: number }) => NodeSqliteDatabase;
}

// Looked up when a store opens, never at import: Node 20 has no node:sqlite (and 22.5–22.12 only
// behind --experimental-sqlite), and a bundler sees no import to follow.
function nodeSqlite(): NodeSqlite | undefined {
  return process.getBuiltinModule?.('node:sqlite') as NodeSqlite | undefined;
}

/**
 * The driver a store opened with `driver` (or without one) uses: `node:sqlite` when this Node.js
 * has it, else `better-sqlite3`. Throws a `ConfigError` for an unknown name and a
 * `MissingDriverError` when `node:sqlite` is asked for on a Node.js without it.
 *
 * @example
 * ```ts
 * chooseSqliteDriver(); // 'node:sqlite' on Node.js 22.13+, 'better-sqlite3' on Node.js 20
 * ```
 */
export function chooseSqliteDriver(driver?: SqliteDriverName): SqliteDriverName {
  if (driver === undefined) return nodeSqlite() ? 'node:sqlite' : 'better-sqlite3';
  if (!DRIVERS.includes(driver)) {
    throw new ConfigError(`driver must be ${DRIVERS.map((d) => JSON.stringify(d)).join(' or ')}, got ${JSON.stringify(driver)}`);
  }
  if (driver === 'node:sqlite' && !nodeSqlite()) {
    throw new MissingDriverError(
      `the SQLite store was asked for driver "node:sqlite", which Node.js ${process.version} does not have without a flag (22.13+, 23.4+ and 24+ do) — upgrade Node.js or use driver "better-sqlite3"`,
      { driver: 'node:sqlite' },
    );
  }
  return driver;
}

// node:sqlite reports SQLite's (extended) result code as a number; better-sqlite3 as a name.
const PRIMARY_CODES: Readonly<Record<number, string>> = {
  3: 'SQLITE_PERM',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  8: 'SQLITE_READONLY',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  14: 'SQLITE_CANTOPEN',
  26: 'SQLITE_NOTADB',
};

/** The `SQLITE_…` code of an error from either driver (better-sqlite3 may give an extended one). */
export function sqliteErrorCode(error: unknown): string | undefined {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  return typeof errcode === 'number' ? PRIMARY_CODES[errcode & 0xff] : undefined;
}

function cannotOpen(message: string): Error {
  return Object.assign(new Error(message), { code: 'SQLITE_CANTOPEN' });
}

interface RawConnection {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  pragma(sql: string): unknown;
  /** `undefined` when the driver cannot tell (early releases of node:sqlite). */
  inTransaction(): boolean | undefined;
  close(): void;
}

function connection(driver: SqliteDriverName, readonly: boolean, raw: RawConnection): SqliteConnection {
  let open = true;
  let control: { begin: SqliteStatement; commit: SqliteStatement; rollback: SqliteStatement } | undefined;
  return {
    driver,
    readonly,
    get open() {
      return open;
    },
    prepare: <Row>(sql: string) => raw.prepare(sql) as SqliteStatement<Row>,
    exec: (sql) => raw.exec(sql),
    pragma: (sql) => raw.pragma(sql),
    immediate(work) {
      control ??= { begin: raw.prepare('BEGIN IMMEDIATE'), commit: raw.prepare('COMMIT'), rollback: raw.prepare('ROLLBACK') };
      control.begin.run();
      try {
        const result = work();
        control.commit.run();
        return result;
      } catch (error) {
        if (raw.inTransaction() !== false) {
          try {
            control.rollback.run();
          } catch {
            // SQLite already rolled back (it does on some errors); the first error is the news
          }
        }
        throw error;
      }
    },
    close() {
      if (!open) return;
      open = false;
      raw.close();
    },
  };
}

function openNodeSqlite(sqlite: NodeSqlite, path: string, options: SqliteOpenOptions): SqliteConnection {
  // node:sqlite has no fileMustExist, and says only "unable to open database file" for a missing
  // directory: check first, with the words better-sqlite3 uses.
  const inMemory = path === '' || path === ':memory:';
  if (!inMemory && !existsSync(dirname(path))) throw cannotOpen('Cannot open database because the directory does not exist');
  if (!inMemory && (options.readOnly || options.fileMustExist) && !existsSync(path)) {
    throw cannotOpen(`unable to open database file: ${path} does not exist`);
  }
  const db = new sqlite.DatabaseSync(path, { readOnly: options.readOnly, timeout: options.busyTimeoutMs });
  try {
    // The `timeout` option is newer than node:sqlite itself, and `readOnly` than its
    // first flagged releases; the pragmas work in all.
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    if (options.readOnly) db.exec('PRAGMA query_only = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  return connection('node:sqlite', options.readOnly, {
    prepare: (sql) => db.prepare(sql),
    exec: (sql) => db.exec(sql),
    pragma(sql) {
      const row = db.prepare(`PRAGMA ${sql}`).get() as Record<string, unknown> | undefined;
      return row === undefined ? undefined : Object.values(row)[0];
    },
    inTransaction: () => db.isTransaction,
    close: () => db.close(),
  });
}

function openBetterSqlite3(Database: typeof BetterSqlite3, path: string, options: SqliteOpenOptions): SqliteConnection {
  const db = new Database(path, { readonly: options.readOnly, fileMustExist: options.fileMustExist || options.readOnly, timeout: options.busyTimeoutMs });
  return connection('better-sqlite3', options.readOnly, {
    prepare: (sql) => db.prepare(sql),
    exec: (sql) => void db.exec(sql),
    pragma: (sql) => db.pragma(sql, { simple: true }),
    inTransaction: () => db.inTransaction,
    close: () => db.close(),
  });
}

/** A loaded driver: opens SQLite files. */
export interface SqliteDriver {
  readonly name: SqliteDriverName;
  /** Opens `path`; throws what the driver threw (read its code with {@link sqliteErrorCode}). */
  open(path: string, options: SqliteOpenOptions): SqliteConnection;
}

/**
 * Loads the driver {@link chooseSqliteDriver} picks for `driver`: a `MissingDriverError` when it
 * is not there (better-sqlite3 not installed or not built), before any file is touched.
 *
 * @example
 * ```ts
 * const db = loadSqliteDriver().open('./feedback.db', { readOnly: false, fileMustExist: false, busyTimeoutMs: 5000 });
 * db.immediate(() => db.prepare('DELETE FROM pending_alerts WHERE id = ?').run(id));
 * ```
 */
export function loadSqliteDriver(driver?: SqliteDriverName): SqliteDriver {
  const name = chooseSqliteDriver(driver);
  const sqlite = name === 'node:sqlite' ? nodeSqlite() : undefined;
  if (sqlite) return { name, open: (path, options) => openNodeSqlite(sqlite, path, options) };
  const Database = requireDriver<typeof BetterSqlite3>('better-sqlite3', 'the SQLite store');
  return { name, open: (path, options) => openBetterSqlite3(Database, path, options) };
}
