import { describe, expect, it } from 'vitest';
import { isExitIntent } from '../../src/reach/exit-intent.js';
import { scrollDepthPercent, scrollThresholdReached } from '../../src/reach/scroll-depth.js';
import { startVisibleTime, visibilityChanged, visibleElapsed } from '../../src/reach/visible-time.js';

describe('scroll depth', () => {
  const page = { viewportHeight: 1000, documentHeight: 3000 };
  it('is the share of the scrollable distance', () => {
    expect(scrollDepthPercent({ ...page, scrollY: 0 })).toBe(0);
    expect(scrollDepthPercent({ ...page, scrollY: 1000 })).toBe(50);
    expect(scrollDepthPercent({ ...page, scrollY: 2000 })).toBe(100);
    expect(scrollDepthPercent({ ...page, scrollY: 2500 })).toBe(100); // overscroll
    expect(scrollDepthPercent({ ...page, scrollY: -40 })).toBe(0); // rubber band
  });
  it('is null on a page that cannot scroll', () => {
    expect(scrollDepthPercent({ scrollY: 0, viewportHeight: 1000, documentHeight: 1000 })).toBeNull();
    expect(scrollDepthPercent({ scrollY: 0, viewportHeight: 1000, documentHeight: 800 })).toBeNull();
  });
  it('reaches a threshold at the boundary, forgiving one pixel of rounding', () => {
    expect(scrollThresholdReached(50, { ...page, scrollY: 998.9 })).toBe(false);
    expect(scrollThresholdReached(50, { ...page, scrollY: 999 })).toBe(true);
    expect(scrollThresholdReached(50, { ...page, scrollY: 1000 })).toBe(true);
    expect(scrollThresholdReached(100, { ...page, scrollY: 1999.5 })).toBe(true);
    expect(scrollThresholdReached(100, { ...page, scrollY: 1990 })).toBe(false);
  });
  it('never fires on a page that cannot scroll', () => {
    expect(scrollThresholdReached(1, { scrollY: 0, viewportHeight: 1000, documentHeight: 1000 })).toBe(false);
  });
});

describe('exit intent', () => {
  it('is the pointer leaving the document through the top', () => {
    expect(isExitIntent({ clientY: -1, hasRelatedTarget: false })).toBe(true);
    expect(isExitIntent({ clientY: 0, hasRelatedTarget: false })).toBe(true);
    expect(isExitIntent({ clientY: 1, hasRelatedTarget: false })).toBe(false);
    expect(isExitIntent({ clientY: 700, hasRelatedTarget: false })).toBe(false);
    expect(isExitIntent({ clientY: -1, hasRelatedTarget: true })).toBe(false);
  });
});

describe('visible time (fake clock)', () => {
  it('counts only visible spans', () => {
    let t = startVisibleTime(true, 0);
    expect(visibleElapsed(t, 5_000)).toBe(5_000);
    t = visibilityChanged(t, false, 5_000);
    expect(visibleElapsed(t, 60_000)).toBe(5_000);
    t = visibilityChanged(t, true, 60_000);
    expect(visibleElapsed(t, 70_000)).toBe(15_000);
  });
  it('starts paused in a hidden tab and ignores repeated events', () => {
    let t = startVisibleTime(false, 0);
    expect(visibleElapsed(t, 10_000)).toBe(0);
    t = visibilityChanged(t, false, 10_000);
    t = visibilityChanged(t, true, 20_000);
    t = visibilityChanged(t, true, 25_000);
    expect(visibleElapsed(t, 30_000)).toBe(10_000);
  });
  it('never counts backwards when the clock does', () => {
    const t = startVisibleTime(true, 10_000);
    expect(visibleElapsed(t, 5_000)).toBe(0);
    expect(visibleElapsed(visibilityChanged(t, false, 5_000), 6_000)).toBe(0);
  });
});
