/**
 * Parity of the zod-free `checkResponse` with `responseSchema`: the same verdict on every shared
 * fixture and on thousands of generated variants of valid responses, the same stripped value
 * when both accept, and the fixture's path among the problems when both reject.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkResponse, safeParseResponse } from '../src/index.js';
import { example, invalidResponses, validResponses, withAnswers } from './fixtures/responses.js';

function both(input: unknown) {
  return { lean: checkResponse(input), zod: safeParseResponse(input) };
}

describe('checkResponse on the shared fixtures', () => {
  it.each(validResponses.map((c) => [c.name, c.input] as const))('accepts %s, with the value zod returns', (_name, input) => {
    const { lean, zod } = both(input);
    if (!lean.ok) throw new Error(JSON.stringify(lean.problems));
    expect(zod.success).toBe(true);
    if (zod.success) expect(lean.value).toEqual(zod.data);
  });

  it.each(invalidResponses.map((c) => [c.name, c.path, c.input] as const))('rejects %s at "%s"', (_name, path, input) => {
    const { lean, zod } = both(input);
    expect(zod.success).toBe(false);
    expect(lean.ok).toBe(false);
    if (lean.ok) return;
    expect(lean.problems.map((p) => p.path)).toContain(path);
    for (const problem of lean.problems) expect(problem.message.length).toBeGreaterThan(5);
  });

  it('strips unknown keys at every level and never copies __proto__', () => {
    const input = JSON.parse(
      '{"schemaVersion":1,"id":"9b2f3c1e-7d4a-4c55-9a53-2f0b1e8c6d71","surveyId":"s","createdAt":"2026-11-22T09:30:00Z","locale":"en",' +
        '"answers":[{"type":"text","questionId":"q","value":"x","mood":"sad"}],"extra":1,"context":{"url":"u","x":1,"viewport":{"width":1,"height":2,"d":3}},' +
        '"metadata":{"__proto__":{"polluted":true},"a":1}}',
    );
    const { lean, zod } = both(input);
    if (!lean.ok) throw new Error(JSON.stringify(lean.problems));
    expect(lean.value).toEqual(zod.success ? zod.data : undefined);
    expect(lean.value).not.toHaveProperty('extra');
    expect(lean.value.answers[0]).not.toHaveProperty('mood');
    expect(lean.value.context).toEqual({ url: 'u', viewport: { width: 1, height: 2 } });
    expect(Object.keys(lean.value.metadata ?? {})).toEqual(['a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// ---- generated variants -------------------------------------------------------------------

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

const DELETE = Symbol('delete');

function mutate(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement === DELETE ? undefined : replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (node === null || typeof node !== 'object') return root; // no key to add under a primitive
  if (replacement === DELETE) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  } else node[last] = replacement;
  return copy;
}

/** Strings around every boundary of the contract, in ASCII, emoji and Korean. */
const boundaryString = fc
  .tuple(fc.constantFrom('a', '😀', '배', ' ', '-', '@'), fc.constantFrom(0, 1, 2, 35, 36, 63, 64, 65, 199, 200, 201, 254, 255, 256, 257, 499, 500, 501, 2047, 2048, 2049, 3999, 4000, 4001))
  .map(([unit, n]) => unit.repeat(n));

const replacement = fc.oneof(
  fc.constant(DELETE),
  fc.constantFrom(undefined, null, true, false, 0, 1, -1, 2, 5, 7, 10, 11, 100_000, 100_001, 0.5, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity),
  fc.integer({ min: -3, max: 12 }),
  fc.double(),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  boundaryString,
  fc.constantFrom(
    'rating', 'text', 'choice', 'contact', 'slider', 'csat5', 'stars5', 'emoji5', 'nps', 'thermometer4', 'thumbs', 'ces7', 'stars10',
    'en', 'ko-KR', 'zh-Hans', 'ko_KR', 'x-private', 'en-US-u-ca-gregory', 'a'.repeat(36),
    '2026-11-22T09:30:00Z', '2026-02-29T09:30:00Z', '2028-02-29T09:30:00+09:00', '2026-11-22T24:00:00Z', '2026-11-22T09:30Z', '2026-11-22',
    'a@b.co', 'min@', 'a..b@c.de', `${'a'.repeat(250)}@b.co`, '+82 10-1234-5678', '12', '(0) 123', 'call me',
    '00000000-0000-0000-0000-000000000000', '9B2F3C1E-7D4A-4C55-9A53-2F0B1E8C6D71', '9b2f3c1e-7d4a-0c55-9a53-2f0b1e8c6d71',
    'shop.checkout_v2-b', 'a/b', '', '__proto__',
  ),
  fc.uuid(),
  fc.emailAddress(),
  fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 25 }),
  fc.dictionary(fc.string({ maxLength: 70 }), fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 22 }),
  fc.constant({ width: 1, height: 2 }),
  fc.constant({ type: 'contact', questionId: 'c', consent: true }),
);

const bases: unknown[] = [
  ...validResponses.map((c) => c.input),
  withAnswers(...Array.from({ length: 4 }, (_, i) => ({ type: 'text', questionId: `q${i}`, value: '배'.repeat(1360) }))),
];

/** A valid response, then 1–3 mutations at random paths (including new keys). */
const variant = fc
  .tuple(
    fc.constantFrom(...bases),
    fc.array(fc.tuple(fc.nat(), fc.option(fc.constantFrom('extra', 'email', 'phone', 'name', 'other', 'traits', 'viewport', 'url')), replacement), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([base, steps]) => {
    let value: unknown = base;
    for (const [index, newKey, next] of steps) {
      const paths = pathsOf(value).filter((p) => p.length > 0 || next !== DELETE);
      if (paths.length === 0) break;
      let path = paths[index % paths.length]!;
      // Sometimes add a key to an object instead of replacing one.
      const parent = path.length > 0 ? path.slice(0, -1) : path;
      if (newKey !== null) path = [...parent, newKey];
      value = mutate(value, path, next);
    }
    return value;
  });

/** Tricky values for each field with a pattern or a range, put on the contract example. */
const FIELD_VALUES: [Path, unknown[]][] = [
  [['id'], ['9b2f3c1e-7d4a-0c55-9a53-2f0b1e8c6d71', '9b2f3c1e-7d4a-9c55-9a53-2f0b1e8c6d71', '9b2f3c1e-7d4a-4c55-ca53-2f0b1e8c6d71', '9B2F3C1E-7D4A-8C55-BA53-2F0B1E8C6D71', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '9b2f3c1e7d4a4c559a532f0b1e8c6d71', '{9b2f3c1e-7d4a-4c55-9a53-2f0b1e8c6d71}', ' 9b2f3c1e-7d4a-4c55-9a53-2f0b1e8c6d71']],
  [['createdAt'], ['2026-11-22T09:30:00.1Z', '2026-11-22T09:30:00.123456789+14:00', '2026-11-22T09:30:00-00:00', '2026-11-22T09:30:00+24:00', '2026-11-22T09:30:00+23:60', '2026-11-22T09:30:00z', '2026-11-22 09:30:00Z', '2026-11-22T09:30:60Z', '2026-11-22T09:30:00.Z', '2024-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '+2026-11-22T09:30:00Z', '2026-11-22T09:30:00+0900']],
  [['locale'], ['EN', 'en-GB-oxendict', 'zh-yue-HK', 'sgn-BE-FR', 'x-klingon', 'en-x-private', 'i-klingon', 'en-', 'e', 'en-US-u-co-phonebk', 'tlh-Latn-001', 'de-DE-1901-1996', 'a-b', `en-${'a'.repeat(8)}-${'b'.repeat(8)}-${'c'.repeat(8)}-d`, 'en-abcde-fghij-klmno-pqrst-uvwxy']],
  [['surveyId'], ['a', '.', '_-_', 'ä', 'a b', 'A'.repeat(64), 'A'.repeat(65), 'a\n']],
  [['answers', 0, 'value'], [1, 2, 5, 6, 0, -0, 1.0, 1.5, '1', true, null, 2 ** 53, -(2 ** 53)]],
  [['answers', 0, 'scale'], ['csat5', 'nps', 'thumbs', 'thermometer4', 'ces7', 'CSAT5', '', null]],
  [['answers', 3, 'email'], ['a@b.co', "o'brien@example.ie", 'a+b@c.io', 'a.b.c@d.e.fg', '.a@b.co', 'a.@b.co', 'a@b.c', 'a@-b.co', 'a@b-.co', 'ä@b.co', 'a@b.co ', `${'a'.repeat(245)}@b.co`, `${'a'.repeat(250)}@b.co`, '']],
  [['answers', 3, 'phone'], ['123', '12', '+1 (555) 010-9999', '+', '1'.repeat(31), '1'.repeat(32), '(555) 0100', '1-2', '1x2']],
  [['answers', 3, 'name'], ['', ' ', 'Min', 'a'.repeat(200), 'a'.repeat(201), '😀'.repeat(200)]],
  [['context', 'viewport', 'width'], [0, 100_000, 100_001, -1, 1.5, '1']],
  [['metadata', 'k'], ['', 'a'.repeat(500), 'a'.repeat(501), 0, -1.5, true, null, [], {}]],
  [['metadata', 'a'.repeat(64)], [1]],
  [['metadata', 'a'.repeat(65)], [1]],
  [['user', 'id'], ['', 'u', 'a'.repeat(256), 'a'.repeat(257)]],
];

const targeted = fc
  .constantFrom(...FIELD_VALUES)
  .chain(([path, values]) => fc.constantFrom(...values).map((value) => mutate(example(), path, value)));

describe('checkResponse ≡ responseSchema on generated variants', () => {
  it('gives the same verdict (and value) for every tricky value of every patterned field', () => {
    for (const [path, values] of FIELD_VALUES) {
      for (const value of values) {
        const input = mutate(example(), path, value);
        const { lean, zod } = both(input);
        expect([path.join('.'), value, lean.ok]).toEqual([path.join('.'), value, zod.success]);
        if (lean.ok && zod.success) expect(lean.value).toEqual(zod.data);
      }
    }
  });

  it('agrees on 1,000 random targeted variants', () => {
    fc.assert(
      fc.property(targeted, (input) => {
        expect(checkResponse(input).ok).toBe(safeParseResponse(input).success);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same verdict (and the same value when valid) on 3,000 mutated responses', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(variant, (input) => {
        const { lean, zod } = both(input);
        expect({ verdict: lean.ok, input }).toEqual({ verdict: zod.success, input });
        if (lean.ok && zod.success) {
          expect(lean.value).toEqual(zod.data);
          accepted++;
        } else rejected++;
      }),
      { numRuns: 3000, seed: 20261124 },
    );
    console.log(`checkResponse parity: ${accepted} accepted, ${rejected} rejected, all verdicts equal to zod`);
    // Both verdicts must be well represented, or the property proves little.
    expect(accepted).toBeGreaterThan(200);
    expect(rejected).toBeGreaterThan(500);
  });

  it('agrees on random unseeded runs too', () => {
    fc.assert(
      fc.property(variant, (input) => {
        expect(checkResponse(input).ok).toBe(safeParseResponse(input).success);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees on the contract example with one field removed, for every field', () => {
    for (const path of pathsOf(example()).filter((p) => p.length > 0)) {
      const input = mutate(example(), path, DELETE);
      expect([path.join('.'), checkResponse(input).ok]).toEqual([path.join('.'), safeParseResponse(input).success]);
    }
  });
});
