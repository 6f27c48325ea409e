/**
 * The SQLite store's summary counters: one row per (survey, UTC day of arrival, counter), updated
 * in the same transaction as every write, so `summary()` adds up a few thousand small rows
 * instead of reading a million responses. What a response or a case adds is decided by the
 * shared facts (`responseFacts`, `caseFacts`, the same the PostgreSQL store keeps), never by SQL
 * of its own; a reason is the counter `r:["<question id>","<option>"]`, and `pending` counts
 * negative unanswered open cases with a first-response target (those that are, or will be,
 * overdue: `isOverdue` at the end of time).
 */
import type { CaseFields } from './case-rules.js';
import { isOverdue } from './case-rules.js';
import { caseFacts, type Facts } from './rollup-facts.js';
import type { SqliteConnection } from './sqlite-driver.js';

/** The counter of negative, unanswered, open cases with a first-response target. */
export const PENDING = 'pending';
const REASON = 'r:';

/** What a response or a case adds to its survey and day: the shared facts, and `pending`. */
export interface Counters extends Omit<Facts, 'counts'> {
  readonly counts: Readonly<Record<string, number | undefined>>;
}

/** The counters a case adds (status, remedy, open, follow-up, pending), times `sign`. */
export function caseCounters(fields: CaseFields, sign: 1 | -1): Counters {
  const facts = caseFacts(fields, sign);
  if (!isOverdue(fields, Number.POSITIVE_INFINITY)) return facts;
  return { ...facts, counts: { ...facts.counts, [PENDING]: sign } };
}

/**
 * A reason's counter key, and back: JSON, because node:sqlite cuts a bound string at a NUL and
 * ids may hold any other character.
 */
export const reasonKey = (questionId: string, value: string): string => `${REASON}${JSON.stringify([questionId, value])}`;
export function reasonOfKey(key: string): { questionId: string; value: string } | undefined {
  if (!key.startsWith(REASON)) return undefined;
  const [questionId, value] = JSON.parse(key.slice(REASON.length)) as [string, string];
  return { questionId, value };
}

/**
 * Deltas gathered during one transaction and written once at its end, so a batch of 20 puts of
 * one survey and day costs one upsert per counter, not twenty.
 */
export function rollupWriter(db: SqliteConnection) {
  const upsert = db.prepare('INSERT INTO rollups (survey_id, day, key, n) VALUES (?, ?, ?, ?) ON CONFLICT (survey_id, day, key) DO UPDATE SET n = n + excluded.n');
  // Every put adds two sets of facts: the deltas of one survey and day are looked up once per
  // set, and a counter by its own key (no string built per counter).
  interface Group {
    readonly surveyId: string;
    readonly day: number;
    readonly n: Map<string, number>;
  }
  let pending = new Map<string, Group>();
  const groupOf = (surveyId: string, day: number): Group => {
    const id = `${surveyId}\u0000${day}`;
    let group = pending.get(id);
    if (!group) pending.set(id, (group = { surveyId, day, n: new Map() }));
    return group;
  };
  const bump = (group: Group, key: string, n: number) => {
    if (n !== 0) group.n.set(key, (group.n.get(key) ?? 0) + n);
  };
  return {
    add(facts: Counters): void {
      const group = groupOf(facts.surveyId, facts.day);
      const { counts } = facts;
      for (const key in counts) bump(group, key, counts[key] ?? 0);
      for (const [questionId, value, n] of facts.reasons) bump(group, reasonKey(questionId, value), n);
    },
    /** Writes what was added; call inside the transaction, before it commits. */
    flush(): void {
      const groups = pending;
      pending = new Map();
      for (const { surveyId, day, n } of groups.values()) for (const [key, delta] of n) if (delta !== 0) upsert.run(surveyId, day, key, delta);
    },
    /** Forgets what was added (the transaction rolled back). */
    discard(): void {
      pending = new Map();
    },
  };
}

export type RollupWriter = ReturnType<typeof rollupWriter>;
