/** `GET /api/summary?survey=&since=&days=`: the dashboard's figures, computed by the store. */
import type { FieldProblem, Summary } from '@earful/schema';
import { jsonResponse, type ApiContext } from '../api-context.js';
import { MAX_SUMMARY_DAYS as MAX_DAYS } from '../../stores/shared/summarize.js';
import { badQuery, dateParam, queryParams, surveyParam } from './query-params.js';

/** Answers the summary (`summarySchema`) of one survey or all, since a date, with `days` of series. */
export async function summary(context: ApiContext): Promise<Response> {
  const fields: FieldProblem[] = [];
  const params = queryParams(context.url.searchParams, ['survey', 'since', 'days'], fields);
  const since = dateParam(params.since, 'since', fields);
  let days: number | undefined;
  if (params.days !== undefined) {
    days = /^\d{1,3}$/.test(params.days) ? Number(params.days) : NaN;
    if (!(days >= 1 && days <= MAX_DAYS)) fields.push({ path: 'days', message: `must be a whole number of days from 1 to ${MAX_DAYS}` });
  }
  const surveyId = surveyParam(params.survey, fields);
  if (fields.length > 0) throw badQuery(fields);
  const result: Summary = await context.deps.store.summary({
    ...(surveyId !== undefined ? { surveyId } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(days !== undefined ? { days } : {}),
    now: context.deps.now(),
  });
  return jsonResponse(200, result);
}
