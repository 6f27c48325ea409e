/**
 * The page events a client listens to, and page exit. When the page is hidden or unloads, what is
 * queued goes out synchronously, oldest first, one keepalive request per item while the bytes in
 * flight stay under the budget; `text/plain` and no custom headers, so no CORS preflight. What
 * does not fit stays queued for the next page load. Back online, or back from the back/forward
 * cache, the queue is flushed again. Writes `exiting` and `page.unloading`; sends only through
 * `post` (post-attempt.ts) and the delivery loop's `flush`.
 */
import type { EarfulError } from '@earful/schema';
import { byAge, type DurableQueue } from './durable-queue.js';
import type { DeliveryLoop } from './delivery-loop.js';
import type { PostAttempt } from './post-attempt.js';
import { notBefore } from './endpoint-hold.js';
import type { Exiting, PageState, Sending } from './under-way.js';

/** Browsers refuse keepalive requests past 64 KiB in flight per page; stay well below. */
const KEEPALIVE_BUDGET = 60_000;

/** Listens to the page's events until the returned function is called. */
export function watchPage(
  endpoint: string,
  queue: DurableQueue,
  sending: Sending,
  exiting: Exiting,
  page: PageState,
  post: PostAttempt,
  report: (error: EarfulError) => void,
  flush: DeliveryLoop['flush'],
): () => void {
  let keepaliveBytes = 0;

  /** `unloading`: the page goes away (`pagehide`), so even items in a normal send go again with keepalive. */
  function exit(unloading: boolean): void {
    // A `Retry-After` of the endpoint holds every item back (notBefore).
    for (const item of [...queue.seen.values()].sort(byAge)) {
      if (exiting.has(item.id) || (!unloading && sending.has(item.id)) || notBefore(endpoint, item) > Date.now()) continue;
      if (keepaliveBytes + item.bytes >= KEEPALIVE_BUDGET) break;
      keepaliveBytes += item.bytes;
      exiting.add(item.id);
      void post(item, { keepalive: true, headers: { 'content-type': 'text/plain;charset=UTF-8' } })
        .catch(report)
        .finally(() => {
          keepaliveBytes -= item.bytes;
          exiting.delete(item.id);
        });
    }
  }

  const doc = typeof document === 'undefined' ? undefined : document;
  /** `visibilitychange` is on `document`, the others on the global. */
  const listeners: Record<string, (event: PageTransitionEvent) => void> = {
    online: () => void flush(true),
    pagehide() {
      page.unloading = true;
      exit(true);
    },
    // Back from the back/forward cache: the page lives on, and what is queued goes out now.
    pageshow(event) {
      page.unloading = false;
      if (event.persisted) void flush(true);
    },
    visibilitychange: () => doc?.visibilityState === 'hidden' && exit(false),
  };
  /** Adds or removes them; outside browsers there is no global `addEventListener` (Node) or no `document` (workers). */
  const listen = (method: 'addEventListener' | 'removeEventListener') => {
    for (const type in listeners) {
      const target: Partial<EventTarget> | undefined = type === 'visibilitychange' ? doc : globalThis;
      target?.[method]?.(type, listeners[type] as EventListener);
    }
  };
  listen('addEventListener');
  return () => listen('removeEventListener');
}
