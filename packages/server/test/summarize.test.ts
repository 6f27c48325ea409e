/** The summary's shared rules, which the SQL stores compute from counters and indexes. */
import { describe, expect, it } from 'vitest';
import { npsScore, percentile, percentileRank, percentOf, seriesOf, topReasonsOf, type DayCounts } from '../src/stores/shared/summarize.js';

describe('summary rules', () => {
  it('picks percentiles by nearest rank, exactly, without float drift', () => {
    expect(percentileRank(1, 90)).toBe(1);
    expect(percentileRank(10, 50)).toBe(5);
    expect(percentileRank(30, 90)).toBe(27);
    expect(percentileRank(100, 7)).toBe(7); // 0.07 × 100 is 7.000000000000001 in floats
    expect(percentileRank(3, 90)).toBe(3);
    expect(percentile([], 50)).toBeNull();
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
  });

  it('rounds percentages to one decimal and has no figure without answers', () => {
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 0)).toBeNull();
    expect(npsScore(1, 2, 3)).toBe(-33.3);
    expect(npsScore(0, 0, 0)).toBeNull();
  });

  it('lists every day of the series, zeros included, ending on the day of now (UTC)', () => {
    const day = Math.floor(Date.parse('2026-11-22T00:00:00Z') / 86_400_000);
    const counts: DayCounts = { count: 4, negative: 1, csatAnswers: 2, csatSatisfied: 1, npsAnswers: 0, npsPromoters: 0, npsDetractors: 0 };
    const series = seriesOf(Date.parse('2026-11-22T23:59:59.999Z'), 3, new Map([[day - 1, counts]]));
    expect(series).toEqual([
      { day: '2026-11-20', count: 0, csat: null, nps: null, negativeShare: null },
      { day: '2026-11-21', count: 4, csat: 50, nps: null, negativeShare: 25 },
      { day: '2026-11-22', count: 0, csat: null, nps: null, negativeShare: null },
    ]);
  });

  it('orders top reasons by count, then ids in binary order, at most ten, none at zero', () => {
    const reasons = [
      { questionId: 'why', value: 'b', count: 2 },
      { questionId: 'why', value: 'B', count: 2 },
      { questionId: 'Why', value: 'z', count: 2 },
      { questionId: 'why', value: 'gone', count: 0 },
      ...Array.from({ length: 12 }, (_, i) => ({ questionId: 'q', value: `v${i}`, count: 1 })),
    ];
    const top = topReasonsOf(reasons);
    expect(top.slice(0, 3).map((r) => `${r.questionId}/${r.value}`)).toEqual(['Why/z', 'why/B', 'why/b']);
    expect(top).toHaveLength(10);
    expect(top.some((r) => r.count === 0)).toBe(false);
  });
});
