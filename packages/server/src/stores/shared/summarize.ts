/**
 * The rules of a {@link ResponseSummary}, written once so every store (memory, SQLite,
 * PostgreSQL) reports the same numbers: what one response adds, how percentages are rounded,
 * how a percentile is picked, which days the series holds. The memory store feeds every response
 * and case to {@link summarizer}; the SQL stores keep counters and use the pure helpers below
 * ({@link csatPercent}, {@link npsScore}, {@link percentileRank}, {@link seriesOf}, {@link topReasonsOf}).
 */
import type { Sentiment, SummaryDay, SurveyResponse } from '@earful/schema';
import type { ResponseSummary } from '../../store.js';
import { isOverdue, type CaseFields } from './case-rules.js';
import type { Position } from './query.js';
import { responseOf, type ResponseRow } from './response-row.js';

/**
 * Rows a database store reads per step of {@link summarizeInSteps}; between steps the event loop
 * runs, so a pass over a large store does not stall the receiver.
 */
export const SUMMARY_PAGE = 2_000;
/** Days of the series when a query names none. */
export const DEFAULT_SUMMARY_DAYS = 90;
/** The longest series a summary returns. */
export const MAX_SUMMARY_DAYS = 366;
/** How many reasons `topReasons` lists. */
export const TOP_REASONS = 10;

const DAY_MS = 86_400_000;
const THERMOMETER = ['red', 'amber', 'green', 'gold'] as const;

/** Rounds to one decimal, the precision of every percentage in a summary. */
export const round1 = (n: number): number => Math.round(n * 10) / 10;

/** `part` of `whole` in %, one decimal; `null` when `whole` is 0. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : round1((part / whole) * 100);
}

/** CSAT %: the share of `csat5` answers of 4 or 5. */
export function csatPercent(satisfied: number, answers: number): number | null {
  return percentOf(satisfied, answers);
}

/** NPS: % promoters (9–10) − % detractors (0–6), one decimal. */
export function npsScore(promoters: number, detractors: number, answers: number): number | null {
  return answers === 0 ? null : round1(((promoters - detractors) / answers) * 100);
}

/**
 * The 1-based rank of the `p`-th percentile (`p` an integer 1–100) among `count` sorted values,
 * by the nearest-rank rule: `ceil(p × count / 100)`. A SQL store reads it exactly with
 * `ORDER BY duration LIMIT 1 OFFSET rank - 1` on an indexed column.
 */
export function percentileRank(count: number, p: number): number {
  return Math.max(1, Math.ceil((p * count) / 100));
}

/** The `p`-th percentile of ascending `sorted` values (nearest rank), `null` when empty. */
export function percentile(sorted: readonly number[], p: number): number | null {
  return sorted.length === 0 ? null : sorted[percentileRank(sorted.length, p) - 1]!;
}

/** Count, p50 and p90 of durations in ms (any order). */
export function durationStats(durations: readonly number[]): ResponseSummary['cases']['firstResponse'] {
  const sorted = [...durations].sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: percentile(sorted, 50), p90Ms: percentile(sorted, 90) };
}

/** The UTC day number (ms / 86,400,000, floored) of a time in ms. */
export const dayNumberOf = (ms: number): number => Math.floor(ms / DAY_MS);

/** `YYYY-MM-DD` of a UTC day number. */
export const dayLabel = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** What one UTC day of the series adds up. */
export interface DayCounts {
  count: number;
  negative: number;
  csatAnswers: number;
  csatSatisfied: number;
  npsAnswers: number;
  npsPromoters: number;
  npsDetractors: number;
}

/** The first and last UTC day numbers of a series of `days` days ending on the day of `now`. */
export function seriesRange(now: number, days: number): { first: number; last: number } {
  const last = dayNumberOf(now);
  return { first: last - days + 1, last };
}

/**
 * The series: every UTC day of the range present, oldest first, days without responses as zeros
 * with `null` figures. `byDay` holds the counts of the days that have some.
 */
export function seriesOf(now: number, days: number, byDay: ReadonlyMap<number, DayCounts>): SummaryDay[] {
  const { first, last } = seriesRange(now, days);
  const series: SummaryDay[] = [];
  for (let day = first; day <= last; day += 1) {
    const c = byDay.get(day);
    series.push({
      day: dayLabel(day),
      count: c?.count ?? 0,
      csat: c ? csatPercent(c.csatSatisfied, c.csatAnswers) : null,
      nps: c ? npsScore(c.npsPromoters, c.npsDetractors, c.npsAnswers) : null,
      negativeShare: c ? percentOf(c.negative, c.count) : null,
    });
  }
  return series;
}

/** A chosen option and how often. */
export interface ReasonCount {
  readonly questionId: string;
  readonly value: string;
  readonly count: number;
}

/**
 * The top reasons: most chosen first, ties by question id then option id in binary (code unit)
 * order — what `ORDER BY count DESC, question_id, value` gives in SQLite and in PostgreSQL with
 * `COLLATE "C"` — at most {@link TOP_REASONS}, none with a count of 0.
 */
export function topReasonsOf(reasons: Iterable<ReasonCount>): ReasonCount[] {
  const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...reasons]
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || binary(a.questionId, b.questionId) || binary(a.value, b.value))
    .slice(0, TOP_REASONS)
    .map(({ questionId, value, count }) => ({ questionId, value, count }));
}

/**
 * Accumulates responses (and, for the full summary, their cases); `result()` gives the summary so
 * far. `now` and `days` place the series and decide `overdue`; without them the series is empty.
 */
export function summarizer(options: { readonly now?: number; readonly days?: number } = {}) {
  const now = options.now ?? Date.now();
  const days = options.days ?? 0;
  const { first } = seriesRange(now, Math.max(days, 1));
  const bySentiment = { negative: 0, neutral: 0, positive: 0, none: 0 };
  const csat = { answers: 0, satisfied: 0 };
  const nps = { answers: 0, promoters: 0, passives: 0, detractors: 0 };
  const thermometer = { red: 0, amber: 0, green: 0, gold: 0 };
  const reasons = new Map<string, { questionId: string; value: string; count: number }>();
  const byDay = new Map<number, DayCounts>();
  const byStatus = { new: 0, acknowledged: 0, resolving: 0, resolved: 0, spam: 0 };
  const byRemedy = { apology: 0, refund: 0, discount: 0, credit: 0, replacement: 0, fix: 0, other: 0 };
  const recovery = { sent: 0, answered: 0, positive: 0 };
  const firstResponse: number[] = [];
  const resolution: number[] = [];
  let overdue = 0;
  let total = 0;
  return {
    /** Adds a response; with `receivedAt` (ms) it also counts in the series. */
    add(response: SurveyResponse, sentiment: Sentiment | null, receivedAt?: number): void {
      total += 1;
      bySentiment[sentiment ?? 'none'] += 1;
      const day = receivedAt === undefined ? undefined : dayNumberOf(receivedAt);
      let counts: DayCounts | undefined;
      if (day !== undefined && days > 0 && day >= first) {
        counts = byDay.get(day);
        if (!counts) byDay.set(day, (counts = { count: 0, negative: 0, csatAnswers: 0, csatSatisfied: 0, npsAnswers: 0, npsPromoters: 0, npsDetractors: 0 }));
        counts.count += 1;
        if (sentiment === 'negative') counts.negative += 1;
      }
      for (const answer of response.answers) {
        if (answer.type === 'rating') {
          if (answer.scale === 'csat5') {
            const satisfied = answer.value >= 4 ? 1 : 0;
            csat.answers += 1;
            csat.satisfied += satisfied;
            if (counts) (counts.csatAnswers += 1), (counts.csatSatisfied += satisfied);
          } else if (answer.scale === 'nps') {
            nps.answers += 1;
            if (counts) counts.npsAnswers += 1;
            if (answer.value >= 9) {
              nps.promoters += 1;
              if (counts) counts.npsPromoters += 1;
            } else if (answer.value >= 7) nps.passives += 1;
            else {
              nps.detractors += 1;
              if (counts) counts.npsDetractors += 1;
            }
          } else if (answer.scale === 'thermometer4') {
            const colour = THERMOMETER[answer.value - 1];
            if (colour) thermometer[colour] += 1;
          }
        } else if (answer.type === 'choice') {
          for (const value of answer.values) {
            const key = `${answer.questionId}\u0000${value}`;
            const entry = reasons.get(key);
            if (entry) entry.count += 1;
            else reasons.set(key, { questionId: answer.questionId, value, count: 1 });
          }
        }
      }
    },
    /** Adds a case: status, remedy, overdue at `now`, durations and follow-up. */
    addCase(fields: CaseFields): void {
      byStatus[fields.status] += 1;
      if (fields.status === 'resolved' && fields.remedy !== null) byRemedy[fields.remedy] += 1;
      if (isOverdue(fields, now)) overdue += 1;
      const received = Date.parse(fields.receivedAt);
      if (fields.firstResponseAt !== null) firstResponse.push(Date.parse(fields.firstResponseAt) - received);
      if (fields.resolvedAt !== null) resolution.push(Date.parse(fields.resolvedAt) - received);
      const followUp = fields.followUp;
      if (followUp !== null) {
        recovery.sent += 1;
        if (followUp.answeredAt !== null) {
          recovery.answered += 1;
          if (followUp.sentiment === 'positive') recovery.positive += 1;
        }
      }
    },
    /**
     * The response tallies so far, as they are (no copies, no percentages): what one response
     * adds, for the summary counters on the ingest path (`responseFacts`), where `result()`'s
     * derived figures would be computed for nothing.
     */
    tallies() {
      return { total, bySentiment, csat, nps, thermometer } as const;
    },
    result(): ResponseSummary {
      return {
        total,
        bySentiment: { ...bySentiment },
        csat: { ...csat, percent: csatPercent(csat.satisfied, csat.answers) },
        nps: { ...nps, score: npsScore(nps.promoters, nps.detractors, nps.answers) },
        thermometer: { ...thermometer },
        topReasons: topReasonsOf(reasons.values()),
        cases: {
          byStatus: { ...byStatus },
          open: byStatus.new + byStatus.acknowledged + byStatus.resolving,
          overdue,
          byRemedy: { ...byRemedy },
          firstResponse: durationStats(firstResponse),
          resolution: durationStats(resolution),
        },
        recovery: { ...recovery, rate: percentOf(recovery.positive, recovery.answered) },
        series: days > 0 ? seriesOf(now, days, byDay) : [],
      };
    },
  };
}

/** The columns a summary step reads from a row. */
export type SummaryRow = Pick<ResponseRow, 'id' | 'received_at' | 'sentiment' | 'body'>;

/**
 * Adds up the response figures of a database table in steps of {@link SUMMARY_PAGE} rows by
 * (received_at, id), with the event loop free between steps. It reads every row, so it is for
 * rebuilding counters (a migration), not for answering `summary()` on a large store.
 */
export async function summarizeInSteps(
  readStep: (after: Position) => readonly SummaryRow[] | Promise<readonly SummaryRow[]>,
  options: { readonly now?: number; readonly days?: number } = {},
): Promise<ResponseSummary> {
  const acc = summarizer(options);
  let after: Position = { receivedAt: -1, id: '' };
  for (;;) {
    const rows = await readStep(after);
    for (const row of rows) acc.add(responseOf(row.body), row.sentiment, Number(row.received_at));
    const last = rows.at(-1);
    if (!last || rows.length < SUMMARY_PAGE) return acc.result();
    after = { receivedAt: Number(last.received_at), id: last.id };
    await new Promise((resolve) => setImmediate(resolve));
  }
}
