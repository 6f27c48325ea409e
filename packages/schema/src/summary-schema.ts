/**
 * What a set of responses and their cases says at a glance: the answer of `GET /api/summary` and
 * of every store's `summary()`. Figures are computed by the stores (in SQL for the SQL ones);
 * this file only names them once.
 */
import * as z from 'zod/mini';
import { CASE_STATUSES, REMEDIES } from './case-schema.js';

const count = () => z.int().check(z.minimum(0));
const percent = () => z.nullable(z.number());
const record = <K extends readonly string[]>(keys: K) =>
  z.object(Object.fromEntries(keys.map((key) => [key, count()])) as { [P in K[number]]: ReturnType<typeof count> });

/** Milliseconds from arrival to a moment, over the cases that reached it. */
export const durationStatsSchema = z.object({
  count: count(),
  /** Median in ms, `null` without cases. */
  p50Ms: z.nullable(z.number()),
  p90Ms: z.nullable(z.number()),
});

/** One day (UTC) of the series. */
export const summaryDaySchema = z.object({
  /** `YYYY-MM-DD`, UTC. */
  day: z.string(),
  count: count(),
  /** CSAT % of the day's `csat5` answers, `null` without any. */
  csat: percent(),
  /** NPS of the day's `nps` answers, `null` without any. */
  nps: percent(),
  /** Share of the day's responses that are negative, 0–100, `null` without responses. */
  negativeShare: percent(),
});

/**
 * The summary. `csat.percent` is the share of 4–5 answers (0–100, one decimal); `nps.score` is %
 * promoters − % detractors; `recovery.rate` is positive follow-ups / answered follow-ups (0–100).
 */
export const summarySchema = z.object({
  total: count(),
  bySentiment: record(['negative', 'neutral', 'positive', 'none'] as const),
  csat: z.object({ answers: count(), satisfied: count(), percent: percent() }),
  nps: z.object({ answers: count(), promoters: count(), passives: count(), detractors: count(), score: percent() }),
  thermometer: record(['red', 'amber', 'green', 'gold'] as const),
  /** The most chosen options of choice answers, most first, at most 10. */
  topReasons: z.array(z.object({ questionId: z.string(), value: z.string(), count: count() })),
  cases: z.object({
    byStatus: record(CASE_STATUSES),
    /** Cases not resolved and not spam. */
    open: count(),
    /** Negative, unanswered cases past their first-response target now. */
    overdue: count(),
    byRemedy: record(REMEDIES),
    firstResponse: durationStatsSchema,
    resolution: durationStatsSchema,
  }),
  recovery: z.object({ sent: count(), answered: count(), positive: count(), rate: percent() }),
  /** The last `days` UTC days (default 90), oldest first, every day present (zeros included). */
  series: z.array(summaryDaySchema),
});

/** Duration figures. */
export type DurationStats = z.infer<typeof durationStatsSchema>;
/** One day of the series. */
export type SummaryDay = z.infer<typeof summaryDaySchema>;
/** The summary of responses and cases. */
export type Summary = z.infer<typeof summarySchema>;
