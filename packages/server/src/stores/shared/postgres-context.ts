/**
 * What every part of the PostgreSQL store shares: the pool, the table prefix, the migration
 * gate, error wrapping and transactions. The parts (`postgres-*.ts`) take one of these, so the
 * store's factory only wires them together.
 */
import type pg from 'pg';
import { CaseRuleError, StoreError } from '../../errors.js';

export interface PgContext {
  readonly pool: pg.Pool;
  /** The table prefix, checked to be an identifier. */
  readonly p: string;
  /** Resolves once the tables exist at the newest version. */
  migrate(): Promise<void>;
  /** Runs `run`, turning a driver error into a {@link StoreError} that says what failed. */
  guard<T>(what: string, run: () => Promise<T>): Promise<T>;
  /** Runs `run` in one transaction on one pooled client. */
  transaction<T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T>;
}

/** `$n`, the PostgreSQL placeholder. */
export const mark = (n: number): string => `$${n}`;

export async function guard<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StoreError || error instanceof CaseRuleError) throw error;
    throw new StoreError(`PostgreSQL store could not ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

export function transactions(pool: pg.Pool): PgContext['transaction'] {
  return async (run) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await run(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
}

/** A BIGINT column (ms) as the ISO time it stands for; `null` stays `null`. */
export function isoOf(ms: number | string | null): string | null {
  return ms === null ? null : new Date(Number(ms)).toISOString();
}

/** An ISO time as ms for a BIGINT column; `null` stays `null`. */
export function msOf(iso: string | null | undefined): number | null {
  return iso === null || iso === undefined ? null : Date.parse(iso);
}
