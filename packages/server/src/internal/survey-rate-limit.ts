/**
 * The per-survey rate limit, keyed so that a flood from some networks cannot lock out others.
 * Each survey has a bucket per client network (IPv4 /24, IPv6 /56), and one ceiling per survey
 * that only networks past half of their own bucket draw on: a quiet network is never refused
 * for what busy ones did, while many busy networks together still cannot exceed the ceiling.
 * A take can be given back, so an idempotent repeat spends nothing.
 */
import type { BucketPolicy } from '../handler-options.js';
import { tokenBuckets } from './token-bucket.js';

export interface SurveyTake {
  /** 0 when allowed, otherwise the seconds until a retry can succeed. */
  readonly wait: number;
  /** Gives back what this take spent (call it once, for a request that stored nothing new). */
  refund(): void;
}

const NOTHING: SurveyTake = { wait: 0, refund: () => {} };

export function surveyRateLimit(perNetwork: BucketPolicy | false, total: BucketPolicy | false, now: () => number) {
  const networks = perNetwork ? tokenBuckets('perSurvey', perNetwork, now) : undefined;
  const totals = total ? tokenBuckets('perSurveyTotal', total, now) : undefined;
  if (!networks && !totals) return undefined;
  return {
    take(surveyId: string, network: string): SurveyTake {
      const key = `${surveyId}\n${network}`;
      if (networks) {
        const wait = networks.take(key);
        if (wait > 0) return { wait, refund: () => {} };
        // A network with more than half its bucket left is quiet: the ceiling is not for it.
        if (!totals || networks.level(key) >= networks.policy.capacity / 2) return { wait: 0, refund: () => networks.refund(key) };
      }
      if (!totals) return NOTHING;
      const wait = totals.take(surveyId);
      if (wait > 0) return { wait, refund: () => {} };
      return {
        wait: 0,
        refund: () => {
          networks?.refund(key);
          totals.refund(surveyId);
        },
      };
    },
  };
}
