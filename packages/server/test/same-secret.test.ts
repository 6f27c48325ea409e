import { describe, expect, it } from 'vitest';
import { sameSecret } from '../src/same-secret.js';

describe('sameSecret', () => {
  it('is true only for the same text, whatever the lengths', () => {
    expect(sameSecret('Bearer s3cret-token', 'Bearer s3cret-token')).toBe(true);
    for (const given of ['', 'Bearer s3cret-toke', 'Bearer s3cret-tokenX', 'bearer s3cret-token', 'Bearer s3cret-token\0', 'x'.repeat(100_000)]) {
      expect(sameSecret(given, 'Bearer s3cret-token')).toBe(false);
    }
    expect(sameSecret('ключ 🔑', 'ключ 🔑')).toBe(true);
  });
});
