/**
 * The `exit` trigger: fire once when a desktop pointer leaves the page through the top edge. On
 * devices whose primary pointer cannot hover (phones, tablets) it is never armed.
 */
import { HOVER_POINTER_QUERY, isExitIntent } from './exit-intent.js';
import type { Cleanup, ReachWindow } from './reach-window.js';

/**
 * Calls `fire` once on exit intent; returns a cleanup (a no-op on touch devices).
 *
 * @example
 * ```ts
 * const stop = watchExitIntent(window, open);
 * ```
 */
export function watchExitIntent(win: Pick<ReachWindow, 'matchMedia' | 'document'>, fire: () => void): Cleanup {
  let hovers = false;
  try {
    hovers = win.matchMedia(HOVER_POINTER_QUERY).matches;
  } catch {
    hovers = false;
  }
  if (!hovers) return () => {};
  const doc = win.document;
  const onOut = (event: MouseEvent) => {
    if (isExitIntent({ clientY: event.clientY, hasRelatedTarget: event.relatedTarget != null })) {
      cleanup();
      fire();
    }
  };
  const cleanup = () => doc.removeEventListener('mouseout', onOut);
  doc.addEventListener('mouseout', onOut);
  return cleanup;
}
