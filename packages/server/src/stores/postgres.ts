/**
 * `@earful/server/postgres` — the store for several receiver processes on several machines
 * writing to one PostgreSQL (pg is an optional peer dependency). Migrations run once under an
 * advisory lock; put-if-absent is `INSERT … ON CONFLICT DO NOTHING`; alert claims use
 * `FOR UPDATE SKIP LOCKED`, so two receivers never deliver the same alert at the same time; the
 * overdue sweep marks a case with an UPDATE only one process can win; every committed change is
 * a `NOTIFY`, so `watch()` hears the other processes too. The parts live in
 * `stores/shared/postgres-*.ts`, one concept each.
 */
import type pg from 'pg';
import { StoreError } from '../errors.js';
import type { Tombstone } from '@earful/schema';
import type { ListPage, ListQuery, PendingAlert, PutResult, ResponseStore, StoredResponse, StoreChange } from '../store.js';
import { newCase } from './shared/case-rules.js';
import { alertId } from './shared/outbox-row.js';
import { postgresAuth } from './shared/postgres-auth.js';
import { CASE_CASTS, CASE_COLUMNS, caseValues } from './shared/postgres-case-row.js';
import { postgresCases } from './shared/postgres-cases.js';
import { guard, mark, transactions, type PgContext } from './shared/postgres-context.js';
import { postgresErase } from './shared/postgres-erase.js';
import { migrator } from './shared/postgres-migrations.js';
import { rollupInserts } from './shared/postgres-rollup.js';
import { caseFacts, responseFacts, sumFacts } from './shared/rollup-facts.js';
import { postgresSummary } from './shared/postgres-summary.js';
import { watcher } from './shared/postgres-watch.js';
import { listSql, normalizeList, pageOf } from './shared/query.js';
import { requireDriver } from './shared/require-driver.js';
import { positionOfRow, rowToRecord, type ResponseRow } from './shared/response-row.js';

/**
 * Options of {@link postgresStore}.
 *
 * @example
 * ```ts
 * const store = postgresStore('postgres://localhost/app', { tablePrefix: 'feedback_' });
 * ```
 */
export interface PostgresStoreOptions {
  /** Prefix of the tables this store creates (and of its NOTIFY channel, `<prefix>changes`). Default `"earful_"`. Letters, digits and `_` only. */
  readonly tablePrefix?: string;
}

/**
 * A {@link ResponseStore} in PostgreSQL. `connection` is a connection string, a pg `PoolConfig`
 * or your own `pg.Pool` (which `close()` then leaves open). Tables are created on first use;
 * `watch()` holds one pooled connection for `LISTEN` from its first call until `close()`.
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

  const transaction = transactions(pool);
  const migrate = migrator({ p, transaction });
  const ctx: PgContext = { pool, p, migrate, guard, transaction };
  const changes = watcher(pool, `${p}changes`);
  const cases = postgresCases(ctx, changes);
  const erasure = postgresErase(ctx, changes);
  const selectOne = `SELECT * FROM ${p}responses WHERE id = $1`;

  return {
    async putIfAbsent(record: StoredResponse, alerts: readonly string[] = [], init): Promise<PutResult> {
      await migrate();
      const { fields, event } = newCase(record, init);
      const told: StoreChange[] = [
        { type: 'response', id: record.id, sentiment: record.sentiment, surveyId: record.surveyId },
        ...alerts.map((alert): StoreChange => ({ type: 'alert', id: record.id, alert, kind: 'response' })),
      ];
      // One statement (atomic on its own): the response, its case, timeline, alerts and rollup,
      // each CTE writing only when `ins` inserted. One round trip keeps the rollup row's lock
      // short when many responses of one survey arrive at once. (The NOTIFY follows the commit,
      // batched: see postgres-watch.ts.)
      const params: unknown[] = [];
      const next = (value: unknown) => `$${params.push(value)}`;
      const id = next(record.id);
      const ctes = [
        `ins AS (INSERT INTO ${p}responses (id, survey_id, received_at, sentiment, digest, body)
           SELECT ${id}, ${next(record.surveyId)}, ${next(Date.parse(record.receivedAt))}::bigint, ${next(record.sentiment)}, ${next(record.digest)}, ${next(JSON.stringify(record.response))}::jsonb
           WHERE NOT EXISTS (SELECT 1 FROM ${p}tombstones WHERE id = ${id})
           ON CONFLICT (id) DO NOTHING RETURNING id)`,
        `c AS (INSERT INTO ${p}cases (${CASE_COLUMNS.join(', ')})
           SELECT ${caseValues(fields, record, []).map((v, i) => `${next(v)}${CASE_CASTS[i]}`).join(', ')} FROM ins)`,
        `t AS (INSERT INTO ${p}timeline (case_id, seq, type, event) SELECT id, 1, ${next(event.type)}, ${next(JSON.stringify(event))}::jsonb FROM ins)`,
        `a AS (INSERT INTO ${p}pending_alerts (id, alert, response_id, next_at, kind)
           SELECT x.id, x.alert, ins.id, 0, 'response' FROM ins, unnest(${next(alerts.map((alert) => alertId(record.id, alert)))}::text[], ${next(alerts)}::text[]) AS x(id, alert)
           ON CONFLICT (id) DO NOTHING)`,
        ...rollupInserts(p, sumFacts(responseFacts(record), caseFacts(fields, 1)), next, { from: 'FROM ins', fixed: true }).map((sql, i) => `r${i} AS (${sql})`),
      ];
      const inserted = await guard('store a response', async () => {
        // The text is the same for every response: prepared once per connection, never re-planned.
        const { rows } = await pool.query<{ inserted: string }>({ name: `${p}put`, text: `WITH ${ctes.join(',\n')} SELECT count(*) AS inserted FROM ins`, values: params });
        return Number(rows[0]?.inserted) === 1;
      });
      if (inserted) {
        changes.publish(told);
        return { inserted: true };
      }
      return guard('read a stored response', async () => {
        const { rows } = await pool.query<ResponseRow>(selectOne, [record.id]);
        if (rows[0]) return { inserted: false, existing: rowToRecord(rows[0]) };
        if (await erasure.tombstone(record.id)) return { inserted: false, erased: true };
        throw new StoreError(`response ${record.id} was neither inserted nor found; the database may be damaged`);
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
    summary: postgresSummary(ctx),
    getCase: cases.getCase,
    timeline: cases.timeline,
    listCases: cases.listCases,
    changeCase: cases.changeCase,
    markOverdue: cases.markOverdue,
    erase: erasure.erase,
    tombstone: (id: string): Promise<Tombstone | undefined> => erasure.tombstone(id),
    exportRows: cases.exportRows,
    watch: changes.watch,
    auth: postgresAuth(ctx),
    async claimAlerts({ now, limit, leaseMs, alert }): Promise<PendingAlert[]> {
      await migrate();
      return guard('claim pending alerts', async () => {
        const { rows } = await pool.query<{ id: string; alert: string; response_id: string; kind: PendingAlert['kind']; attempts: number }>(
          `UPDATE ${p}pending_alerts SET next_at = $1, attempts = attempts + 1 WHERE id IN (
             SELECT id FROM ${p}pending_alerts WHERE next_at IS NOT NULL AND next_at <= $2 AND ($4::text IS NULL OR alert = $4)
             ORDER BY next_at LIMIT $3 FOR UPDATE SKIP LOCKED
           ) RETURNING id, alert, response_id, kind, attempts - 1 AS attempts`,
          [now + leaseMs, now, limit, alert ?? null],
        );
        return rows.map((r) => ({ id: r.id, alert: r.alert, responseId: r.response_id, kind: r.kind, attempts: r.attempts }));
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
        pool.query(`UPDATE ${p}pending_alerts SET next_at = $1, last_error = $2 WHERE id = $3`, [retryAt, error.slice(0, 1000), id]),
      );
    },
    async close(): Promise<void> {
      await changes.close();
      if (ownPool) await pool.end();
    },
  };
}
