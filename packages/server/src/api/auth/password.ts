/**
 * Staff passwords: scrypt from `node:crypto` with a random 16-byte salt, stored with its cost
 * parameters (`scrypt$N$r$p$salt$hash`), so raising the cost later still verifies old hashes.
 * Verification compares in constant time, and an unknown email is checked against a dummy hash
 * so that it takes as long as a wrong password.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PASSWORD_LIMITS } from '@earful/schema';
import { ConfigError } from '../../errors.js';

/** Today's cost: one of OWASP's equivalent scrypt minimums (N = 2^15, r = 8, p = 3): 32 MiB per check, not 128. */
const COST = { N: 2 ** 15, r: 8, p: 3 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const MAX_N = 2 ** 20;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * Hashes a new password; throws a `ConfigError` when it is shorter than 12 or longer than 1,024 characters.
 *
 * @example
 * ```ts
 * const passwordHash = await hashPassword('correct horse battery staple');
 * ```
 */
export async function hashPassword(password: string): Promise<string> {
  const length = [...password].length;
  if (length < PASSWORD_LIMITS.minLength) throw new ConfigError(`the password must be at least ${PASSWORD_LIMITS.minLength} characters; a few words make a good one`);
  if (length > PASSWORD_LIMITS.maxLength) throw new ConfigError(`the password must be at most ${PASSWORD_LIMITS.maxLength} characters`);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function decode(encoded: string): { cost: { N: number; r: number; p: number }; salt: Buffer; key: Buffer } | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Bounds: a tampered row must not make one sign-in allocate gigabytes.
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || key.length !== KEY_BYTES) return undefined;
  return { cost: { N, r, p }, salt, key };
}

/** A hash no password matches, with today's cost: checking against it takes as long as a real check. */
const DUMMY = /* @__PURE__ */ decode(`scrypt$${COST.N}$${COST.r}$${COST.p}$bm90IGEgcmVhbCBzYWx0$${'A'.repeat(43)}`)!;

/**
 * True when `password` matches `encoded`. With `encoded` `undefined` (no such user) it still does
 * the work of one check and returns false, so the two failures cannot be told apart by time.
 *
 * @example
 * ```ts
 * const user = await store.auth.getUser(email);
 * const ok = await verifyPassword(password, user?.passwordHash);
 * ```
 */
export async function verifyPassword(password: string, encoded: string | undefined): Promise<boolean> {
  const parsed = encoded === undefined ? undefined : decode(encoded);
  if (parsed === undefined) {
    await derive(password, DUMMY.salt, DUMMY.cost);
    return false;
  }
  const key = await derive(password, parsed.salt, parsed.cost);
  return timingSafeEqual(key, parsed.key);
}
