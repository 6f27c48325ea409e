/**
 * Turns drafts into wire answers: only questions that show, only what was entered, and contact
 * details only with consent. The result satisfies the v1 response schema (a test checks it
 * with `parseResponse`).
 */
import type { Answer, Survey } from '@earful/schema';
import { visibleQuestions } from './conditions.js';
import { OTHER, type Drafts } from './drafts.js';

/**
 * The answers to send for `drafts`. Hidden questions (a condition that no longer holds) and
 * contact details without consent are left out.
 *
 * @example
 * ```ts
 * buildAnswers(survey, { rating: { rating: 1 }, details: { text: 'Late' } });
 * // [{ type: 'rating', questionId: 'rating', scale: 'csat5', value: 1 }, { type: 'text', questionId: 'details', value: 'Late' }]
 * ```
 */
export function buildAnswers(survey: Survey, drafts: Drafts): Answer[] {
  const answers: Answer[] = [];
  for (const q of visibleQuestions(survey, drafts)) {
    const d = drafts[q.id];
    if (!d) continue;
    const questionId = q.id;
    if (q.type === 'rating') {
      if (d.rating !== undefined) answers.push({ type: 'rating', questionId, scale: q.scale, value: d.rating } as Answer);
    } else if (q.type === 'text') {
      const value = (d.text ?? '').trim();
      if (value) answers.push({ type: 'text', questionId, value });
    } else if (q.type === 'choice') {
      const values = (d.choices ?? []).filter((id) => id !== OTHER);
      const other = d.choices?.includes(OTHER) ? (d.text ?? '').trim() : '';
      if (values.length === 0 && !other) continue;
      // The wire needs at least one option id; "other" alone is sent as the "other" option.
      const answer: Answer = { type: 'choice', questionId, values: values.length ? values : ['other'] };
      if (other) answer.other = other;
      answers.push(answer);
    } else if (d.consent === true) {
      const answer: Answer = { type: 'contact', questionId, consent: true };
      for (const field of q.fields) {
        const value = d[field]?.trim();
        if (value) answer[field] = value;
      }
      // The wire needs a way to reach the visitor: a name alone is not sent.
      if (answer.email || answer.phone) answers.push(answer);
    }
  }
  return answers;
}
