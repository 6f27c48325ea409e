/** Retry-After as the SDK obeys it and the receiver check judges it (moved here from the SDK). */
import { describe, expect, it } from 'vitest';
import { retryAfterTime } from '../src/index.js';

describe('retryAfterTime', () => {
  const now = Date.UTC(2026, 10, 24, 9, 0, 0);
  it('reads delay-seconds', () => {
    expect(retryAfterTime('120', now)).toBe(now + 120_000);
    expect(retryAfterTime(' 5 ', now)).toBe(now + 5_000);
  });
  it('reads an HTTP-date', () => {
    expect(retryAfterTime('Tue, 24 Nov 2026 09:01:30 GMT', now)).toBe(now + 90_000);
  });
  it('ignores absent, malformed, zero and past values', () => {
    for (const value of [null, undefined, '', 'soon', '-5', '1.5', '0', 'Wed, 21 Oct 2015 07:28:00 GMT']) {
      expect(retryAfterTime(value, now)).toBeUndefined();
    }
  });
});
