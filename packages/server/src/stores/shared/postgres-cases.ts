/**
 * The case half of the PostgreSQL store: reading cases and timelines, pages of cases, changes
 * (row lock, version check, idempotency key, the shared rules, rollups and NOTIFY in one
 * transaction) and the overdue sweep (an UPDATE that only one process can win per case).
 */
import type pg from 'pg';
import { CaseRuleError } from '../../errors.js';
import type { TimelineEvent } from '@earful/schema';
import type { CaseChange, CaseChangeResult, CaseQuery, CaseRecord, StoreChange } from '../../store.js';
import { caseOrderSql, casePageOf, caseWhereSql, likeContains, normalizeCaseQuery, type CaseDialect, type CasePosition } from './case-query.js';
import { applyChange, caseView, type CaseFields, type NewEvent } from './case-rules.js';
import { alertId } from './outbox-row.js';
import { CASE_JOIN_COLUMNS, caseValues, notesOf, rowToCaseRecord, updateCaseSql, type CaseJoinRow } from './postgres-case-row.js';
import { mark, type PgContext } from './postgres-context.js';
import { addRollup } from './postgres-rollup.js';
import { caseFacts } from './rollup-facts.js';
import type { Watcher } from './postgres-watch.js';
import { toMs } from './query.js';
import { responseOf } from './response-row.js';

/** How PostgreSQL writes the filters that differ between the SQL stores. */
const dialect: CaseDialect = {
  // With pg_trgm's GIN index, a term of 3+ characters is an index lookup; shorter ones scan.
  text: (terms, next) => terms.map((term) => `c.search_text LIKE ${next(likeContains(term))} ESCAPE '\\'`).join(' AND '),
  reason: (value, next) => `r.body->'answers' @> ${next(JSON.stringify([{ type: 'choice', values: [value] }]))}::jsonb`,
  tag: (value, next) => `c.tags @> ARRAY[${next(value)}::text]`,
  metadata: (key, value, next) => `(r.body->'metadata'->>${next(key)}) = ${next(value)}`,
};

type PageRow = CaseJoinRow & { priority: number; urgency_due: string; c_received_at: string };

/** Appends events to a case's timeline after its last `seq`; returns them numbered. */
export async function appendEvents(client: pg.PoolClient, p: string, id: string, events: readonly NewEvent[]): Promise<TimelineEvent[]> {
  if (events.length === 0) return [];
  const { rows } = await client.query<{ seq: number | null }>(`SELECT max(seq) AS seq FROM ${p}timeline WHERE case_id = $1`, [id]);
  const first = (rows[0]?.seq ?? 0) + 1;
  const numbered = events.map((event, i) => ({ ...event, seq: first + i }) as TimelineEvent);
  await client.query(
    `INSERT INTO ${p}timeline (case_id, seq, type, event) SELECT $1, s, t, e FROM unnest($2::int[], $3::text[], $4::jsonb[]) AS u(s, t, e)`,
    [id, numbered.map((e) => e.seq), numbered.map((e) => e.type), numbered.map(({ seq: _seq, ...e }) => JSON.stringify(e))],
  );
  return numbered;
}

export function postgresCases(ctx: PgContext, changes: Watcher) {
  const { pool, p, migrate, guard, transaction } = ctx;
  const joined = `FROM ${p}cases c JOIN ${p}responses r ON r.id = c.id`;

  async function getCase(id: string, options: { readonly now?: number } = {}): Promise<CaseRecord | undefined> {
    await migrate();
    return guard('read a case', async () => {
      const { rows } = await pool.query<CaseJoinRow>(`SELECT ${CASE_JOIN_COLUMNS} ${joined} WHERE c.id = $1`, [id]);
      return rows[0] ? rowToCaseRecord(rows[0], options.now ?? Date.now()) : undefined;
    });
  }

  async function timeline(id: string): Promise<TimelineEvent[]> {
    await migrate();
    return guard('read a timeline', async () => {
      const { rows } = await pool.query<{ seq: number; event: Omit<TimelineEvent, 'seq'> }>(
        `SELECT seq, event FROM ${p}timeline WHERE case_id = $1 ORDER BY seq`,
        [id],
      );
      return rows.map((r) => ({ ...r.event, seq: r.seq }) as TimelineEvent);
    });
  }

  async function listCases(query?: CaseQuery): Promise<{ items: CaseRecord[]; nextCursor: string | null }> {
    const q = normalizeCaseQuery(query);
    await migrate();
    return guard('list cases', async () => {
      const { where, params } = caseWhereSql(q, mark, dialect, 'c');
      params.push(q.limit + 1);
      const { rows } = await pool.query<PageRow>(
        `SELECT ${CASE_JOIN_COLUMNS}, c.priority, c.urgency_due, c.received_at AS c_received_at ${joined} ${where}
         ORDER BY ${caseOrderSql(q.sort, 'c')} LIMIT ${mark(params.length)}`,
        params,
      );
      const positionOf = (row: PageRow): CasePosition => ({
        priority: row.priority as CasePosition['priority'],
        urgencyDue: Number(row.urgency_due),
        receivedAt: Number(row.c_received_at),
        id: row.id,
      });
      const page = casePageOf(rows, q, positionOf);
      return { items: page.rows.map((row) => rowToCaseRecord(row, q.now)), nextCursor: page.nextCursor };
    });
  }

  async function changeCase(id: string, change: CaseChange): Promise<CaseChangeResult> {
    await migrate();
    await changes.sent();
    let told: StoreChange[] = [];
    const result = await guard('change a case', () =>
      transaction(async (client): Promise<CaseChangeResult> => {
        const { rows } = await client.query<{ fields: CaseFields; body: CaseJoinRow['body'] }>(
          `SELECT c.fields, r.body ${joined} WHERE c.id = $1 FOR UPDATE OF c`,
          [id],
        );
        const row = rows[0];
        if (!row) return { kind: 'missing' };
        const response = responseOf(row.body);
        const current = row.fields;
        const now = Date.now();
        const view = (fields: CaseFields) => caseView(fields, response, now);
        const key = change.idempotency;
        if (key) {
          // Keys are global, like the memory store's: the same key on another case is a reuse.
          const seen = await client.query<{ case_id: string; digest: string }>(`SELECT case_id, digest FROM ${p}case_requests WHERE key = $1`, [key.key]);
          const before = seen.rows[0];
          if (before) return { kind: before.case_id === id && before.digest === key.digest ? 'repeat' : 'key-reused', case: view(current) };
        }
        if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) return { kind: 'conflict', case: view(current) };
        const outcome = applyChange(current, change);
        if (!outcome.ok) throw new CaseRuleError(outcome.message);
        if (change.idempotency) {
          // The same key on this case waits for the row lock above and then reads `repeat`; on another case it fails on the primary key.
          await client.query(`INSERT INTO ${p}case_requests (key, case_id, digest) VALUES ($1, $2, $3)`, [change.idempotency.key, id, change.idempotency.digest]);
        }
        const events = await appendEvents(client, p, id, outcome.events);
        const noted = outcome.events.some((e) => e.type === 'note_added');
        if (outcome.changed || noted) {
          await client.query(updateCaseSql(p), caseValues(outcome.next, { response }, await notesOf(client, p, id)));
        }
        if (outcome.changed) await addRollup(client, p, [caseFacts(current, -1), caseFacts(outcome.next, 1)]);
        if (events.length > 0 || outcome.changed) {
          told = [{ type: 'case', id, version: outcome.next.version }];
          await changes.notify(client, told);
        }
        return { kind: 'applied', case: view(outcome.next), events };
      }),
    );
    changes.deliver(told);
    return result;
  }

  async function markOverdue({ now, alerts, limit }: { now: number; alerts: readonly string[]; limit: number }): Promise<string[]> {
    await migrate();
    await changes.sent();
    let told: StoreChange[] = [];
    const ids = await guard('mark overdue cases', () =>
      transaction(async (client) => {
        // SKIP LOCKED: a case another process is marking (or changing) is left to it; the
        // `overdue_at IS NULL` test makes a case marked once ever, whoever wins.
        const { rows } = await client.query<{ id: string; version: number }>(
          `UPDATE ${p}cases SET overdue_at = $1 WHERE id IN (
             SELECT id FROM ${p}cases
             WHERE priority = 0 AND first_response_at IS NULL AND overdue_at IS NULL AND urgency_due <= $1
             ORDER BY urgency_due, received_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
           ) AND overdue_at IS NULL RETURNING id, version`,
          [now, limit],
        );
        const at = new Date(now).toISOString();
        for (const { id } of rows) {
          await appendEvents(client, p, id, [{ type: 'overdue', at, actor: 'system', target: 'first_response' }]);
          for (const alert of alerts) {
            await client.query(
              `INSERT INTO ${p}pending_alerts (id, alert, response_id, next_at, kind) VALUES ($1, $2, $3, 0, 'overdue') ON CONFLICT (id) DO NOTHING`,
              [alertId(id, alert, 'overdue'), alert, id],
            );
          }
        }
        told = rows.flatMap((r): StoreChange[] => [
          { type: 'case', id: r.id, version: r.version },
          ...alerts.map((alert): StoreChange => ({ type: 'alert', id: r.id, alert, kind: 'overdue' })),
        ]);
        await changes.notify(client, told);
        return rows.map((r) => r.id);
      }),
    );
    changes.deliver(told);
    return ids;
  }

  async function* exportRows(options: { readonly surveyId?: string; readonly since?: string | Date; readonly batch?: number } = {}): AsyncIterable<CaseRecord> {
    const batch = options.batch ?? 1000;
    const since = toMs(options.since, 'since');
    await migrate();
    let after: [number, string] = [-1, ''];
    for (;;) {
      const params: unknown[] = [after[0], after[1]];
      const where = [`(c.received_at, c.id) > ($1, $2)`];
      if (options.surveyId !== undefined) where.push(`c.survey_id = ${mark(params.push(options.surveyId))}`);
      if (since !== undefined) where.push(`c.received_at >= ${mark(params.push(since))}`);
      params.push(batch);
      const { rows } = await guard('export responses', () =>
        pool.query<CaseJoinRow>(
          `SELECT ${CASE_JOIN_COLUMNS} ${joined} WHERE ${where.join(' AND ')} ORDER BY c.received_at, c.id LIMIT ${mark(params.length)}`,
          params,
        ),
      );
      const now = Date.now();
      for (const row of rows) yield rowToCaseRecord(row, now);
      const last = rows.at(-1);
      if (!last || rows.length < batch) return;
      after = [Number(last.received_at), last.id];
    }
  }

  return { getCase, timeline, listCases, changeCase, markOverdue, exportRows };
}
