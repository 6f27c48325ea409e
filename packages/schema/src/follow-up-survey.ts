/**
 * The survey id a customer's follow-up answer ("Did we put it right?") is stored under. The
 * receiver stores the answer under it, and its lists and summary leave it out unless asked; the
 * inbox reads it to tell an answer to an old case from new work. One copy, for both ends.
 */

/**
 * The survey id of follow-up answers (their `metadata.followUpOf` names the case they answer).
 *
 * @example
 * ```ts
 * if (event.surveyId === FOLLOW_UP_SURVEY) return; // part of a case already in the queue
 * ```
 */
export const FOLLOW_UP_SURVEY = 'follow-up';
