import { describe, expect, it } from 'vitest';
import { fnv1a32, isSampledIn, sampleBucket } from '../../src/reach/sampling.js';

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
  it('hashes UTF-8 bytes, so non-ASCII ids are stable across runtimes', () => {
    expect(fnv1a32('é')).toBe(fnv1a32('\u00e9'));
    expect(fnv1a32('é')).not.toBe(fnv1a32('e'));
  });
});

describe('sampleBucket', () => {
  it('is deterministic and in [0, 100)', () => {
    for (let i = 0; i < 2000; i++) {
      const bucket = sampleBucket('checkout', `v${i}`);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(100);
      expect(sampleBucket('checkout', `v${i}`)).toBe(bucket);
    }
  });
  it('depends on the survey id too', () => {
    const differs = Array.from({ length: 50 }, (_, i) => sampleBucket('a', `v${i}`) !== sampleBucket('b', `v${i}`));
    expect(differs.filter(Boolean).length).toBeGreaterThan(45);
  });
  it('spreads visitors roughly evenly (10 000 ids, each decile within ±15 %)', () => {
    const deciles = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) deciles[Math.floor(sampleBucket('s', `visitor-${i}`) / 10)]! += 1;
    for (const count of deciles) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });
});

describe('isSampledIn', () => {
  it('treats undefined as everyone, 0 as nobody, 100 as everyone', () => {
    for (let i = 0; i < 500; i++) {
      expect(isSampledIn('s', `v${i}`, undefined)).toBe(true);
      expect(isSampledIn('s', `v${i}`, 0)).toBe(false);
      expect(isSampledIn('s', `v${i}`, 100)).toBe(true);
    }
  });
  it('is exactly bucket < sample at the boundary', () => {
    const bucket = sampleBucket('s', 'boundary');
    expect(isSampledIn('s', 'boundary', bucket)).toBe(false);
    expect(isSampledIn('s', 'boundary', bucket + 0.01)).toBe(true);
  });
  it('asks about N % of visitors', () => {
    let inside = 0;
    for (let i = 0; i < 10_000; i++) if (isSampledIn('s', `id-${i}`, 25)) inside++;
    expect(inside).toBeGreaterThan(2300);
    expect(inside).toBeLessThan(2700);
  });
});
