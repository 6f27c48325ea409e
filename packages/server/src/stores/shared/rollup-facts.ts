/**
 * What one response or one case adds to the summary's counters, for every store that keeps
 * counters (SQLite per survey × day × counter, PostgreSQL per survey × day × shard). The facts
 * come from the shared summarizer and case rules, never from SQL of a store's own, so every
 * store's figures equal the memory store's.
 */
import { CASE_STATUSES, REMEDIES } from '@earful/schema';
import type { StoredResponse } from '../../store.js';
import type { CaseFields } from './case-rules.js';
import { NO_DUE, urgencyOf } from './case-query.js';
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
  /** `[dueDay, count]`: an open negative case nobody has answered, by the UTC day its first response is due. */
  readonly dues: readonly (readonly [number, number])[];
  /** `[kind, bucket, count]`: a duration reached (kind 0 first response, 1 resolution), by {@link durationBucket}. */
  readonly durations: readonly (readonly [number, number, number])[];
}

/**
 * Lower bounds (ms) of the duration buckets: 1 ms apart at first, then 20 % apart, up to about
 * 300 years. A percentile is found by adding bucket counts up to its rank, then read exactly
 * with an `OFFSET` inside its one bucket, so the read stays short however many cases there are.
 */
export const DURATION_BOUNDS: readonly number[] = (() => {
  const bounds = [Number.MIN_SAFE_INTEGER, 1];
  while (bounds.at(-1)! < 1e13) bounds.push(Math.max(bounds.at(-1)! + 1, Math.floor(bounds.at(-1)! * 1.2)));
  return bounds;
})();

/** The bucket of a duration: the last one whose lower bound is at most `ms`. */
export function durationBucket(ms: number): number {
  let lo = 0;
  let hi = DURATION_BOUNDS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (DURATION_BOUNDS[mid]! <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** What a response adds (its sentiment, ratings and reasons), by the shared summarizer's rules. */
export function responseFacts(record: Pick<StoredResponse, 'surveyId' | 'receivedAt' | 'sentiment' | 'response'>): Facts {
  const acc = summarizer();
  acc.add(record.response, record.sentiment);
  const s = acc.tallies();
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
    dues: [],
    durations: [],
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
  const received = Date.parse(fields.receivedAt);
  const { priority, urgencyDue } = urgencyOf(fields);
  // The cases `isOverdue` may count, by the day they become overdue (see the summary).
  const dues = priority === 0 && fields.firstResponseAt === null && urgencyDue !== NO_DUE ? [[dayNumberOf(urgencyDue), sign] as const] : [];
  const durations: (readonly [number, number, number])[] = [];
  if (fields.firstResponseAt !== null) durations.push([0, durationBucket(Date.parse(fields.firstResponseAt) - received), sign]);
  if (fields.resolvedAt !== null) durations.push([1, durationBucket(Date.parse(fields.resolvedAt) - received), sign]);
  return { surveyId: fields.surveyId, day: dayNumberOf(received), counts, reasons: [], dues, durations };
}

/** `facts` with every count times -1 (an erased response leaves the figures). */
export function negate(facts: Facts): Facts {
  return {
    ...facts,
    counts: Object.fromEntries(Object.entries(facts.counts).map(([k, v]) => [k, -(v ?? 0)])),
    reasons: facts.reasons.map(([q, v, n]) => [q, v, -n] as const),
    dues: facts.dues.map(([d, n]) => [d, -n] as const),
    durations: facts.durations.map(([k, b, n]) => [k, b, -n] as const),
  };
}

/** Adds up `[...key, count]` entries with equal keys, in key order, dropping zeros. */
export function merge<K extends readonly (string | number)[]>(lists: readonly (readonly (readonly [...K, number])[])[]): (readonly [...K, number])[] {
  const byKey = new Map<string, [...K, number]>();
  for (const list of lists) {
    for (const entry of list) {
      const key = JSON.stringify(entry.slice(0, -1));
      const found = byKey.get(key);
      if (found) (found[found.length - 1] as number) += entry.at(-1) as number;
      else byKey.set(key, [...entry] as [...K, number]);
    }
  }
  const compare = (a: readonly (string | number)[], b: readonly (string | number)[]): number => {
    for (let i = 0; i < a.length - 1; i += 1) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  };
  return [...byKey.values()].filter((e) => e.at(-1) !== 0).sort(compare);
}

/** The facts of one day and survey added together. */
export function sumFacts(...all: readonly Facts[]): Facts {
  const counts: Partial<Record<RollupColumn, number>> = {};
  for (const f of all) {
    for (const [k, v] of Object.entries(f.counts) as [RollupColumn, number][]) counts[k] = (counts[k] ?? 0) + v;
  }
  const first = all[0]!;
  return {
    surveyId: first.surveyId,
    day: first.day,
    counts,
    reasons: merge<[string, string]>(all.map((f) => f.reasons)),
    dues: merge<[number]>(all.map((f) => f.dues)),
    durations: merge<[number, number]>(all.map((f) => f.durations)),
  };
}
