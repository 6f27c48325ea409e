/**
 * Calling the host's callbacks (`onDelivered`, `onDrop`, `onRetry`, `onError`, `on()` listeners):
 * a throwing callback is the host's bug, so it is rethrown to the host on a microtask and never
 * reaches the delivery loop. Touches nothing but the callback it is given.
 */
export function runHostHook<A extends unknown[]>(hook: ((...args: A) => void) | undefined, ...args: A): void {
  try {
    hook?.(...args);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
