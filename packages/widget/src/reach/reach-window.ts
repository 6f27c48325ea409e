/**
 * The slice of `window` the reach code touches. Taking it as a parameter (never the global)
 * keeps every module importable in Node and lets tests hand in a fake.
 */

/** What the watchers and the controller use of a browser window. */
export type ReachWindow = Pick<
  Window,
  | 'addEventListener'
  | 'removeEventListener'
  | 'setTimeout'
  | 'clearTimeout'
  | 'setInterval'
  | 'clearInterval'
  | 'requestAnimationFrame'
  | 'cancelAnimationFrame'
  | 'matchMedia'
  | 'location'
  | 'document'
  | 'scrollY'
  | 'innerHeight'
> & {
  /** The Navigation API, where the browser has it. */
  navigation?: EventTarget;
  localStorage?: Storage;
  sessionStorage?: Storage;
};

/** Stops a watcher: removes its listeners and timers. Calling it twice is harmless. */
export type Cleanup = () => void;
