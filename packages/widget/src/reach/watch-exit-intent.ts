/**
 * The `exit` trigger: fire once when a desktop pointer leaves the page through the top edge. On
 * devices whose primary pointer cannot hover (phones, tablets) it is never armed.
 */
import { HOVER_POINTER_QUERY, isExitIntent } from './exit-intent.js';
import type { Cleanup, ReachWindow } from './reach-window.js';
import { watchOnce } from './watch-once.js';

/**
 * Calls `fire` once on exit intent; returns a cleanup (a no-op on touch devices).
 *
 * @example
 * ```ts
 * const stop = watchExitIntent(window, open);
 * ```
 */
export function watchExitIntent(win: Pick<ReachWindow, 'matchMedia' | 'document'>, fire: () => void): Cleanup {
  return watchOnce(fire, (signal, fireOnce) => {
    try {
      if (!win.matchMedia(HOVER_POINTER_QUERY).matches) return;
    } catch {
      return; // No usable matchMedia: treat the pointer as one that cannot hover.
    }
    win.document.addEventListener(
      'mouseout',
      (event) => {
        if (isExitIntent({ clientY: event.clientY, hasRelatedTarget: event.relatedTarget != null })) fireOnce();
      },
      { signal },
    );
  });
}
