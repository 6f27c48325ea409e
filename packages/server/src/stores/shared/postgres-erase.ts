/**
 * Erasure in the PostgreSQL store: the response, its case, idempotency keys and pending alerts
 * go; the timeline keeps each entry's kind, time and actor (texts removed by `redactEvent`) plus
 * an `erased` entry; the rollup forgets the response's figures; a tombstone keeps the id so the
 * same response sent again is acknowledged and never stored.
 */
import type { TimelineEvent, Tombstone } from '@earful/schema';
import type { EraseTarget, StoreChange } from '../../store.js';
import { erasedCounts, redactEvent, type CaseFields } from './case-rules.js';
import { appendEvents } from './postgres-cases.js';
import type { PgContext } from './postgres-context.js';
import { addRollup } from './postgres-rollup.js';
import { caseFacts, negate, responseFacts, sumFacts } from './rollup-facts.js';
import type { Watcher } from './postgres-watch.js';
import { rowToRecord, type ResponseRow } from './response-row.js';

interface TombstoneRow {
  id: string;
  erased_at: string;
  actor: string;
  counts: Tombstone['counts'];
}

const toTombstone = (r: TombstoneRow): Tombstone => ({ id: r.id, erasedAt: r.erased_at, actor: r.actor, counts: r.counts });

export function postgresErase(ctx: PgContext, changes: Watcher) {
  const { pool, p, migrate, guard, transaction } = ctx;

  async function erase(target: EraseTarget, { actor, at }: { actor: string; at: string }): Promise<Tombstone[]> {
    await migrate();
    await changes.sent();
    let told: StoreChange[] = [];
    const written = await guard('erase responses', () =>
      transaction(async (client) => {
        const find =
          'responseId' in target
            ? { sql: `id = $1`, value: target.responseId }
            : 'email' in target
              ? { sql: `email = $1`, value: target.email.toLowerCase() }
              : { sql: `user_id = $1`, value: target.userId };
        // Locked in id order, like every other writer of several cases.
        const { rows } = await client.query<ResponseRow & { fields: CaseFields }>(
          `SELECT r.*, c.fields FROM ${p}cases c JOIN ${p}responses r ON r.id = c.id WHERE c.${find.sql} ORDER BY c.id FOR UPDATE OF c, r`,
          [find.value],
        );
        const tombstones: Tombstone[] = [];
        for (const row of rows) {
          const record = rowToRecord(row);
          const events = await client.query<{ seq: number; event: Omit<TimelineEvent, 'seq'> }>(
            `SELECT seq, event FROM ${p}timeline WHERE case_id = $1 ORDER BY seq`,
            [record.id],
          );
          const timeline = events.rows.map((e) => ({ ...e.event, seq: e.seq }) as TimelineEvent);
          for (const event of timeline) {
            const redacted = redactEvent(event);
            if (redacted !== event) {
              const { seq, ...rest } = redacted;
              await client.query(`UPDATE ${p}timeline SET event = $3 WHERE case_id = $1 AND seq = $2`, [record.id, seq, JSON.stringify(rest)]);
            }
          }
          await appendEvents(client, p, record.id, [{ type: 'erased', at, actor }]);
          await addRollup(client, p, [negate(sumFacts(responseFacts(record), caseFacts(row.fields, 1)))]);
          await client.query(`DELETE FROM ${p}case_requests WHERE case_id = $1`, [record.id]);
          await client.query(`DELETE FROM ${p}pending_alerts WHERE response_id = $1`, [record.id]);
          await client.query(`DELETE FROM ${p}cases WHERE id = $1`, [record.id]);
          await client.query(`DELETE FROM ${p}responses WHERE id = $1`, [record.id]);
          const tombstone: Tombstone = { id: record.id, erasedAt: at, actor, counts: erasedCounts(record.response, timeline) };
          await client.query(`INSERT INTO ${p}tombstones (id, erased_at, actor, counts) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`, [
            tombstone.id,
            tombstone.erasedAt,
            tombstone.actor,
            JSON.stringify(tombstone.counts),
          ]);
          tombstones.push(tombstone);
        }
        told = tombstones.map((t) => ({ type: 'erased', id: t.id }));
        await changes.notify(client, told);
        return tombstones;
      }),
    );
    changes.deliver(told);
    return written;
  }

  async function tombstone(id: string): Promise<Tombstone | undefined> {
    await migrate();
    return guard('read a tombstone', async () => {
      const { rows } = await pool.query<TombstoneRow>(`SELECT * FROM ${p}tombstones WHERE id = $1`, [id]);
      return rows[0] ? toTombstone(rows[0]) : undefined;
    });
  }

  return { erase, tombstone };
}
