/**
 * The `time-on-page` trigger: fire once the tab has been *visible* for `ms` in total; the count
 * pauses while the tab is hidden and resumes when it is shown again.
 */
import type { Cleanup, ReachWindow } from './reach-window.js';
import { startVisibleTime, visibilityChanged, visibleElapsed, type VisibleTime } from './visible-time.js';

/**
 * Calls `fire` once after `ms` of visible time; the returned cleanup cancels it.
 *
 * @example
 * ```ts
 * const stop = watchTimeOnPage(window, 30_000, open);
 * ```
 */
export function watchTimeOnPage(
  win: Pick<ReachWindow, 'setTimeout' | 'clearTimeout' | 'document'>,
  ms: number,
  fire: () => void,
  now: () => number = Date.now,
): Cleanup {
  const doc = win.document;
  const isVisible = () => doc.visibilityState !== 'hidden';
  let state: VisibleTime = startVisibleTime(isVisible(), now());
  let timer: number | undefined;
  let done = false;

  const schedule = () => {
    if (timer !== undefined) win.clearTimeout(timer);
    timer = undefined;
    if (done || state.visibleSince === null) return;
    const remaining = Math.max(0, ms - visibleElapsed(state, now()));
    timer = win.setTimeout(() => {
      timer = undefined;
      // Timers can fire late or early by a little; trust the clock, not the timer.
      if (visibleElapsed(state, now()) + 1 >= ms) {
        cleanup();
        fire();
      } else {
        schedule();
      }
    }, remaining);
  };
  const onVisibility = () => {
    state = visibilityChanged(state, isVisible(), now());
    schedule();
  };
  const cleanup = () => {
    done = true;
    if (timer !== undefined) win.clearTimeout(timer);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
  doc.addEventListener('visibilitychange', onVisibility);
  schedule();
  return cleanup;
}
