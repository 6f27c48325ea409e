/**
 * The storage contract every receiver store implements: put-if-absent by id, get, list with
 * filters and a cursor, summary, and a durable outbox of pending alerts. The handler and the
 * CLI speak only this interface, so a store is a few methods, not a framework.
 */
import type { Case, CasePatch, CaseStatus, Sentiment, Summary, SurveyResponse, TimelineEvent, Tombstone } from '@earful/schema';

/**
 * A response as stored: the parsed body plus what the receiver learned on arrival.
 *
 * @example
 * ```ts
 * const record: StoredResponse | undefined = await store.get(id);
 * ```
 */
export interface StoredResponse {
  /** The response's `id` (its idempotency key). */
  readonly id: string;
  /** The response's `surveyId`. */
  readonly surveyId: string;
  /** When the receiver accepted it, ISO-8601 UTC (the server's clock, not the client's). */
  readonly receivedAt: string;
  /** The worst sentiment of its rating answers, or `null` when it has none. */
  readonly sentiment: Sentiment | null;
  /** SHA-256 (hex) of the canonical JSON of `response`: tells a repeat from a conflicting reuse of an id. */
  readonly digest: string;
  /** The validated response (unknown keys stripped). */
  readonly response: SurveyResponse;
}

/**
 * What {@link ResponseStore.putIfAbsent} did.
 *
 * @example
 * ```ts
 * const result: PutResult = await store.putIfAbsent(record);
 * if (!result.inserted) console.log('already stored at', result.existing.receivedAt);
 * ```
 */
export type PutResult =
  | { readonly inserted: true }
  | { readonly inserted: false; readonly existing: StoredResponse }
  /** The id was erased (see {@link ResponseStore.erase}): acknowledge it, never store it again. */
  | { readonly inserted: false; readonly erased: true };

/**
 * Filters of {@link ResponseStore.list}. Times compare with `receivedAt`.
 *
 * @example
 * ```ts
 * const query: ListQuery = { surveyId: 'checkout', sentiment: 'negative', since: '2026-11-01', limit: 20 };
 * ```
 */
export interface ListQuery {
  readonly surveyId?: string;
  readonly sentiment?: Sentiment;
  /** Inclusive lower bound on `receivedAt` (ISO-8601 or a `Date`). */
  readonly since?: string | Date;
  /** Exclusive upper bound on `receivedAt` (ISO-8601 or a `Date`). */
  readonly until?: string | Date;
  /** Page size, 1–1,000; default 50. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/**
 * One page of {@link ResponseStore.list}, newest first.
 *
 * @example
 * ```ts
 * const page: ListPage = await store.list({ limit: 20 });
 * const next = page.nextCursor && (await store.list({ limit: 20, cursor: page.nextCursor }));
 * ```
 */
export interface ListPage {
  readonly items: readonly StoredResponse[];
  /** Pass as `cursor` for the next page; `null` on the last page. */
  readonly nextCursor: string | null;
}

/**
 * Filters of {@link ResponseStore.summary}.
 *
 * @example
 * ```ts
 * const query: SummaryQuery = { surveyId: 'checkout', since: new Date(Date.now() - 7 * 86_400_000) };
 * ```
 */
export interface SummaryQuery {
  /** One survey. Without it, every survey but `follow-up` (customers' follow-up answers belong to the cases they answer). */
  readonly surveyId?: string;
  /** Inclusive lower bound on `receivedAt`. */
  readonly since?: string | Date;
  /** Days of `series`, ending today (UTC). Default `90`; at most 366. */
  readonly days?: number;
  /** "Now", ms since epoch, for `overdue` and the series' last day. Default `Date.now()`. */
  readonly now?: number;
}

/**
 * What a set of responses and their cases says, at a glance (the same shape as `GET /api/summary`).
 *
 * @example
 * ```ts
 * const { csat, nps, topReasons, recovery }: ResponseSummary = await store.summary({ surveyId: 'checkout' });
 * ```
 */
export type ResponseSummary = Summary;

/**
 * Arrival-time facts of a new case, decided by the handler (SLA targets come from its options).
 *
 * @example
 * ```ts
 * await store.putIfAbsent(record, ['slack'], { firstResponseDueAt: '2026-12-02T09:00:00.000Z', resolutionDueAt: null });
 * ```
 */
export interface CaseInit {
  /** When a first response is due; `null` without a target. */
  readonly firstResponseDueAt: string | null;
  /** When resolution is due; `null` without a target. */
  readonly resolutionDueAt: string | null;
}

/**
 * A case and the response it belongs to.
 *
 * @example
 * ```ts
 * const found: CaseRecord | undefined = await store.getCase(id, { now: Date.now() });
 * ```
 */
export interface CaseRecord {
  readonly case: Case;
  readonly record: StoredResponse;
}

/**
 * Filters, order and paging of {@link ResponseStore.listCases}. Every filter narrows (AND).
 *
 * @example
 * ```ts
 * const query: CaseQuery = { status: ['new', 'acknowledged'], sentiment: 'negative', sort: 'urgent', now: Date.now(), limit: 50 };
 * ```
 */
export interface CaseQuery {
  readonly status?: readonly CaseStatus[];
  /** `'none'` = responses without a rating. */
  readonly sentiment?: Sentiment | 'none';
  /** One survey's cases. Without it, every survey but `follow-up` (customers' follow-up answers belong to the cases they answer). */
  readonly surveyId?: string;
  /** An option id chosen in any choice answer (a reason). */
  readonly reason?: string;
  /** An email, or `null` for unassigned cases. */
  readonly assignee?: string | null;
  readonly tag?: string;
  /** Only cases that are overdue at `now` (or only those that are not). */
  readonly overdue?: boolean;
  /** Inclusive lower bound on `receivedAt`. */
  readonly since?: string | Date;
  /** Exclusive upper bound on `receivedAt`. */
  readonly until?: string | Date;
  /** Exact matches on `metadata` values (compared as strings), e.g. `{ orderId: 'A-1001' }`. */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * Full text: every whitespace-separated term must occur (case-insensitively, as a substring) in
   * the response's text answers, "other" texts, contact name, metadata values or notes. Works for
   * any script: `배송` finds `배송이 3주나 늦었고`.
   */
  readonly q?: string;
  /**
   * `'newest'` (default): by `receivedAt` descending. `'urgent'`: open negative cases first, then
   * other open cases, then closed ones; within each, the earliest due time first (the first-response
   * target while unanswered, else the resolution target), then newest.
   */
  readonly sort?: 'newest' | 'urgent';
  /** Page size, 1–1,000; default 50. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page (of the same query and sort). */
  readonly cursor?: string;
  /** "Now" for `overdue`, ms since epoch. Default `Date.now()`. */
  readonly now?: number;
}

/**
 * A change to a case: a patch of its fields and/or one event that does not change fields (a note,
 * a reply, a follow-up). The store applies it atomically and appends the timeline entries it implies.
 *
 * @example
 * ```ts
 * await store.changeCase(id, { actor: 'user:ana@shop.example', at: new Date().toISOString(), expectedVersion: 3, patch: { status: 'acknowledged' } });
 * ```
 */
export interface CaseChange {
  readonly actor: string;
  /** ISO-8601 time of the change (the server's clock). */
  readonly at: string;
  /** The version the caller read; another one means someone changed the case meanwhile (→ `conflict`). Omit to apply regardless. */
  readonly expectedVersion?: number;
  readonly patch?: CasePatch;
  /** An event to append as is (`seq`, `at` and `actor` are filled in by the store). */
  readonly event?: CaseEventInput;
  /**
   * `Idempotency-Key` of the request with a digest of its body: a change with a key already seen
   * is not applied again (→ `repeat`, or `key-reused` when the digest or the case differs). Keys
   * are remembered per store, not per case, and only for changes that were applied.
   */
  readonly idempotency?: { readonly key: string; readonly digest: string };
}

/** An event a caller may append; the others (`received`, `status_changed`, …) are written by the store. */
export type CaseEventInput = DistributiveOmit<
  Extract<TimelineEvent, { type: 'note_added' | 'reply_sent' | 'follow_up_sent' | 'follow_up_answered' | 'alerted' }>,
  'seq' | 'at' | 'actor'
>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * What {@link ResponseStore.changeCase} did.
 *
 * @example
 * ```ts
 * const result: CaseChangeResult = await store.changeCase(id, change);
 * if (result.kind === 'conflict') console.log('now at version', result.case.version);
 * ```
 */
export type CaseChangeResult =
  | { readonly kind: 'applied'; readonly case: Case; readonly events: readonly TimelineEvent[] }
  /** Same idempotency key and digest seen before: nothing applied; the case as it is now. */
  | { readonly kind: 'repeat'; readonly case: Case }
  /** Same idempotency key with another body. */
  | { readonly kind: 'key-reused'; readonly case: Case }
  /** `expectedVersion` is stale; the case as it is now. */
  | { readonly kind: 'conflict'; readonly case: Case }
  | { readonly kind: 'missing' };

/**
 * Who to erase: one response, or every response whose contact email (case-insensitive) or
 * `user.id` matches.
 *
 * @example
 * ```ts
 * const target: EraseTarget = { email: 'kim@example.kr' };
 * ```
 */
export type EraseTarget = { readonly responseId: string } | { readonly email: string } | { readonly userId: string };

/**
 * A change another part of the system should hear about (the API's Server-Sent Events). The
 * PostgreSQL store also delivers changes made by other processes on the same database.
 *
 * @example
 * ```ts
 * const stop = store.watch((change: StoreChange) => console.log(change.type, change.id));
 * ```
 */
export type StoreChange =
  | { readonly type: 'response'; readonly id: string; readonly sentiment: Sentiment | null; readonly surveyId: string }
  | { readonly type: 'case'; readonly id: string; readonly version: number }
  /** An alert was queued in the outbox (by `putIfAbsent` or `markOverdue`), one per sink. */
  | { readonly type: 'alert'; readonly id: string; readonly alert: string; readonly kind: 'response' | 'overdue' }
  | { readonly type: 'erased'; readonly id: string };

/**
 * A staff account. `passwordHash` is the encoded scrypt hash (see the API's password module).
 *
 * @example
 * ```ts
 * const user: StaffUser | undefined = await store.auth.getUser('ana@shop.example');
 * ```
 */
export interface StaffUser {
  /** Lower-cased email. */
  readonly email: string;
  readonly passwordHash: string;
  readonly createdAt: string;
}

/**
 * A secret-bearing record the API looks up by the SHA-256 (hex) of its token; the token itself is
 * never stored. `kind` tells sessions, API keys and one-time links apart.
 *
 * @example
 * ```ts
 * await store.auth.putToken({ hash, kind: 'session', subject: 'ana@shop.example', name: null, readOnly: false, createdAt, expiresAt });
 * ```
 */
export interface AuthToken {
  readonly hash: string;
  readonly kind: 'session' | 'api-key' | 'setup' | 'login';
  /** The user's email for sessions and login links; the key's id for API keys; `null` for setup links. */
  readonly subject: string | null;
  /** API keys: the name given at creation. */
  readonly name: string | null;
  readonly readOnly: boolean;
  readonly createdAt: string;
  /** `null` = never expires (API keys). */
  readonly expiresAt: string | null;
}

/**
 * Accounts and credentials, kept in the same database as the responses so every receiver process
 * sees the same ones.
 *
 * @example
 * ```ts
 * const users = await store.auth.listUsers();
 * ```
 */
export interface AuthStore {
  /** Adds a user; `false` when the email exists. */
  addUser(user: StaffUser): Promise<boolean>;
  getUser(email: string): Promise<StaffUser | undefined>;
  listUsers(): Promise<StaffUser[]>;
  /** Replaces a user's password hash; `false` when there is no such user. */
  setPassword(email: string, passwordHash: string): Promise<boolean>;
  /** Removes a user (`earful users remove`); `false` when there is no such user. Their tokens stay: the caller deletes them with `deleteTokens`. */
  removeUser(email: string): Promise<boolean>;
  /** Stores a token, replacing the one with the same `hash` (a session's `expiresAt` moves on while it is used). */
  putToken(token: AuthToken): Promise<void>;
  /** The token with this hash, unless expired at `now` (ms). */
  getToken(hash: string, now: number): Promise<AuthToken | undefined>;
  /** Removes and returns the token, atomically (one-time links): two callers never both get it. */
  takeToken(hash: string, now: number): Promise<AuthToken | undefined>;
  deleteToken(hash: string): Promise<void>;
  /** Removes every token of `kind` whose subject is `subject` (sign out everywhere, revoke a key). */
  deleteTokens(kind: AuthToken['kind'], subject: string): Promise<number>;
  /** Tokens of one kind (API keys for `earful keys list`), without expired ones. */
  listTokens(kind: AuthToken['kind'], now: number): Promise<AuthToken[]>;
  /**
   * A random secret of this receiver's database, made on first use (32 random bytes, base64url):
   * follow-up links signed by one process verify on another.
   */
  secret(name: string): Promise<string>;
}

/**
 * An alert waiting in the store's outbox to be delivered (at least once).
 *
 * @example
 * ```ts
 * const due: PendingAlert[] = await store.claimAlerts({ now: Date.now(), limit: 10, leaseMs: 5_000 });
 * ```
 */
export interface PendingAlert {
  /** `${responseId}:${alert}`. */
  readonly id: string;
  /** Name of the alert sink (see `Alert.name`). */
  readonly alert: string;
  readonly responseId: string;
  /** `'response'`: the response arrived; `'overdue'`: its case passed the first-response target. */
  readonly kind: 'response' | 'overdue';
  /** Deliveries tried before this claim (this one is attempt `attempts + 1`). */
  readonly attempts: number;
}

/**
 * Where responses live. Implementations must make `putIfAbsent` atomic per id (concurrent calls
 * with one id insert once) and must write the response and its pending alerts together.
 *
 * @example
 * ```ts
 * import { memoryStore, type ResponseStore } from '@earful/server';
 * const store: ResponseStore = memoryStore();
 * const page = await store.list({ sentiment: 'negative', limit: 20 });
 * ```
 */
export interface ResponseStore {
  /**
   * Inserts `record` unless its id exists or was erased; with it, its case (status `new`, a
   * `received` timeline entry) and one pending alert per name in `alerts`, in one transaction.
   */
  putIfAbsent(record: StoredResponse, alerts?: readonly string[], init?: CaseInit): Promise<PutResult>;
  /** The stored response with this id, or `undefined`. */
  get(id: string): Promise<StoredResponse | undefined>;
  /** A page of responses, newest first. */
  list(query?: ListQuery): Promise<ListPage>;
  /**
   * Counts, CSAT, NPS, thermometer, top reasons, case figures, recovery rate and the per-day
   * series. Must not read every row: with a million responses it answers in tens of ms.
   */
  summary(query?: SummaryQuery): Promise<ResponseSummary>;
  /** The case of a response (with the response), or `undefined`. `now` (ms) decides `overdue`. */
  getCase(id: string, options?: { readonly now?: number }): Promise<CaseRecord | undefined>;
  /** The timeline of a case, oldest first (`[]` for an unknown id). */
  timeline(id: string): Promise<TimelineEvent[]>;
  /** A page of cases with their responses. */
  listCases(query?: CaseQuery): Promise<{ readonly items: readonly CaseRecord[]; readonly nextCursor: string | null }>;
  /**
   * Applies a change atomically: checks `expectedVersion` and the idempotency key, applies the
   * patch by the rules of `stores/shared/case-rules.ts`, bumps `version` once, appends timeline
   * entries, and notifies watchers (a `case` change whenever an entry was appended, so a note,
   * which moves no version, is news too). Throws `CaseRuleError` for a change the rules refuse,
   * before writing anything.
   */
  changeCase(id: string, change: CaseChange): Promise<CaseChangeResult>;
  /**
   * Marks negative cases that are still unanswered (no `firstResponseAt`, still open) and past
   * `firstResponseDueAt` at `now` (`isOverdue` of the case rules), earliest due first, as overdue — each case once ever, even with several processes —
   * appends an `overdue` timeline entry, and queues one `'overdue'` alert per name in `alerts`.
   * Returns the ids marked.
   */
  markOverdue(options: { now: number; alerts: readonly string[]; limit: number }): Promise<string[]>;
  /**
   * Erases responses: deletes their bodies, notes and reply texts (the case and timeline entries
   * keep only their kind and time: see `redactEvent`), drops their pending alerts, and keeps a
   * tombstone per id so that the same id is never stored again; `timeline(id)` then ends with an
   * `erased` entry. Erased responses leave every figure: lists, search, export and the summary
   * (its counts go down — a customer who asked to be forgotten is not counted either). Returns
   * the tombstones written (`[]` when nothing matched or it was erased before).
   */
  erase(target: EraseTarget, options: { actor: string; at: string }): Promise<Tombstone[]>;
  /** The tombstone of an erased id, or `undefined`. */
  tombstone(id: string): Promise<Tombstone | undefined>;
  /** Streams every stored response oldest first in pages (flat memory), for export. */
  exportRows(options?: { readonly surveyId?: string; readonly since?: string | Date; readonly batch?: number }): AsyncIterable<CaseRecord>;
  /** Calls `listener` after each committed change; returns a function that stops it. */
  watch(listener: (change: StoreChange) => void): () => void;
  /** Staff users, sessions, API keys, one-time links and the receiver's secrets. */
  readonly auth: AuthStore;
  /**
   * Claims up to `limit` pending alerts that are due at `now` (ms since epoch) — only those of
   * the sink named `alert` when given — and hides them for `leaseMs`, so that two receiver
   * processes do not deliver the same alert at the same time. The claim counts as an attempt
   * (the stored count goes up by one; the returned `attempts` is the count before it), so an
   * attempt cut short by a crash is counted too.
   */
  claimAlerts(options: { now: number; limit: number; leaseMs: number; alert?: string }): Promise<PendingAlert[]>;
  /**
   * Extends the lease of claimed alerts that are still being delivered to `until` (ms). The
   * dispatcher calls it every few seconds, so a short lease runs out soon after its process dies.
   * Alerts completed or given up meanwhile stay as they are.
   */
  renewAlerts(options: { ids: readonly string[]; until: number }): Promise<void>;
  /** The alert was delivered: remove it from the outbox. */
  completeAlert(id: string): Promise<void>;
  /** Delivery failed (the claim already counted it): try again at `retryAt` (ms), or give up when `retryAt` is `null`. */
  failAlert(id: string, options: { retryAt: number | null; error: string }): Promise<void>;
  /** Releases connections and file handles. */
  close(): Promise<void>;
}
