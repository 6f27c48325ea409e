/** Watchers in Node on a fake window and fake clock; the real-browser versions are in *.browser.test.ts. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { armTrigger } from '../../src/reach/arm-trigger.js';
import { watchExitIntent } from '../../src/reach/watch-exit-intent.js';
import { watchScroll } from '../../src/reach/watch-scroll.js';
import { watchRoute } from '../../src/reach/watch-route.js';
import { watchTimeOnPage } from '../../src/reach/watch-time-on-page.js';
import { createFakeWindow, type FakeWindow } from './fake-window.js';

let win: FakeWindow;
beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  win = createFakeWindow();
});
afterEach(() => {
  vi.useRealTimers();
});

function setVisibility(state: DocumentVisibilityState) {
  win.doc.visibilityState = state;
  win.doc.dispatchEvent(new Event('visibilitychange'));
}

describe('watchTimeOnPage', () => {
  it('pauses while the tab is hidden', () => {
    const fire = vi.fn();
    watchTimeOnPage(win, 30_000, fire, Date.now);
    vi.advanceTimersByTime(20_000);
    setVisibility('hidden');
    vi.advanceTimersByTime(600_000);
    expect(fire).not.toHaveBeenCalled();
    setVisibility('visible');
    vi.advanceTimersByTime(9_999);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
    expect(win.listenerCount()).toBe(0);
  });

  it('starts paused in a background tab', () => {
    win.doc.visibilityState = 'hidden';
    const fire = vi.fn();
    watchTimeOnPage(win, 1_000, fire, Date.now);
    vi.advanceTimersByTime(5_000);
    expect(fire).not.toHaveBeenCalled();
    setVisibility('visible');
    vi.advanceTimersByTime(1_000);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('cleans up', () => {
    const fire = vi.fn();
    const stop = watchTimeOnPage(win, 1_000, fire, Date.now);
    stop();
    vi.advanceTimersByTime(5_000);
    expect(fire).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    expect(win.listenerCount()).toBe(0);
  });
});

describe('watchScroll', () => {
  it('fires once when the threshold is crossed, checking once per frame', () => {
    const fire = vi.fn();
    watchScroll(win, 50, fire);
    vi.advanceTimersByTime(16);
    win.setScroll(500);
    vi.advanceTimersByTime(16);
    expect(fire).not.toHaveBeenCalled();
    win.setScroll(1000);
    win.setScroll(1100);
    vi.advanceTimersByTime(16);
    expect(fire).toHaveBeenCalledTimes(1);
    win.setScroll(2000);
    vi.advanceTimersByTime(16);
    expect(fire).toHaveBeenCalledTimes(1);
    expect(win.listenerCount()).toBe(0);
  });

  it('fires at arm time when the page is already scrolled far enough', () => {
    (win as { scrollY: number }).scrollY = 1500;
    const fire = vi.fn();
    watchScroll(win, 60, fire);
    vi.advanceTimersByTime(16);
    expect(fire).toHaveBeenCalledTimes(1);
  });
});

describe('watchExitIntent', () => {
  it('fires on leaving through the top, not the sides', () => {
    const fire = vi.fn();
    watchExitIntent(win, fire);
    win.doc.dispatchEvent(Object.assign(new Event('mouseout'), { clientY: 300, relatedTarget: null }));
    win.doc.dispatchEvent(Object.assign(new Event('mouseout'), { clientY: -2, relatedTarget: {} }));
    expect(fire).not.toHaveBeenCalled();
    win.doc.dispatchEvent(Object.assign(new Event('mouseout'), { clientY: -2, relatedTarget: null }));
    expect(fire).toHaveBeenCalledTimes(1);
    expect(win.listenerCount()).toBe(0);
  });

  it('is not armed on touch devices', () => {
    win = createFakeWindow('https://x.example/', { hover: false });
    const fire = vi.fn();
    watchExitIntent(win, fire);
    expect(win.listenerCount()).toBe(0);
    win.doc.dispatchEvent(Object.assign(new Event('mouseout'), { clientY: -2, relatedTarget: null }));
    expect(fire).not.toHaveBeenCalled();
  });
});

describe('armTrigger', () => {
  it('arms nothing for manual or no trigger', () => {
    expect(armTrigger(win, { type: 'manual' }, vi.fn())).toBeNull();
    expect(armTrigger(win, undefined, vi.fn())).toBeNull();
  });
  it('arms the matching watcher', () => {
    const fire = vi.fn();
    armTrigger(win, { type: 'time-on-page', ms: 100 }, fire, Date.now);
    vi.advanceTimersByTime(100);
    expect(fire).toHaveBeenCalledTimes(1);
  });
});

describe('watchRoute fallback (no Navigation API)', () => {
  it('looks once after clicks, reports each distinct URL once, and cleans up a pending look', () => {
    win = createFakeWindow('https://x.example/a', { navigationApi: false });
    const seen: string[] = [];
    const stop = watchRoute(win, (url) => seen.push(url.pathname), { pollMs: 60_000 });
    win.setHref('https://x.example/b');
    win.doc.dispatchEvent(new Event('click'));
    win.doc.dispatchEvent(new Event('click'));
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(seen).toEqual(['/b']);
    win.doc.dispatchEvent(new Event('click'));
    vi.advanceTimersByTime(0);
    expect(seen).toEqual(['/b']);
    win.setHref('https://x.example/c');
    win.doc.dispatchEvent(new Event('click'));
    stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(win.listenerCount()).toBe(0);
    vi.advanceTimersByTime(120_000);
    expect(seen).toEqual(['/b']);
  });

  it('polls only while the tab is visible, never faster than every 100 ms', () => {
    win = createFakeWindow('https://x.example/a', { navigationApi: false });
    const seen: string[] = [];
    watchRoute(win, (url) => seen.push(url.pathname), { pollMs: 10 });
    win.setHref('https://x.example/b');
    vi.advanceTimersByTime(99);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(['/b']);
    win.doc.visibilityState = 'hidden';
    win.setHref('https://x.example/c');
    vi.advanceTimersByTime(1_000);
    expect(seen).toEqual(['/b']);
    win.doc.visibilityState = 'visible';
    vi.advanceTimersByTime(100);
    expect(seen).toEqual(['/b', '/c']);
  });
});

describe('watchScroll cleanup', () => {
  it('cancels a pending frame and removes its listeners', () => {
    const fire = vi.fn();
    const stop = watchScroll(win, 10, fire);
    win.setScroll(1500);
    stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(win.listenerCount()).toBe(0);
    vi.advanceTimersByTime(100);
    expect(fire).not.toHaveBeenCalled();
  });
});
