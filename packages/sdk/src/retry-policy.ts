/**
 * What is retried and when: the status classes, exponential backoff with full jitter, and
 * `Retry-After`. Plain data and pure functions, so the schedule can be read and tested alone.
 */

/**
 * How long to wait between attempts. Every field is plain data with a documented default.
 *
 * @example
 * ```ts
 * const retry: Partial<RetryPolicy> = { initialDelayMs: 1_000, maxDelayMs: 60_000 };
 * ```
 */
export interface RetryPolicy {
  /** Upper bound of the first wait, in ms. Default 2,000 (2 s). */
  initialDelayMs: number;
  /** Upper bound of any wait, in ms. Default 300,000 (5 min). */
  maxDelayMs: number;
  /** Growth of the upper bound per attempt. Default 2. */
  factor: number;
  /** `'full'`: wait a random time between 0 and the bound (AWS "full jitter"); `'none'`: the bound. Default `'full'`. */
  jitter: 'full' | 'none';
}

/**
 * The defaults: first retry within 2 s, then within 4, 8, 16 s … capped at 5 min, until the
 * response is older than `maxAgeMs` (7 days by default) and is dropped as `expired`.
 *
 * @example
 * ```ts
 * createClient({ endpoint, retry: { ...DEFAULT_RETRY_POLICY, initialDelayMs: 500 } });
 * ```
 */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  initialDelayMs: 2_000,
  maxDelayMs: 300_000,
  factor: 2,
  jitter: 'full',
};

/**
 * The wait after failed attempt number `attempt` (1 for the first failure):
 * `random() × min(maxDelayMs, initialDelayMs × factor^(attempt−1))` with full jitter.
 *
 * @example
 * ```ts
 * backoffDelay(DEFAULT_RETRY_POLICY, 3, () => 1); // 8000
 * ```
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const bound = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** Math.max(0, attempt - 1));
  return Math.round(policy.jitter === 'none' ? bound : random() * bound);
}

/**
 * What to do with a response of a given status.
 *
 * @example
 * ```ts
 * const kind: StatusClass = statusClass(429); // 'retry'
 * ```
 */
export type StatusClass = 'delivered' | 'retry' | 'rejected' | 'too_large';

/**
 * The class of an HTTP status: 2xx delivered; 408, 425, 429 and 5xx (except 501 and 505) retried;
 * 413 dropped as too large; everything else dropped as rejected.
 *
 * @example
 * ```ts
 * statusClass(503); // 'retry'
 * statusClass(400); // 'rejected'
 * ```
 */
export function statusClass(status: number): StatusClass {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 425 || status === 429 || (status >= 500 && status < 600 && status !== 501 && status !== 505)) return 'retry';
  return status === 413 ? 'too_large' : 'rejected';
}

// One rule for reading Retry-After, shared with the receiver check: it lives in the schema.
export { retryAfterTime } from '@earful/schema/lean';
