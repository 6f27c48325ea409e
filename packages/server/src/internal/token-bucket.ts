/**
 * Token buckets keyed by string (an IP, a survey id). Memory is bounded: when the map is full,
 * the oldest-touched buckets go first (a full bucket carries no state worth keeping).
 */
/**
 * A token bucket: `capacity` requests at once, refilled at `refillPerSecond`.
 *
 * @example
 * ```ts
 * createHandler({ store, rateLimit: { perIp: { capacity: 10, refillPerSecond: 0.2 } } });
 * ```
 */
export interface BucketPolicy {
  /** Burst size: requests allowed at once. */
  readonly capacity: number;
  /** Sustained rate: tokens added per second. */
  readonly refillPerSecond: number;
}

const MAX_KEYS = 50_000;

export function tokenBuckets(policy: BucketPolicy, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Takes a token; returns 0 when allowed, otherwise the seconds until one is available. */
    take(key: string): number {
      const t = now();
      let bucket = buckets.get(key);
      if (bucket) {
        bucket.tokens = Math.min(policy.capacity, bucket.tokens + ((t - bucket.at) / 1000) * policy.refillPerSecond);
        bucket.at = t;
        buckets.delete(key); // re-insert: Map order becomes recency order
      } else {
        bucket = { tokens: policy.capacity, at: t };
        if (buckets.size >= MAX_KEYS) {
          const oldest = buckets.keys().next().value;
          if (oldest !== undefined) buckets.delete(oldest);
        }
      }
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / policy.refillPerSecond));
    },
  };
}
