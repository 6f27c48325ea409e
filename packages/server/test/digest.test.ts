/**
 * The canonical digest is stored with every response: a faster way of computing it must give
 * the digest the first version gave, for any value, or a repeated delivery of a stored response
 * would read as an id reused with another body.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestOf } from '../src/internal/digest.js';
import { makeResponse } from './support/fixtures.js';

/** The first version of the canonical JSON, kept as the reference the digest must not leave. */
function firstCanonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(firstCanonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${firstCanonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
const firstDigest = (value: unknown) => createHash('sha256').update(firstCanonical(value)).digest('hex');

describe('digestOf', () => {
  it('gives the first version’s digest for any JSON value, undefined members and sparse arrays included', () => {
    const value = fc.anything({ withObjectString: true, withNullPrototype: true, withSparseArray: true, withUnicodeString: true, maxDepth: 4 });
    fc.assert(
      fc.property(fc.oneof(fc.array(value), fc.dictionary(fc.string(), value)), (v) => {
        expect(digestOf(v)).toBe(firstDigest(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the first version’s digest for responses of every shape, keys in any order', () => {
    const response = fc.record({
      rating: fc.integer({ min: 1, max: 5 }),
      text: fc.string({ unit: 'grapheme' }),
      metadata: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.double(), fc.boolean())),
      userId: fc.option(fc.string(), { nil: undefined }),
    });
    fc.assert(
      fc.property(response, ({ rating, text, metadata, userId }) => {
        const r = makeResponse({
          answers: [
            { type: 'rating', questionId: 'q1', scale: 'csat5', value: rating },
            { type: 'text', questionId: 'q2', value: text },
          ],
          metadata,
          user: userId === undefined ? undefined : { id: userId },
        });
        const reordered = Object.fromEntries(Object.entries(r).reverse());
        expect(digestOf(r)).toBe(firstDigest(r));
        expect(digestOf(reordered)).toBe(digestOf(r));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps what a function or symbol printed: nothing in an array, `undefined` as a member', () => {
    const odd = { a: [1, undefined, () => 1, Symbol('s'), null], b: () => 1, c: undefined, d: Symbol('t') };
    expect(digestOf(odd)).toBe(firstDigest(odd));
    expect(digestOf([])).toBe(firstDigest([]));
    expect(digestOf({})).toBe(firstDigest({}));
    expect(digestOf('x')).toBe(firstDigest('x'));
  });
});
