/**
 * The hard limits of the v1 wire contract. They are part of the contract: a response within them
 * always fits one `keepalive` request, and every receiver may rely on them.
 */

/**
 * Limits of a v1 response. Text lengths are counted in Unicode code points (an emoji counts once);
 * the body size in bytes of UTF-8 JSON.
 *
 * @example
 * ```ts
 * if (responseByteLength(response) > RESPONSE_LIMITS.maxBodyBytes) console.warn('too large');
 * ```
 */
export const RESPONSE_LIMITS = {
  /** Whole response as UTF-8 JSON, in bytes. */
  maxBodyBytes: 16_384,
  /** Answers in one response. */
  maxAnswers: 50,
  /** A text answer's `value` and a choice answer's `other`, in code points. */
  maxTextLength: 4_000,
  /** Option ids in one choice answer. */
  maxChoiceValues: 20,
  /** `surveyId`, `questionId`, choice option ids. */
  maxIdLength: 64,
  /** Keys in `metadata` and in `user.traits`. */
  maxRecordKeys: 20,
  /** A key of `metadata` or `user.traits`, in code points. */
  maxRecordKeyLength: 64,
  /** A string value in `metadata` or `user.traits`, in code points. */
  maxRecordStringLength: 500,
  /** `user.id`, in code points. */
  maxUserIdLength: 256,
  /** `context.url` and `context.referrer`, in code points. */
  maxUrlLength: 2_048,
  /** An email address, in characters (RFC 5321). */
  maxEmailLength: 254,
  /** A contact name, in code points. */
  maxNameLength: 200,
} as const;

/**
 * Limits of a survey definition.
 *
 * @example
 * ```ts
 * console.log(`a survey has at most ${SURVEY_LIMITS.maxQuestions} questions`);
 * ```
 */
export const SURVEY_LIMITS = {
  /** Questions in one survey. */
  maxQuestions: 20,
  /** Options of one choice question. */
  maxOptions: 20,
  /** A prompt, label or other author text, in code points. */
  maxLabelLength: 500,
  /** Locales in one localized text. */
  maxLocales: 40,
} as const;
