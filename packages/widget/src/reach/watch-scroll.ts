/**
 * The `scroll` trigger: fire once the visitor has scrolled `percent` % of the page. Work is done
 * at most once per animation frame, with a passive listener, so scrolling stays smooth.
 */
import type { Cleanup, ReachWindow } from './reach-window.js';
import { scrollThresholdReached } from './scroll-depth.js';

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
  let frame: number | undefined;
  let done = false;
  const check = () => {
    frame = undefined;
    if (done) return;
    const metrics = { scrollY: win.scrollY, viewportHeight: win.innerHeight, documentHeight: win.document.documentElement.scrollHeight };
    if (scrollThresholdReached(percent, metrics)) {
      cleanup();
      fire();
    }
  };
  const onScroll = () => {
    if (frame === undefined && !done) frame = win.requestAnimationFrame(check);
  };
  const cleanup = () => {
    done = true;
    if (frame !== undefined) win.cancelAnimationFrame(frame);
    win.removeEventListener('scroll', onScroll);
    win.removeEventListener('resize', onScroll);
  };
  win.addEventListener('scroll', onScroll, { passive: true });
  win.addEventListener('resize', onScroll, { passive: true });
  onScroll();
  return cleanup;
}
