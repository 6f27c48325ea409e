/**
 * Where queued responses live between attempts, reloads and tab closes. A storage is four
 * small methods, so apps can bring their own (IndexedDB, React Native AsyncStorage …); the SDK
 * ships an in-memory one and a `localStorage` one. Every method may throw: the client catches
 * it, reports it once and goes on in memory.
 */
import type { SurveyResponse } from '@earful/schema';

/**
 * One queued response and its delivery state.
 *
 * @example
 * ```ts
 * const oldest = (await storage.getAll()).sort((a: QueuedItem, b: QueuedItem) => a.queuedAt - b.queuedAt)[0];
 * ```
 */
export interface QueuedItem {
  /** The response id (also its idempotency key). */
  id: string;
  /** The validated response, sent as the request body. */
  response: SurveyResponse;
  /** Size of the body in bytes of UTF-8. */
  bytes: number;
  /** When it was queued (ms since epoch); it expires `maxAgeMs` later. */
  queuedAt: number;
  /** Attempts made so far (in any tab). */
  attempts: number;
  /** Due for the backoff timer at this time (ms since epoch). Start-up, `online` and `flush()` do not wait for it. */
  nextAt: number;
  /** The endpoint's `Retry-After` (ms since epoch): nothing is sent before it, whatever the trigger. */
  retryAfter?: number;
  /** Set while a tab without Web Locks sends it: that tab's id and when the claim lapses. */
  claim?: { owner: string; until: number };
}

/**
 * A place for the queue. Methods may be sync or async, and may throw.
 *
 * @example
 * ```ts
 * const items = new Map<string, QueuedItem>();
 * const storage: QueueStorage = { getAll: () => [...items.values()], get: (id) => items.get(id), put: (i) => void items.set(i.id, i), delete: (id) => void items.delete(id) };
 * ```
 */
export interface QueueStorage {
  /** Every queued item, in any order. */
  getAll(): QueuedItem[] | Promise<QueuedItem[]>;
  /** The item with this id, if queued. */
  get(id: string): QueuedItem | undefined | Promise<QueuedItem | undefined>;
  /** Adds or replaces an item. */
  put(item: QueuedItem): void | Promise<void>;
  /** Removes an item (no error when absent). */
  delete(id: string): void | Promise<void>;
}

/**
 * A queue kept in memory only: lost on reload. The default outside browsers, and the fallback
 * when the browser's storage fails.
 *
 * @example
 * ```ts
 * const client = createClient({ endpoint, storage: memoryStorage() });
 * ```
 */
export function memoryStorage(): QueueStorage {
  const items = new Map<string, QueuedItem>();
  // Items go in as copies and come out as shallow copies, so callers never change what is stored
  // (as with real storage), without a deep copy of the whole queue on every read.
  const copy = <T extends QueuedItem | undefined>(item: T): T => item && { ...item };
  return {
    getAll: () => [...items.values()].map(copy),
    get: (id) => copy(items.get(id)),
    put: (item) => void items.set(item.id, JSON.parse(JSON.stringify(item)) as QueuedItem),
    delete: (id) => void items.delete(id),
  };
}

/**
 * A queue in `localStorage` (one key per item under `prefix`), shared by every tab of the
 * origin and kept across reloads. Reading `localStorage` itself may throw (blocked storage,
 * sandboxed frames); the client then falls back to memory.
 *
 * @example
 * ```ts
 * const client = createClient({ endpoint, storage: localStorageStorage('my-app:earful:') });
 * ```
 */
export function localStorageStorage(prefix = 'earful:queue:', area?: Storage): QueueStorage {
  const store = () => area ?? globalThis.localStorage;
  const read = (key: string): QueuedItem | undefined => {
    const raw = store().getItem(key);
    if (raw === null) return undefined;
    try {
      return JSON.parse(raw) as QueuedItem;
    } catch {
      return undefined; // a foreign or torn value is not ours to deliver
    }
  };
  return {
    getAll() {
      const s = store();
      const out: QueuedItem[] = [];
      for (let i = 0; i < s.length; i++) {
        const key = s.key(i);
        const item = key?.startsWith(prefix) ? read(key) : undefined;
        if (item) out.push(item);
      }
      return out;
    },
    get: (id) => read(prefix + id),
    put: (item) => store().setItem(prefix + item.id, JSON.stringify(item)),
    delete: (id) => store().removeItem(prefix + id),
  };
}
