/**
 * A fake browser window for Node tests of the reach controller and watchers: real EventTargets,
 * timers from the (fake) global clock, in-memory storages that can be told to throw, and a
 * listener count so tests can prove `dispose()` removes everything.
 */
import type { ReachWindow } from '../../src/reach/reach-window.js';

/** A `Storage` in memory; `failing = true` makes every call throw like a full or blocked store. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  failing = false;
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    if (this.failing) throw new DOMException('blocked', 'SecurityError');
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    if (this.failing) throw new DOMException('blocked', 'SecurityError');
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    if (this.failing) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
}

/**
 * Counts listeners. Node's EventTarget removes a listener added with `{ signal }` by calling
 * `this.removeEventListener` when the signal aborts, so such removals are counted too.
 */
class CountingTarget extends EventTarget {
  listeners = 0;
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    this.listeners += 1;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
    this.listeners -= 1;
    super.removeEventListener(...args);
  }
}

export interface FakeWindow extends ReachWindow {
  readonly target: CountingTarget;
  readonly doc: CountingTarget & { visibilityState: DocumentVisibilityState };
  readonly nav: CountingTarget | undefined;
  readonly localStore: MemoryStorage;
  readonly sessionStore: MemoryStorage;
  /** Moves to `href` the way a router's pushState would (no event by itself). */
  setHref(href: string): void;
  /** Moves to `href` and fires the Navigation API's `currententrychange` (when present). */
  navigate(href: string): void;
  /** Delivers a `storage` event as another tab's write would. */
  storageEvent(key: string | null, newValue: string | null): void;
  /** Total listeners still attached to window, document and navigation. */
  listenerCount(): number;
  setScroll(scrollY: number): void;
}

/** Creates a fake window at `href`; `navigationApi: false` leaves `navigation` out. */
export function createFakeWindow(href = 'https://shop.example/', options: { navigationApi?: boolean; hover?: boolean } = {}): FakeWindow {
  const target = new CountingTarget();
  const doc = Object.assign(new CountingTarget(), {
    visibilityState: 'visible' as DocumentVisibilityState,
    documentElement: { scrollHeight: 3000 },
  });
  const nav = options.navigationApi === false ? undefined : new CountingTarget();
  const location = { href };
  const localStore = new MemoryStorage();
  const sessionStore = new MemoryStorage();
  const win = {
    target,
    doc,
    nav,
    localStore,
    sessionStore,
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    dispatchEvent: target.dispatchEvent.bind(target),
    setTimeout: (fn: () => void, ms?: number) => setTimeout(fn, ms) as unknown as number,
    clearTimeout: (id?: number) => clearTimeout(id as unknown as NodeJS.Timeout),
    setInterval: (fn: () => void, ms?: number) => setInterval(fn, ms) as unknown as number,
    clearInterval: (id?: number) => clearInterval(id as unknown as NodeJS.Timeout),
    requestAnimationFrame: (cb: FrameRequestCallback) => setTimeout(() => cb(0), 16) as unknown as number,
    cancelAnimationFrame: (id: number) => clearTimeout(id as unknown as NodeJS.Timeout),
    matchMedia: (query: string) => ({ matches: options.hover !== false, media: query }) as MediaQueryList,
    location,
    document: doc,
    scrollY: 0,
    innerHeight: 1000,
    navigation: nav,
    localStorage: localStore,
    sessionStorage: sessionStore,
    setHref(next: string) {
      location.href = next;
    },
    navigate(next: string) {
      location.href = next;
      nav?.dispatchEvent(new Event('currententrychange'));
    },
    storageEvent(key: string | null, newValue: string | null) {
      target.dispatchEvent(Object.assign(new Event('storage'), { key, newValue }));
    },
    listenerCount() {
      return target.listeners + doc.listeners + (nav?.listeners ?? 0);
    },
    setScroll(scrollY: number) {
      (win as { scrollY: number }).scrollY = scrollY;
      target.dispatchEvent(new Event('scroll'));
    },
  };
  return win as unknown as FakeWindow;
}
