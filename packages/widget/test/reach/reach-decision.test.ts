import { describe, expect, it } from 'vitest';
import { decideReach, type ReachInput } from '../../src/reach/reach-decision.js';
import { DAY_MS } from '../../src/reach/reask-policy.js';
import { sampleBucket } from '../../src/reach/sampling.js';
import { compileUrlTargeting } from '../../src/reach/url-targeting.js';

const targeting = { include: [{ match: 'prefix' as const, value: '/shop' }] };
const input = (overrides: Partial<ReachInput> = {}): ReachInput => ({
  survey: { id: 'checkout', targeting },
  urlTargeting: compileUrlTargeting(targeting),
  url: new URL('https://x.example/shop/boots'),
  visitorId: 'v1',
  record: {},
  shownThisSession: false,
  now: 1_000 * DAY_MS,
  ...overrides,
});

describe('decideReach', () => {
  it('shows when everything allows it', () => {
    expect(decideReach(input())).toEqual({ show: true });
  });
  it('says which rule refused, URL first', () => {
    expect(decideReach(input({ url: new URL('https://x.example/about'), shownThisSession: true }))).toEqual({ show: false, reason: 'url' });
    expect(decideReach(input({ record: { answeredAt: 1_000 * DAY_MS } }))).toEqual({ show: false, reason: 'answered' });
    expect(decideReach(input({ record: { dismissedAt: 1_000 * DAY_MS } }))).toEqual({ show: false, reason: 'dismissed' });
    expect(decideReach(input({ shownThisSession: true }))).toEqual({ show: false, reason: 'session' });
  });
  it('applies sampling per visitor', () => {
    const bucket = sampleBucket('checkout', 'v1');
    const survey = (sample: number) => ({ id: 'checkout', targeting: { ...targeting, sample } });
    expect(decideReach(input({ survey: survey(bucket) }))).toEqual({ show: false, reason: 'sample' });
    expect(decideReach(input({ survey: survey(Math.min(100, bucket + 0.01)) }))).toEqual({ show: true });
  });
});
