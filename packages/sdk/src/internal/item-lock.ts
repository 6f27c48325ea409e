/**
 * One tab sends a given item at a time. With the Web Locks API (every current browser, secure
 * contexts) a lock per item id is taken if free; elsewhere a claim with an expiry is written into
 * the item and confirmed after a short pause, so a competing writer is seen before anything is sent.
 * Either way the item is read again under the lock: another tab may have delivered it meanwhile.
 */
import type { QueuedItem } from '../queue-storage.js';
import type { DurableQueue } from './durable-queue.js';

/** Returned when another tab holds the item, or it is no longer queued. */
export const BUSY = 'busy';
export const GONE = 'gone';

/** Pause between writing a claim and confirming it (storage writes of other tabs land meanwhile). */
const CONFIRM_MS = 50;

interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

export async function withItemLock<T>(
  queue: DurableQueue,
  id: string,
  owner: string,
  holdMs: number,
  send: (item: QueuedItem) => Promise<T>,
  shared: boolean,
): Promise<T | typeof BUSY | typeof GONE> {
  // Read again under the lock: another tab may have delivered it meanwhile.
  const sendIfQueued = async () => {
    const item = await queue.get(id);
    return item ? send(item) : GONE;
  };
  // A queue no other tab can see (this client's own memory) needs no lock.
  if (!shared) return sendIfQueued();
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (typeof locks?.request === 'function') {
    return locks.request(`earful:${id}`, { ifAvailable: true }, async (lock) => (lock ? sendIfQueued() : BUSY));
  }
  const item = await queue.get(id);
  if (!item) return GONE;
  const now = Date.now();
  if (item.claim && item.claim.owner !== owner && item.claim.until > now) return BUSY;
  await queue.put({ ...item, claim: { owner, until: now + holdMs } });
  await new Promise((resolve) => setTimeout(resolve, CONFIRM_MS));
  const confirmed = await queue.get(id);
  if (!confirmed) return GONE;
  return confirmed.claim?.owner === owner ? send(confirmed) : BUSY;
}
