/**
 * The delivery loop of one client: `send` makes one normal attempt of an item under its lock (one
 * at a time per id), `flush` runs passes over what is due until no new request came in meanwhile,
 * `schedule` arms one timer for the earliest moment something is due. Triggers: start-up, the
 * timer, `flush()`, `submit()`, and `online` / back from the back/forward cache (page-events.ts).
 * Writes `sending`, its timer and its list of items other tabs hold; changes the queue only
 * through attempts (post-attempt.ts) and by dropping expired items.
 */
import { newResponseId, type EarfulError } from '@earful/schema';
import type { ClientOptions } from '../client.js';
import type { QueuedItem } from '../queue-storage.js';
import { byAge, type DurableQueue } from './durable-queue.js';
import { heldUntil, notBefore } from './endpoint-hold.js';
import { BUSY, GONE, withItemLock } from './item-lock.js';
import { dropItem, type PostAttempt, type Settled } from './post-attempt.js';
import type { Exiting, Sending } from './under-way.js';

/** How one `send` ended: settled, expired (`dropped`), or left alone because another tab has it or it is gone. */
export type Outcome = Settled | 'dropped' | typeof BUSY | typeof GONE;

export interface DeliveryLoop {
  /** Sends the item `id` now (`Retry-After` still holds), then re-arms the timer: what `submit()` does once it is queued. */
  sendNow(id: string): Promise<Outcome>;
  /** Runs passes over what is due until no new request came in; `force` (start-up, `online`, `flush()`) skips the backoff wait. */
  flush(force: boolean): Promise<void>;
  /** Clears the timer for good; requests under way run to their end. */
  stop(): void;
}

/** Items sent at once by a pass. */
const CONCURRENCY = 4;

/**
 * The loop of the client of `endpoint`, sending with `post`. `shared`: other tabs see the queue,
 * so an item's lock is taken before it is sent.
 */
export function deliveryLoop(
  endpoint: string,
  options: ClientOptions,
  queue: DurableQueue,
  sending: Sending,
  exiting: Exiting,
  post: PostAttempt,
  report: (error: EarfulError) => void,
  shared: boolean,
  timeoutMs: number,
  maxAgeMs: number,
): DeliveryLoop {
  /** This client's id in the claims of tabs without Web Locks. */
  const owner = newResponseId();
  /** Items another tab holds: look again after this time. */
  const skipUntil = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let flushing: Promise<void> | undefined;
  /** A pass is asked for after the running one: `true` forced, `false` not forced, `undefined` none. */
  let nextPass: boolean | undefined;

  const expired = (item: QueuedItem, now: number) => now - item.queuedAt > maxAgeMs;
  /** Its `Retry-After` has passed, and so has its backoff unless `force`d. */
  const due = (item: QueuedItem, now: number, force: boolean) => (force || item.nextAt <= now) && notBefore(endpoint, item) <= now;

  async function attempt(item: QueuedItem, force: boolean): Promise<Outcome> {
    const now = Date.now();
    if (expired(item, now)) {
      await dropItem(queue, options, item, 'expired');
      return 'dropped';
    }
    const offline = (globalThis.navigator as { onLine?: boolean } | undefined)?.onLine === false;
    if (offline || !due(item, now, force) || exiting.has(item.id)) return 'queued';
    return post(item, { headers: { 'content-type': 'application/json', ...options.headers }, signal: AbortSignal.timeout(timeoutMs) });
  }

  /** One normal attempt of the item `id`, under its lock; `force` does not wait for the backoff. */
  function send(id: string, force: boolean): Promise<Outcome> {
    let running = sending.get(id);
    if (!running) {
      running = withItemLock(queue, id, owner, timeoutMs + 5_000, (item) => attempt(item, force), shared).finally(() => sending.delete(id));
      sending.set(id, running);
    }
    return running;
  }

  /** One pass: what is due (or expired), oldest first, a few at a time; stops at a `Retry-After`. */
  async function sendDue(force: boolean): Promise<void> {
    const now = Date.now();
    const queued = (await queue.all())
      .filter((i) => (due(i, now, force) || expired(i, now)) && (skipUntil.get(i.id) ?? 0) <= now && !exiting.has(i.id))
      .sort(byAge);
    const worker = async () => {
      for (let item = queued.shift(); item; item = queued.shift()) {
        if (heldUntil(endpoint) > Date.now()) return;
        const outcome = await send(item.id, force);
        // Another tab is sending it: look again soon (what it books — delivered or a backoff — decides then).
        if (outcome === BUSY) skipUntil.set(item.id, Date.now() + 1_000);
        else skipUntil.delete(item.id);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  function flush(force: boolean): Promise<void> {
    nextPass ||= force;
    flushing ??= (async () => {
      for (let forced: boolean | undefined = nextPass; forced !== undefined; forced = nextPass) {
        nextPass = undefined;
        try {
          await sendDue(forced);
        } catch (error) {
          // Only a failing fallback store gets here; the host page must never see it.
          report(error as EarfulError);
        }
      }
      // In the same tick as the last look at `nextPass`: a flush asked for from now on starts a new
      // loop instead of joining this one, which has ended (it would be lost until the next timer).
      flushing = undefined;
      schedule();
    })();
    return flushing;
  }

  /** Arms one timer for the earliest moment something is due (or expires). */
  function schedule(): void {
    clearTimeout(timer);
    if (stopped) return;
    let next = Infinity;
    for (const item of queue.seen.values()) {
      if (sending.has(item.id) || exiting.has(item.id)) continue;
      next = Math.min(next, Math.max(item.nextAt, notBefore(endpoint, item), skipUntil.get(item.id) ?? 0), item.queuedAt + maxAgeMs + 1);
    }
    if (next === Infinity) return;
    timer = setTimeout(() => void flush(false), Math.min(next - Date.now(), 2_147_483_647));
    (timer as { unref?: () => void }).unref?.();
  }

  // Start-up: what earlier pages left queued goes out now (after the caller's own synchronous code).
  timer = setTimeout(() => void flush(true), 0);

  return {
    sendNow: (id) => send(id, true).finally(schedule),
    flush,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
