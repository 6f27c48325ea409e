/**
 * The shape the `scroll`, `time-on-page` and `exit` watchers share: one `AbortController` whose
 * signal removes all of the watcher's listeners (and, through `signal.onabort`, its pending
 * timer or frame). It is aborted by the cleanup and right before `fire`, so a trigger fires at
 * most once and leaves nothing behind. Internal to the reach code (not exported).
 */
import type { Cleanup } from './reach-window.js';

/**
 * Calls `setup` with the watcher's signal and a `fireOnce` that stops the watcher, then calls
 * `fire`; returns the cleanup (calling it twice is harmless).
 *
 * @example
 * ```ts
 * const stop = watchOnce(open, (signal, fireOnce) => document.addEventListener('click', fireOnce, { signal }));
 * ```
 */
export function watchOnce(fire: () => void, setup: (signal: AbortSignal, fireOnce: () => void) => void): Cleanup {
  const controller = new AbortController();
  const stop = () => controller.abort();
  setup(controller.signal, () => {
    stop();
    fire();
  });
  return stop;
}
