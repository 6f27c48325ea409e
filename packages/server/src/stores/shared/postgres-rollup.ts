/**
 * The PostgreSQL store's summary counters, kept per (UTC day of arrival, survey, shard) in the same
 * transaction as every write, so `summary()` adds up at most a few hundred rows instead of reading
 * a million responses. What each write adds is decided in `rollup-facts.ts`, shared with SQLite.
 */
import type pg from 'pg';
import { merge, ROLLUP_COLUMNS, sumFacts, type Facts, type RollupColumn } from './rollup-facts.js';

/**
 * Rows per (day, survey) of the rollup: writers pick one at random, so concurrent arrivals of
 * one busy survey do not all wait for one row's lock; the summary adds the shards up.
 */
export const ROLLUP_SHARDS = 8;

/**
 * The INSERT … ON CONFLICT statements that add `f` to the rollup. `next` adds a parameter;
 * `from` (e.g. `FROM ins`) makes them add only when that relation has a row, for use as CTEs of
 * one statement. With `fixed`, the text does not depend on `f` (every counter, the reasons
 * statement even without reasons), so the statement can be prepared once; otherwise only the
 * counters `f` moves are written, and nothing at all when it moves none.
 */
export function rollupInserts(p: string, f: Facts, next: (value: unknown) => string, options: { from?: string; fixed?: boolean } = {}): string[] {
  const { from = '', fixed = false } = options;
  const statements: string[] = [];
  const shard = next(Math.floor(Math.random() * ROLLUP_SHARDS));
  const columns = fixed
    ? ROLLUP_COLUMNS.map((c) => [c, f.counts[c] ?? 0] as const)
    : (Object.entries(f.counts) as [RollupColumn, number][]).filter(([, v]) => v !== 0);
  if (columns.length > 0) {
    const names = columns.map(([c]) => c);
    statements.push(
      `INSERT INTO ${p}rollup (survey_id, day, shard, ${names.join(', ')})
       SELECT ${next(f.surveyId)}::text, ${next(f.day)}::int, ${shard}::smallint, ${columns.map(([, v]) => `${next(v)}::bigint`).join(', ')} ${from}
       ON CONFLICT (day, survey_id, shard) DO UPDATE SET ${names.map((c) => `${c} = ${p}rollup.${c} + EXCLUDED.${c}`).join(', ')}`,
    );
  }
  // The keyed counters: reasons, dues and durations, one statement each, rows in key order.
  const keyed = (table: string, keys: readonly [string, string][], entries: readonly (readonly (string | number)[])[]) => {
    const live = entries.filter((e) => e.at(-1) !== 0);
    if (live.length === 0 && !fixed) return;
    const survey = next(f.surveyId);
    const day = next(f.day);
    const arrays = [...keys.map(([, type], i) => `${next(live.map((e) => e[i]))}::${type}[]`), `${next(live.map((e) => e.at(-1)))}::bigint[]`];
    const names = keys.map(([name]) => name);
    statements.push(
      `INSERT INTO ${p}${table} (survey_id, day, shard, ${names.join(', ')}, count)
       SELECT ${survey}::text, ${day}::int, ${shard}::smallint, ${names.map((n) => `t.${n}`).join(', ')}, t.n ${from ? `${from},` : 'FROM'} unnest(${arrays.join(', ')}) WITH ORDINALITY AS t(${names.join(', ')}, n, o)
       ORDER BY t.o
       ON CONFLICT (day, survey_id, shard, ${names.join(', ')}) DO UPDATE SET count = ${p}${table}.count + EXCLUDED.count`,
    );
  };
  keyed('rollup_reasons', [['question_id', 'text'], ['value', 'text']], merge<[string, string]>([f.reasons]));
  keyed('rollup_due', [['due_day', 'int']], merge<[number]>([f.dues]));
  if (!fixed || f.durations.length > 0) keyed('rollup_durations', [['kind', 'smallint'], ['bucket', 'smallint']], merge<[number, number]>([f.durations]));
  return statements;
}

/**
 * Adds facts to the rollup inside a transaction, one (day, survey) after another in order, so two
 * transactions never wait on each other in a circle.
 */
export async function addRollup(client: pg.PoolClient, p: string, all: readonly Facts[]): Promise<void> {
  const groups = new Map<string, Facts[]>();
  for (const f of all) {
    const key = `${String(f.day).padStart(8, '0')}\u0000${f.surveyId}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  for (const key of [...groups.keys()].sort()) {
    const params: unknown[] = [];
    const next = (value: unknown) => `$${params.push(value)}`;
    const statements = rollupInserts(p, sumFacts(...groups.get(key)!), next);
    // One statement with the inserts as CTEs: they share the parameters, in one round trip.
    if (statements.length > 0) await client.query(`WITH ${statements.map((sql, i) => `r${i} AS (${sql})`).join(',\n')} SELECT 1`, params);
  }
}
