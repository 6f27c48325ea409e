/**
 * Used by: the `-auto` script-tag chunks (`earful-ui-<locale>-auto.js`, which the loader picks for
 * a survey with a `trigger` or `targeting`), so such a survey shows after 2 script requests. The
 * other chunks get `./lazy-reach.ts` in its place (vite.config.ts) and leave reach out.
 */
import { createReachController } from '../reach/index.js';
import type { LoadReach } from './types.js';

export const loadReach: LoadReach = () => Promise.resolve(createReachController);
