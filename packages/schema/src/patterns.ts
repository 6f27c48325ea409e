/**
 * The contract's own string patterns and, beside each, the words a validator says when a value
 * misses it (short: the widget's browser check ships them in every chunk). The zod schemas, `checkResponse`, `checkSurvey` and `surveyNeedsProblems` all use
 * these, so no two validators can disagree on a rule or word it differently. The colour and font
 * patterns guard values that end up in a style sheet: they admit nothing that can leave a declaration.
 */

/**
 * `surveyId`, `questionId`, option ids.
 *
 * @example
 * ```ts
 * ID_PATTERN.test('late-delivery'); // true
 * ```
 */
export const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** What {@link ID_PATTERN} asks for, in plain words. */
export const ID_WORDS = 'must be 1–64 letters, digits, ".", "_" or "-"';

/** What a response's `id` (zod's `uuid`, as `newResponseId()` makes it) asks for, in plain words. */
export const UUID_WORDS = 'must be a UUID such as "9b2f3c1e-7d4a-4c55-9a53-2f0b1e8c6d71"';

/**
 * Well-formed BCP-47 language tags (RFC 5646 langtag, without grandfathered irregular tags).
 *
 * @example
 * ```ts
 * LOCALE_PATTERN.test('zh-Hans'); // true
 * ```
 */
export const LOCALE_PATTERN =
  /^[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?$/;

/** What {@link LOCALE_PATTERN} (and its 35-character cap) asks for, in plain words. */
export const LOCALE_WORDS = 'must be a BCP-47 language tag such as "en", "ko-KR" or "zh-Hans"';

/**
 * A phone number as people type it: digits, spaces, `+ ( ) . -`.
 *
 * @example
 * ```ts
 * PHONE_PATTERN.test('+82 10-1234-5678'); // true
 * ```
 */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ().-]{2,30}$/;

/** What {@link PHONE_PATTERN} asks for, in plain words. */
export const PHONE_WORDS = 'must be a phone number of 3–31 digits, spaces, "+", "(", ")", "." or "-"';

/**
 * A theme colour: hex, or `rgb()`/`hsl()`/`oklch()` with nothing that can escape a declaration.
 *
 * @example
 * ```ts
 * COLOR_PATTERN.test('red;} body{display:none'); // false
 * ```
 */
export const COLOR_PATTERN = /^(?:#[0-9a-fA-F]{3,8}|(?:rgb|rgba|hsl|hsla|oklch)\([0-9.,%\s/a-z-]{1,60}\))$/;

/** What {@link COLOR_PATTERN} asks for, in plain words. */
export const COLOR_WORDS = 'must be a colour such as "#0b57d0"';

/**
 * A font-family list: letters, digits, spaces, commas and quotes only.
 *
 * @example
 * ```ts
 * FONT_PATTERN.test('Inter, system-ui, sans-serif'); // true
 * ```
 */
export const FONT_PATTERN = /^[A-Za-z0-9 ,"'._-]{1,200}$/;

/** What {@link FONT_PATTERN} asks for, in plain words. */
export const FONT_WORDS = 'must be a font-family list';

/**
 * A key of a survey's `texts` (`submit`, `complaint.sorryBody`).
 *
 * @example
 * ```ts
 * TEXT_KEY_PATTERN.test('thanks.title'); // true
 * ```
 */
export const TEXT_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9.]{0,63}$/;

/** What {@link TEXT_KEY_PATTERN} asks for, in plain words. */
export const TEXT_KEY_WORDS = 'text keys are letters, digits and dots';
