import { describe, expect, it } from 'vitest';
import { RATING_SCALES, responseSentiment, SCALES, sentimentOf, type RatingScale, type Sentiment } from '../src/index.js';

// The documented table, written out value by value so the test does not re-derive it from SCALES.
const TABLE: Record<RatingScale, Record<number, Sentiment>> = {
  csat5: { 1: 'negative', 2: 'negative', 3: 'neutral', 4: 'positive', 5: 'positive' },
  stars5: { 1: 'negative', 2: 'negative', 3: 'neutral', 4: 'positive', 5: 'positive' },
  emoji5: { 1: 'negative', 2: 'negative', 3: 'neutral', 4: 'positive', 5: 'positive' },
  nps: { 0: 'negative', 1: 'negative', 2: 'negative', 3: 'negative', 4: 'negative', 5: 'negative', 6: 'negative', 7: 'neutral', 8: 'neutral', 9: 'positive', 10: 'positive' },
  thermometer4: { 1: 'negative', 2: 'negative', 3: 'positive', 4: 'positive' },
  thumbs: { 0: 'negative', 1: 'positive' },
  ces7: { 1: 'negative', 2: 'negative', 3: 'negative', 4: 'neutral', 5: 'positive', 6: 'positive', 7: 'positive' },
};

const cases = RATING_SCALES.flatMap((scale) =>
  Object.entries(TABLE[scale]).map(([value, sentiment]) => [scale, Number(value), sentiment] as const),
);

describe('sentimentOf', () => {
  it('covers every scale', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...RATING_SCALES].sort());
  });

  it.each(cases)('%s %i is %s', (scale, value, sentiment) => {
    expect(sentimentOf({ type: 'rating', questionId: 'q', scale, value })).toBe(sentiment);
  });

  it.each(RATING_SCALES.flatMap((scale) => [[scale, SCALES[scale].min - 1], [scale, SCALES[scale].max + 1], [scale, SCALES[scale].min + 0.5]] as const))(
    '%s %d (outside the scale) is null',
    (scale, value) => {
      expect(sentimentOf({ type: 'rating', questionId: 'q', scale, value })).toBeNull();
    },
  );

  it('is null for non-rating answers and unknown scales', () => {
    expect(sentimentOf({ type: 'text', questionId: 'q', value: 'awful' } as never)).toBeNull();
    expect(sentimentOf({ type: 'choice', questionId: 'q', values: ['a'] } as never)).toBeNull();
    expect(sentimentOf({ type: 'contact', questionId: 'q', consent: true, email: 'a@b.co' } as never)).toBeNull();
    expect(sentimentOf({ type: 'rating', scale: 'toString', value: 1 } as never)).toBeNull();
  });
});

describe('responseSentiment', () => {
  const r = (scale: RatingScale, value: number) => ({ type: 'rating' as const, questionId: `q${scale}${value}`, scale, value });

  it('is null without ratings', () => {
    expect(responseSentiment({ answers: [{ type: 'text', questionId: 't', value: 'hi' }] })).toBeNull();
  });

  it('takes the worst rating', () => {
    expect(responseSentiment({ answers: [r('nps', 10), r('csat5', 3)] })).toBe('neutral');
    expect(responseSentiment({ answers: [r('nps', 10), r('thumbs', 0), r('csat5', 3)] })).toBe('negative');
    expect(responseSentiment({ answers: [r('nps', 9), r('thermometer4', 4)] })).toBe('positive');
  });
});
