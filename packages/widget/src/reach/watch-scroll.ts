/**
 * The `scroll` trigger: fire once the visitor has scrolled `percent` % of the page. Work is done
 * at most once per animation frame, with a passive listener, so scrolling stays smooth.
 */
import type { Cleanup, ReachWindow } from './reach-window.js';
import { scrollThresholdReached } from './scroll-depth.js';
import { watchOnce } from './watch-once.js';

/**
 * Calls `fire` once when the scroll depth reaches `percent`; also checks once right away (a
 * reload may restore the scroll position). The returned cleanup cancels it.
 *
 * @example
 * ```ts
 * const stop = watchScroll(window, 60, open);
 * ```
 */
export function watchScroll(
  win: Pick<ReachWindow, 'addEventListener' | 'removeEventListener' | 'requestAnimationFrame' | 'cancelAnimationFrame' | 'scrollY' | 'innerHeight' | 'document'>,
  percent: number,
  fire: () => void,
): Cleanup {
  return watchOnce(fire, (signal, fireOnce) => {
    // A pending frame id (never 0: browsers number frames from 1), or 0.
    let frame = 0;
    const check = () => {
      frame = 0;
      if (scrollThresholdReached(percent, { scrollY: win.scrollY, viewportHeight: win.innerHeight, documentHeight: win.document.documentElement.scrollHeight })) fireOnce();
    };
    const onScroll = () => {
      frame ||= win.requestAnimationFrame(check);
    };
    signal.onabort = () => win.cancelAnimationFrame(frame);
    win.addEventListener('scroll', onScroll, { passive: true, signal });
    win.addEventListener('resize', onScroll, { passive: true, signal });
    onScroll();
  });
}
