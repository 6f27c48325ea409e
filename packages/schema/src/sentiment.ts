/**
 * Which answers are negative. One function per question the product asks — "is this answer
 * unhappy?" and "is this response unhappy?" — both read the table in `scales.ts`.
 */
import { isValidRating, SCALES, type Sentiment } from './scales.js';
import type { Answer, SurveyResponse } from './response-schema.js';

/** Any answer, or anything shaped like one (a rating needs `scale` and `value`). */
type AnyAnswer = Answer | { readonly type: string; readonly scale?: string; readonly value?: unknown };

const RANK: Record<Sentiment, number> = { negative: 0, neutral: 1, positive: 2 };

/**
 * Sentiment of one answer: `'negative' | 'neutral' | 'positive'` for a rating answer (see
 * {@link SCALES} for the table), `null` for any other answer or for a rating outside its scale.
 *
 * @example
 * ```ts
 * sentimentOf({ type: 'rating', questionId: 'q', scale: 'nps', value: 6 }); // 'negative'
 * ```
 */
export function sentimentOf(answer: AnyAnswer): Sentiment | null {
  if (answer.type !== 'rating') return null;
  const scale = answer.scale as keyof typeof SCALES;
  const value = answer.value;
  if (typeof value !== 'number' || !Object.hasOwn(SCALES, scale) || !isValidRating(scale, value)) return null;
  const def = SCALES[scale];
  return def.sentiments[value - def.min] ?? null;
}

/**
 * Sentiment of a whole response: the worst of its rating answers, or `null` when it has none.
 *
 * @example
 * ```ts
 * if (responseSentiment(response) === 'negative') await alertTheOwner(response);
 * ```
 */
export function responseSentiment(response: { readonly answers: readonly AnyAnswer[] } | Pick<SurveyResponse, 'answers'>): Sentiment | null {
  let worst: Sentiment | null = null;
  for (const answer of response.answers) {
    const s = sentimentOf(answer);
    if (s !== null && (worst === null || RANK[s] < RANK[worst])) worst = s;
  }
  return worst;
}
