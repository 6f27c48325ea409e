/**
 * The survey definition: questions, texts, and the knobs the widget reads (display, trigger,
 * targeting, theme). Unknown keys are rejected here — a typo in a site owner's config should be
 * an error that names it, not a silently ignored setting. Rules that tie one field to another
 * (unique ids, conditions that point at earlier questions) are checked in `survey-rules.ts`.
 */
import * as z from 'zod/mini';
import { idField, localeField, textField } from './internal/fields.js';
import { SURVEY_LIMITS } from './limits.js';
import { COLOR_PATTERN, COLOR_WORDS, FONT_PATTERN, FONT_WORDS, TEXT_KEY_PATTERN, TEXT_KEY_WORDS } from './patterns.js';
import { checkSafeRegex } from './safe-regex.js';
import { RATING_SCALES } from './scales.js';

const label = () => textField(SURVEY_LIMITS.maxLabelLength, 1);

/**
 * Author text: one string, or a string per locale (`{ en: 'How did we do?', ko: '어떠셨나요?' }`).
 * The widget picks the visitor's locale, then the survey's `locale`, then the first entry.
 */
export const localizedTextSchema = z.union([
  label(),
  z
    .record(localeField(), label())
    .check(
      z.refine((r: Record<string, string>) => Object.keys(r).length >= 1, { error: 'must have at least one locale' }),
      z.refine((r: Record<string, string>) => Object.keys(r).length <= SURVEY_LIMITS.maxLocales, {
        error: `must have at most ${SURVEY_LIMITS.maxLocales} locales`,
      }),
    )
    .register(z.globalRegistry, { minProperties: 1, maxProperties: SURVEY_LIMITS.maxLocales }),
]);

/** Show a question only when an earlier answer matches. */
export const conditionSchema = z.strictObject({
  /** The id of an earlier question. */
  question: idField(),
  /** Show when that rating's sentiment is one of these. */
  sentiment: z.optional(
    z.array(z.enum(['negative', 'neutral', 'positive'])).check(z.minLength(1, { error: 'must list at least one sentiment' })),
  ),
  /** Show when that answer's value (rating) or one of its chosen options (choice) is one of these. */
  values: z.optional(
    z.array(z.union([z.int(), idField()])).check(z.minLength(1, { error: 'must list at least one value' })),
  ),
});

const questionBase = {
  id: idField(),
  prompt: localizedTextSchema,
  description: z.optional(localizedTextSchema),
  required: z.optional(z.boolean()),
  showIf: z.optional(conditionSchema),
};

/** A rating question on one of the contract's scales. */
export const ratingQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('rating'),
  scale: z.enum(RATING_SCALES, { error: `must be one of ${RATING_SCALES.join(', ')}` }),
  labels: z.optional(z.strictObject({ low: z.optional(localizedTextSchema), high: z.optional(localizedTextSchema) })),
});

/** A free-text question. */
export const textQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('text'),
  placeholder: z.optional(localizedTextSchema),
  maxLength: z.optional(z.int().check(z.minimum(1), z.maximum(4_000, { error: 'must be at most 4,000 (the wire limit)' }))),
  multiline: z.optional(z.boolean()),
});

/** One option of a choice question. */
export const choiceOptionSchema = z.strictObject({ id: idField(), label: localizedTextSchema });

/** A single or multiple choice question, optionally with a free-text "other". */
export const choiceQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('choice'),
  multiple: z.optional(z.boolean()),
  options: z.array(choiceOptionSchema).check(
    z.minLength(1, { error: 'must have at least one option' }),
    z.maxLength(SURVEY_LIMITS.maxOptions, { error: `must have at most ${SURVEY_LIMITS.maxOptions} options` }),
  ),
  other: z.optional(z.union([z.boolean(), z.strictObject({ label: localizedTextSchema })])),
  shuffle: z.optional(z.boolean()),
});

/** A request for contact details; nothing is sent without the visitor's explicit consent. */
export const contactQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal('contact'),
  fields: z
    .array(z.enum(['email', 'phone', 'name']))
    .check(z.minLength(1, { error: 'must list at least one of "email", "phone", "name"' }), z.maxLength(3)),
  consentLabel: z.optional(localizedTextSchema),
});

/** Any question, told apart by `type`. */
export const questionSchema = z.discriminatedUnion('type', [
  ratingQuestionSchema,
  textQuestionSchema,
  choiceQuestionSchema,
  contactQuestionSchema,
]);

/** Where and how the widget shows the survey. */
export const displaySchema = z.strictObject({
  /** `launcher` (floating button + popover, the default), `modal` (top layer), `inline` (inside `target`). */
  mode: z.optional(z.enum(['launcher', 'modal', 'inline'])),
  position: z.optional(z.enum(['bottom-right', 'bottom-left', 'top-right', 'top-left'])),
  /** Distance from the corner in CSS pixels. */
  offset: z.optional(
    z.strictObject({ x: z.optional(z.int().check(z.minimum(0), z.maximum(500))), y: z.optional(z.int().check(z.minimum(0), z.maximum(500))) }),
  ),
  launcher: z.optional(z.strictObject({ label: z.optional(localizedTextSchema), hidden: z.optional(z.boolean()) })),
  /** CSS selector of the host element, for `inline`. */
  target: z.optional(textField(200, 1)),
});

/**
 * A rule that matches the page URL (path and query, without origin, unless `value` has one). A
 * `regex` rule must be in the safe subset of `checkSafeRegex` (it runs on every visitor's page).
 */
export const urlRuleSchema = z
  .strictObject({
    match: z.enum(['exact', 'prefix', 'glob', 'regex']),
    value: textField(500, 1),
  })
  .check(
    z.superRefine((rule, ctx) => {
      const problem = rule.match === 'regex' ? checkSafeRegex(rule.value) : null;
      if (problem) {
        ctx.issues.push({ code: 'custom', path: ['value'], input: rule.value, message: `regex ${problem} (only a safe subset is allowed: no backreferences, lookarounds or nested quantifiers, at most 200 characters)` });
      }
    }),
  );

/** When the survey opens by itself (it can always be opened by hand). */
export const triggerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('manual') }),
  z.strictObject({ type: z.literal('delay'), ms: z.int().check(z.minimum(0), z.maximum(3_600_000)) }),
  z.strictObject({ type: z.literal('scroll'), percent: z.int().check(z.minimum(1), z.maximum(100)) }),
  z.strictObject({ type: z.literal('exit') }),
  z.strictObject({ type: z.literal('time-on-page'), ms: z.int().check(z.minimum(0), z.maximum(86_400_000)) }),
]);

/** Who is asked, and how often. */
export const targetingSchema = z.strictObject({
  include: z.optional(z.array(urlRuleSchema).check(z.maxLength(50))),
  exclude: z.optional(z.array(urlRuleSchema).check(z.maxLength(50))),
  /** Percentage of visitors asked, stable per visitor. */
  sample: z.optional(z.number().check(z.minimum(0), z.maximum(100))),
  reask: z.optional(
    z.strictObject({
      afterAnswerDays: z.optional(z.int().check(z.minimum(0), z.maximum(3650))),
      afterDismissDays: z.optional(z.int().check(z.minimum(0), z.maximum(3650))),
      oncePerSession: z.optional(z.boolean()),
    }),
  ),
});


/** The survey's look; everything else is CSS custom properties and `::part()` on the host page. */
export const themeSchema = z.strictObject({
  scheme: z.optional(z.enum(['light', 'dark', 'auto'])),
  accent: z.optional(z.string().check(z.regex(COLOR_PATTERN, { error: COLOR_WORDS }))),
  radius: z.optional(z.int().check(z.minimum(0), z.maximum(32))),
  font: z.optional(z.string().check(z.regex(FONT_PATTERN, { error: FONT_WORDS }))),
  zIndex: z.optional(z.int().check(z.minimum(0), z.maximum(2_147_483_647))),
});

/**
 * A survey definition. Parse it with `parseSurvey`, which also checks the rules that tie fields
 * together (unique ids, conditions that point at earlier questions).
 *
 * @example
 * ```ts
 * const survey = parseSurvey({ id: 'checkout', questions: [{ id: 'rating', type: 'rating', scale: 'csat5', prompt: 'How did we do?' }] });
 * ```
 */
export const surveySchema = z.strictObject({
  id: idField(),
  /** The language the author texts are written in (default `en`). */
  locale: z.optional(localeField()),
  /** The panel's heading, plain or per locale. Without it: the preset's own, else the widget's neutral `survey.title` message. */
  title: z.optional(localizedTextSchema),
  questions: z.array(questionSchema).check(
    z.minLength(1, { error: 'must have at least one question' }),
    z.maxLength(SURVEY_LIMITS.maxQuestions, { error: `must have at most ${SURVEY_LIMITS.maxQuestions} questions` }),
  ),
  /** Overrides of the widget's own words, by key (`submit`, `thanks.body`, …), optionally per locale. */
  texts: z.optional(z.record(z.string().check(z.regex(TEXT_KEY_PATTERN, { error: TEXT_KEY_WORDS })), localizedTextSchema)),
  display: z.optional(displaySchema),
  trigger: z.optional(triggerSchema),
  targeting: z.optional(targetingSchema),
  theme: z.optional(themeSchema),
});

/** A survey definition, as parsed. */
export type Survey = z.infer<typeof surveySchema>;
/** What may be given as a survey definition. */
export type SurveyInput = z.input<typeof surveySchema>;
/** Any question. */
export type Question = z.infer<typeof questionSchema>;
/** A rating question. */
export type RatingQuestion = z.infer<typeof ratingQuestionSchema>;
/** A text question. */
export type TextQuestion = z.infer<typeof textQuestionSchema>;
/** A choice question. */
export type ChoiceQuestion = z.infer<typeof choiceQuestionSchema>;
/** A contact question. */
export type ContactQuestion = z.infer<typeof contactQuestionSchema>;
/** A show-if condition. */
export type Condition = z.infer<typeof conditionSchema>;
/** Author text, plain or per locale. */
export type LocalizedText = z.infer<typeof localizedTextSchema>;
/** When the survey opens by itself. */
export type Trigger = z.infer<typeof triggerSchema>;
/** Who is asked, and how often. */
export type Targeting = z.infer<typeof targetingSchema>;
/** A URL rule. */
export type UrlRule = z.infer<typeof urlRuleSchema>;
/** Display options. */
export type Display = z.infer<typeof displaySchema>;
/** Theme options. */
export type Theme = z.infer<typeof themeSchema>;
