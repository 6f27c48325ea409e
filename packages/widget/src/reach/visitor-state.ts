/**
 * Where the reach code keeps its few facts on the device (and nothing else): a random visitor id
 * for sampling, each survey's answered/dismissed times, and whether a survey already opened by
 * itself in this session. Keys are versioned so a later format can ignore old ones.
 */
import type { ReaskRecord } from './reask-policy.js';
import type { SafeStorage } from './safe-storage.js';

/** Every storage key the reach code uses (all start with `earful:reach:`). */
export const REACH_STORAGE_KEYS = Object.freeze({
  /** localStorage: the random visitor id. */
  visitor: 'earful:reach:v1:visitor',
  /** localStorage prefix: `<prefix><surveyId>` → `{"a":answeredAt,"d":dismissedAt}`. */
  recordPrefix: 'earful:reach:v1:survey:',
  /** sessionStorage: the id of the survey that opened by itself in this session. */
  sessionShown: 'earful:reach:v1:session-shown',
  /** localStorage: the same, broadcast to other open tabs through `storage` events. */
  shownBroadcast: 'earful:reach:v1:shown',
});

/**
 * Reads a survey's record; anything malformed reads as "nothing remembered".
 *
 * @example
 * ```ts
 * const record = readReaskRecord(storage, 'checkout'); // { answeredAt?: number, dismissedAt?: number }
 * ```
 */
export function readReaskRecord(storage: SafeStorage, surveyId: string): ReaskRecord {
  const record: ReaskRecord = {};
  try {
    // `null`, numbers, strings and arrays have no finite `a` or `d`: they read as empty.
    const { a, d } = JSON.parse(storage.get(REACH_STORAGE_KEYS.recordPrefix + surveyId) ?? '{}') ?? {};
    if (Number.isFinite(a)) record.answeredAt = a;
    if (Number.isFinite(d)) record.dismissedAt = d;
  } catch {
    // Not JSON: nothing remembered.
  }
  return record;
}

/**
 * Writes a survey's record (an empty record removes the key).
 *
 * @example
 * ```ts
 * writeReaskRecord(storage, 'checkout', { answeredAt: Date.now() });
 * ```
 */
export function writeReaskRecord(storage: SafeStorage, surveyId: string, record: ReaskRecord): void {
  const key = REACH_STORAGE_KEYS.recordPrefix + surveyId;
  if (record.answeredAt === undefined && record.dismissedAt === undefined) storage.remove(key);
  else storage.set(key, JSON.stringify({ a: record.answeredAt, d: record.dismissedAt }));
}

/**
 * The device's random visitor id, created and stored on first use.
 *
 * @example
 * ```ts
 * const visitorId = deviceVisitorId(storage, newResponseId); // from @earful/schema
 * ```
 */
export function deviceVisitorId(storage: SafeStorage, makeId: () => string): string {
  const existing = storage.get(REACH_STORAGE_KEYS.visitor);
  // Not null, not empty, not absurdly long.
  if (existing && existing.length <= 100) return existing;
  const id = makeId();
  storage.set(REACH_STORAGE_KEYS.visitor, id);
  return id;
}
