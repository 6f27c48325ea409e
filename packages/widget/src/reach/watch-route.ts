/**
 * SPA route changes, detected WITHOUT patching `history` (patching a host page's globals is how
 * other widgets break routers). Where the browser has the Navigation API, its
 * `currententrychange` and `navigatesuccess` events report every same-document navigation,
 * `history.pushState` included. Elsewhere: `popstate` and `hashchange`, plus a cheap comparison of
 * `location.href` after every click (routers push in click handlers) and on a bounded interval
 * (default once a second, only while the tab is visible). Each distinct URL is reported once.
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
  let last = win.location.href;
  const check = () => {
    const href = win.location.href;
    if (href === last) return;
    last = href;
    onChange(new URL(href));
  };
  const navigation = options.useNavigationApi === false ? undefined : win.navigation;
  if (navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', check);
    navigation.addEventListener('navigatesuccess', check);
    return () => {
      navigation.removeEventListener('currententrychange', check);
      navigation.removeEventListener('navigatesuccess', check);
    };
  }
  const timers = new Set<number>();
  // After a click, the router's own handler has not run yet; look again once it has.
  const onClick = () => {
    const timer = win.setTimeout(() => {
      timers.delete(timer);
      check();
    }, 0);
    timers.add(timer);
  };
  const poll = () => {
    if (win.document.visibilityState !== 'hidden') check();
  };
  const interval = win.setInterval(poll, Math.max(100, options.pollMs ?? 1_000));
  win.addEventListener('popstate', check);
  win.addEventListener('hashchange', check);
  win.document.addEventListener('click', onClick, true);
  return () => {
    win.clearInterval(interval);
    for (const timer of timers) win.clearTimeout(timer);
    timers.clear();
    win.removeEventListener('popstate', check);
    win.removeEventListener('hashchange', check);
    win.document.removeEventListener('click', onClick, true);
  };
}
