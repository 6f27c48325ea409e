/**
 * The survey follow-up answers are stored under, and the one rule every store reads it by: an
 * answer belongs to the case it answers (that case's timeline records it), so it is not new work.
 * Case lists and the summary leave the survey out unless a query names it. The id itself lives in
 * `@earful/schema/lean` (the inbox reads it too); this file imports nothing else, so the stores can
 * read it without the follow-up pages.
 */
import { FOLLOW_UP_SURVEY } from '@earful/schema/lean';

export { FOLLOW_UP_SURVEY };

/**
 * The survey a case list or a summary leaves out: the follow-up answers when the query names no
 * survey, nothing when it does (`surveyId: 'follow-up'` then reads the answers alone).
 *
 * @example
 * ```ts
 * surveyLeftOut(undefined); // 'follow-up' — every survey but the answers
 * surveyLeftOut('follow-up'); // undefined — the query reads that survey only
 * ```
 */
export function surveyLeftOut(surveyId: string | undefined): string | undefined {
  return surveyId === undefined ? FOLLOW_UP_SURVEY : undefined;
}

/**
 * A summary's condition on `survey_id` for SQL stores: the query's survey (`=`), else every
 * survey but the one left out (`<>`), or none when `leaveOut` is false (a read that knows the
 * left-out survey has no rows there, so it keeps a plain index range).
 *
 * @example
 * ```ts
 * surveyCondition('checkout'); // { op: '=', value: 'checkout' }
 * surveyCondition(undefined); // { op: '<>', value: 'follow-up' }
 * ```
 */
export function surveyCondition(surveyId: string | undefined, leaveOut = true): { op: '=' | '<>'; value: string } | undefined {
  if (surveyId !== undefined) return { op: '=', value: surveyId };
  const left = surveyLeftOut(surveyId);
  return left === undefined || !leaveOut ? undefined : { op: '<>', value: left };
}
