/**
 * The reach controller (triggers, targeting, re-ask rules) as a separate chunk, fetched only for
 * a survey that opens by itself. The ESM build always loads it this way; so do the script-tag
 * chunks for surveys without a trigger or targeting (vite.config.ts).
 */
export const loadReach = () => import('../reach/index.js').then((reach) => reach.createReachController);
