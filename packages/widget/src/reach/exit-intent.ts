/**
 * Exit intent: a desktop pointer leaving the page through the top edge of the viewport (towards
 * the tab bar or the address bar). Touch-only devices have no such gesture, so the trigger is
 * not armed there at all.
 */

/** The parts of a `mouseout` event that matter. */
export interface PointerExit {
  /** `event.clientY` at the moment the pointer left. */
  clientY: number;
  /** Whether `event.relatedTarget` was set (the pointer went to another element, not outside). */
  hasRelatedTarget: boolean;
}

/**
 * True when a `mouseout` event is the pointer leaving the document through the top.
 *
 * @example
 * ```ts
 * isExitIntent({ clientY: -3, hasRelatedTarget: false }); // true
 * isExitIntent({ clientY: 400, hasRelatedTarget: false }); // false (left by the side or bottom)
 * ```
 */
export function isExitIntent(exit: PointerExit): boolean {
  return !exit.hasRelatedTarget && exit.clientY <= 0;
}

/** Exit intent is armed only when this media query matches: the primary pointer can hover (a mouse or trackpad). */
export const HOVER_POINTER_QUERY = '(hover: hover) and (pointer: fine)';

