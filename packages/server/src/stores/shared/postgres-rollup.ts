/**
 * The summary's counters, kept per (UTC day of arrival, survey) in the same transaction as every
 * write, so `summary()` adds up at most a few hundred rows instead of reading a million
 * responses. What a response or a case adds is decided by the shared summarizer and case rules
 * (`responseFacts`, `caseFacts`), never by SQL of its own, so the figures equal the memory store's.
 */
import type pg from 'pg';
import { CASE_STATUSES, REMEDIES } from '@earful/schema';
import type { StoredResponse } from '../../store.js';
import type { CaseFields } from './case-rules.js';
import { dayNumberOf, summarizer } from './summarize.js';

/** The counter columns of the rollup table (also the keys of {@link Facts}). Frozen once released: a new counter is a new migration. */
export const ROLLUP_COLUMNS = [
  'total',
  's_negative',
  's_neutral',
  's_positive',
  's_none',
  'csat_answers',
  'csat_satisfied',
  'nps_answers',
  'nps_promoters',
  'nps_passives',
  'nps_detractors',
  't_red',
  't_amber',
  't_green',
  't_gold',
  ...CASE_STATUSES.map((s) => `st_${s}` as const),
  ...REMEDIES.map((r) => `rm_${r}` as const),
  'fr_count',
  'res_count',
  'fu_sent',
  'fu_answered',
  'fu_positive',
] as const;

export type RollupColumn = (typeof ROLLUP_COLUMNS)[number];

/** What one response or case adds to the rollup row of its day and survey. */
export interface Facts {
  readonly surveyId: string;
  /** UTC day number (ms / 86,400,000, floored) of `receivedAt`. */
  readonly day: number;
  readonly counts: Partial<Record<RollupColumn, number>>;
  /** `[questionId, value, count]` of choice answers. */
  readonly reasons: readonly (readonly [string, string, number])[];
}

/** What a response adds (its sentiment, ratings and reasons), by the shared summarizer's rules. */
export function responseFacts(record: Pick<StoredResponse, 'surveyId' | 'receivedAt' | 'sentiment' | 'response'>): Facts {
  const acc = summarizer();
  acc.add(record.response, record.sentiment);
  const s = acc.result();
  const reasons = new Map<string, [string, string, number]>();
  for (const answer of record.response.answers) {
    if (answer.type !== 'choice') continue;
    for (const value of answer.values) {
      const key = `${answer.questionId}\u0000${value}`;
      const entry = reasons.get(key);
      if (entry) entry[2] += 1;
      else reasons.set(key, [answer.questionId, value, 1]);
    }
  }
  return {
    surveyId: record.surveyId,
    day: dayNumberOf(Date.parse(record.receivedAt)),
    counts: {
      total: s.total,
      s_negative: s.bySentiment.negative,
      s_neutral: s.bySentiment.neutral,
      s_positive: s.bySentiment.positive,
      s_none: s.bySentiment.none,
      csat_answers: s.csat.answers,
      csat_satisfied: s.csat.satisfied,
      nps_answers: s.nps.answers,
      nps_promoters: s.nps.promoters,
      nps_passives: s.nps.passives,
      nps_detractors: s.nps.detractors,
      t_red: s.thermometer.red,
      t_amber: s.thermometer.amber,
      t_green: s.thermometer.green,
      t_gold: s.thermometer.gold,
    },
    reasons: [...reasons.values()],
  };
}

/** What a case adds, times `sign` (`-1` takes the old state of a changed case away). */
export function caseFacts(fields: CaseFields, sign: 1 | -1): Facts {
  const counts: Partial<Record<RollupColumn, number>> = { [`st_${fields.status}`]: sign };
  if (fields.remedy !== null && fields.status === 'resolved') counts[`rm_${fields.remedy}`] = sign;
  if (fields.firstResponseAt !== null) counts.fr_count = sign;
  if (fields.resolvedAt !== null) counts.res_count = sign;
  const followUp = fields.followUp;
  if (followUp !== null) {
    counts.fu_sent = sign;
    if (followUp.answeredAt !== null) {
      counts.fu_answered = sign;
      if (followUp.sentiment === 'positive') counts.fu_positive = sign;
    }
  }
  return { surveyId: fields.surveyId, day: dayNumberOf(Date.parse(fields.receivedAt)), counts, reasons: [] };
}

/** `facts` with every count times -1 (an erased response leaves the figures). */
export function negate(facts: Facts): Facts {
  return {
    ...facts,
    counts: Object.fromEntries(Object.entries(facts.counts).map(([k, v]) => [k, -(v ?? 0)])),
    reasons: facts.reasons.map(([q, v, n]) => [q, v, -n] as const),
  };
}

/** The facts of one day and survey added together. */
export function sumFacts(...all: readonly Facts[]): Facts {
  const counts: Partial<Record<RollupColumn, number>> = {};
  const reasons = new Map<string, [string, string, number]>();
  for (const f of all) {
    for (const [k, v] of Object.entries(f.counts) as [RollupColumn, number][]) counts[k] = (counts[k] ?? 0) + v;
    for (const [q, v, n] of f.reasons) {
      const key = `${q}\u0000${v}`;
      const entry = reasons.get(key);
      if (entry) entry[2] += n;
      else reasons.set(key, [q, v, n]);
    }
  }
  const first = all[0]!;
  return { surveyId: first.surveyId, day: first.day, counts, reasons: [...reasons.values()] };
}

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
  const reasons = f.reasons.filter(([, , n]) => n !== 0).sort(([q1, v1], [q2, v2]) => (q1 < q2 ? -1 : q1 > q2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0));
  if (reasons.length > 0 || fixed) {
    const survey = next(f.surveyId);
    const day = next(f.day);
    const [q, v, n] = [next(reasons.map((r) => r[0])), next(reasons.map((r) => r[1])), next(reasons.map((r) => r[2]))];
    statements.push(
      `INSERT INTO ${p}rollup_reasons (survey_id, day, shard, question_id, value, count)
       SELECT ${survey}::text, ${day}::int, ${shard}::smallint, t.q, t.v, t.n ${from ? `${from},` : 'FROM'} unnest(${q}::text[], ${v}::text[], ${n}::bigint[]) WITH ORDINALITY AS t(q, v, n, o)
       ORDER BY t.o
       ON CONFLICT (day, survey_id, shard, question_id, value) DO UPDATE SET count = ${p}rollup_reasons.count + EXCLUDED.count`,
    );
  }
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
    for (const sql of rollupInserts(p, sumFacts(...groups.get(key)!), next)) {
      await client.query(sql, params.splice(0));
    }
  }
}
