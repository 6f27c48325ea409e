/**
 * How a `Retry-After` header is read: one rule for the SDK that obeys it and for the receiver
 * check (`earful check-receiver`) that judges whether a receiver sends one the SDK can obey.
 * Two copies had drifted: the check passed `Retry-After: 0`, which the SDK ignores.
 */

/**
 * The time (ms since epoch) a `Retry-After` header value points to — delay-seconds or an
 * HTTP-date — or `undefined` when absent, malformed, zero or in the past (the caller then falls
 * back to its own backoff).
 *
 * @example
 * ```ts
 * retryAfterTime('120', Date.now()); // two minutes from now
 * retryAfterTime('Wed, 21 Oct 2026 07:28:00 GMT', Date.now());
 * ```
 */
export function retryAfterTime(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  const at = /^\d+$/.test(text) ? now + Number(text) * 1000 : /[a-z]/i.test(text) ? Date.parse(text) : NaN;
  return at > now ? at : undefined;
}
