/**
 * `@earful/server/postgres` — the store for several receiver processes on several machines
 * writing to one PostgreSQL (pg is an optional peer dependency). Migrations run once under an
 * advisory lock; put-if-absent is `INSERT … ON CONFLICT DO NOTHING`; alert claims use
 * `FOR UPDATE SKIP LOCKED`, so two receivers never deliver the same alert at the same time.
 */
import type pg from 'pg';
import { StoreError } from '../errors.js';
import type { ListPage, ListQuery, PendingAlert, PutResult, ResponseStore, ResponseSummary, StoredResponse, SummaryQuery } from '../store.js';
import { alertId } from './shared/outbox-row.js';
import { listSql, normalizeList, normalizeSummary, pageOf, summaryStepSql } from './shared/query.js';
import { requireDriver } from './shared/require-driver.js';
import { positionOfRow, rowToRecord, type ResponseRow } from './shared/response-row.js';
import { SUMMARY_PAGE, summarizeInSteps, type SummaryRow } from './shared/summarize.js';

const mark = (n: number) => `$${n}`;

/**
 * Options of {@link postgresStore}.
 *
 * @example
 * ```ts
 * const store = postgresStore('postgres://localhost/app', { tablePrefix: 'feedback_' });
 * ```
 */
export interface PostgresStoreOptions {
  /** Prefix of the tables this store creates. Default `"earful_"`. Letters, digits and `_` only. */
  readonly tablePrefix?: string;
}

// Arbitrary constant: the advisory lock that serializes migrations across receiver processes.
const MIGRATION_LOCK = 472_119_305;

function migrations(p: string): readonly string[] {
  return [
    `CREATE TABLE ${p}responses (
       id TEXT PRIMARY KEY,
       survey_id TEXT NOT NULL,
       received_at BIGINT NOT NULL,
       sentiment TEXT,
       digest TEXT NOT NULL,
       body JSONB NOT NULL
     );
     CREATE INDEX ${p}responses_by_time ON ${p}responses (received_at, id);
     CREATE INDEX ${p}responses_by_survey ON ${p}responses (survey_id, received_at, id);
     CREATE TABLE ${p}pending_alerts (
       id TEXT PRIMARY KEY,
       alert TEXT NOT NULL,
       response_id TEXT NOT NULL,
       attempts INTEGER NOT NULL DEFAULT 0,
       next_at BIGINT,
       last_error TEXT
     );
     CREATE INDEX ${p}pending_alerts_due ON ${p}pending_alerts (next_at);`,
  ];
}



/**
 * A {@link ResponseStore} in PostgreSQL. `connection` is a connection string, a pg `PoolConfig`
 * or your own `pg.Pool` (which `close()` then leaves open). Tables are created on first use.
 *
 * @example
 * ```ts
 * import { createHandler } from '@earful/server';
 * import { postgresStore } from '@earful/server/postgres';
 * const handler = createHandler({ store: postgresStore(process.env.DATABASE_URL ?? 'postgres://localhost/earful') });
 * ```
 */
export function postgresStore(connection: string | pg.PoolConfig | pg.Pool, options: PostgresStoreOptions = {}): ResponseStore {
  const p = options.tablePrefix ?? 'earful_';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,30}$/.test(p)) {
    throw new StoreError(`tablePrefix must be letters, digits and "_" (at most 31), got ${JSON.stringify(p)}`);
  }
  const { Pool } = requireDriver<typeof pg>('pg', 'the PostgreSQL store');
  const ownPool = !(connection instanceof Pool);
  const pool =
    connection instanceof Pool ? connection : new Pool(typeof connection === 'string' ? { connectionString: connection } : connection);
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  if (ownPool) pool.on('error', () => {});

  async function guard<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`PostgreSQL store could not ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  async function transaction<T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
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
  }

  let ready: Promise<void> | undefined;
  const migrate = () =>
    (ready ??= guard('migrate its tables', () =>
      transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(`CREATE TABLE IF NOT EXISTS ${p}migrations (version INTEGER PRIMARY KEY)`);
        const { rows } = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${p}migrations`);
        const steps = migrations(p);
        const current = rows[0]?.v ?? 0;
        if (current > steps.length) {
          throw new StoreError(`database schema version ${current} is newer than this @earful/server understands (${steps.length}); upgrade @earful/server`);
        }
        for (let v = current; v < steps.length; v += 1) {
          await client.query(steps[v]!);
          await client.query(`INSERT INTO ${p}migrations (version) VALUES ($1)`, [v + 1]);
        }
      }),
    ).catch((error: unknown) => {
      ready = undefined; // let the next call try again (the server may come back)
      throw error;
    }));

  const selectOne = `SELECT * FROM ${p}responses WHERE id = $1`;

  return {
    async putIfAbsent(record: StoredResponse, alerts: readonly string[] = []): Promise<PutResult> {
      await migrate();
      return guard('store a response', async () => {
        const insert = async (client: pg.Pool | pg.PoolClient, withAlerts: boolean) => {
          const result = await client.query(
            `INSERT INTO ${p}responses (id, survey_id, received_at, sentiment, digest, body) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (id) DO NOTHING`,
            [record.id, record.surveyId, Date.parse(record.receivedAt), record.sentiment, record.digest, JSON.stringify(record.response)],
          );
          const inserted = result.rowCount === 1;
          if (inserted && withAlerts) {
            for (const alert of alerts) {
              await client.query(`INSERT INTO ${p}pending_alerts (id, alert, response_id, next_at) VALUES ($1, $2, $3, 0) ON CONFLICT (id) DO NOTHING`, [
                alertId(record.id, alert),
                alert,
                record.id,
              ]);
            }
          }
          return inserted;
        };
        const inserted = alerts.length === 0 ? await insert(pool, false) : await transaction((client) => insert(client, true));
        if (inserted) return { inserted: true };
        const { rows } = await pool.query<ResponseRow>(selectOne, [record.id]);
        if (!rows[0]) throw new StoreError(`response ${record.id} was neither inserted nor found; the database may be damaged`);
        return { inserted: false, existing: rowToRecord(rows[0]) };
      });
    },
    async get(id: string): Promise<StoredResponse | undefined> {
      await migrate();
      return guard('read a response', async () => {
        const { rows } = await pool.query<ResponseRow>(selectOne, [id]);
        return rows[0] ? rowToRecord(rows[0]) : undefined;
      });
    },
    async list(query?: ListQuery): Promise<ListPage> {
      const q = normalizeList(query);
      await migrate();
      return guard('list responses', async () => {
        const { sql, params } = listSql(`${p}responses`, q, mark);
        const { rows } = await pool.query<ResponseRow>(sql, params);
        const page = pageOf(rows, q.limit, positionOfRow);
        return { items: page.rows.map(rowToRecord), nextCursor: page.nextCursor };
      });
    },
    async summary(query?: SummaryQuery): Promise<ResponseSummary> {
      const q = normalizeSummary(query);
      await migrate();
      return guard('summarize responses', () =>
        summarizeInSteps(async (after) => {
          const { sql, params } = summaryStepSql(`${p}responses`, q, after, SUMMARY_PAGE, mark);
          return (await pool.query<SummaryRow>(sql, params)).rows;
        }),
      );
    },
    async claimAlerts({ now, limit, leaseMs, alert }): Promise<PendingAlert[]> {
      await migrate();
      return guard('claim pending alerts', async () => {
        const { rows } = await pool.query<{ id: string; alert: string; response_id: string; attempts: number }>(
          `UPDATE ${p}pending_alerts SET next_at = $1, attempts = attempts + 1 WHERE id IN (
             SELECT id FROM ${p}pending_alerts WHERE next_at IS NOT NULL AND next_at <= $2 AND ($4::text IS NULL OR alert = $4)
             ORDER BY next_at LIMIT $3 FOR UPDATE SKIP LOCKED
           ) RETURNING id, alert, response_id, attempts - 1 AS attempts`,
          [now + leaseMs, now, limit, alert ?? null],
        );
        return rows.map((r) => ({ id: r.id, alert: r.alert, responseId: r.response_id, attempts: r.attempts }));
      });
    },
    async renewAlerts({ ids, until }): Promise<void> {
      if (ids.length === 0) return;
      await migrate();
      await guard('renew alert leases', () =>
        pool.query(`UPDATE ${p}pending_alerts SET next_at = $1 WHERE id = ANY($2::text[]) AND next_at IS NOT NULL`, [until, ids]),
      );
    },
    async completeAlert(id: string): Promise<void> {
      await migrate();
      await guard('complete an alert', () => pool.query(`DELETE FROM ${p}pending_alerts WHERE id = $1`, [id]));
    },
    async failAlert(id: string, { retryAt, error }): Promise<void> {
      await migrate();
      await guard('reschedule an alert', () =>
        pool.query(`UPDATE ${p}pending_alerts SET next_at = $1, last_error = $2 WHERE id = $3`, [
          retryAt,
          error.slice(0, 1000),
          id,
        ]),
      );
    },
    async close(): Promise<void> {
      if (ownPool) await pool.end();
    },
  };
}
