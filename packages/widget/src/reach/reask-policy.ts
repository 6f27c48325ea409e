/**
 * The re-ask decision: may this visitor be asked this survey again, now? It tells an *answer*
 * (leave them alone for `afterAnswerDays`, default 90) from a *dismissal* (try again after
 * `afterDismissDays`, default 14), and with `oncePerSession` (default true) no survey opens by
 * itself twice in one browser session. Pure: the caller passes the stored record and the clock.
 */
import type { Targeting } from '@earful/schema';

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/** The documented defaults of `targeting.reask`. */
export const REASK_DEFAULTS = Object.freeze({ afterAnswerDays: 90, afterDismissDays: 14, oncePerSession: true });

/** What the device remembers about one survey (epoch milliseconds). */
export interface ReaskRecord {
  /** When the visitor last answered it. */
  answeredAt?: number;
  /** When the visitor last dismissed it without answering. */
  dismissedAt?: number;
}

/** Everything the decision needs. */
export interface ReaskInput {
  /** The survey's `targeting.reask`. */
  reask: Targeting['reask'];
  /** What the device remembers about this survey. */
  record: ReaskRecord;
  /** Whether a survey has already opened by itself in this browser session. */
  shownThisSession: boolean;
  /** The clock, epoch milliseconds. */
  now: number;
}

/** The answer, with the reason and, when waiting, the earliest time it may change. */
export type ReaskDecision =
  | { allowed: true }
  | { allowed: false; reason: 'answered' | 'dismissed'; until: number }
  | { allowed: false; reason: 'session' };

/**
 * Decides whether the survey may open by itself now. Boundaries: answered at `t` with
 * `afterAnswerDays: 90` → refused up to `t + 90 days − 1 ms`, allowed from `t + 90 days`
 * exactly. A record time in the future (the clock moved back) keeps refusing until that time plus the wait.
 * Both waits apply when both are recorded. `0` days means no wait.
 *
 * @example
 * ```ts
 * decideReask({ reask: undefined, record: { answeredAt: Date.now() }, shownThisSession: false, now: Date.now() });
 * // { allowed: false, reason: 'answered', until: … 90 days later }
 * ```
 */
export function decideReask(input: ReaskInput): ReaskDecision {
  const { reask, record, now } = input;
  // The two waits, in the order they are reported when both run.
  const waits = [
    ['answered', record.answeredAt, reask?.afterAnswerDays ?? REASK_DEFAULTS.afterAnswerDays],
    ['dismissed', record.dismissedAt, reask?.afterDismissDays ?? REASK_DEFAULTS.afterDismissDays],
  ] as const;
  for (const [reason, at, days] of waits) {
    const until = at! + days * DAY_MS;
    // A missing or non-finite time (a malformed record) is ignored.
    if (days > 0 && Number.isFinite(at) && now < until) return { allowed: false, reason, until };
  }
  if ((reask?.oncePerSession ?? REASK_DEFAULTS.oncePerSession) && input.shownThisSession) return { allowed: false, reason: 'session' };
  return { allowed: true };
}
