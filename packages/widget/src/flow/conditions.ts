/**
 * Whether a question shows, from the schema's `showIf` and the drafts of earlier questions.
 * Sentiment comes from the schema's `sentimentOf`, so the widget and every backend agree on
 * what "negative" means.
 */
import { sentimentOf, type Question, type Survey } from '@earful/schema';
import type { Drafts } from './drafts.js';

/**
 * True when `question` should be shown given the drafts so far. A condition on an unanswered
 * question is false (the question waits until its trigger is answered).
 *
 * @example
 * ```ts
 * isShown(survey.questions[1], survey, { rating: { rating: 1 } }); // true for a "negative" condition
 * ```
 */
export function isShown(question: Question, survey: Survey, drafts: Drafts): boolean {
  const condition = question.showIf;
  if (!condition) return true;
  const target = survey.questions.find((q) => q.id === condition.question);
  const draft = drafts[condition.question];
  if (!target || !draft || !isShown(target, survey, drafts)) return false;
  if (target.type === 'rating') {
    const value = draft.rating;
    if (value === undefined) return false;
    const sentiment = sentimentOf({ type: 'rating', scale: target.scale, value });
    // A scale without sentiment (null) matches no sentiment condition.
    return (!condition.sentiment || condition.sentiment.includes(sentiment!)) && (!condition.values || condition.values.includes(value));
  }
  if (target.type === 'choice') {
    const chosen = draft.choices ?? [];
    if (chosen.length === 0 || condition.sentiment) return false;
    return !condition.values || condition.values.some((v) => chosen.includes(String(v)));
  }
  return false;
}

/**
 * The questions that currently show, in order.
 *
 * @example
 * ```ts
 * const steps = visibleQuestions(survey, drafts);
 * ```
 */
export function visibleQuestions(survey: Survey, drafts: Drafts): Question[] {
  return survey.questions.filter((q) => isShown(q, survey, drafts));
}
