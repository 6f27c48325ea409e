/**
 * `summary()` of the PostgreSQL store without reading every row: counts come from the rollup
 * (rows per day and survey). Overdue is the counter of unanswered negative cases due before
 * today plus an indexed count of those due today until now. p50/p90 add bucket counts up to the
 * rank, then read the one row with an `OFFSET` inside its bucket. A `since` inside a day reads
 * that day's part from the tables (at most one day of rows) through the same facts functions the
 * rollup is written with. Without a survey every read leaves out the follow-up answers
 * (`follow-up-survey.ts`): the rollups are kept per survey, so that is a condition on `survey_id`.
 */
import { CASE_STATUSES, REMEDIES } from '@earful/schema';
import { surveyCondition, surveyLeftOut } from '../../follow-up/follow-up-survey.js';
import type { ResponseSummary, SummaryQuery } from '../../store.js';
import { isOverdue, type CaseFields } from './case-rules.js';
import { mark, type PgContext } from './postgres-context.js';
import { caseFacts, DURATION_BOUNDS, responseFacts, ROLLUP_COLUMNS, type RollupColumn } from './rollup-facts.js';
import { normalizeSummary } from './query.js';
import { rowToRecord, type ResponseRow } from './response-row.js';
import {
  csatPercent,
  dayNumberOf,
  npsScore,
  percentileRank,
  percentOf,
  seriesOf,
  seriesRange,
  topReasonsOf,
  type DayCounts,
  type ReasonCount,
} from './summarize.js';

const DAY_MS = 86_400_000;

type Counts = Record<RollupColumn, number>;

/**
 * The survey condition of a summary (column prefixed by `alias`), its parameter added to
 * `params`: the query's survey, else the one left out — unless `leaveOut` is false (it has no
 * rows there); `undefined` for no condition.
 */
function surveyWhere(surveyId: string | undefined, params: unknown[], alias = '', leaveOut = true): string | undefined {
  const condition = surveyCondition(surveyId, leaveOut);
  return condition === undefined ? undefined : `${alias}survey_id ${condition.op} ${mark(params.push(condition.value))}`;
}

const zero = (): Counts => Object.fromEntries(ROLLUP_COLUMNS.map((c) => [c, 0])) as Counts;

function addInto(into: Counts, from: Partial<Record<RollupColumn, number | string>>): void {
  for (const c of ROLLUP_COLUMNS) into[c] += Number(from[c] ?? 0);
}

const dayCounts = (c: Counts): DayCounts => ({
  count: c.total,
  negative: c.s_negative,
  csatAnswers: c.csat_answers,
  csatSatisfied: c.csat_satisfied,
  npsAnswers: c.nps_answers,
  npsPromoters: c.nps_promoters,
  npsDetractors: c.nps_detractors,
});

export function postgresSummary(ctx: PgContext) {
  const { pool, p, migrate, guard } = ctx;

  return async function summary(query: SummaryQuery = {}): Promise<ResponseSummary> {
    const { surveyId, since, days, now } = normalizeSummary(query);
    await migrate();
    return guard('summarize responses', async () => {
      // Days wholly inside the range come from the rollup; the day `since` falls inside, from rows.
      const partialDay = since !== undefined && since % DAY_MS !== 0 ? dayNumberOf(since) : undefined;
      const firstWholeDay = since === undefined ? undefined : partialDay === undefined ? dayNumberOf(since) : partialDay + 1;
      const params: unknown[] = [];
      const where: string[] = [];
      const survey = surveyWhere(surveyId, params);
      if (survey !== undefined) where.push(survey);
      if (firstWholeDay !== undefined) where.push(`day >= ${mark(params.push(firstWholeDay))}`);
      const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const today = dayNumberOf(now);
      const left = surveyLeftOut(surveyId);
      const [dayRows, reasonRows, dueRows, durationRows, leftKinds] = await Promise.all([
        pool.query<{ day: number } & Record<RollupColumn, string>>(
          `SELECT day, ${ROLLUP_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM ${p}rollup ${whereSql} GROUP BY day`,
          params,
        ),
        pool.query<{ question_id: string; value: string; count: string }>(
          `SELECT question_id, value, sum(count) AS count FROM ${p}rollup_reasons ${whereSql} GROUP BY question_id, value HAVING sum(count) > 0`,
          params,
        ),
        // Cases due before today are overdue now (if still unanswered, which the counter tracks).
        pool.query<{ n: string | null }>(
          `SELECT sum(count) AS n FROM ${p}rollup_due ${whereSql ? `${whereSql} AND` : 'WHERE'} due_day < ${mark(params.length + 1)}`,
          [...params, today],
        ),
        pool.query<{ kind: number; bucket: number; n: string }>(
          `SELECT kind, bucket, sum(count) AS n FROM ${p}rollup_durations ${whereSql} GROUP BY kind, bucket HAVING sum(count) <> 0`,
          params,
        ),
        // The kinds of duration the survey left out has from `since`'s day on: only a person
        // working an answer's case gives it one, so mostly none — and then the percentile reads
        // below need no survey test (an index-only range, no table reads).
        left === undefined
          ? Promise.resolve({ rows: [] })
          : pool.query<{ kind: number }>(
              `SELECT kind FROM ${p}rollup_durations WHERE survey_id = $1${since === undefined ? '' : ' AND day >= $2'} GROUP BY kind HAVING sum(count) <> 0`,
              since === undefined ? [left] : [left, dayNumberOf(since)],
            ),
      ]);
      const leftOutHas = new Set(leftKinds.rows.map((row) => Number(row.kind)));
      const total = zero();
      const byDay = new Map<number, Counts>();
      for (const row of dayRows.rows) {
        const c = zero();
        addInto(c, row);
        addInto(total, row);
        byDay.set(Number(row.day), c);
      }
      const reasons = new Map<string, ReasonCount>();
      const addReason = (questionId: string, value: string, count: number) => {
        const key = `${questionId}\u0000${value}`;
        reasons.set(key, { questionId, value, count: (reasons.get(key)?.count ?? 0) + count });
      };
      for (const r of reasonRows.rows) addReason(r.question_id, r.value, Number(r.count));
      let overdue = Number(dueRows.rows[0]?.n ?? 0);
      // Bucket counts of the durations, per kind (0 first response, 1 resolution).
      const buckets = [new Map<number, number>(), new Map<number, number>()] as const;
      const addBucket = (kind: number, bucket: number, n: number) => {
        const map = buckets[kind as 0 | 1];
        map.set(bucket, (map.get(bucket) ?? 0) + n);
      };
      for (const r of durationRows.rows) addBucket(r.kind, r.bucket, Number(r.n));

      if (partialDay !== undefined) {
        const c = zero();
        const partParams: unknown[] = [since, (partialDay + 1) * DAY_MS];
        const partSurvey = surveyWhere(surveyId, partParams, 'r.');
        const survey = partSurvey === undefined ? '' : `AND ${partSurvey}`;
        const { rows } = await pool.query<ResponseRow & { fields: CaseFields }>(
          `SELECT r.*, c.fields FROM ${p}responses r JOIN ${p}cases c ON c.id = r.id
           WHERE r.received_at >= $1 AND r.received_at < $2 ${survey}`,
          partParams,
        );
        for (const row of rows) {
          const facts = responseFacts(rowToRecord(row));
          const ofCase = caseFacts(row.fields, 1);
          addInto(c, facts.counts);
          addInto(c, ofCase.counts);
          for (const [q, v, n] of facts.reasons) addReason(q, v, n);
          for (const [kind, bucket, n] of ofCase.durations) addBucket(kind, bucket, n);
          if (isOverdue(row.fields, now)) overdue += 1;
        }
        addInto(total, c);
        byDay.set(partialDay, c);
      }

      // What the counters cannot say, read from the cases table's indexes: the cases due today
      // that are overdue by now, and each percentile inside its one bucket.
      const caseParams: unknown[] = [];
      const caseWhere: string[] = [];
      const caseSurvey = surveyWhere(surveyId, caseParams);
      if (caseSurvey !== undefined) caseWhere.push(caseSurvey);
      if (firstWholeDay !== undefined) caseWhere.push(`received_at >= ${mark(caseParams.push(firstWholeDay * DAY_MS))}`);
      const and = caseWhere.map((w) => ` AND ${w}`).join('');
      const dueToday = pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${p}cases WHERE priority = 0 AND first_response_at IS NULL
           AND urgency_due >= ${mark(caseParams.length + 1)} AND urgency_due <= ${mark(caseParams.length + 2)}${and}`,
        [...caseParams, today * DAY_MS, now],
      );
      // The percentiles' rows include the partial day's: they are bounded by `since` itself.
      const rangeOf = (kind: 0 | 1) => {
        const params: unknown[] = [];
        const where: string[] = [];
        const survey = surveyWhere(surveyId, params, '', leftOutHas.has(kind));
        if (survey !== undefined) where.push(survey);
        if (since !== undefined) where.push(`received_at >= ${mark(params.push(since))}`);
        return { and: where.map((w) => ` AND ${w}`).join(''), params };
      };
      const percentileOf = async (kind: 0 | 1, count: number, pct: number): Promise<number | null> => {
        if (count === 0) return null;
        const rank = percentileRank(count, pct);
        let before = 0;
        for (const bucket of [...buckets[kind].keys()].sort((a, b) => a - b)) {
          const n = buckets[kind].get(bucket)!;
          if (before + n >= rank) {
            const column = kind === 0 ? 'first_response_ms' : 'resolution_ms';
            const range = rangeOf(kind);
            const n0 = range.params.length;
            const { rows } = await pool.query<{ v: string }>(
              `SELECT ${column} AS v FROM ${p}cases WHERE ${column} >= ${mark(n0 + 1)} AND ${column} < ${mark(n0 + 2)}${range.and}
               ORDER BY ${column} LIMIT 1 OFFSET ${mark(n0 + 3)}`,
              [...range.params, DURATION_BOUNDS[bucket], DURATION_BOUNDS[bucket + 1] ?? Number.MAX_SAFE_INTEGER, rank - before - 1],
            );
            return rows[0] ? Number(rows[0].v) : null;
          }
          before += n;
        }
        return null;
      };
      const stats = async (kind: 0 | 1, count: number) => {
        const [p50Ms, p90Ms] = await Promise.all([percentileOf(kind, count, 50), percentileOf(kind, count, 90)]);
        return { count, p50Ms, p90Ms };
      };
      const [firstResponse, resolution, today_] = await Promise.all([stats(0, total.fr_count), stats(1, total.res_count), dueToday]);
      overdue += Number(today_.rows[0]?.n ?? 0);

      const { first } = seriesRange(now, days);
      const series = new Map<number, DayCounts>();
      for (const [day, c] of byDay) if (day >= first) series.set(day, dayCounts(c));
      return {
        total: total.total,
        bySentiment: { negative: total.s_negative, neutral: total.s_neutral, positive: total.s_positive, none: total.s_none },
        csat: { answers: total.csat_answers, satisfied: total.csat_satisfied, percent: csatPercent(total.csat_satisfied, total.csat_answers) },
        nps: {
          answers: total.nps_answers,
          promoters: total.nps_promoters,
          passives: total.nps_passives,
          detractors: total.nps_detractors,
          score: npsScore(total.nps_promoters, total.nps_detractors, total.nps_answers),
        },
        thermometer: { red: total.t_red, amber: total.t_amber, green: total.t_green, gold: total.t_gold },
        topReasons: topReasonsOf(reasons.values()),
        cases: {
          byStatus: Object.fromEntries(CASE_STATUSES.map((s) => [s, total[`st_${s}`]])) as ResponseSummary['cases']['byStatus'],
          open: total.st_new + total.st_acknowledged + total.st_resolving,
          overdue,
          byRemedy: Object.fromEntries(REMEDIES.map((r) => [r, total[`rm_${r}`]])) as ResponseSummary['cases']['byRemedy'],
          firstResponse,
          resolution,
        },
        recovery: { sent: total.fu_sent, answered: total.fu_answered, positive: total.fu_positive, rate: percentOf(total.fu_positive, total.fu_answered) },
        series: seriesOf(now, days, series),
      };
    });
  };
}
