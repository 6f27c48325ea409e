/** The `delay` trigger: fire once, `ms` after it was armed. */
import type { Cleanup, ReachWindow } from './reach-window.js';

/**
 * Calls `fire` once after `ms`; the returned cleanup cancels it.
 *
 * @example
 * ```ts
 * const stop = watchDelay(window, 5_000, open);
 * ```
 */
export function watchDelay(win: Pick<ReachWindow, 'setTimeout' | 'clearTimeout'>, ms: number, fire: () => void): Cleanup {
  const timer = win.setTimeout(fire, ms);
  return () => win.clearTimeout(timer);
}
