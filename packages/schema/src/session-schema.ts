/**
 * Signing in to the `/api`: the bodies of `POST /api/session`, `POST /api/setup` and
 * `POST /api/session/link`, and what `GET /api/session` answers. Staff emails are compared
 * lower-cased; a password is 12–1,024 characters (the upper bound keeps hashing cheap to refuse).
 */
import * as z from 'zod/mini';
import { RESPONSE_LIMITS } from './limits.js';

/** Shortest and longest password a staff account may have. */
export const PASSWORD_LIMITS = { minLength: 12, maxLength: 1024 } as const;

const emailField = () =>
  z.email({ error: 'must be a valid email address such as ana@shop.example' }).check(
    z.maxLength(RESPONSE_LIMITS.maxEmailLength, { error: `must be at most ${RESPONSE_LIMITS.maxEmailLength} characters` }),
  );

/** A new password: long enough to resist guessing, short enough to hash. */
export const passwordSchema = z.string().check(
  z.minLength(PASSWORD_LIMITS.minLength, { error: `must be at least ${PASSWORD_LIMITS.minLength} characters; a few words make a good one` }),
  z.maxLength(PASSWORD_LIMITS.maxLength, { error: `must be at most ${PASSWORD_LIMITS.maxLength} characters` }),
);

/** A one-time token from a setup or sign-in link (the part after `#setup=` or `#login=`). */
const linkToken = () => z.string().check(z.minLength(1, { error: 'is required' }), z.maxLength(200, { error: 'is not a token from a link' }));

/**
 * `POST /api/session`: email and password. The password is only checked for length here at sign
 * in (at most 1,024 characters): an old, shorter one must still be refused with the same 401.
 */
export const sessionInputSchema = z.strictObject({
  email: emailField(),
  password: z.string().check(z.minLength(1, { error: 'is required' }), z.maxLength(PASSWORD_LIMITS.maxLength, { error: `must be at most ${PASSWORD_LIMITS.maxLength} characters` })),
});

/** `POST /api/setup`: the first-run setup token, and the first account to create. */
export const setupInputSchema = z.strictObject({ token: linkToken(), email: emailField(), password: passwordSchema });

/** `POST /api/session/link`: the token of a one-time sign-in link (`earful login-link`). */
export const loginLinkInputSchema = z.strictObject({ token: linkToken() });

/** `GET /api/session`: who is signed in. */
export const sessionSchema = z.object({ email: z.string() });

/** The body of `POST /api/session`. */
export type SessionInput = z.infer<typeof sessionInputSchema>;
/** The body of `POST /api/setup`. */
export type SetupInput = z.infer<typeof setupInputSchema>;
/** The body of `POST /api/session/link`. */
export type LoginLinkInput = z.infer<typeof loginLinkInputSchema>;
/** The answer of `GET /api/session`. */
export type Session = z.infer<typeof sessionSchema>;
