/**
 * Deterministic sampling: "ask N % of visitors", the same answer for the same visitor on every
 * page and every visit. The bucket is FNV-1a (32-bit) over the UTF-8 bytes of
 * `${surveyId}:${visitorId}`, so any backend can recompute it; mixing in the survey id keeps
 * one visitor from being in (or out of) every survey at once.
 */

/**
 * FNV-1a, 32-bit, over the UTF-8 bytes of `text`; an unsigned integer.
 *
 * @example
 * ```ts
 * fnv1a32('');  // 2166136261 (0x811c9dc5)
 * fnv1a32('a'); // 3826002220 (0xe40c292c)
 * ```
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5; // the FNV offset basis
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193); // the FNV prime
  }
  return hash >>> 0;
}

/**
 * The visitor's bucket for a survey, in [0, 100) with two decimals.
 *
 * @example
 * ```ts
 * sampleBucket('checkout', 'v-123'); // e.g. 42.17, the same every time
 * ```
 */
export function sampleBucket(surveyId: string, visitorId: string): number {
  return (fnv1a32(`${surveyId}:${visitorId}`) % 10_000) / 100;
}

/**
 * True when the visitor is in the sample: `bucket < sample`. No sample (undefined) means 100 %;
 * 0 means nobody; 100 means everybody.
 *
 * @example
 * ```ts
 * if (!isSampledIn('checkout', visitorId, survey.targeting?.sample)) return;
 * ```
 */
export function isSampledIn(surveyId: string, visitorId: string, sample: number | undefined): boolean {
  if (sample === undefined) return true;
  return sampleBucket(surveyId, visitorId) < sample;
}
