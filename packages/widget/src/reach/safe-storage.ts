/**
 * A `Storage` wrapper for re-ask state that never throws: quota errors, private modes and
 * `SecurityError` on merely reading `window.localStorage` all fall back to memory, so the host
 * page never breaks because a survey could not remember something. A value whose write failed is
 * kept in memory and wins over storage until it is written again or removed.
 */

/** The three calls the reach code makes. */
export interface SafeStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/**
 * Wraps a storage getter (called on every access, since even the property read may throw).
 *
 * @example
 * ```ts
 * const storage = createSafeStorage(() => window.localStorage);
 * storage.set('earful:visitor', id); // never throws
 * ```
 */
export function createSafeStorage(getStorage: () => Storage | null | undefined): SafeStorage {
  const memory = new Map<string, string>();
  return {
    get(key) {
      try {
        return memory.get(key) ?? getStorage()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        // No storage at all throws here too, so the value goes to memory.
        getStorage()!.setItem(key, value);
        memory.delete(key);
      } catch {
        memory.set(key, value);
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        getStorage()?.removeItem(key);
      } catch {
        // Nothing stored there that we could reach; memory is already clear.
      }
    },
  };
}
