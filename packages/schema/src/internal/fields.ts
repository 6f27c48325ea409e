/**
 * Field-level building blocks shared by the response and survey schemas: ids, locales, text
 * counted in code points, flat records. Each carries the JSON Schema keywords that say the same
 * thing, so the generated `*.schema.json` files agree with zod.
 */
import * as z from 'zod/mini';
import { codePointLength } from '../byte-length.js';
import { RESPONSE_LIMITS } from '../limits.js';
import { ID_PATTERN, ID_WORDS, LOCALE_PATTERN, LOCALE_WORDS } from '../patterns.js';


/** `surveyId`, `questionId` and option ids: 1–64 chars of `[A-Za-z0-9._-]`. */
export function idField() {
  return z.string().check(
    z.regex(ID_PATTERN, { error: ID_WORDS }),
  );
}

/**
 * A string of at most `max` Unicode code points. zod's own `maxLength` counts UTF-16 units, which
 * would count an emoji twice; JSON Schema's `maxLength` counts code points, so the keyword is
 * added as metadata for the generated file.
 */
export function textField(max: number, min = 0) {
  const schema = z.string().check(
    z.refine((s: string) => codePointLength(s) <= max, {
      error: `must be at most ${max.toLocaleString('en-US')} characters`,
      abort: true,
    }),
    z.refine((s: string) => codePointLength(s) >= min, {
      error: min === 1 ? 'must not be empty' : `must be at least ${min} characters`,
    }),
  );
  return schema.register(z.globalRegistry, min > 0 ? { maxLength: max, minLength: min } : { maxLength: max });
}


/** A BCP-47 language tag such as `ko-KR`, `zh-Hans` or `es-419`. */
export function localeField() {
  return z.string().check(
    z.maxLength(35, { error: 'must be a BCP-47 language tag of at most 35 characters' }),
    z.regex(LOCALE_PATTERN, { error: LOCALE_WORDS }),
  );
}

/**
 * `metadata` and `user.traits`: at most 20 keys; values a string (≤ 500 code points), a finite
 * number or a boolean. A `__proto__` key is dropped while parsing (zod never assigns it), so a
 * parsed record cannot pollute prototypes.
 */
export function flatRecordField() {
  const key = z.string().check(
    z.minLength(1, { error: 'keys must not be empty' }),
    z.refine((k: string) => codePointLength(k) <= RESPONSE_LIMITS.maxRecordKeyLength, {
      error: `keys must be at most ${RESPONSE_LIMITS.maxRecordKeyLength} characters`,
    }),
  );
  const value = z.union([
    textField(RESPONSE_LIMITS.maxRecordStringLength),
    z.number().check(z.refine(Number.isFinite, { error: 'numbers must be finite' })),
    z.boolean(),
  ]);
  return z
    .record(key.register(z.globalRegistry, { minLength: 1, maxLength: RESPONSE_LIMITS.maxRecordKeyLength }), value)
    .check(
      z.refine((r: Record<string, unknown>) => Object.keys(r).length <= RESPONSE_LIMITS.maxRecordKeys, {
        error: `must have at most ${RESPONSE_LIMITS.maxRecordKeys} keys`,
      }),
    )
    .register(z.globalRegistry, { maxProperties: RESPONSE_LIMITS.maxRecordKeys });
}
