/**
 * Watchers in real Chromium (Vitest browser mode): scroll depth on a real scrolling page, exit
 * intent on real `mouseout` events, and SPA navigation by `history.pushState` detected WITHOUT
 * patching `history` — through the Navigation API, and through the fallback with it turned off.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createReachController } from '../../src/reach/reach-controller.js';
import { HOVER_POINTER_QUERY } from '../../src/reach/exit-intent.js';
import { watchExitIntent } from '../../src/reach/watch-exit-intent.js';
import { watchRoute } from '../../src/reach/watch-route.js';
import { watchScroll } from '../../src/reach/watch-scroll.js';

const startHref = location.href;
const pushStateBefore = history.pushState;
const cleanups: Array<() => void> = [];
let spacer: HTMLElement;

beforeEach(() => {
  spacer = document.createElement('div');
  spacer.style.height = '5000px';
  document.body.append(spacer);
  window.scrollTo(0, 0);
});

afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
  spacer.remove();
  history.replaceState(null, '', startHref);
  localStorage.clear();
  sessionStorage.clear();
});

describe('watchScroll (real page)', () => {
  it('fires once the visitor scrolls past the threshold, not before', async () => {
    const fire = vi.fn();
    cleanups.push(watchScroll(window, 50, fire));
    const scrollable = document.documentElement.scrollHeight - innerHeight;
    expect(scrollable).toBeGreaterThan(1000);

    window.scrollTo(0, Math.floor(scrollable * 0.3));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(fire).not.toHaveBeenCalled();

    window.scrollTo(0, Math.ceil(scrollable * 0.55));
    await expect.poll(() => fire.mock.calls.length).toBe(1);
    window.scrollTo(0, scrollable);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(fire).toHaveBeenCalledTimes(1);
  });
});

describe('watchScroll cleanup (real page)', () => {
  it('does not fire after its cleanup', async () => {
    const fire = vi.fn();
    watchScroll(window, 10, fire)();
    window.scrollTo(0, document.documentElement.scrollHeight);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(fire).not.toHaveBeenCalled();
  });
});

describe('watchExitIntent (real events)', () => {
  it('fires when the pointer leaves through the top, ignores moves between elements', async () => {
    // Headless desktop Chromium reports a fine, hovering pointer, so the watcher is armed.
    expect(matchMedia(HOVER_POINTER_QUERY).matches).toBe(true);
    const fire = vi.fn();
    cleanups.push(watchExitIntent(window, fire));

    const a = document.createElement('button');
    a.textContent = 'a';
    const b = document.createElement('button');
    b.textContent = 'b';
    document.body.prepend(a, b);
    cleanups.push(() => {
      a.remove();
      b.remove();
    });
    // Real pointer moves (Playwright): a → b produces mouseout with a relatedTarget.
    await userEvent.hover(a);
    await userEvent.hover(b);
    expect(fire).not.toHaveBeenCalled();

    // Leaving by the bottom edge: no relatedTarget, but clientY inside the viewport.
    document.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientY: innerHeight + 2, relatedTarget: null }));
    expect(fire).not.toHaveBeenCalled();

    // Leaving through the top (the browser reports clientY <= 0 and no relatedTarget).
    b.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientY: -3, relatedTarget: null }));
    expect(fire).toHaveBeenCalledTimes(1);
    document.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientY: -3, relatedTarget: null }));
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('does not fire after its cleanup', () => {
    const fire = vi.fn();
    watchExitIntent(window, fire)();
    document.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, clientY: -3, relatedTarget: null }));
    expect(fire).not.toHaveBeenCalled();
  });
});

describe('watchRoute (SPA navigation, history never patched)', () => {
  it('uses the Navigation API in Chromium and sees pushState, replaceState and back', async () => {
    expect('navigation' in window).toBe(true);
    const seen: string[] = [];
    cleanups.push(watchRoute(window, (url) => seen.push(url.pathname + url.search + url.hash)));
    history.pushState(null, '', '/spa/one');
    history.replaceState(null, '', '/spa/two?x=1');
    location.hash = '#frag';
    await expect.poll(() => seen).toEqual(['/spa/one', '/spa/two?x=1', '/spa/two?x=1#frag']);
    history.back();
    await expect.poll(() => seen.length).toBe(4);
    expect(seen[3]).toBe('/spa/two?x=1');
    expect(history.pushState).toBe(pushStateBefore);
  });

  it('sees a navigation a router intercepts through the Navigation API (currententrychange alone is enough)', async () => {
    const nav = (window as unknown as { navigation: EventTarget & { navigate(url: string): { finished: Promise<unknown> } } }).navigation;
    const seen: string[] = [];
    cleanups.push(watchRoute(window, (url) => seen.push(url.pathname)));
    const intercept = (event: Event) => {
      const navigate = event as Event & { canIntercept: boolean; intercept(options: { handler: () => Promise<void> }): void };
      if (navigate.canIntercept) navigate.intercept({ handler: () => new Promise((resolve) => setTimeout(resolve, 50)) });
    };
    nav.addEventListener('navigate', intercept);
    cleanups.push(() => nav.removeEventListener('navigate', intercept));
    await nav.navigate('/spa/intercepted').finished;
    expect(seen).toEqual(['/spa/intercepted']);
  });

  it('fallback without the Navigation API: a click after pushState is enough, and the poll catches the rest', async () => {
    const seen: string[] = [];
    // A one-minute poll: only the click check can see the first change within the test.
    const stopClickWatcher = watchRoute(window, (url) => seen.push(url.pathname), { useNavigationApi: false, pollMs: 60_000 });
    cleanups.push(stopClickWatcher);
    const link = document.createElement('a');
    link.href = '/spa/clicked';
    link.textContent = 'go';
    link.addEventListener('click', (event) => {
      event.preventDefault();
      history.pushState(null, '', link.href); // what a router does in its click handler
    });
    document.body.prepend(link);
    cleanups.push(() => link.remove());
    await userEvent.click(link);
    await expect.poll(() => seen).toEqual(['/spa/clicked']);

    stopClickWatcher();
    cleanups.push(watchRoute(window, (url) => seen.push(url.pathname), { useNavigationApi: false, pollMs: 100 }));
    history.pushState(null, '', '/spa/silent');
    await expect.poll(() => seen, { timeout: 3_000 }).toEqual(['/spa/clicked', '/spa/silent']);
    expect(history.pushState).toBe(pushStateBefore);
  });

  it('fallback: stops listening after cleanup (clicks, popstate and the poll)', async () => {
    const seen: string[] = [];
    const stop = watchRoute(window, (url) => seen.push(url.pathname), { useNavigationApi: false, pollMs: 100 });
    stop();
    history.pushState(null, '', '/spa/after-fallback-stop');
    document.body.click();
    window.dispatchEvent(new PopStateEvent('popstate'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([]);
  });

  it('stops listening after cleanup', async () => {
    const seen: string[] = [];
    const stop = watchRoute(window, (url) => seen.push(url.pathname));
    stop();
    history.pushState(null, '', '/spa/after-stop');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([]);
  });
});

describe('createReachController on the real window', () => {
  it('cancels a pending delay when pushState leaves the targeted route, and re-arms on return', async () => {
    history.replaceState(null, '', '/shop/boots');
    const open = vi.fn();
    const reach = createReachController({
      survey: { id: 'browser-delay', trigger: { type: 'delay', ms: 300 }, targeting: { include: [{ match: 'prefix', value: '/shop' }] } },
      window,
      open,
    });
    cleanups.push(() => reach.dispose());
    reach.start();
    history.pushState(null, '', '/about');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(open).not.toHaveBeenCalled();
    history.pushState(null, '', '/shop/hats');
    await expect.poll(() => open.mock.calls.length, { timeout: 3_000 }).toBe(1);
    expect(sessionStorage.getItem('earful:reach:v1:session-shown')).toBe('browser-delay');
  });

  it('opens on scroll depth and records the session in real storage', async () => {
    history.replaceState(null, '', '/article');
    const open = vi.fn();
    const reach = createReachController({ survey: { id: 'browser-scroll', trigger: { type: 'scroll', percent: 40 } }, window, open });
    cleanups.push(() => reach.dispose());
    reach.start();
    window.scrollTo(0, document.documentElement.scrollHeight);
    await expect.poll(() => open.mock.calls.length).toBe(1);
    reach.markAnswered();
    expect(JSON.parse(localStorage.getItem('earful:reach:v1:survey:browser-scroll')!)).toMatchObject({ a: expect.any(Number) });
    expect(reach.canShow()).toBe(false);
  });
});
