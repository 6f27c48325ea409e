/**
 * One attempt and queue settling: the POST of a queued item (normal or keepalive, as the caller's
 * `init` says) and how its end is booked into the queue. A 2xx deletes the item and reports the
 * delivery; a refusal (other 4xx, 413) drops it and becomes the `HttpError` that `submit()`
 * rejects with; a retryable status, a time-out or a network failure puts it back with the time of
 * its next attempt (backoff, `Retry-After`) and calls `onRetry`. Touches the queue, the
 * endpoint's hold and the host's callbacks; reads `page.unloading`; decides nothing about when to send.
 */
import type { ClientOptions, Delivery, DropReason } from '../client.js';
import { HttpError, NetworkError, TimeoutError } from '../errors.js';
import type { QueuedItem } from '../queue-storage.js';
import { backoffDelay, retryAfterTime, statusClass, type RetryPolicy } from '../retry-policy.js';
import { describeCause } from './describe.js';
import type { DurableQueue } from './durable-queue.js';
import { extendHold } from './endpoint-hold.js';
import { runHostHook } from './host-hook.js';
import type { PageState } from './under-way.js';

/** How an attempt ended; a refusal carries the `HttpError` that `submit()` rejects with. */
export type Settled = 'delivered' | 'queued' | HttpError;

/** One POST of `item` with `init` (method, body and credentials are set here), settled into the queue when it ends. */
export type PostAttempt = (item: QueuedItem, init: RequestInit) => Promise<Settled>;

const RETRIED = '; the response stays queued and will be retried.';

/** Deletes `item` from `queue` and tells the host why (`onDrop`). */
export async function dropItem(queue: DurableQueue, options: ClientOptions, item: QueuedItem, reason: DropReason, status?: number): Promise<void> {
  await queue.delete(item.id);
  runHostHook(options.onDrop, reason, { id: item.id, response: item.response, ...(status ? { status } : {}) });
}

/** Attempts of the client of `endpoint`; `delivered` is told of each 2xx. */
export function postAttempt(
  endpoint: string,
  options: ClientOptions,
  queue: DurableQueue,
  page: PageState,
  policy: RetryPolicy,
  timeoutMs: number,
  delivered: (state: Delivery) => void,
): PostAttempt {
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));

  /** Books the end of one attempt (`item` counts it already): the endpoint's `response`, or the `failure` it threw. */
  async function settle(item: QueuedItem, response: Response | undefined, failure?: unknown): Promise<Settled> {
    const now = Date.now();
    // A request cut off by the page unloading is no failure of the endpoint: the next page sends it at once.
    if (!response && page.unloading) return 'queued';
    let retryAfter = 0;
    let error: HttpError | TimeoutError | NetworkError;
    if (response) {
      const kind = statusClass(response.status);
      if (kind !== 'delivered' && kind !== 'retry') {
        await dropItem(queue, options, item, kind, response.status);
        return new HttpError(`POST ${endpoint} refused response ${item.id} with ${response.status}; it was dropped. Fix the request or the endpoint and submit again.`, response);
      }
      // Nothing in the body is needed: let the connection go (a refusal keeps it, for the caller).
      void response.body?.cancel().catch(() => {});
      if (kind === 'delivered') {
        await queue.delete(item.id);
        delivered({ id: item.id, response: item.response, attempts: item.attempts });
        return 'delivered';
      }
      retryAfter = retryAfterTime(response.headers.get('retry-after'), now) ?? 0;
      extendHold(endpoint, retryAfter);
      error = new HttpError(`POST ${endpoint} answered ${response.status}${RETRIED}`, response);
    } else {
      error =
        (failure as Error)?.name === 'TimeoutError'
          ? new TimeoutError(`POST ${endpoint} timed out after ${timeoutMs} ms${RETRIED}`, { cause: failure })
          : new NetworkError(`POST ${endpoint} failed (${describeCause(failure)}): check that it is reachable and allows CORS${RETRIED}`, { cause: failure });
    }
    const next: QueuedItem = { ...item, nextAt: Math.max(now + backoffDelay(policy, item.attempts), retryAfter) };
    delete next.claim;
    delete next.retryAfter;
    if (retryAfter) next.retryAfter = retryAfter;
    await queue.put(next);
    runHostHook(options.onRetry, { id: item.id, attempts: item.attempts, error, nextAt: next.nextAt });
    return 'queued';
  }

  return (item, init) => {
    const attempted = { ...item, attempts: item.attempts + 1 };
    // A `fetch` that throws synchronously counts as a network failure too.
    return new Promise<Response>((resolve) => resolve(doFetch(endpoint, { method: 'POST', body: JSON.stringify(item.response), credentials: 'omit', ...init }))).then(
      (response) => settle(attempted, response),
      (failure) => settle(attempted, undefined, failure),
    );
  };
}
