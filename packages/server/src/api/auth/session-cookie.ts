/**
 * The session cookie `earful_session`: HttpOnly (no script reads it), SameSite=Strict (no other
 * site's page sends it), Path=/, and Secure when the receiver is reached over HTTPS. Its value is
 * a random token; the store keeps only its hash.
 */

export const SESSION_COOKIE = 'earful_session';

/** The session token in a `Cookie` header, or `undefined`. The first `earful_session` wins. */
export function sessionCookieOf(header: string | null): string | undefined {
  if (header === null || header.length > 16_384) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** `Set-Cookie` that stores `token` for `maxAgeMs`. */
export function sessionCookie(token: string, options: { secure: boolean; maxAgeMs: number }): string {
  const seconds = Math.max(0, Math.floor(options.maxAgeMs / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${seconds}${options.secure ? '; Secure' : ''}`;
}

/** `Set-Cookie` that removes the cookie. */
export function clearSessionCookie(options: { secure: boolean }): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${options.secure ? '; Secure' : ''}`;
}
