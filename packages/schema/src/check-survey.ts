/**
 * A lean, zod-free check of a survey definition for browser bundles (zod/mini for the full
 * survey schema would cost ~5–8 KB gzip of the widget's budget). It mirrors `surveySchema` field
 * by field and then runs the schema's own cross-field rules (`surveyRuleProblems`, zod-free).
 * `test/check-survey.test.ts` proves its verdicts equal `safeParseSurvey`'s on the fixture table
 * and more cases. Change both together, never one. See docs/decisions/002-widget-validation-and-size.md.
 */
import { codePointLength } from './byte-length.js';
import type { FieldProblem } from './errors.js';
import { SURVEY_LIMITS } from './limits.js';
import {
  COLOR_PATTERN as COLOR,
  COLOR_WORDS,
  FONT_PATTERN as FONT,
  FONT_WORDS,
  ID_PATTERN as ID,
  ID_WORDS,
  LOCALE_PATTERN as LOCALE,
  LOCALE_WORDS,
  TEXT_KEY_PATTERN as TEXT_KEY,
  TEXT_KEY_WORDS,
} from './patterns.js';
import { checkSafeRegex } from './safe-regex.js';
import { RATING_SCALES } from './scales.js';
import { surveyRuleProblems } from './survey-rules.js';
import type { Survey } from './survey-schema.js';

type Check = (value: unknown, path: string, out: FieldProblem[]) => void;

const problem = (out: FieldProblem[], path: string, message: string) => void out.push({ path, message });
const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const pattern =
  (re: RegExp, message: string, max = Infinity): Check =>
  (v, path, out) => {
    if (typeof v !== 'string' || v.length > max || !re.test(v)) problem(out, path, message);
  };
const id = pattern(ID, ID_WORDS);
const locale = pattern(LOCALE, LOCALE_WORDS, 35);

const text =
  (max: number, min: number): Check =>
  (v, path, out) => {
    if (typeof v !== 'string') return problem(out, path, 'must be a string');
    const n = codePointLength(v);
    if (n > max || n < min) problem(out, path, `must be ${min}–${max} characters`);
  };
const label = text(SURVEY_LIMITS.maxLabelLength, 1);

const number =
  (min: number, max: number, integer = true): Check =>
  (v, path, out) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isSafeInteger(v)) || v < min || v > max) {
      problem(out, path, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
    }
  };
const bool: Check = (v, path, out) => {
  if (typeof v !== 'boolean') problem(out, path, 'must be true or false');
};
const oneOf =
  (values: readonly unknown[]): Check =>
  (v, path, out) => {
    if (!values.includes(v)) problem(out, path, `must be one of ${values.join(', ')}`);
  };

const record =
  (key: Check, value: Check, min: number, max: number): Check =>
  (v, path, out) => {
    if (!isRecord(v)) return problem(out, path, 'must be an object');
    const keys = Object.keys(v);
    if (keys.length < min || keys.length > max) problem(out, path, `must have ${min}–${max} keys`);
    for (const k of keys) {
      key(k, at(path, k), out);
      value(v[k], at(path, k), out);
    }
  };

/** Author text: a label, or a record of labels by locale (reported at the text's own path). */
const localized: Check = (v, path, out) => {
  const inner: FieldProblem[] = [];
  (typeof v === 'string' ? label : record(locale, label, 1, SURVEY_LIMITS.maxLocales))(v, path, inner);
  if (inner.length) problem(out, path, 'must be a text of 1–500 characters, or such texts by locale');
};

const array =
  (item: Check, min: number, max: number): Check =>
  (v, path, out) => {
    if (!Array.isArray(v)) return problem(out, path, 'must be a list');
    if (v.length < min || v.length > max) problem(out, path, `must have ${min}–${max} items`);
    v.forEach((x, i) => item(x, `${path}[${i}]`, out));
  };

/** A strict object: unknown keys are reported, `required` keys must be present. */
const object =
  (shape: Record<string, Check>, required: readonly string[] = []): Check =>
  (v, path, out) => {
    if (!isRecord(v)) return problem(out, path, 'must be an object');
    for (const k of Object.keys(v)) if (!Object.hasOwn(shape, k)) problem(out, path, `has an unknown key "${k}"`);
    for (const [k, check] of Object.entries(shape)) {
      if (v[k] !== undefined) check(v[k], at(path, k), out);
      else if (required.includes(k)) problem(out, at(path, k), 'is required');
    }
  };

const byType =
  (variants: Record<string, Check>): Check =>
  (v, path, out) => {
    const type = isRecord(v) ? v.type : undefined;
    const check = typeof type === 'string' && Object.hasOwn(variants, type) ? variants[type] : undefined;
    if (check) check(v, path, out);
    else problem(out, at(path, 'type'), `must be one of ${Object.keys(variants).join(', ')}`);
  };

const question = (type: string, extra: Record<string, Check>, required: string[] = []) =>
  object(
    {
      id,
      type: oneOf([type]),
      prompt: localized,
      description: localized,
      required: bool,
      showIf: object(
        {
          question: id,
          sentiment: array(oneOf(['negative', 'neutral', 'positive']), 1, Infinity),
          values: array((v, p, o) => (Number.isSafeInteger(v) ? undefined : id(v, p, o)), 1, Infinity),
        },
        ['question'],
      ),
      ...extra,
    },
    ['id', 'type', 'prompt', ...required],
  );

const urlRuleShape = object({ match: oneOf(['exact', 'prefix', 'glob', 'regex']), value: text(500, 1) }, ['match', 'value']);
const urlRule: Check = (v, path, out) => {
  urlRuleShape(v, path, out);
  const unsafe = isRecord(v) && v.match === 'regex' && typeof v.value === 'string' ? checkSafeRegex(v.value) : null;
  if (unsafe) {
    problem(out, at(path, 'value'), `regex ${unsafe} (only a safe subset is allowed: no backreferences, lookarounds or nested quantifiers, at most 200 characters)`);
  }
};
const days = number(0, 3650);

const survey = object(
  {
    id,
    locale,
    title: localized,
    questions: array(
      byType({
        rating: question('rating', { scale: oneOf(RATING_SCALES), labels: object({ low: localized, high: localized }) }, ['scale']),
        text: question('text', { placeholder: localized, maxLength: number(1, 4000), multiline: bool }),
        choice: question(
          'choice',
          {
            multiple: bool,
            options: array(object({ id, label: localized }, ['id', 'label']), 1, SURVEY_LIMITS.maxOptions),
            other: (v, p, o) => (typeof v === 'boolean' ? undefined : object({ label: localized }, ['label'])(v, p, o)),
            shuffle: bool,
          },
          ['options'],
        ),
        contact: question('contact', { fields: array(oneOf(['email', 'phone', 'name']), 1, 3), consentLabel: localized }, ['fields']),
      }),
      1,
      SURVEY_LIMITS.maxQuestions,
    ),
    texts: record(pattern(TEXT_KEY, TEXT_KEY_WORDS), localized, 0, Infinity),
    display: object({
      mode: oneOf(['launcher', 'modal', 'inline']),
      position: oneOf(['bottom-right', 'bottom-left', 'top-right', 'top-left']),
      offset: object({ x: number(0, 500), y: number(0, 500) }),
      launcher: object({ label: localized, hidden: bool }),
      target: text(200, 1),
    }),
    trigger: byType({
      manual: object({ type: oneOf(['manual']) }),
      delay: object({ type: oneOf(['delay']), ms: number(0, 3_600_000) }, ['ms']),
      scroll: object({ type: oneOf(['scroll']), percent: number(1, 100) }, ['percent']),
      exit: object({ type: oneOf(['exit']) }),
      'time-on-page': object({ type: oneOf(['time-on-page']), ms: number(0, 86_400_000) }, ['ms']),
    }),
    targeting: object({
      include: array(urlRule, 0, 50),
      exclude: array(urlRule, 0, 50),
      sample: number(0, 100, false),
      reask: object({ afterAnswerDays: days, afterDismissDays: days, oncePerSession: bool }),
    }),
    theme: object({
      scheme: oneOf(['light', 'dark', 'auto']),
      accent: pattern(COLOR, COLOR_WORDS),
      radius: number(0, 32),
      font: pattern(FONT, FONT_WORDS),
      zIndex: number(0, 2_147_483_647),
    }),
  },
  ['id', 'questions'],
);

/**
 * Every problem of a survey definition, or `[]` when `safeParseSurvey` would accept it too.
 *
 * @example
 * ```ts
 * const problems = checkSurvey(JSON.parse(script.textContent ?? ''));
 * if (problems.length) console.error(problems[0].path, problems[0].message);
 * ```
 */
export function checkSurvey(input: unknown): FieldProblem[] {
  const out: FieldProblem[] = [];
  survey(input, '', out);
  return out.length ? out : surveyRuleProblems(input as Survey);
}
