import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  isEarfulError,
  isValidationError,
  parseResponse,
  RESPONSE_LIMITS,
  responseByteLength,
  safeParseResponse,
  utf8ByteLength,
  ValidationError,
} from '../src/index.js';
import { example, invalidResponses, validResponses, withAnswers } from './fixtures/responses.js';

describe('responseSchema: valid payloads', () => {
  it.each(validResponses.map((c) => [c.name, c.input] as const))('accepts %s', (_name, input) => {
    const result = safeParseResponse(input);
    if (!result.success) throw result.error;
    expect(result.success).toBe(true);
  });
});

describe('responseSchema: invalid payloads', () => {
  it.each(invalidResponses.map((c) => [c.name, c.input, c.path] as const))('rejects %s at "%s"', (_name, input, path) => {
    const result = safeParseResponse(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.fields.map((f) => f.path)).toContain(path);
    for (const field of result.error.fields) expect(field.message).not.toBe('Invalid input');
  });
});

describe('parseResponse', () => {
  it('returns the parsed response', () => {
    const parsed = parseResponse(example());
    expect(parsed.answers).toHaveLength(4);
    expect(parsed.metadata).toEqual({ orderId: 'A-1001', items: 3, gift: false });
  });

  it('throws a ValidationError listing every bad field in plain words', () => {
    const bad = example();
    bad.id = 'nope';
    bad.answers[0].value = 9;
    bad.answers[3].email = 'min@';
    let error: unknown;
    try {
      parseResponse(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(isValidationError(error)).toBe(true);
    expect(isEarfulError(error)).toBe(true);
    const v = error as ValidationError;
    expect(v.code).toBe('validation');
    expect(v.issues.length).toBeGreaterThanOrEqual(3);
    expect(v.message).toContain('id: must be a UUID');
    expect(v.message).toContain('answers[0].value: must be an integer from 1 to 5 on the csat5 scale');
    expect(v.message).toContain('answers[3].email: must be a valid email address');
  });

  it('says what was found for a wrong type and what is missing', () => {
    const r = safeParseResponse({ ...example(), surveyId: 42, locale: undefined });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.fields).toContainEqual({ path: 'surveyId', message: 'must be a string, got a number' });
    expect(r.error.fields).toContainEqual({ path: 'locale', message: 'is required (a string)' });
  });

  it('names the allowed answer types when the type is unknown', () => {
    const r = safeParseResponse(withAnswers({ type: 'slider', questionId: 'q', value: 1 }));
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.fields[0]?.message).toBe('must be one of "rating", "text", "choice", "contact", got "slider"');
  });

  it('names unknown keys nowhere, because they are stripped', () => {
    const parsed = parseResponse({ ...example(), extra: 1, answers: [{ type: 'text', questionId: 'q', value: 'x', mood: 'sad' }] });
    expect(parsed).not.toHaveProperty('extra');
    expect(parsed.answers[0]).not.toHaveProperty('mood');
  });

  it('drops a __proto__ key in metadata without touching prototypes', () => {
    const parsed = parseResponse(JSON.parse(`{"schemaVersion":1,"id":"9b2f3c1e-7d4a-4c55-9a53-2f0b1e8c6d71","surveyId":"s","createdAt":"2026-11-22T09:30:00Z","locale":"en","answers":[{"type":"thumbs","questionId":"q"}],"metadata":{"__proto__":{"polluted":true},"ok":1}}`.replace('"type":"thumbs"', '"type":"rating","scale":"thumbs","value":1')));
    expect(Object.keys(parsed.metadata ?? {})).toEqual(['ok']);
    expect(Object.getPrototypeOf(parsed.metadata)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a response over 16 KB with a message that says what to shorten', () => {
    const big = withAnswers(...Array.from({ length: 5 }, (_, i) => ({ type: 'text', questionId: `q${i}`, value: 'x'.repeat(3900) })));
    expect(responseByteLength(big)).toBeGreaterThan(RESPONSE_LIMITS.maxBodyBytes);
    const r = safeParseResponse(big);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.message).toMatch(/larger than 16,384 bytes.*shorten/);
  });

  it('counts the 16 KB limit in UTF-8 bytes, not characters', () => {
    // 3 answers of 2,000 Korean syllables: 6,000 characters but 18,000+ bytes.
    const korean = withAnswers(...Array.from({ length: 3 }, (_, i) => ({ type: 'text', questionId: `q${i}`, value: '배'.repeat(2000) })));
    expect(JSON.stringify(korean).length).toBeLessThan(RESPONSE_LIMITS.maxBodyBytes);
    expect(safeParseResponse(korean).success).toBe(false);
  });
});

describe('sizes and lengths', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['ā', 2],
    ['배', 3],
    ['త', 3],
    ['😀', 4],
    ['\uD800', 3],
    ['a\uDC00b', 5],
  ])('utf8ByteLength(%j) = %i, as TextEncoder says', (s, n) => {
    expect(utf8ByteLength(s)).toBe(n);
    expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
  });

  it('agrees with TextEncoder on a mixed-script paragraph', () => {
    const s = 'Piegāde kavējās 배송 డెలివరీ Õnneks تأخر 😀👍🏽 \u0000\u007f\u0080\u07ff\u0800\uffff';
    expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
    expect(responseByteLength(example())).toBe(new TextEncoder().encode(JSON.stringify(example())).length);
  });

  it.each([
    ['😀', 1],
    ['👍🏽', 2],
    ['배송', 2],
    ['డెలివరీ', 7],
    ['Õnneks', 6],
  ])('codePointLength(%j) = %i', (s, n) => {
    expect(codePointLength(s)).toBe(n);
    expect(codePointLength(s)).toBe([...s].length);
  });
});
