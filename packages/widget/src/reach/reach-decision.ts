/**
 * The one decision the controller asks before arming a trigger and again before opening: may
 * this survey open by itself for this visitor, on this page, now? It combines URL targeting,
 * sampling and the re-ask rules, in that order, and says which one refused.
 */
import type { Survey } from '@earful/schema';
import { decideReask, type ReaskRecord } from './reask-policy.js';
import { isSampledIn } from './sampling.js';
import type { UrlTargeting } from './url-targeting.js';

/** Inputs of {@link decideReach}: the survey, visitor state, page state and clock. */
export interface ReachInput {
  survey: Pick<Survey, 'id' | 'targeting'>;
  /** The compiled `targeting.include/exclude` of the same survey. */
  urlTargeting: UrlTargeting;
  /** The page URL now. */
  url: URL;
  /** The id that decides sampling (identify's id, or the device's random id). */
  visitorId: string;
  /** What the device remembers about this survey. */
  record: ReaskRecord;
  /** Whether a survey already opened by itself in this browser session. */
  shownThisSession: boolean;
  /** Epoch milliseconds. */
  now: number;
}

/** Whether the survey may open by itself, and if not, why. */
export type ReachDecision =
  | { show: true }
  | { show: false; reason: 'url' | 'sample' | 'answered' | 'dismissed' | 'session' };

/**
 * Decides whether the survey may open by itself now.
 *
 * @example
 * ```ts
 * const decision = decideReach({ survey, urlTargeting: compileUrlTargeting(survey.targeting), url: new URL(location.href),
 *   visitorId, record: {}, shownThisSession: false, now: Date.now() });
 * if (decision.show) arm();
 * ```
 */
export function decideReach(input: ReachInput): ReachDecision {
  const targeting = input.survey.targeting;
  const reask = decideReask({ ...input, reask: targeting?.reask });
  const reason = !input.urlTargeting.decide(input.url).targeted
    ? 'url'
    : !isSampledIn(input.survey.id, input.visitorId, targeting?.sample)
      ? 'sample'
      : !reask.allowed && reask.reason;
  return reason ? { show: false, reason } : { show: true };
}
