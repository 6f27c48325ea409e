/**
 * Moving through a survey: one question per step, skipping hidden ones. Pure: the same survey
 * and drafts always give the same step, so the UI can recompute after every answer.
 */
import type { Survey } from '@earful/schema';
import { visibleQuestions } from './conditions.js';
import type { Drafts } from './drafts.js';

/** Where the visitor is: the question id, its 1-based position among visible ones, and the total. */
export interface Progress {
  readonly current: number;
  readonly total: number;
  readonly isLast: boolean;
}

/**
 * The id of the question after `currentId` that shows given the drafts, or `null` when the
 * survey is complete. `currentId` of `null` gives the first question.
 *
 * @example
 * ```ts
 * nextQuestionId(survey, { rating: { rating: 5 } }, 'rating'); // 'liked'
 * ```
 */
export function nextQuestionId(survey: Survey, drafts: Drafts, currentId: string | null): string | null {
  const all = survey.questions;
  const visible = visibleQuestions(survey, drafts);
  const start = currentId === null ? 0 : all.findIndex((q) => q.id === currentId) + 1;
  return all.slice(start).find((q) => visible.includes(q))?.id ?? null;
}

/**
 * The id of the visible question before `currentId`, or `null` on the first.
 *
 * @example
 * ```ts
 * previousQuestionId(survey, drafts, 'reasons'); // 'rating'
 * ```
 */
export function previousQuestionId(survey: Survey, drafts: Drafts, currentId: string): string | null {
  const visible = visibleQuestions(survey, drafts);
  const index = visible.findIndex((q) => q.id === currentId);
  return index > 0 ? visible[index - 1]!.id : null;
}

/**
 * Position of `currentId` among the questions that show now. The total can change as answers
 * change (a negative rating adds the complaint steps).
 *
 * @example
 * ```ts
 * const { current, total } = progressOf(survey, drafts, 'details'); // 3 of 4
 * ```
 */
export function progressOf(survey: Survey, drafts: Drafts, currentId: string): Progress {
  const visible = visibleQuestions(survey, drafts);
  const index = visible.findIndex((q) => q.id === currentId);
  const later = survey.questions.slice(survey.questions.findIndex((q) => q.id === currentId) + 1);
  // A later question may still appear once its condition's question is answered: not last yet.
  const pending = later.some((q) => q.showIf && drafts[q.showIf.question] === undefined);
  return { current: index + 1, total: visible.length, isLast: !pending && nextQuestionId(survey, drafts, currentId) === null };
}
