/**
 * Sign-in attempts are rate-limited twice: per client (an IPv4 address or IPv6 /64), so one
 * machine cannot guess many accounts' passwords, and per email, so a botnet cannot guess one
 * account's password from many addresses. Both buckets are spent on every attempt, right or
 * wrong, before the password is checked, so the limit also caps how much hashing a client buys.
 */
import type { BucketPolicy } from '../../handler-options.js';
import { CLIENT_PREFIX, networkKey } from '../../internal/client-network.js';
import { tokenBuckets } from '../../internal/token-bucket.js';

/**
 * Limits of sign-in attempts (`POST /api/session`, `/api/setup`, `/api/session/link`); each
 * `false` to turn it off.
 *
 * @example
 * ```ts
 * const loginRateLimit: LoginRateLimit = { perClient: { capacity: 10, refillPerSecond: 1 / 60 }, perEmail: false };
 * ```
 */
export interface LoginRateLimit {
  /** Per client. Default 10 at once, then one a minute. */
  readonly perClient?: BucketPolicy | false;
  /** Per email. Default 5 at once, then one a minute. */
  readonly perEmail?: BucketPolicy | false;
}

export const DEFAULT_LOGIN_PER_CLIENT: BucketPolicy = { capacity: 10, refillPerSecond: 1 / 60 };
export const DEFAULT_LOGIN_PER_EMAIL: BucketPolicy = { capacity: 5, refillPerSecond: 1 / 60 };

/** The limiter; `take` returns 0 when the attempt may go on, else the seconds to wait. */
export function loginLimiter(policy: LoginRateLimit | false | undefined, now: () => number) {
  const options = policy === false ? { perClient: false as const, perEmail: false as const } : (policy ?? {});
  const perClientPolicy = options.perClient === undefined ? DEFAULT_LOGIN_PER_CLIENT : options.perClient;
  const perEmailPolicy = options.perEmail === undefined ? DEFAULT_LOGIN_PER_EMAIL : options.perEmail;
  const perClient = perClientPolicy ? tokenBuckets('loginRateLimit.perClient', perClientPolicy, now) : undefined;
  const perEmail = perEmailPolicy ? tokenBuckets('loginRateLimit.perEmail', perEmailPolicy, now) : undefined;
  return {
    take(ip: string | undefined, email: string | undefined): number {
      const client = perClient && ip !== undefined ? perClient.take(networkKey(ip, CLIENT_PREFIX)) : 0;
      const account = perEmail && email !== undefined ? perEmail.take(email.toLowerCase()) : 0;
      return Math.max(client, account);
    },
  };
}
