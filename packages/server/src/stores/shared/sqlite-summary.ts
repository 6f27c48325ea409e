/**
 * The SQLite store's `summary()`, read from the counters of `sqlite-rollup.ts` and from indexes,
 * never from every row: the counters of whole days are summed (a few thousand rows at most); a
 * `since` inside a day adds that day's remaining rows one by one; `overdue` is the `pending`
 * counter less the pending cases not yet due (a range of the `cases_unanswered` index); each
 * duration percentile is one `OFFSET` into its indexed column (the nearest rank, as the memory
 * store picks it). Rates, rounding, the series and the top reasons come from `summarize.ts`.
 * Without a survey every read leaves out the follow-up answers (`follow-up-survey.ts`): the
 * counters are kept per survey, so that is one more condition on `survey_id`.
 */
import { CASE_STATUSES, REMEDIES } from '@earful/schema';
import { surveyCondition, surveyLeftOut } from '../../follow-up/follow-up-survey.js';
import type { ResponseSummary } from '../../store.js';
import { isOverdue, type CaseFields } from './case-rules.js';
import { responseFacts } from './rollup-facts.js';
import type { NormalSummary } from './query.js';
import type { ResponseRow } from './response-row.js';
import { rowToRecord } from './response-row.js';
import type { SqliteConnection } from './sqlite-driver.js';
import { caseCounters, PENDING, reasonKey, reasonOfKey } from './sqlite-rollup.js';
import { statementCache } from './sqlite-statements.js';
import { csatPercent, dayNumberOf, npsScore, percentileRank, percentOf, seriesOf, topReasonsOf, type DayCounts, type ReasonCount } from './summarize.js';

const DAY_MS = 86_400_000;
const DURATIONS = { firstResponse: 'first_response_ms', resolution: 'resolution_ms' } as const;
/** The counter of the cases each duration column is set on. */
const DURATION_COUNTERS = { first_response_ms: 'fr_count', resolution_ms: 'res_count' } as const;

type Counters = Map<string, number>;

/**
 * The survey condition of a summary (` AND …`, column prefixed by `alias`) and its parameter: the
 * query's survey, else the one left out — unless `leaveOut` is false (it has no rows there).
 */
function surveySql(q: NormalSummary, alias = '', leaveOut = true): { sql: string; params: unknown[] } {
  const condition = surveyCondition(q.surveyId, leaveOut);
  return condition === undefined ? { sql: '', params: [] } : { sql: ` AND ${alias}survey_id ${condition.op} ?`, params: [condition.value] };
}

function addTo(target: Counters, key: string, n: number): void {
  target.set(key, (target.get(key) ?? 0) + n);
}

/** The summary reader of one open store. */
export function summaryReader(db: SqliteConnection) {
  const prepared = statementCache(db);
  // Optional filters as SQL and parameters, in the order they are written.
  const filters = (q: NormalSummary, from: number | undefined, leaveOut = true) => {
    const survey = surveySql(q, '', leaveOut);
    if (from === undefined) return survey;
    return { sql: `${survey.sql} AND received_at >= ?`, params: [...survey.params, from] };
  };

  /**
   * Whether the survey left out has cases with this duration from `since`'s day on. Only a person
   * working an answer's case gives it one, so mostly not — and then the duration reads need no
   * survey test: a plain range of the column's covering index (the test costs about 1 ms per
   * 20,000 cases read).
   */
  function leftOutHas(q: NormalSummary, column: keyof typeof DURATION_COUNTERS): boolean {
    const left = surveyLeftOut(q.surveyId);
    if (left === undefined) return false;
    const from = q.since === undefined ? Number.MIN_SAFE_INTEGER : Math.floor(q.since / DAY_MS);
    const n = prepared<{ n: number | null }>('SELECT sum(n) AS n FROM rollups WHERE survey_id = ? AND day >= ? AND key = ?').get(left, from, DURATION_COUNTERS[column])?.n;
    return Number(n ?? 0) > 0;
  }

  function duration(q: NormalSummary, column: keyof typeof DURATION_COUNTERS): ResponseSummary['cases']['firstResponse'] {
    const { sql, params } = filters(q, q.since, leftOutHas(q, column));
    const base = `FROM cases WHERE ${column} IS NOT NULL${sql}`;
    const count = prepared<{ n: number }>(`SELECT count(*) AS n ${base}`).get(...params)?.n ?? 0;
    const at = (p: number) =>
      count === 0 ? null : (prepared<{ v: number }>(`SELECT ${column} AS v ${base} ORDER BY ${column} LIMIT 1 OFFSET ?`).get(...params, percentileRank(count, p) - 1)?.v ?? null);
    return { count, p50Ms: at(50), p90Ms: at(90) };
  }

  return function summary(q: NormalSummary): ResponseSummary {
    // Whole days come from the counters; the rest of the day `since` falls in, row by row.
    const fullFrom = q.since === undefined ? undefined : Math.ceil(q.since / DAY_MS);
    const byDay = new Map<number, Counters>();
    const dayOf = (day: number) => {
      let counters = byDay.get(day);
      if (!counters) byDay.set(day, (counters = new Map()));
      return counters;
    };
    const survey = surveySql(q);
    const rows = prepared<{ day: number; key: string; n: number }>(`SELECT day, key, sum(n) AS n FROM rollups WHERE day >= ?${survey.sql} GROUP BY day, key`).all(
      fullFrom ?? Number.MIN_SAFE_INTEGER,
      ...survey.params,
    );
    for (const row of rows) addTo(dayOf(row.day), row.key, Number(row.n));

    let overdue = 0;
    if (q.since !== undefined && fullFrom !== undefined && q.since < fullFrom * DAY_MS) {
      const ofCases = surveySql(q, 'c.');
      const partial = prepared<ResponseRow & { fields: string }>(
        `SELECT c.fields, r.id, r.survey_id, r.received_at, r.sentiment, r.digest, r.body FROM cases c CROSS JOIN responses r ON r.seq = c.seq
          WHERE c.received_at >= ? AND c.received_at < ?${ofCases.sql}`,
      ).all(q.since, fullFrom * DAY_MS, ...ofCases.params);
      for (const row of partial) {
        const fields = JSON.parse(row.fields) as CaseFields;
        const day = dayOf(dayNumberOf(Number(row.received_at)));
        for (const facts of [responseFacts(rowToRecord(row)), caseCounters(fields, 1)]) {
          for (const [key, n] of Object.entries(facts.counts)) if (key !== PENDING) addTo(day, key, n ?? 0);
          for (const [questionId, value, n] of facts.reasons) addTo(day, reasonKey(questionId, value), n);
        }
        if (isOverdue(fields, q.now)) overdue += 1;
      }
    }

    const totals: Counters = new Map();
    for (const counters of byDay.values()) for (const [key, n] of counters) addTo(totals, key, n);
    const get = (key: string) => totals.get(key) ?? 0;

    // Pending cases of whole days, less those whose first-response target is still ahead.
    const notDue = filters(q, fullFrom === undefined ? undefined : fullFrom * DAY_MS);
    // Marked or not (the index's first column, there for markOverdue): two ranges of one index.
    const ahead =
      prepared<{ n: number }>(
        `SELECT count(*) AS n FROM cases INDEXED BY cases_unanswered WHERE overdue_marked IN (0, 1) AND sentiment = 'negative' AND first_response_at IS NULL
          AND status IN ('new', 'acknowledged', 'resolving') AND first_response_due_at IS NOT NULL AND first_response_due_at > ?${notDue.sql}`,
      ).get(q.now, ...notDue.params)?.n ?? 0;
    overdue += get(PENDING) - ahead;

    const reasons: ReasonCount[] = [];
    for (const [key, count] of totals) {
      const reason = reasonOfKey(key);
      if (reason) reasons.push({ ...reason, count });
    }
    const series = new Map<number, DayCounts>();
    for (const [day, counters] of byDay) {
      const n = (key: string) => counters.get(key) ?? 0;
      series.set(day, {
        count: n('total'),
        negative: n('s_negative'),
        csatAnswers: n('csat_answers'),
        csatSatisfied: n('csat_satisfied'),
        npsAnswers: n('nps_answers'),
        npsPromoters: n('nps_promoters'),
        npsDetractors: n('nps_detractors'),
      });
    }
    const recovery = { sent: get('fu_sent'), answered: get('fu_answered'), positive: get('fu_positive') };
    return {
      total: get('total'),
      bySentiment: { negative: get('s_negative'), neutral: get('s_neutral'), positive: get('s_positive'), none: get('s_none') },
      csat: { answers: get('csat_answers'), satisfied: get('csat_satisfied'), percent: csatPercent(get('csat_satisfied'), get('csat_answers')) },
      nps: {
        answers: get('nps_answers'),
        promoters: get('nps_promoters'),
        passives: get('nps_passives'),
        detractors: get('nps_detractors'),
        score: npsScore(get('nps_promoters'), get('nps_detractors'), get('nps_answers')),
      },
      thermometer: { red: get('t_red'), amber: get('t_amber'), green: get('t_green'), gold: get('t_gold') },
      topReasons: topReasonsOf(reasons),
      cases: {
        byStatus: Object.fromEntries(CASE_STATUSES.map((s) => [s, get(`st_${s}`)])) as ResponseSummary['cases']['byStatus'],
        open: get('st_new') + get('st_acknowledged') + get('st_resolving'),
        overdue,
        byRemedy: Object.fromEntries(REMEDIES.map((r) => [r, get(`rm_${r}`)])) as ResponseSummary['cases']['byRemedy'],
        firstResponse: duration(q, DURATIONS.firstResponse),
        resolution: duration(q, DURATIONS.resolution),
      },
      recovery: { ...recovery, rate: percentOf(recovery.positive, recovery.answered) },
      series: seriesOf(q.now, q.days, series),
    };
  };
}
