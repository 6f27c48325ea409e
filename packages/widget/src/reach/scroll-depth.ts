/**
 * Scroll depth as a percentage of the scrollable distance, and whether a `scroll` trigger's
 * threshold is reached. A page that cannot scroll has no depth (`null`): a scroll trigger never
 * fires there — content that is still rendering (SPA routes) would otherwise fire it at once.
 */

/** The three numbers scroll depth depends on, in CSS pixels. */
export interface ScrollMetrics {
  /** `window.scrollY` (pixels scrolled from the top). */
  scrollY: number;
  /** `window.innerHeight` (the viewport). */
  viewportHeight: number;
  /** `document.documentElement.scrollHeight` (the whole page). */
  documentHeight: number;
}

/**
 * How far down the page the viewport's bottom edge is, 0–100, or `null` when the page cannot
 * scroll (it is no taller than the viewport).
 *
 * @example
 * ```ts
 * scrollDepthPercent({ scrollY: 500, viewportHeight: 500, documentHeight: 1500 }); // 50
 * ```
 */
export function scrollDepthPercent(metrics: ScrollMetrics): number | null {
  const scrollable = metrics.documentHeight - metrics.viewportHeight;
  if (!(scrollable > 0)) return null;
  const ratio = Math.min(Math.max(metrics.scrollY / scrollable, 0), 1);
  return ratio * 100;
}

/**
 * True when the page has been scrolled to at least `percent` %. A 1 px rounding gap is forgiven
 * (browsers report fractional `scrollY` at the very bottom).
 *
 * @example
 * ```ts
 * scrollThresholdReached(50, { scrollY: 499.5, viewportHeight: 500, documentHeight: 1500 }); // true
 * ```
 */
export function scrollThresholdReached(percent: number, metrics: ScrollMetrics): boolean {
  const scrollable = metrics.documentHeight - metrics.viewportHeight;
  if (!(scrollable > 0)) return false;
  return metrics.scrollY + 1 >= (scrollable * percent) / 100;
}
