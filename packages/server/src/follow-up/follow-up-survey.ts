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
