/**
 * `sameSecret`: the one way Earful compares a secret someone sent with the one it expects (the
 * receiver's shared secret, an inbox token). Constant time, and the length does not leak either:
 * both sides are hashed to 32 bytes before `timingSafeEqual`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether `given` equals `expected`, in time that depends on neither.
 *
 * @example
 * ```ts
 * import { sameSecret } from '@earful/server';
 * const ok = sameSecret(request.headers.get('authorization') ?? '', `Bearer ${process.env.INBOX_TOKEN}`);
 * ```
 */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
