/**
 * The `time-on-page` trigger: fire once the tab has been *visible* for `ms` in total; the count
 * pauses while the tab is hidden and resumes when it is shown again.
 */
import type { Cleanup, ReachWindow } from './reach-window.js';
import { startVisibleTime, visibilityChanged, visibleElapsed } from './visible-time.js';
import { watchOnce } from './watch-once.js';

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
  return watchOnce(fire, (signal, fireOnce) => {
    const doc = win.document;
    const isVisible = () => doc.visibilityState !== 'hidden';
    let state = startVisibleTime(isVisible(), now());
    let timer: number | undefined;
    // (Re)starts the timer for the visible time still missing; none while the tab is hidden.
    const schedule = () => {
      win.clearTimeout(timer);
      if (state.visibleSince === null) return;
      // Timers can fire late or early by a little; trust the clock, not the timer. A negative
      // delay runs at once (setTimeout clamps it to 0).
      timer = win.setTimeout(() => (visibleElapsed(state, now()) + 1 >= ms ? fireOnce() : schedule()), ms - visibleElapsed(state, now()));
    };
    signal.onabort = () => win.clearTimeout(timer);
    doc.addEventListener(
      'visibilitychange',
      () => {
        state = visibilityChanged(state, isVisible(), now());
        schedule();
      },
      { signal },
    );
    schedule();
  });
}
