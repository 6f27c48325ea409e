/**
 * `createClient()` and `createLeanClient()`: the public options and types, their checks, and the
 * factory that makes one client's state, wires its parts together and implements `submit()`
 * (fill in, check, queue within the caps, send now). The parts are in `internal/`:
 * `delivery-loop.ts` (send, flush, schedule), `page-events.ts` (page exit, `online`),
 * `post-attempt.ts` (one POST and queue settling), `endpoint-hold.ts` (`Retry-After`),
 * `under-way.ts` (what the parts share); storage, locks and the retry schedule have files too.
 */
import {
  checkResponse,
  newResponseId,
  RESPONSE_LIMITS,
  responseByteLength,
  ValidationError,
  type EarfulError,
  type SurveyResponse,
  type SurveyResponseInput,
} from '@earful/schema';
import { ConfigError, HttpError, type NetworkError, type TimeoutError } from './errors.js';
import { deliveryLoop } from './internal/delivery-loop.js';
import { describeValue } from './internal/describe.js';
import { byAge, durableQueue } from './internal/durable-queue.js';
import { runHostHook } from './internal/host-hook.js';
import { watchPage } from './internal/page-events.js';
import { dropItem, postAttempt } from './internal/post-attempt.js';
import { queueKeyPrefix } from './internal/queue-key.js';
import type { Exiting, PageState, Sending } from './internal/under-way.js';
import { localStorageStorage, memoryStorage, type QueuedItem, type QueueStorage } from './queue-storage.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';

/**
 * Why a queued response was given up.
 *
 * @example
 * ```ts
 * createClient({ endpoint, onDrop: (reason: DropReason) => reason === 'queue_overflow' && console.warn('queue full') });
 * ```
 */
export type DropReason = 'rejected' | 'too_large' | 'expired' | 'queue_overflow';

/**
 * What `submit()` takes: a response without the fields the client fills in.
 *
 * @example
 * ```ts
 * const input: SubmitInput = { surveyId: 'nps', answers: [{ type: 'rating', questionId: 'q', scale: 'nps', value: 3 }] };
 * ```
 */
export type SubmitInput = Omit<SurveyResponseInput, 'id' | 'createdAt' | 'schemaVersion' | 'locale'> &
  Partial<Pick<SurveyResponseInput, 'id' | 'createdAt' | 'schemaVersion' | 'locale'>>;

/**
 * What `submit()` resolves to: `delivered` only after a 2xx; `queued` once safely saved.
 *
 * @example
 * ```ts
 * const { status }: SubmitResult = await client.submit(input);
 * ```
 */
export type SubmitResult = { id: string; status: 'delivered' } | { id: string; status: 'queued' };

/**
 * A response the endpoint acknowledged (2xx), after how many attempts.
 *
 * @example
 * ```ts
 * client.on('delivered', ({ id, attempts }: Delivery) => console.log(id, attempts));
 * ```
 */
export interface Delivery {
  id: string;
  response: SurveyResponse;
  attempts: number;
}

/**
 * Options of {@link createClient}. Everything but `endpoint` has a default (see the README).
 *
 * @example
 * ```ts
 * const options: ClientOptions = { endpoint: 'https://example.com/feedback', timeoutMs: 5_000, maxQueue: { items: 50 } };
 * ```
 */
export interface ClientOptions {
  /** Absolute http(s) URL the responses are POSTed to. */
  endpoint: string;
  /** Extra headers for normal sends (never on page exit, which must avoid a CORS preflight). */
  headers?: Record<string, string>;
  /** The `fetch` to use. Default: the global `fetch`, looked up at each request. */
  fetch?: typeof fetch;
  /** Where the queue lives. Default: `localStorage` in browser pages, memory elsewhere. */
  storage?: QueueStorage | 'memory';
  /** Backoff schedule; merged over {@link DEFAULT_RETRY_POLICY}. */
  retry?: Partial<RetryPolicy>;
  /** Per-request time limit in ms (normal sends). Default 10,000. */
  timeoutMs?: number;
  /** Queue caps; past them the oldest items are dropped (`queue_overflow`). Default 100 items, 1,000,000 bytes. */
  maxQueue?: { items?: number; bytes?: number };
  /** Queued items older than this are dropped (`expired`). Default 7 days. */
  maxAgeMs?: number;
  /** `locale` for responses that have none. Default `navigator.language`, else `'en'`. */
  locale?: string;
  /** Called once per response, after a 2xx. */
  onDelivered?: (state: Delivery) => void;
  /** Called when a response is given up, with the reason (and the status for HTTP refusals). */
  onDrop?: (reason: DropReason, item: { id: string; response: SurveyResponse; status?: number }) => void;
  /** Called after each failed attempt that will be retried, with the error and the next attempt's time. */
  onRetry?: (state: { id: string; attempts: number; error: HttpError | TimeoutError | NetworkError; nextAt: number }) => void;
  /** Called with problems that do not stop delivery (storage failed, went on in memory); once per kind. */
  onError?: (error: EarfulError) => void;
}

/**
 * A client made by {@link createClient}.
 *
 * @example
 * ```ts
 * const client: EarfulClient = createClient({ endpoint });
 * window.addEventListener('beforeunload', () => client.destroy());
 * ```
 */
export interface EarfulClient {
  /**
   * Fills `id`/`createdAt`/`schemaVersion`/`locale`, validates (throws `ValidationError`, nothing
   * queued), saves durably and tries to send. Resolves `delivered` only after a 2xx, `queued` when
   * saved but not delivered yet. Rejects with `HttpError` when the endpoint refused it for good
   * (the item is dropped and `onDrop` called). The same id submitted twice is delivered once.
   */
  submit(input: SubmitInput): Promise<SubmitResult>;
  /** Sends every queued response now, without waiting for the backoff (a `Retry-After` is still obeyed); resolves when the queue is empty or nothing more can be sent now. */
  flush(): Promise<void>;
  /** Number of queued responses (of this endpoint, in every tab). */
  pending(): Promise<number>;
  /**
   * Calls `listener` after each 2xx, like the `onDelivered` option, and returns a function that
   * stops it. How a caller learns that a response `submit()` reported `queued` went out later.
   */
  on(event: 'delivered', listener: (state: Delivery) => void): () => void;
  /** Removes every listener and timer. Queued items stay in storage for the next client. */
  destroy(): void;
}

const DAY = 86_400_000;

function positive(name: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= min)) throw new ConfigError(`${name} must be a number ≥ ${min}, got ${describeValue(value)}`);
  return value;
}

function checkEndpoint(endpoint: unknown): string {
  try {
    if (typeof endpoint === 'string' && /^https?:$/.test(new URL(endpoint).protocol)) return endpoint;
  } catch {
    // not a URL at all: reported below
  }
  throw new ConfigError(`endpoint must be an absolute http(s) URL such as "https://example.com/feedback", got ${describeValue(endpoint)}`);
}

/**
 * Makes a client that delivers survey responses to `endpoint`: at least once across offline
 * periods, reloads and tab closes; once per id thanks to the id in the body.
 *
 * @example
 * ```ts
 * const client = createClient({ endpoint: 'https://example.com/api/feedback' });
 * const { status } = await client.submit({ surveyId: 'checkout', answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 2 }] });
 * ```
 */
export function createClient(options: ClientOptions): EarfulClient {
  return createClientWith(options, (candidate) => {
    const checked = checkResponse(candidate);
    if (!checked.ok) throw new ValidationError('response', checked.problems);
    return checked.value;
  });
}

/**
 * Like {@link createClient}, but `submit()` does not validate the response in the browser: it
 * only refuses one over the 16 KB wire limit. For callers whose responses are built from an
 * already-checked survey — the widget uses it — and whose receiver validates anyway; it keeps
 * the validator out of the bundle (the README's size table shows what that saves). A response
 * the receiver rejects makes `submit()` reject with `HttpError`, as with `createClient`.
 *
 * @example
 * ```ts
 * const client = createLeanClient({ endpoint: 'https://example.com/api/feedback' });
 * ```
 */
export function createLeanClient(options: ClientOptions): EarfulClient {
  return createClientWith(options, (candidate) => {
    const bytes = responseByteLength(candidate);
    if (bytes > RESPONSE_LIMITS.maxBodyBytes) {
      throw new ValidationError('response', [
        { path: '', message: `is larger than ${RESPONSE_LIMITS.maxBodyBytes} bytes of UTF-8 JSON (${bytes}); shorten the text answers or metadata` },
      ]);
    }
    return candidate as SurveyResponse;
  });
}

/** The client, with the check `submit()` applies to each filled-in response before queuing it. */
function createClientWith(options: ClientOptions, check: (candidate: SurveyResponseInput) => SurveyResponse): EarfulClient {
  const endpoint = checkEndpoint(options?.endpoint);
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  positive('retry.initialDelayMs', policy.initialDelayMs, 0, 0);
  positive('retry.maxDelayMs', policy.maxDelayMs, 0, 0);
  positive('retry.factor', policy.factor, 1);
  const timeoutMs = positive('timeoutMs', options.timeoutMs, 10_000);
  const maxAgeMs = positive('maxAgeMs', options.maxAgeMs, 7 * DAY);
  const maxItems = positive('maxQueue.items', options.maxQueue?.items, 100);
  const maxBytes = positive('maxQueue.bytes', options.maxQueue?.bytes, 1_000_000);

  const reported = new Set<string>();
  /** Tells the host of a problem that does not stop delivery, once per kind. */
  const report = (error: EarfulError) => {
    if (reported.has(error.code)) return;
    reported.add(error.code);
    runHostHook(options.onError, error);
  };
  const shared = options.storage !== 'memory' && (options.storage !== undefined || typeof document !== 'undefined');
  const storage = shared ? (options.storage as QueueStorage | undefined) ?? localStorageStorage(queueKeyPrefix(endpoint)) : memoryStorage();
  const queue = durableQueue(storage, report);
  const sending: Sending = new Map();
  const exiting: Exiting = new Set();
  const page: PageState = { unloading: false };

  /** Ids delivered by this client (bounded), so a repeated submit resolves without a second POST. */
  const deliveredIds: string[] = [];
  const deliveryListeners = new Set<(state: Delivery) => void>();
  const post = postAttempt(endpoint, options, queue, page, policy, timeoutMs, (state) => {
    deliveredIds.push(state.id);
    if (deliveredIds.length > 200) deliveredIds.shift();
    runHostHook(options.onDelivered, state);
    for (const listener of deliveryListeners) runHostHook(listener, state);
  });
  const delivery = deliveryLoop(endpoint, options, queue, sending, exiting, post, report, shared, timeoutMs, maxAgeMs);
  const stopWatchingPage = watchPage(endpoint, queue, sending, exiting, page, post, report, delivery.flush);

  return {
    async submit(input) {
      const candidate = {
        ...input,
        schemaVersion: input?.schemaVersion ?? 1,
        id: input?.id ?? newResponseId(),
        createdAt: input?.createdAt ?? new Date().toISOString(),
        locale: input?.locale ?? options.locale ?? (globalThis.navigator as { language?: string } | undefined)?.language ?? 'en',
      };
      const response = check(candidate);
      const id = response.id;
      if (deliveredIds.includes(id)) return { id, status: 'delivered' };
      if (!sending.has(id) && !exiting.has(id) && !(await queue.get(id))) {
        const now = Date.now();
        const item: QueuedItem = { id, response, bytes: responseByteLength(response), queuedAt: now, attempts: 0, nextAt: now };
        // Make room: the oldest go first, until the new item fits both caps.
        const others = (await queue.all()).sort(byAge);
        let bytes = others.reduce((sum, o) => sum + o.bytes, item.bytes);
        while (others.length && (others.length >= maxItems || bytes > maxBytes)) {
          const oldest = others.shift()!;
          bytes -= oldest.bytes;
          await dropItem(queue, options, oldest, 'queue_overflow');
        }
        await queue.put(item);
      }
      const outcome = await delivery.sendNow(id);
      if (outcome instanceof HttpError) throw outcome;
      return { id, status: outcome === 'delivered' ? 'delivered' : 'queued' };
    },
    flush: () => delivery.flush(true),
    async pending() {
      return (await queue.all()).length;
    },
    on(event, listener) {
      if (event !== 'delivered') throw new ConfigError(`on() listens to 'delivered' only, got ${describeValue(event)}`);
      deliveryListeners.add(listener);
      return () => void deliveryListeners.delete(listener);
    },
    destroy() {
      deliveryListeners.clear();
      delivery.stop();
      stopWatchingPage();
    },
  };
}
