/**
 * The store a command works on: an SQLite file (`--db`) or a PostgreSQL database (`--postgres`),
 * exactly one. PostgreSQL is imported only when asked for, so `pg` stays optional.
 */
import type { ResponseStore } from '../store.js';
import { sqliteStore } from '../stores/sqlite.js';
import { UsageError } from './usage-error.js';

/** `--db` and `--postgres` for every command that opens a store. */
export const STORE_OPTIONS = { db: { type: 'string' }, postgres: { type: 'string' } } as const;

/** Which database the options name; a {@link UsageError} unless exactly one is given. */
export function storeTarget(values: Record<string, unknown>, command: string): { db: string } | { postgres: string } {
  const db = values.db;
  const postgres = values.postgres;
  if (db !== undefined && postgres !== undefined) throw new UsageError('give --db or --postgres, not both');
  if (typeof postgres === 'string' && postgres !== '') return { postgres };
  if (typeof db === 'string' && db !== '') return { db };
  throw new UsageError(`--db is required (or --postgres <url>), e.g. earful ${command} --db ./feedback.db`);
}

/** Opens the store the options name (SQLite is created when missing). */
export async function openStore(values: Record<string, unknown>, command: string): Promise<ResponseStore> {
  const target = storeTarget(values, command);
  if ('db' in target) return sqliteStore(target.db);
  const { postgresStore } = await import('../stores/postgres.js');
  return postgresStore(target.postgres);
}
