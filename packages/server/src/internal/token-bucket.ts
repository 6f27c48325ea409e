/**
 * Token buckets keyed by string (a client address, a survey and network). Memory is bounded: when
 * the map is full, the oldest-touched buckets go first (a full bucket carries no state worth
 * keeping). A token can be given back, for requests that turn out to cost nothing.
 */
import { ConfigError } from '../errors.js';
import type { BucketPolicy } from '../handler-options.js';

const MAX_KEYS = 50_000;

/** Throws a `ConfigError` naming `name` unless `policy` can ever allow a request. */
function checkBucketPolicy(name: string, policy: BucketPolicy): void {
  const { capacity, refillPerSecond } = policy ?? {};
  if (!(typeof capacity === 'number' && capacity >= 1 && Number.isFinite(capacity)) || !(typeof refillPerSecond === 'number' && refillPerSecond > 0 && Number.isFinite(refillPerSecond))) {
    throw new ConfigError(
      `rateLimit.${name} must be { capacity: a number >= 1, refillPerSecond: a number > 0 } or false, got ${JSON.stringify(policy)}`,
    );
  }
}

/** Buckets for one policy; `name` is the option's name in error messages (e.g. `perIp`). */
export function tokenBuckets(name: string, policy: BucketPolicy, now: () => number = Date.now) {
  checkBucketPolicy(name, policy);
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refilled = (bucket: { tokens: number; at: number }, t: number) =>
    Math.min(policy.capacity, bucket.tokens + ((t - bucket.at) / 1000) * policy.refillPerSecond);
  return {
    policy,
    /** Takes a token; returns 0 when allowed, otherwise the seconds until one is available. */
    take(key: string): number {
      const t = now();
      let bucket = buckets.get(key);
      if (bucket) {
        bucket.tokens = refilled(bucket, t);
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
    /** Tokens left for `key` now (a key never seen has a full bucket). */
    level(key: string): number {
      const bucket = buckets.get(key);
      return bucket ? refilled(bucket, now()) : policy.capacity;
    },
    /** Gives one token back to `key` (never above capacity). */
    refund(key: string): void {
      const bucket = buckets.get(key);
      if (bucket) bucket.tokens = Math.min(policy.capacity, bucket.tokens + 1);
    },
  };
}
