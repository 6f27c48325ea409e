/**
 * Reach: who is asked, when, and how often. Pure decisions (URL rules, sampling, re-ask,
 * trigger thresholds) and the browser watchers and controller that use them. The widget's
 * `src/index.ts` re-exports what it makes public from here.
 */
export { createReachController, type ReachController, type ReachControllerOptions } from './reach-controller.js';
export { decideReach, type ReachDecision, type ReachInput } from './reach-decision.js';
export { DAY_MS, REASK_DEFAULTS, decideReask, type ReaskDecision, type ReaskInput, type ReaskRecord } from './reask-policy.js';
export { fnv1a32, isSampledIn, sampleBucket } from './sampling.js';
export { compileUrlRule, type UrlMatcher } from './url-rule.js';
export { compileUrlTargeting, type UrlDecision, type UrlTargeting } from './url-targeting.js';
export { MAX_REGEX_COUNT, MAX_REGEX_LENGTH, MAX_REGEX_REPEATS, MAX_REGEX_SUBJECT, checkSafeRegex } from '@earful/schema';
export { globMatch } from './glob-match.js';
export { UrlRuleError, isUrlRuleError } from './reach-error.js';
export { scrollDepthPercent, scrollThresholdReached, type ScrollMetrics } from './scroll-depth.js';
export { HOVER_POINTER_QUERY, isExitIntent, type PointerExit } from './exit-intent.js';
export { startVisibleTime, visibilityChanged, visibleElapsed, type VisibleTime } from './visible-time.js';
export { armTrigger } from './arm-trigger.js';
export { watchDelay } from './watch-delay.js';
export { watchTimeOnPage } from './watch-time-on-page.js';
export { watchScroll } from './watch-scroll.js';
export { watchExitIntent } from './watch-exit-intent.js';
export { watchRoute, type WatchRouteOptions } from './watch-route.js';
export { createSafeStorage, type SafeStorage } from './safe-storage.js';
export { REACH_STORAGE_KEYS, deviceVisitorId, readReaskRecord, writeReaskRecord } from './visitor-state.js';
export type { Cleanup, ReachWindow } from './reach-window.js';
