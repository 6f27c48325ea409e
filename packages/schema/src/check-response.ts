/**
 * A zod-free validator of the v1 response, for browser code that must stay small (the SDK).
 * It applies exactly the rules of `responseSchema` — same limits, patterns, scales, stripping of
 * unknown keys and field paths — and is proved equal to it by the parity tests on the shared
 * fixtures and on generated variants. Change both together, never one.
 */
import { codePointLength, responseByteLength } from './byte-length.js';
import type { FieldProblem } from './errors.js';
import { ID_PATTERN as ID, ID_WORDS, LOCALE_PATTERN as LOCALE, LOCALE_WORDS, PHONE_PATTERN as PHONE, PHONE_WORDS, UUID_WORDS } from './patterns.js';
import { RESPONSE_LIMITS as L } from './limits.js';
import type { SurveyResponse } from './response-schema.js';
import { RATING_SCALES, SCALES, type RatingScale } from './scales.js';

type Obj = Record<string, unknown>;
type Problems = FieldProblem[];

// zod's own `uuid`, `email` and `iso.datetime({ offset: true })` patterns, as the schema uses them.
const UUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
const EMAIL = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;
const DATETIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$/;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// zod's rule for records: plain objects only (also from another realm), not class instances.
function isPlain(v: unknown): v is Obj {
  if (!isObj(v)) return false;
  const ctor = v.constructor;
  if (typeof ctor !== 'function') return true;
  const proto: unknown = ctor.prototype;
  return isObj(proto) && Object.prototype.hasOwnProperty.call(proto, 'isPrototypeOf');
}

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Pushes a type problem and returns false unless `ok`. */
function typed(ok: boolean, v: unknown, path: string, what: string, p: Problems): boolean {
  if (!ok) p.push({ path, message: v === undefined ? `is required (${what})` : `must be ${what}, got ${kind(v)}` });
  return ok;
}

const str = (v: unknown, path: string, p: Problems): v is string => typed(typeof v === 'string', v, path, 'a string', p);

function matches(v: unknown, path: string, re: RegExp, message: string, p: Problems): void {
  if (str(v, path, p) && !re.test(v)) p.push({ path, message });
}

function text(v: unknown, path: string, max: number, p: Problems, min = 0): void {
  if (!str(v, path, p)) return;
  const n = codePointLength(v);
  if (n > max) p.push({ path, message: `must be at most ${max.toLocaleString('en-US')} characters` });
  else if (n < min) p.push({ path, message: 'must not be empty' });
}

function int(v: unknown, path: string, min: number, max: number, message: string, p: Problems): void {
  if (!typed(typeof v === 'number' && Number.isFinite(v), v, path, 'a number', p)) return;
  const n = v as number;
  if (!Number.isSafeInteger(n)) p.push({ path, message: 'must be an integer' });
  else if (n < min || n > max) p.push({ path, message });
}

/** Copies an optional key the way zod does: absent stays absent, present `undefined` stays. */
function optional(from: Obj, to: Obj, key: string, path: string, p: Problems, check: (v: unknown, path: string, p: Problems) => unknown): void {
  if (!(key in from)) return;
  const v = from[key];
  to[key] = v === undefined ? undefined : check(v, join(path, key), p);
}

function flatRecord(input: unknown, path: string, p: Problems): unknown {
  if (!typed(isPlain(input), input, path, 'an object', p)) return input;
  const v = input as Obj;
  const out: Obj = {};
  for (const sym of Object.getOwnPropertySymbols(v)) {
    if (Object.prototype.propertyIsEnumerable.call(v, sym)) p.push({ path, message: 'keys must be strings' });
  }
  for (const key of Object.keys(v)) {
    // zod never reads nor assigns `__proto__`, so a parsed record cannot pollute prototypes.
    if (key === '__proto__') continue;
    const at = join(path, key);
    if (key === '') p.push({ path: at, message: 'keys must not be empty' });
    else if (codePointLength(key) > L.maxRecordKeyLength) p.push({ path: at, message: `keys must be at most ${L.maxRecordKeyLength} characters` });
    else {
      const value = v[key];
      if (typeof value === 'string') text(value, at, L.maxRecordStringLength, p);
      else if (!(typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))) {
        p.push({ path: at, message: `must be a string of at most ${L.maxRecordStringLength} characters, a finite number or true/false, got ${kind(value)}` });
      }
      out[key] = value;
    }
  }
  if (Object.keys(out).length > L.maxRecordKeys) p.push({ path, message: `must have at most ${L.maxRecordKeys} keys` });
  return out;
}

/**
 * Checks one flat record — `metadata` or `user.traits` — by the rules `checkResponse` applies to
 * it (at most 20 keys; a string ≤ 500 code points, a finite number or true/false), for callers
 * that take such a record apart from a response (the widget's `metadata` command). `value` is a
 * copy without any `__proto__` key; problems name fields under `path`.
 *
 * @example
 * ```ts
 * const result = checkFlatRecord({ orderId: 'A-1001' }, 'metadata');
 * if (!result.ok) console.error(result.problems.map((p) => `${p.path} ${p.message}`).join('; '));
 * ```
 */
export function checkFlatRecord(
  input: unknown,
  path: string,
): { ok: true; value: Record<string, string | number | boolean> } | { ok: false; problems: FieldProblem[] } {
  const p: Problems = [];
  const value = flatRecord(input, path, p) as Record<string, string | number | boolean>;
  return p.length === 0 ? { ok: true, value } : { ok: false, problems: p };
}

function idList(v: unknown, path: string, p: Problems): unknown {
  if (!typed(Array.isArray(v), v, path, 'an array', p)) return v;
  const list = v as unknown[];
  const out: unknown[] = [];
  for (let i = 0; i < list.length; i++) {
    matches(list[i], join(path, i), ID, ID_WORDS, p);
    out.push(list[i]);
  }
  if (list.length < 1) p.push({ path, message: 'must list at least one option id' });
  if (list.length > L.maxChoiceValues) p.push({ path, message: `must list at most ${L.maxChoiceValues} option ids` });
  return out;
}

const oneOf = (values: readonly string[], found: unknown) =>
  `must be one of ${values.map((o) => JSON.stringify(o)).join(', ')}${found === undefined ? '' : `, got ${JSON.stringify(found)}`}`;

function answer(a: unknown, path: string, p: Problems): unknown {
  if (!typed(isObj(a), a, path, 'an object', p)) return a;
  const v = a as Obj;
  const type = v.type;
  const out: Obj = { type, questionId: v.questionId };
  const field = (key: string) => join(path, key);
  if (type === 'rating') {
    const scale = v.scale as RatingScale;
    if (!RATING_SCALES.includes(scale)) {
      p.push({ path: field('scale'), message: oneOf(RATING_SCALES, scale) });
      return v;
    }
    const { min, max } = SCALES[scale];
    matches(v.questionId, field('questionId'), ID, ID_WORDS, p);
    int(v.value, field('value'), min, max, `must be an integer from ${min} to ${max} on the ${scale} scale`, p);
    out.scale = scale;
    out.value = v.value;
  } else if (type === 'text') {
    matches(v.questionId, field('questionId'), ID, ID_WORDS, p);
    text(v.value, field('value'), L.maxTextLength, p);
    out.value = v.value;
  } else if (type === 'choice') {
    matches(v.questionId, field('questionId'), ID, ID_WORDS, p);
    out.values = idList(v.values, field('values'), p);
    optional(v, out, 'other', path, p, (o, at, q) => (text(o, at, L.maxTextLength, q), o));
  } else if (type === 'contact') {
    matches(v.questionId, field('questionId'), ID, ID_WORDS, p);
    if (v.consent !== true) p.push({ path: field('consent'), message: 'must be true: contact details are only sent with explicit consent' });
    out.consent = v.consent;
    optional(v, out, 'email', path, p, (e, at, q) => {
      matches(e, at, EMAIL, 'must be a valid email address such as name@example.com', q);
      if (typeof e === 'string' && e.length > L.maxEmailLength) q.push({ path: at, message: `must be at most ${L.maxEmailLength} characters` });
      return e;
    });
    optional(v, out, 'phone', path, p, (n, at, q) => (matches(n, at, PHONE, PHONE_WORDS, q), n));
    optional(v, out, 'name', path, p, (n, at, q) => (text(n, at, L.maxNameLength, q, 1), n));
    if (out.email === undefined && out.phone === undefined) p.push({ path: field('email'), message: 'needs an email or a phone number (or both)' });
  } else {
    p.push({ path: field('type'), message: oneOf(['rating', 'text', 'choice', 'contact'], type) });
    return v;
  }
  return out;
}

function context(v: unknown, path: string, p: Problems): unknown {
  if (!typed(isObj(v), v, path, 'an object', p)) return v;
  const c = v as Obj;
  const out: Obj = {};
  const url = (u: unknown, at: string, q: Problems) => (text(u, at, L.maxUrlLength, q), u);
  optional(c, out, 'url', path, p, url);
  optional(c, out, 'referrer', path, p, url);
  optional(c, out, 'viewport', path, p, (vp, at, q) => {
    if (!typed(isObj(vp), vp, at, 'an object', q)) return vp;
    const size = vp as Obj;
    for (const key of ['width', 'height']) int(size[key], join(at, key), 0, 100_000, 'must be an integer from 0 to 100,000', q);
    return { width: size.width, height: size.height };
  });
  return out;
}

function user(v: unknown, path: string, p: Problems): unknown {
  if (!typed(isObj(v), v, path, 'an object', p)) return v;
  const out: Obj = {};
  optional(v as Obj, out, 'id', path, p, (id, at, q) => (text(id, at, L.maxUserIdLength, q, 1), id));
  optional(v as Obj, out, 'traits', path, p, flatRecord);
  return out;
}

/**
 * Validates a v1 response without zod: the same rules, limits and field paths as
 * `responseSchema`, in a fraction of the bytes, for browser bundles that cannot afford zod.
 * Unknown keys are stripped from `value`, as `responseSchema` strips them.
 *
 * @example
 * ```ts
 * const result = checkResponse(input);
 * if (!result.ok) throw new ValidationError('response', result.problems);
 * send(result.value);
 * ```
 */
export function checkResponse(input: unknown): { ok: true; value: SurveyResponse } | { ok: false; problems: FieldProblem[] } {
  const p: Problems = [];
  if (!typed(isObj(input), input, '', 'an object', p)) return { ok: false, problems: p };
  const r = input as Obj;
  if (r.schemaVersion !== 1) p.push({ path: 'schemaVersion', message: 'must be 1 (this receiver speaks version 1 of the wire format)' });
  matches(r.id, 'id', UUID, UUID_WORDS, p);
  matches(r.surveyId, 'surveyId', ID, ID_WORDS, p);
  matches(r.createdAt, 'createdAt', DATETIME, 'must be an ISO-8601 date-time with "Z" or an offset, such as "2026-11-22T09:30:00.000Z"', p);
  if (str(r.locale, 'locale', p) && (r.locale.length > 35 || !LOCALE.test(r.locale))) {
    p.push({ path: 'locale', message: LOCALE_WORDS });
  }
  const out: Obj = { schemaVersion: r.schemaVersion, id: r.id, surveyId: r.surveyId, createdAt: r.createdAt, locale: r.locale };
  const answers = r.answers;
  if (typed(Array.isArray(answers), answers, 'answers', 'an array', p)) {
    const list = answers as unknown[];
    const checked: unknown[] = [];
    // A loop, not map(): zod reads holes of a sparse array as undefined, map() would skip them.
    for (let i = 0; i < list.length; i++) checked.push(answer(list[i], join('answers', i), p));
    out.answers = checked;
    if (list.length < 1) p.push({ path: 'answers', message: 'must have at least one answer' });
    if (list.length > L.maxAnswers) p.push({ path: 'answers', message: `must have at most ${L.maxAnswers} answers` });
  }
  optional(r, out, 'context', '', p, context);
  optional(r, out, 'user', '', p, user);
  optional(r, out, 'metadata', '', p, flatRecord);
  if (p.length === 0 && responseByteLength(out) > L.maxBodyBytes) {
    p.push({
      path: '',
      message: `is larger than ${L.maxBodyBytes.toLocaleString('en-US')} bytes of UTF-8 JSON; shorten the text answers or metadata`,
    });
  }
  return p.length === 0 ? { ok: true, value: out as SurveyResponse } : { ok: false, problems: p };
}
