/**
 * The contract's own string patterns, shared by the zod schemas and by `checkResponse`, so the
 * two validators cannot disagree on them.
 */

/** `surveyId`, `questionId`, option ids. */
export const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Well-formed BCP-47 language tags (RFC 5646 langtag, without grandfathered irregular tags). */
export const LOCALE_PATTERN =
  /^[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?$/;

/** A phone number as people type it: digits, spaces, `+ ( ) . -`. */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ().-]{2,30}$/;

/** What {@link ID_PATTERN} asks for, in plain words. */
export const ID_WORDS = 'must be 1–64 characters of letters, digits, ".", "_" or "-"';
