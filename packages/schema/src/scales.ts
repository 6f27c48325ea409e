/**
 * The rating scales of the contract: each scale's range and its sentiment table. The table is
 * the one documented in the README; `sentiment.ts` reads it and nothing else decides sentiment.
 */

/** How a single answer feels to the person who gave it. */
export type Sentiment = 'negative' | 'neutral' | 'positive';

/** Every rating scale a response may carry. */
export const RATING_SCALES = ['csat5', 'stars5', 'emoji5', 'nps', 'thermometer4', 'thumbs', 'ces7'] as const;

/** One of {@link RATING_SCALES}. */
export type RatingScale = (typeof RATING_SCALES)[number];

/** A scale's integer range and the sentiment of each value, lowest value first. */
export interface ScaleDefinition {
  /** Lowest valid value. */
  readonly min: number;
  /** Highest valid value. */
  readonly max: number;
  /** `sentiments[value - min]` is the sentiment of `value`. */
  readonly sentiments: readonly Sentiment[];
  /** What the values mean, lowest first, for docs and for backends in other languages. */
  readonly meaning: string;
}

const N = 'negative';
const M = 'neutral';
const P = 'positive';

/**
 * Range and sentiment table of every scale.
 *
 * | scale | values | negative | neutral | positive |
 * |---|---|---|---|---|
 * | `csat5`, `stars5`, `emoji5` | 1–5 | 1–2 | 3 | 4–5 |
 * | `nps` | 0–10 | 0–6 (detractors) | 7–8 (passives) | 9–10 (promoters) |
 * | `thermometer4` | 1 red, 2 amber, 3 green, 4 gold | red, amber | — | green, gold |
 * | `thumbs` | 0 down, 1 up | 0 | — | 1 |
 * | `ces7` | 1–7, 7 = easiest | 1–3 | 4 | 5–7 |
 *
 * @example
 * ```ts
 * const { min, max } = SCALES.nps; // 0, 10
 * ```
 */
export const SCALES: { readonly [S in RatingScale]: ScaleDefinition } = {
  csat5: { min: 1, max: 5, sentiments: [N, N, M, P, P], meaning: '1 very unsatisfied … 5 very satisfied' },
  stars5: { min: 1, max: 5, sentiments: [N, N, M, P, P], meaning: '1 star … 5 stars' },
  emoji5: { min: 1, max: 5, sentiments: [N, N, M, P, P], meaning: '1 very unhappy face … 5 very happy face' },
  nps: {
    min: 0,
    max: 10,
    sentiments: [N, N, N, N, N, N, N, M, M, P, P],
    meaning: '0 not at all likely … 10 extremely likely to recommend',
  },
  thermometer4: { min: 1, max: 4, sentiments: [N, N, P, P], meaning: '1 red, 2 amber, 3 green, 4 gold' },
  thumbs: { min: 0, max: 1, sentiments: [N, P], meaning: '0 thumbs down, 1 thumbs up' },
  ces7: { min: 1, max: 7, sentiments: [N, N, N, M, P, P, P], meaning: '1 very difficult … 7 very easy' },
};

/**
 * True when `value` is a valid answer on `scale` (an integer within its range).
 *
 * @example
 * ```ts
 * isValidRating('thumbs', 2); // false
 * ```
 */
export function isValidRating(scale: RatingScale, value: number): boolean {
  const def = SCALES[scale];
  return def !== undefined && Number.isInteger(value) && value >= def.min && value <= def.max;
}
