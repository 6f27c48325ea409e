/**
 * The reach controller bundled into the chunk: the `-auto` chunks (`earful-ui-<locale>-auto.js`,
 * picked by the loader for a survey with a `trigger` or `targeting`) use this file, so such a
 * survey shows after 2 script requests. The other chunks swap it for `../internal/lazy-reach.ts`
 * (vite.config.ts) and leave 3.3 KB out.
 */
import type { loadReach as lazy } from '../internal/lazy-reach.js';
import { createReachController } from '../reach/index.js';

export const loadReach: typeof lazy = () => Promise.resolve(createReachController);
