/**
 * Arms a survey's `trigger` with the matching watcher. `manual` (or no trigger) arms nothing: the
 * survey then opens only from the launcher or `Earful('open')`.
 */
import type { Trigger } from '@earful/schema';
import type { Cleanup, ReachWindow } from './reach-window.js';
import { watchDelay } from './watch-delay.js';
import { watchExitIntent } from './watch-exit-intent.js';
import { watchScroll } from './watch-scroll.js';
import { watchTimeOnPage } from './watch-time-on-page.js';

/**
 * Starts watching for the trigger; calls `fire` at most once. Returns the cleanup, or `null`
 * when the trigger arms nothing.
 *
 * @example
 * ```ts
 * const stop = armTrigger(window, { type: 'scroll', percent: 50 }, open);
 * ```
 */
export function armTrigger(win: ReachWindow, trigger: Trigger | undefined, fire: () => void, now: () => number = Date.now): Cleanup | null {
  switch (trigger?.type) {
    case 'delay':
      return watchDelay(win, trigger.ms, fire);
    case 'time-on-page':
      return watchTimeOnPage(win, trigger.ms, fire, now);
    case 'scroll':
      return watchScroll(win, trigger.percent, fire);
    case 'exit':
      return watchExitIntent(win, fire);
    default:
      return null;
  }
}
