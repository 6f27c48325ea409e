/**
 * SPA route changes, detected WITHOUT patching `history` (patching a host page's globals is how
 * other widgets break routers). Where the browser has the Navigation API, its
 * `currententrychange` event reports every same-document navigation once it has changed the URL
 * (`history.pushState` and intercepted navigations included; `navigatesuccess`, which follows the
 * latter, would add nothing). Elsewhere: `popstate` and `hashchange`, plus a cheap comparison of
 * `location.href` after every click (routers push in click handlers) and on a bounded interval
 * (default once a second, only while the tab is visible). Each distinct URL is reported once.
 * One `AbortController` removes every listener; its `onabort` clears the fallback's timers.
 */
import type { Cleanup, ReachWindow } from './reach-window.js';

/** Options of {@link watchRoute}. */
export interface WatchRouteOptions {
  /** Interval of the fallback `location.href` check, ms (default 1000, minimum 100). */
  pollMs?: number;
  /** Use the Navigation API when present (default true; tests turn it off to prove the fallback). */
  useNavigationApi?: boolean;
}

/**
 * Calls `onChange(url)` whenever the page URL changes; returns a cleanup.
 *
 * @example
 * ```ts
 * const stop = watchRoute(window, (url) => console.log('now on', url.pathname));
 * ```
 */
export function watchRoute(
  win: Pick<ReachWindow, 'addEventListener' | 'removeEventListener' | 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval' | 'location' | 'document' | 'navigation'>,
  onChange: (url: URL) => void,
  options: WatchRouteOptions = {},
): Cleanup {
  const controller = new AbortController();
  const signal = controller.signal;
  let last = win.location.href;
  const check = () => {
    const href = win.location.href;
    if (href === last) return;
    last = href;
    onChange(new URL(href));
  };
  const navigation = options.useNavigationApi === false ? undefined : win.navigation;
  // A host page may have its own global named `navigation` (not the API): check that it listens.
  if (typeof navigation?.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', check, { signal });
  } else {
    // After a click, the router's own handler has not run yet; look again once it has. One
    // pending look is enough: it reads the URL as it is then.
    let clickTimer: number | undefined;
    const interval = win.setInterval(() => win.document.visibilityState === 'hidden' || check(), Math.max(100, options.pollMs ?? 1_000));
    signal.onabort = () => {
      win.clearInterval(interval);
      win.clearTimeout(clickTimer);
    };
    win.addEventListener('popstate', check, { signal });
    win.addEventListener('hashchange', check, { signal });
    win.document.addEventListener(
      'click',
      () => {
        win.clearTimeout(clickTimer);
        clickTimer = win.setTimeout(check, 0);
      },
      { capture: true, signal },
    );
  }
  return () => controller.abort();
}
