/**
 * Used by: the ESM library (through `./lazy.ts`) and the script-tag chunks for surveys without a
 * trigger or targeting (`earful-ui-<locale>.js`; vite.config.ts puts this file in place of
 * `./bundled-reach.ts` there). The reach controller (triggers, targeting, re-ask rules) is a
 * separate chunk, fetched only for a survey that opens by itself.
 */
import type { LoadReach } from './types.js';

export const loadReach: LoadReach = () => import('../reach/index.js').then((reach) => reach.createReachController);
