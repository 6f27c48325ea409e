/** The retry schedule as pure data and functions. */
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY_POLICY, retryAfterTime, statusClass } from '../src/index.js';

describe('DEFAULT_RETRY_POLICY', () => {
  it('is the documented plain data', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ initialDelayMs: 2_000, maxDelayMs: 300_000, factor: 2, jitter: 'full' });
    expect(JSON.parse(JSON.stringify(DEFAULT_RETRY_POLICY))).toEqual(DEFAULT_RETRY_POLICY);
  });
});

describe('backoffDelay', () => {
  it('doubles from 2 s up to the 5 min cap (upper bounds)', () => {
    const bounds = Array.from({ length: 12 }, (_, i) => backoffDelay(DEFAULT_RETRY_POLICY, i + 1, () => 1));
    expect(bounds).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000, 300_000]);
  });

  it('full jitter spreads the wait over [0, bound]', () => {
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 3, () => 0)).toBe(0);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 3, () => 0.5)).toBe(4_000);
    expect(backoffDelay({ ...DEFAULT_RETRY_POLICY, jitter: 'none' }, 3, () => 0)).toBe(8_000);
  });
});

describe('statusClass', () => {
  it.each([
    [200, 'delivered'], [202, 'delivered'], [204, 'delivered'], [299, 'delivered'],
    [408, 'retry'], [425, 'retry'], [429, 'retry'], [500, 'retry'], [502, 'retry'], [503, 'retry'], [504, 'retry'], [599, 'retry'],
    [501, 'rejected'], [505, 'rejected'], [400, 'rejected'], [401, 'rejected'], [403, 'rejected'], [404, 'rejected'], [409, 'rejected'], [422, 'rejected'], [304, 'rejected'],
    [413, 'too_large'],
  ] as const)('%i → %s', (status, expected) => {
    expect(statusClass(status)).toBe(expected);
  });
});

it("retryAfterTime is the schema's one rule (tested there), re-exported", async () => {
  const schema = await import('@earful/schema/lean');
  expect(retryAfterTime).toBe(schema.retryAfterTime);
});
