/**
 * The v1 response: what the widget and SDK send and what every receiver accepts. Field names
 * here are the public wire contract — backends in other languages code against them.
 *
 * Unknown keys are stripped, not rejected, at every level: a newer client adding an optional
 * field still reaches an older receiver, which stores what it understands.
 */
import * as z from 'zod/mini';
import { responseByteLength } from './byte-length.js';
import { flatRecordField, idField, localeField, textField } from './internal/fields.js';
import { PHONE_PATTERN, PHONE_WORDS, UUID_WORDS } from './patterns.js';
import { RESPONSE_LIMITS } from './limits.js';
import { SCALES, type RatingScale } from './scales.js';

function ratingAnswerFor<S extends RatingScale>(scale: S) {
  const { min, max } = SCALES[scale];
  return z.object({
    type: z.literal('rating'),
    questionId: idField(),
    scale: z.literal(scale),
    value: z.int().check(
      z.minimum(min, { error: `must be an integer from ${min} to ${max} on the ${scale} scale` }),
      z.maximum(max, { error: `must be an integer from ${min} to ${max} on the ${scale} scale` }),
    ),
  });
}

/** A rating answer: `value` is an integer within its `scale` (see {@link SCALES}). */
export const ratingAnswerSchema = z.discriminatedUnion('scale', [
  ratingAnswerFor('csat5'),
  ratingAnswerFor('stars5'),
  ratingAnswerFor('emoji5'),
  ratingAnswerFor('nps'),
  ratingAnswerFor('thermometer4'),
  ratingAnswerFor('thumbs'),
  ratingAnswerFor('ces7'),
]);

/** A free-text answer of at most 4,000 code points. */
export const textAnswerSchema = z.object({
  type: z.literal('text'),
  questionId: idField(),
  value: textField(RESPONSE_LIMITS.maxTextLength),
});

/** A choice answer: 1–20 option ids and an optional free-text "other". */
export const choiceAnswerSchema = z.object({
  type: z.literal('choice'),
  questionId: idField(),
  values: z.array(idField()).check(
    z.minLength(1, { error: 'must list at least one option id' }),
    z.maxLength(RESPONSE_LIMITS.maxChoiceValues, { error: `must list at most ${RESPONSE_LIMITS.maxChoiceValues} option ids` }),
  ),
  other: z.optional(textField(RESPONSE_LIMITS.maxTextLength)),
});

/**
 * Contact details: only with `consent: true`, and with at least one of `email` and `phone`.
 */
export const contactAnswerSchema = z
  .object({
    type: z.literal('contact'),
    questionId: idField(),
    consent: z.literal(true, { error: 'must be true: contact details are only sent with explicit consent' }),
    email: z.optional(
      z.email({ error: 'must be a valid email address such as name@example.com' }).check(
        z.maxLength(RESPONSE_LIMITS.maxEmailLength, { error: `must be at most ${RESPONSE_LIMITS.maxEmailLength} characters` }),
      ),
    ),
    phone: z.optional(
      z.string().check(
        z.regex(PHONE_PATTERN, { error: PHONE_WORDS }),
      ),
    ),
    name: z.optional(textField(RESPONSE_LIMITS.maxNameLength, 1)),
  })
  .check(
    z.refine((c) => c.email !== undefined || c.phone !== undefined, {
      error: 'needs an email or a phone number (or both)',
      path: ['email'],
    }),
  )
  .register(z.globalRegistry, { anyOf: [{ required: ['email'] }, { required: ['phone'] }] });

/** Any answer, told apart by `type`. */
export const answerSchema = z.discriminatedUnion('type', [
  ratingAnswerSchema,
  textAnswerSchema,
  choiceAnswerSchema,
  contactAnswerSchema,
]);

/** Where the response was given. The page URL carries no query string by default. */
export const contextSchema = z.object({
  url: z.optional(textField(RESPONSE_LIMITS.maxUrlLength)),
  referrer: z.optional(textField(RESPONSE_LIMITS.maxUrlLength)),
  viewport: z.optional(
    z.object({
      width: z.int().check(z.minimum(0), z.maximum(100_000)),
      height: z.int().check(z.minimum(0), z.maximum(100_000)),
    }),
  ),
});

/** Who gave the response, as far as the site chose to say (`Earful('identify', …)`). */
export const userSchema = z.object({
  id: z.optional(textField(RESPONSE_LIMITS.maxUserIdLength, 1)),
  traits: z.optional(flatRecordField()),
});

/**
 * The v1 response, the body of every delivery. Unknown keys are stripped; the whole JSON must
 * be at most 16,384 bytes of UTF-8.
 *
 * @example
 * ```ts
 * const result = responseSchema.safeParse(JSON.parse(body));
 * ```
 */
export const responseSchema = z
  .object({
    schemaVersion: z.literal(1, { error: 'must be 1 (this receiver speaks version 1 of the wire format)' }),
    id: z.uuid({ error: UUID_WORDS }),
    surveyId: idField(),
    createdAt: z.iso.datetime({
      offset: true,
      error: 'must be an ISO-8601 date-time with "Z" or an offset, such as "2026-11-22T09:30:00.000Z"',
    }),
    locale: localeField(),
    answers: z.array(answerSchema).check(
      z.minLength(1, { error: 'must have at least one answer' }),
      z.maxLength(RESPONSE_LIMITS.maxAnswers, { error: `must have at most ${RESPONSE_LIMITS.maxAnswers} answers` }),
    ),
    context: z.optional(contextSchema),
    user: z.optional(userSchema),
    metadata: z.optional(flatRecordField()),
  })
  .check(
    z.refine((r) => responseByteLength(r) <= RESPONSE_LIMITS.maxBodyBytes, {
      error: `is larger than ${RESPONSE_LIMITS.maxBodyBytes.toLocaleString('en-US')} bytes of UTF-8 JSON; shorten the text answers or metadata`,
    }),
  );

/** A v1 response, as parsed by {@link responseSchema}. */
export type SurveyResponse = z.infer<typeof responseSchema>;
/** What may be given to {@link responseSchema} (before unknown keys are stripped). */
export type SurveyResponseInput = z.input<typeof responseSchema>;
/** Any answer of a response. */
export type Answer = z.infer<typeof answerSchema>;
/** A rating answer. */
export type RatingAnswer = z.infer<typeof ratingAnswerSchema>;
/** A free-text answer. */
export type TextAnswer = z.infer<typeof textAnswerSchema>;
/** A choice answer. */
export type ChoiceAnswer = z.infer<typeof choiceAnswerSchema>;
/** A contact answer. */
export type ContactAnswer = z.infer<typeof contactAnswerSchema>;
/** Where a response was given. */
export type ResponseContext = z.infer<typeof contextSchema>;
/** Who gave a response. */
export type ResponseUser = z.infer<typeof userSchema>;

