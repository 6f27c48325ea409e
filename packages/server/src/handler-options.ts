/**
 * The options of `createHandler`, with their defaults in one place. Knobs are plain data; the
 * defaults are the ones documented in the README's options table.
 */
import type { Sentiment, SurveyResponse } from '@earful/schema';
import type { Alert } from './alerts/alert.js';
import type { SlaPolicy } from './cases/sla.js';
import type { ResponseStore, StoredResponse } from './store.js';

/**
 * What hooks receive besides the response.
 *
 * @example
 * ```ts
 * createHandler({ store, onNegative: (response, context: HookContext) => console.log(context.record.id, context.ip) });
 * ```
 */
export interface HookContext {
  /** The record as stored (id, receivedAt, sentiment, digest). */
  readonly record: StoredResponse;
  readonly sentiment: Sentiment | null;
  /** The client's address when known (see `trustProxy`). */
  readonly ip: string | undefined;
}

/**
 * Where an error reported to `onError` happened.
 *
 * @example
 * ```ts
 * createHandler({ store, onError: (error, context: ErrorContext) => logger.warn({ error, phase: context.phase }) });
 * ```
 */
export interface ErrorContext {
  /** `'hook'`, `'alert'`, `'outbox'`, `'store'` or `'handler'`. */
  readonly phase: string;
  readonly alert?: string;
  readonly responseId?: string;
}

/**
 * A token bucket: `capacity` requests at once, refilled at `refillPerSecond`.
 *
 * @example
 * ```ts
 * createHandler({ store, rateLimit: { perIp: { capacity: 10, refillPerSecond: 0.2 } } });
 * ```
 */
export interface BucketPolicy {
  /** Burst size: requests allowed at once. */
  readonly capacity: number;
  /** Sustained rate: tokens added per second. */
  readonly refillPerSecond: number;
}

/**
 * The receiver's rate limits: token buckets, each `false` to turn it off. Client addresses are
 * grouped so that rotating addresses buys nothing: "per client" is an IPv4 address or an IPv6
 * /64, a "network" is an IPv4 /24 or an IPv6 /56. A 429 carries `Retry-After` and closes the
 * connection.
 *
 * @example
 * ```ts
 * const rateLimit: RateLimitPolicy = {
 *   perIp: { capacity: 10, refillPerSecond: 0.5 },
 *   perSurvey: { capacity: 100, refillPerSecond: 10 },
 *   perSurveyTotal: false,
 * };
 * createHandler({ store, rateLimit });
 * ```
 */
export interface RateLimitPolicy {
  /**
   * Per client, counted before the body is read (so every request counts, repeats included).
   * Default `{ capacity: 30, refillPerSecond: 1 }`.
   */
  readonly perIp?: BucketPolicy | false;
  /**
   * Per survey and client network: a flood from one network spends only that network's share.
   * An idempotent repeat (same id and body, already stored) gives its token back.
   * Default `{ capacity: 200, refillPerSecond: 20 }`.
   */
  readonly perSurvey?: BucketPolicy | false;
  /**
   * Per survey, across the networks that have spent more than half of their `perSurvey` bucket:
   * caps what many busy networks send together, and never refuses a quiet network. With
   * `perSurvey: false` it applies to every request. Default `{ capacity: 2000, refillPerSecond: 200 }`.
   */
  readonly perSurveyTotal?: BucketPolicy | false;
}

/**
 * Retry policy of alert delivery.
 *
 * @example
 * ```ts
 * createHandler({ store, alerts, alertRetry: { maxAttempts: 5, baseDelayMs: 2000, attemptTimeoutMs: 15_000 } });
 * ```
 */
export interface AlertRetryPolicy {
  /** Attempts before giving up (the row stays in the outbox, marked given up). Default `15`. */
  readonly maxAttempts?: number;
  /** First retry delay in ms; doubles each attempt, with jitter. Default `1000`. */
  readonly baseDelayMs?: number;
  /** Cap of the delay in ms. Default `300000` (5 min). */
  readonly maxDelayMs?: number;
  /**
   * Longest one delivery may run, in ms: then its `signal` is aborted and the attempt counts as
   * failed and is retried, whether or not the sink stops. A backstop for sinks that ignore their
   * signal; `webhookAlert`'s own `timeoutMs` (10 s) normally ends an attempt first. Default `30000`.
   */
  readonly attemptTimeoutMs?: number;
}

/**
 * Options of `createHandler`. Only `store` is required.
 *
 * @example
 * ```ts
 * import { memoryStore, type HandlerOptions } from '@earful/server';
 * const options: HandlerOptions = { store: memoryStore(), allowedOrigins: ['https://shop.example'], rateLimit: { perIp: { capacity: 10, refillPerSecond: 0.5 } } };
 * ```
 */
export interface HandlerOptions {
  /** Where responses go. */
  readonly store: ResponseStore;
  /** Answer only this pathname (others get 404, so handlers compose). Default: any path. */
  readonly path?: string;
  /** Origins allowed to POST from a browser: exact (`https://shop.example`), wildcard (`https://*.shop.example`) or RegExp. Requests without `Origin` are allowed. Default `'*'`. */
  readonly allowedOrigins?: '*' | readonly (string | RegExp)[];
  /** Survey ids this receiver accepts (others: 400). Default: any. */
  readonly surveys?: readonly string[] | ((surveyId: string) => boolean);
  /** Top-level field that only bots fill in; non-empty → 202 and nothing stored. `false` turns it off. Default `'_hp'`. */
  readonly honeypot?: string | false;
  /** Token-bucket limits (see {@link RateLimitPolicy} for keys and defaults); `false` turns them all off. */
  readonly rateLimit?: false | RateLimitPolicy;
  /**
   * Server-to-server check. `'shared-secret'`: `Authorization: Bearer <secret>`. `'signature'`:
   * `Earful-Signature` made by `signPayload(secret, body)`, within `toleranceSeconds` (default 300).
   * Default `false` (browsers cannot keep a secret).
   */
  readonly auth?:
    | false
    | { readonly type: 'shared-secret'; readonly secret: string }
    | { readonly type: 'signature'; readonly secret: string; readonly toleranceSeconds?: number };
  /** Read the client IP from the last `X-Forwarded-For` entry (set only behind your own proxy). Default `false`. */
  readonly trustProxy?: boolean;
  /** Body limit in bytes, at most the contract's 16,384. Default `RESPONSE_LIMITS.maxBodyBytes`. */
  readonly maxBodyBytes?: number;
  /** Alert sinks (e.g. `webhookAlert(…)`), delivered at least once through the store's outbox. Default `[]`. */
  readonly alerts?: readonly Alert[];
  /** Retry policy of alert delivery. Default `{ maxAttempts: 15, baseDelayMs: 1000, maxDelayMs: 300000 }`. */
  readonly alertRetry?: AlertRetryPolicy;
  /** How often the outbox is polled for retries and leftovers, in ms. Default `1000`. */
  readonly alertPollIntervalMs?: number;
  /** Called after every newly stored response (never for repeats); errors go to `onError`. */
  readonly onResponse?: (response: SurveyResponse, context: HookContext) => void | Promise<void>;
  /** Called after every newly stored negative response. */
  readonly onNegative?: (response: SurveyResponse, context: HookContext) => void | Promise<void>;
  /** Errors that cannot reach a client (hooks, alerts, store). Default: one line on `console.error`. */
  readonly onError?: (error: unknown, context: ErrorContext) => void;
  /**
   * Service-level targets of new cases: time to a first response and to resolution, in calendar
   * time or business hours, globally or per survey (see `SlaPolicy`). A negative case past its
   * first-response target is overdue. `false`: no targets. Default
   * `{ firstResponseMs: 24 h, resolutionMs: 7 days }`.
   */
  readonly sla?: SlaPolicy | false;
  /**
   * The receiver's public base URL, such as `https://feedback.shop.example`: links to a case in
   * alerts and mails, and follow-up links, start with it. Default: no links.
   */
  readonly publicUrl?: string;
  /** Clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
}

export const DEFAULT_PER_IP: BucketPolicy = { capacity: 30, refillPerSecond: 1 };
export const DEFAULT_PER_SURVEY: BucketPolicy = { capacity: 200, refillPerSecond: 20 };
export const DEFAULT_PER_SURVEY_TOTAL: BucketPolicy = { capacity: 2000, refillPerSecond: 200 };
export const DEFAULT_HONEYPOT = '_hp';
