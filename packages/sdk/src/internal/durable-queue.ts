/**
 * The queue as the client sees it: a storage whose every call may throw (then the client goes on
 * in memory and says so once), plus `seen`, this tab's last view of the items, which the page-exit
 * path reads synchronously because nothing asynchronous is sure to run while a page unloads.
 */
import { StorageError } from '../errors.js';
import { memoryStorage, type QueuedItem, type QueueStorage } from '../queue-storage.js';
import { describeCause } from './describe.js';

export interface DurableQueue {
  /** This tab's last view of the queue, by id. */
  readonly seen: Map<string, QueuedItem>;
  all(): Promise<QueuedItem[]>;
  get(id: string): Promise<QueuedItem | undefined>;
  put(item: QueuedItem): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Oldest first: the order of every pass, page exit and overflow. */
export const byAge = (a: QueuedItem, b: QueuedItem): number => a.queuedAt - b.queuedAt;

/** Wraps `store`; on its first failure, `report`s it and moves what this tab has seen to memory. */
export function durableQueue(store: QueueStorage, report: (error: StorageError) => void): DurableQueue {
  const seen = new Map<string, QueuedItem>();
  let fellBack = false;

  /** Runs `op` on the current store; a failure switches to memory once and runs `op` again there. */
  async function run<T>(op: (store: QueueStorage) => T | Promise<T>): Promise<T> {
    try {
      return await op(store);
    } catch (cause) {
      if (fellBack) throw cause;
      fellBack = true;
      report(new StorageError(`Queue storage failed (${describeCause(cause)}); responses are kept in memory until the page closes.`, { cause }));
      store = memoryStorage();
      for (const item of seen.values()) await store.put(item);
      return op(store);
    }
  }

  return {
    seen,
    async all() {
      const items = await run((s) => s.getAll());
      seen.clear();
      for (const item of items) seen.set(item.id, item);
      return items;
    },
    async get(id) {
      const item = await run((s) => s.get(id));
      if (item) seen.set(id, item);
      else seen.delete(id);
      return item;
    },
    async put(item) {
      seen.set(item.id, item);
      await run((s) => s.put(item));
    },
    async delete(id) {
      seen.delete(id);
      await run((s) => s.delete(id));
    },
  };
}
