/**
 * Reach: who is asked, when, and how often. Pure decisions (URL rules, sampling, re-ask,
 * trigger thresholds) live in their own files beside the browser watchers and the controller
 * that uses them. This entry is all the rest of the widget takes from reach: the controller,
 * public through `src/index.ts` and loaded as a chunk by `src/parts/lazy-reach.ts`. Tests import
 * the other files directly.
 */
export { createReachController, type ReachController, type ReachControllerOptions } from './reach-controller.js';
