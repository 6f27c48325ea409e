/**
 * The queue as the client sees it: a storage whose every call may throw (then the client goes on
 * in memory and says so once), plus `seen`, this tab's last view of the items, which the page-exit
 * path reads synchronously because nothing asynchronous is sure to run while a page unloads.
 */
import { StorageError } from '../errors.js';
import { memoryStorage, type QueuedItem, type QueueStorage } from '../queue-storage.js';

export class DurableQueue {
  /** This tab's last view of the queue, by id. */
  readonly seen = new Map<string, QueuedItem>();
  private fellBack = false;

  constructor(
    private store: QueueStorage,
    private readonly report: (error: StorageError) => void,
  ) {}

  private async run<T>(op: (store: QueueStorage) => T | Promise<T>): Promise<T> {
    try {
      return await op(this.store);
    } catch (cause) {
      if (this.fellBack) throw cause;
      this.fellBack = true;
      const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
      this.report(
        new StorageError(`Queue storage failed (${reason}); responses are kept in memory until the page closes.`, { cause }),
      );
      this.store = memoryStorage();
      for (const item of this.seen.values()) await this.store.put(item);
      return op(this.store);
    }
  }

  async all(): Promise<QueuedItem[]> {
    const items = await this.run((s) => s.getAll());
    this.seen.clear();
    for (const item of items) this.seen.set(item.id, item);
    return items;
  }

  async get(id: string): Promise<QueuedItem | undefined> {
    const item = await this.run((s) => s.get(id));
    if (item) this.seen.set(id, item);
    else this.seen.delete(id);
    return item;
  }

  async put(item: QueuedItem): Promise<void> {
    this.seen.set(item.id, item);
    await this.run((s) => s.put(item));
  }

  async delete(id: string): Promise<void> {
    this.seen.delete(id);
    await this.run((s) => s.delete(id));
  }
}
