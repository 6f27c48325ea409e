/**
 * The contract's own string patterns, shared by the zod schemas, `checkResponse` and the widget's
 * zod-free survey checks, so no two validators can disagree on them. The colour and font patterns
 * guard values that end up in a style sheet: they admit nothing that can leave a declaration.
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

/**
 * A phone number as people type it: digits, spaces, `+ ( ) . -`.
 *
 * @example
 * ```ts
 * PHONE_PATTERN.test('+82 10-1234-5678'); // true
 * ```
 */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ().-]{2,30}$/;

/**
 * A theme colour: hex, or `rgb()`/`hsl()`/`oklch()` with nothing that can escape a declaration.
 *
 * @example
 * ```ts
 * COLOR_PATTERN.test('red;} body{display:none'); // false
 * ```
 */
export const COLOR_PATTERN = /^(?:#[0-9a-fA-F]{3,8}|(?:rgb|rgba|hsl|hsla|oklch)\([0-9.,%\s/a-z-]{1,60}\))$/;

/**
 * A font-family list: letters, digits, spaces, commas and quotes only.
 *
 * @example
 * ```ts
 * FONT_PATTERN.test('Inter, system-ui, sans-serif'); // true
 * ```
 */
export const FONT_PATTERN = /^[A-Za-z0-9 ,"'._-]{1,200}$/;

/**
 * A key of a survey's `texts` (`submit`, `complaint.sorryBody`).
 *
 * @example
 * ```ts
 * TEXT_KEY_PATTERN.test('thanks.title'); // true
 * ```
 */
export const TEXT_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9.]{0,63}$/;

/** What {@link ID_PATTERN} asks for, in plain words. */
export const ID_WORDS = 'must be 1–64 characters of letters, digits, ".", "_" or "-"';
