/**
 * Time on page counted only while the tab is visible, as a tiny immutable state machine the
 * `time-on-page` watcher drives with `visibilitychange` events and a clock.
 */

/** Visible time so far: the total of closed visible spans, and when the open one started. */
export interface VisibleTime {
  /** Milliseconds of visible time in closed spans. */
  readonly total: number;
  /** When the current visible span began (epoch ms), or `null` while hidden. */
  readonly visibleSince: number | null;
}

/**
 * Starts counting; `visible` is the tab's state now.
 *
 * @example
 * ```ts
 * let time = startVisibleTime(document.visibilityState === 'visible', Date.now());
 * ```
 */
export function startVisibleTime(visible: boolean, now: number): VisibleTime {
  return { total: 0, visibleSince: visible ? now : null };
}

/**
 * The state after the tab became visible or hidden at `now`. Repeated events are harmless.
 *
 * @example
 * ```ts
 * time = visibilityChanged(time, document.visibilityState === 'visible', Date.now());
 * ```
 */
export function visibilityChanged(state: VisibleTime, visible: boolean, now: number): VisibleTime {
  if (visible === (state.visibleSince !== null)) return state;
  return visible ? { total: state.total, visibleSince: now } : { total: visibleElapsed(state, now), visibleSince: null };
}

/**
 * Visible milliseconds up to `now`.
 *
 * @example
 * ```ts
 * if (visibleElapsed(time, Date.now()) >= 30_000) open();
 * ```
 */
export function visibleElapsed(state: VisibleTime, now: number): number {
  return state.total + (state.visibleSince === null ? 0 : Math.max(0, now - state.visibleSince));
}
