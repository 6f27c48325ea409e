/**
 * The controller in Node, on a fake window and a fake clock (vitest fake timers drive both the
 * window's timers and `now`).
 */
import type { Survey } from '@earful/schema';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReachController, type ReachControllerOptions } from '../../src/reach/reach-controller.js';
import { DAY_MS } from '../../src/reach/reask-policy.js';
import { REACH_STORAGE_KEYS } from '../../src/reach/visitor-state.js';
import { createFakeWindow, type FakeWindow } from './fake-window.js';

type ReachSurvey = ReachControllerOptions['survey'];
const shopSurvey = (extra: Partial<Survey> = {}): ReachSurvey => ({
  id: 'checkout',
  trigger: { type: 'delay', ms: 5_000 },
  targeting: { include: [{ match: 'prefix', value: '/shop' }] },
  ...extra,
});

let win: FakeWindow;
beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
  win = createFakeWindow('https://x.example/shop/boots');
});
afterEach(() => {
  vi.useRealTimers();
});

function controller(survey: ReachSurvey = shopSurvey(), extra: Partial<ReachControllerOptions> = {}) {
  const open = vi.fn();
  const reach = createReachController({ survey, window: win, now: () => Date.now(), open, ...extra });
  return { reach, open };
}

describe('delay trigger', () => {
  it('opens once after the delay, and only after start()', () => {
    const { reach, open } = controller();
    vi.advanceTimersByTime(10_000);
    expect(open).not.toHaveBeenCalled();
    reach.start();
    vi.advanceTimersByTime(4_999);
    expect(open).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(open).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(open).toHaveBeenCalledTimes(1);
    expect(win.sessionStore.getItem(REACH_STORAGE_KEYS.sessionShown)).toBe('checkout');
  });

  it('is cancelled when the route stops matching, and re-armed from zero when it matches again', () => {
    const { reach, open } = controller();
    reach.start();
    vi.advanceTimersByTime(4_000);
    win.navigate('https://x.example/about');
    vi.advanceTimersByTime(10_000);
    expect(open).not.toHaveBeenCalled();
    win.navigate('https://x.example/shop/hats');
    vi.advanceTimersByTime(4_999);
    expect(open).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('keeps a pending delay across a route change that still matches', () => {
    const { reach, open } = controller();
    reach.start();
    vi.advanceTimersByTime(3_000);
    win.navigate('https://x.example/shop/hats');
    vi.advanceTimersByTime(2_000);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('does not arm on a page outside the rules', () => {
    win.setHref('https://x.example/blog');
    const { reach, open } = controller();
    reach.start();
    vi.advanceTimersByTime(60_000);
    expect(open).not.toHaveBeenCalled();
    expect(reach.canShow()).toBe(false);
  });
});

describe('route changes without the Navigation API', () => {
  it('notices a pushState-style change by the bounded poll', () => {
    win = createFakeWindow('https://x.example/blog', { navigationApi: false });
    const { reach, open } = controller(shopSurvey(), { routePollMs: 500 });
    reach.start();
    win.setHref('https://x.example/shop/boots');
    vi.advanceTimersByTime(500 + 5_000);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('notices a change on popstate at once', () => {
    win = createFakeWindow('https://x.example/shop/a', { navigationApi: false });
    const { reach, open } = controller();
    reach.start();
    vi.advanceTimersByTime(1_000);
    win.setHref('https://x.example/about');
    win.target.dispatchEvent(new Event('popstate'));
    vi.advanceTimersByTime(10_000);
    expect(open).not.toHaveBeenCalled();
  });
});

describe('re-ask rules through the controller', () => {
  it('never auto-opens within 90 days of an answer; does at 90 days', () => {
    const first = controller(shopSurvey({ trigger: { type: 'delay', ms: 0 } }));
    first.reach.markAnswered();
    first.reach.start();
    vi.advanceTimersByTime(1);
    expect(first.open).not.toHaveBeenCalled();
    first.reach.dispose();

    vi.setSystemTime(Date.now() + 90 * DAY_MS - 2);
    win.sessionStore.clear();
    const early = controller();
    expect(early.reach.canShow()).toBe(false);
    vi.setSystemTime(Date.now() + 1);
    expect(early.reach.canShow()).toBe(true);
  });

  it('re-asks 14 days after a dismissal', () => {
    const { reach } = controller();
    reach.markDismissed();
    vi.setSystemTime(Date.now() + 14 * DAY_MS - 1);
    expect(reach.canShow()).toBe(false);
    vi.setSystemTime(Date.now() + 1);
    expect(reach.canShow()).toBe(true);
  });

  it('opens at most one survey per session, across surveys', () => {
    const a = controller(shopSurvey({ id: 'a' }));
    const b = controller(shopSurvey({ id: 'b', trigger: { type: 'delay', ms: 8_000 } }));
    a.reach.start();
    b.reach.start();
    vi.advanceTimersByTime(10_000);
    expect(a.open).toHaveBeenCalledTimes(1);
    expect(b.open).not.toHaveBeenCalled();
  });

  it('allows another one when oncePerSession is false', () => {
    const a = controller(shopSurvey({ id: 'a' }));
    const b = controller(shopSurvey({ id: 'b', trigger: { type: 'delay', ms: 8_000 }, targeting: { reask: { oncePerSession: false } } }));
    a.reach.start();
    b.reach.start();
    vi.advanceTimersByTime(10_000);
    expect(a.open).toHaveBeenCalledTimes(1);
    expect(b.open).toHaveBeenCalledTimes(1);
  });
});

describe('other tabs', () => {
  it('cancels a pending trigger when another tab records an answer', () => {
    const { reach, open } = controller();
    reach.start();
    vi.advanceTimersByTime(2_000);
    const key = REACH_STORAGE_KEYS.recordPrefix + 'checkout';
    const value = JSON.stringify({ a: Date.now() });
    win.localStore.setItem(key, value);
    win.storageEvent(key, value);
    vi.advanceTimersByTime(10_000);
    expect(open).not.toHaveBeenCalled();
    expect(reach.canShow()).toBe(false);
  });

  it('decides again at fire time even if the storage event was missed', () => {
    const { reach, open } = controller();
    reach.start();
    win.localStore.setItem(REACH_STORAGE_KEYS.recordPrefix + 'checkout', JSON.stringify({ d: Date.now() }));
    vi.advanceTimersByTime(5_000);
    expect(open).not.toHaveBeenCalled();
  });

  it('treats a survey opened by itself in another tab as this session’s survey', () => {
    const { reach, open } = controller();
    reach.start();
    win.storageEvent(REACH_STORAGE_KEYS.shownBroadcast, `other@${Date.now()}`);
    vi.advanceTimersByTime(10_000);
    expect(open).not.toHaveBeenCalled();
    expect(win.sessionStore.getItem(REACH_STORAGE_KEYS.sessionShown)).toBe('other');
  });

  it('ignores unrelated storage keys', () => {
    const { reach, open } = controller();
    reach.start();
    win.storageEvent('cart', '[]');
    vi.advanceTimersByTime(5_000);
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe('reset, manual, sampling, errors, storage failures, dispose', () => {
  it('reset() forgets answers and the session, then re-arms', () => {
    const { reach, open } = controller();
    reach.start();
    vi.advanceTimersByTime(5_000);
    expect(open).toHaveBeenCalledTimes(1);
    reach.markAnswered();
    expect(reach.canShow()).toBe(false);
    reach.reset();
    expect(reach.canShow()).toBe(true);
    vi.advanceTimersByTime(5_000);
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('arms nothing for a manual trigger or none, but still answers canShow()', () => {
    for (const trigger of [{ type: 'manual' as const }, undefined]) {
      const { reach, open } = controller({ ...shopSurvey(), trigger });
      reach.start();
      vi.advanceTimersByTime(3_600_000);
      expect(open).not.toHaveBeenCalled();
      expect(reach.canShow()).toBe(true);
      reach.dispose();
    }
  });

  it('samples by the identify id when given, and by a stored random id otherwise', () => {
    const none = controller(shopSurvey({ targeting: { sample: 0 } }), { visitorId: 'user-42' });
    expect(none.reach.canShow()).toBe(false);
    const all = controller(shopSurvey({ targeting: { sample: 100 } }));
    expect(all.reach.canShow()).toBe(true);
    expect(win.localStore.getItem(REACH_STORAGE_KEYS.visitor)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('reports an unusable URL rule and never opens', () => {
    const onError = vi.fn();
    const { reach, open } = controller(shopSurvey({ targeting: { exclude: [{ match: 'regex', value: '(a+)+' }] } }), { onError });
    reach.start();
    vi.advanceTimersByTime(10_000);
    expect(open).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'url_rule', rule: '(a+)+' });
  });

  it('warns on the console about an unusable rule when no onError is given', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    controller(shopSurvey({ targeting: { include: [{ match: 'regex', value: '(?=x)' }] } }));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"(?=x)"'));
    warn.mockRestore();
  });

  it('keeps working when every storage call throws', () => {
    win.localStore.failing = true;
    win.sessionStore.failing = true;
    const { reach, open } = controller();
    expect(() => reach.start()).not.toThrow();
    vi.advanceTimersByTime(5_000);
    expect(open).toHaveBeenCalledTimes(1);
    reach.markAnswered();
    expect(reach.canShow()).toBe(false);
  });

  it('dispose() removes every listener and timer', () => {
    const before = win.listenerCount();
    const { reach, open } = controller();
    reach.start();
    expect(win.listenerCount()).toBeGreaterThan(before);
    reach.dispose();
    expect(win.listenerCount()).toBe(before);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(open).not.toHaveBeenCalled();
    reach.start();
    expect(win.listenerCount()).toBe(before);
  });

  it('dispose() also removes the fallback route watcher', () => {
    win = createFakeWindow('https://x.example/shop', { navigationApi: false });
    const { reach } = controller();
    reach.start();
    reach.dispose();
    expect(win.listenerCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('identify() re-decides with the new id', () => {
    const { reach } = controller(shopSurvey({ targeting: { sample: 50 } }), { visitorId: 'a' });
    const results = new Set<boolean>();
    for (let i = 0; i < 20; i++) {
      reach.identify(`user-${i}`);
      results.add(reach.canShow());
    }
    expect(results).toEqual(new Set([true, false]));
  });
});
