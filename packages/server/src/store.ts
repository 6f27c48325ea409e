/**
 * The storage contract every receiver store implements: put-if-absent by id, get, list with
 * filters and a cursor, summary, and a durable outbox of pending alerts. The handler and the
 * CLI speak only this interface, so a store is a few methods, not a framework.
 */
import type { Sentiment, SurveyResponse } from '@earful/schema';

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
  | { readonly inserted: false; readonly existing: StoredResponse };

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
  readonly surveyId?: string;
  /** Inclusive lower bound on `receivedAt`. */
  readonly since?: string | Date;
}

/**
 * What a set of responses says, at a glance.
 *
 * @example
 * ```ts
 * const { csat, nps, topReasons }: ResponseSummary = await store.summary({ surveyId: 'checkout' });
 * ```
 */
export interface ResponseSummary {
  /** Responses counted. */
  readonly total: number;
  /** Responses by their overall sentiment; `none` = no rating answer. */
  readonly bySentiment: { readonly negative: number; readonly neutral: number; readonly positive: number; readonly none: number };
  /** `csat5` answers: `percent` is the share of 4–5 (0–100, one decimal), `null` without answers. */
  readonly csat: { readonly answers: number; readonly satisfied: number; readonly percent: number | null };
  /** `nps` answers: `score` = % promoters (9–10) − % detractors (0–6), `null` without answers. */
  readonly nps: {
    readonly answers: number;
    readonly promoters: number;
    readonly passives: number;
    readonly detractors: number;
    readonly score: number | null;
  };
  /** `thermometer4` answers by colour. */
  readonly thermometer: { readonly red: number; readonly amber: number; readonly green: number; readonly gold: number };
  /** The most chosen options of choice answers (the reasons people give), most first, at most 10. */
  readonly topReasons: readonly { readonly questionId: string; readonly value: string; readonly count: number }[];
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
  /** Inserts `record` unless its id exists; with it, one pending alert per name in `alerts`. */
  putIfAbsent(record: StoredResponse, alerts?: readonly string[]): Promise<PutResult>;
  /** The stored response with this id, or `undefined`. */
  get(id: string): Promise<StoredResponse | undefined>;
  /** A page of responses, newest first. */
  list(query?: ListQuery): Promise<ListPage>;
  /** Counts, CSAT, NPS, thermometer and top reasons. */
  summary(query?: SummaryQuery): Promise<ResponseSummary>;
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
