/**
 * `createClient()`: validates, queues durably, delivers with retries, dedupes by id. It owns the
 * delivery loop (start-up, `online`, backoff timer, page exit); storage, locks and the retry
 * schedule live in their own files.
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
import { ConfigError, HttpError, NetworkError, TimeoutError } from './errors.js';
import { describeCause, describeValue } from './internal/describe.js';
import { durableQueue } from './internal/durable-queue.js';
import { BUSY, GONE, withItemLock } from './internal/item-lock.js';
import { queueKeyPrefix } from './internal/queue-key.js';
import { localStorageStorage, memoryStorage, type QueuedItem, type QueueStorage } from './queue-storage.js';
import { backoffDelay, DEFAULT_RETRY_POLICY, retryAfterTime, statusClass, type RetryPolicy } from './retry-policy.js';

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

/** How one attempt ended; a refusal carries the `HttpError` that `submit()` rejects with. */
type Outcome = 'delivered' | 'queued' | 'dropped' | typeof BUSY | typeof GONE | HttpError;

const DAY = 86_400_000;
const RETRIED = '; the response stays queued and will be retried.';
/** Browsers refuse keepalive requests past 64 KiB in flight per page; stay well below. */
const KEEPALIVE_BUDGET = 60_000;
/** Items sent at once by a flush. */
const CONCURRENCY = 4;
/** `Retry-After` per endpoint, shared by every client of this page: nothing is sent before it. */
const blockedUntil = new Map<string, number>();

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

/** Runs a host hook; a throwing hook is the host's bug, reported to the host, never to our loop. */
function call<A extends unknown[]>(hook: ((...args: A) => void) | undefined, ...args: A): void {
  try {
    hook?.(...args);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

const byAge = (a: QueuedItem, b: QueuedItem) => a.queuedAt - b.queuedAt;

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
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const owner = newResponseId();

  const reported = new Set<string>();
  const report = (error: EarfulError) => {
    if (reported.has(error.code)) return;
    reported.add(error.code);
    call(options.onError, error);
  };
  const shared = options.storage !== 'memory' && (options.storage !== undefined || typeof document !== 'undefined');
  const storage = shared ? (options.storage as QueueStorage | undefined) ?? localStorageStorage(queueKeyPrefix(endpoint)) : memoryStorage();
  const queue = durableQueue(storage, report);

  const inflight = new Map<string, Promise<Outcome>>();
  const keepaliveIds = new Set<string>();
  /** Ids delivered by this client (bounded), so a repeated submit resolves without a second POST. */
  const delivered: string[] = [];
  const deliveryListeners = new Set<(state: Delivery) => void>();
  /** Items another tab holds: look again after this time. */
  const skipUntil = new Map<string, number>();
  let keepaliveBytes = 0;
  let unloading = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;
  let flushing: Promise<void> | undefined;
  /** A pass is wanted after the running one: `true` forced, `false` not forced, `undefined` none. */
  let wanted: boolean | undefined;

  async function drop(item: QueuedItem, reason: DropReason, status?: number): Promise<void> {
    await queue.delete(item.id);
    call(options.onDrop, reason, { id: item.id, response: item.response, ...(status ? { status } : {}) });
  }

  /** Books the result of one request (normal or keepalive) into the queue: its `response`, or the `error` it failed with. */
  async function settle(item: QueuedItem, response: Response | undefined, error?: HttpError | TimeoutError | NetworkError): Promise<Outcome> {
    const now = Date.now();
    // A request cut off by the page unloading is no failure of the endpoint: the next page sends it at once.
    if (!response && unloading) return 'queued';
    let notBefore = 0;
    if (response) {
      const kind = statusClass(response.status);
      if (kind !== 'delivered' && kind !== 'retry') {
        await drop(item, kind, response.status);
        return new HttpError(`POST ${endpoint} refused response ${item.id} with ${response.status}; it was dropped. Fix the request or the endpoint and submit again.`, response);
      }
      // Nothing in the body is needed: let the connection go (a refusal keeps it, for the caller).
      void response.body?.cancel().catch(() => {});
      if (kind === 'delivered') {
        await queue.delete(item.id);
        delivered.push(item.id);
        if (delivered.length > 200) delivered.shift();
        const state = { id: item.id, response: item.response, attempts: item.attempts };
        call(options.onDelivered, state);
        for (const listener of deliveryListeners) call(listener, state);
        return 'delivered';
      }
      notBefore = retryAfterTime(response.headers.get('retry-after'), now) ?? 0;
      if (notBefore > blocked()) blockedUntil.set(endpoint, notBefore);
      error = new HttpError(`POST ${endpoint} answered ${response.status}${RETRIED}`, response);
    }
    const next: QueuedItem = { ...item, nextAt: Math.max(now + backoffDelay(policy, item.attempts), notBefore) };
    delete next.claim;
    delete next.retryAfter;
    if (notBefore) next.retryAfter = notBefore;
    await queue.put(next);
    call(options.onRetry, { id: item.id, attempts: item.attempts, error: error!, nextAt: next.nextAt });
    return 'queued';
  }

  function failureOf(cause: unknown): TimeoutError | NetworkError {
    return (cause as Error)?.name === 'TimeoutError'
      ? new TimeoutError(`POST ${endpoint} timed out after ${timeoutMs} ms${RETRIED}`, { cause })
      : new NetworkError(`POST ${endpoint} failed (${describeCause(cause)}): check that it is reachable and allows CORS${RETRIED}`, { cause });
  }

  /**
   * One POST of `item` (normal or keepalive, as `init` says), booked into the queue when it ends.
   * A `fetch` that throws synchronously counts as a network failure too.
   */
  function post(item: QueuedItem, init: RequestInit): Promise<Outcome> {
    const sending = { ...item, attempts: item.attempts + 1 };
    return new Promise<Response>((resolve) => resolve(doFetch(endpoint, { method: 'POST', body: JSON.stringify(item.response), credentials: 'omit', ...init }))).then(
      (response) => settle(sending, response),
      (cause) => settle(sending, undefined, failureOf(cause)),
    );
  }

  /** Until when nothing may go to this endpoint (its last `Retry-After`), or 0. */
  const blocked = () => blockedUntil.get(endpoint) ?? 0;
  const notBefore = (item: QueuedItem) => Math.max(blocked(), item.retryAfter ?? 0);

  /** One normal attempt, under the item's lock; `force` does not wait for the backoff (Retry-After still holds). */
  async function attempt(item: QueuedItem, force: boolean): Promise<Outcome> {
    const now = Date.now();
    if (now - item.queuedAt > maxAgeMs) {
      await drop(item, 'expired');
      return 'dropped';
    }
    const offline = (globalThis.navigator as { onLine?: boolean } | undefined)?.onLine === false;
    if (offline || notBefore(item) > now || (!force && item.nextAt > now) || keepaliveIds.has(item.id)) return 'queued';
    return post(item, { headers: { 'content-type': 'application/json', ...options.headers }, signal: AbortSignal.timeout(timeoutMs) });
  }

  function send(id: string, force: boolean): Promise<Outcome> {
    let running = inflight.get(id);
    if (!running) {
      running = withItemLock(queue, id, owner, timeoutMs + 5_000, (item) => attempt(item, force), shared).finally(() =>
        inflight.delete(id),
      );
      inflight.set(id, running);
    }
    return running;
  }

  async function pass(force: boolean): Promise<void> {
    const now = Date.now();
    const due = (await queue.all())
      .filter((i) => ((force || i.nextAt <= now) && notBefore(i) <= now) || now - i.queuedAt > maxAgeMs)
      .filter((i) => (skipUntil.get(i.id) ?? 0) <= now && !keepaliveIds.has(i.id))
      .sort(byAge);
    const worker = async () => {
      for (let item = due.shift(); item; item = due.shift()) {
        if (blocked() > Date.now()) return;
        const outcome = await send(item.id, force);
        // Another tab is sending it: look again soon (what it books — delivered or a backoff — decides then).
        if (outcome === BUSY) skipUntil.set(item.id, Date.now() + 1_000);
        else skipUntil.delete(item.id);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  /** Runs passes until no new request came in meanwhile; `force` (start-up, `online`, `flush()`) skips the backoff wait. */
  function flush(force = true): Promise<void> {
    wanted ||= force;
    flushing ??= (async () => {
      for (let forced: boolean | undefined = wanted; forced !== undefined; forced = wanted) {
        wanted = undefined;
        try {
          await pass(forced);
        } catch (error) {
          // Only a failing fallback store gets here; the host page must never see it.
          report(error as EarfulError);
        }
      }
    })().finally(() => {
      flushing = undefined;
      schedule();
    });
    return flushing;
  }

  /** Arms one timer for the earliest moment something is due (or expires). */
  function schedule(): void {
    clearTimeout(timer);
    if (destroyed) return;
    let next = Infinity;
    for (const item of queue.seen.values()) {
      if (inflight.has(item.id) || keepaliveIds.has(item.id)) continue;
      next = Math.min(next, Math.max(item.nextAt, notBefore(item), skipUntil.get(item.id) ?? 0), item.queuedAt + maxAgeMs + 1);
    }
    if (next === Infinity) return;
    timer = setTimeout(() => void flush(false), Math.min(next - Date.now(), 2_147_483_647));
    (timer as { unref?: () => void }).unref?.();
  }

  /**
   * Page exit: synchronously, oldest first, one keepalive request per item while the bytes in
   * flight stay under the budget; `text/plain` and no custom headers, so no CORS preflight.
   * What does not fit stays queued for the next page load.
   */
  function exit(unloading: boolean): void {
    if (destroyed) return;
    // A `Retry-After` of the endpoint holds every item back (notBefore).
    for (const item of [...queue.seen.values()].sort(byAge)) {
      if (keepaliveIds.has(item.id) || (!unloading && inflight.has(item.id)) || notBefore(item) > Date.now()) continue;
      if (keepaliveBytes + item.bytes >= KEEPALIVE_BUDGET) break;
      keepaliveBytes += item.bytes;
      keepaliveIds.add(item.id);
      void post(item, { keepalive: true, headers: { 'content-type': 'text/plain;charset=UTF-8' } })
        .catch(report)
        .finally(() => {
          keepaliveBytes -= item.bytes;
          keepaliveIds.delete(item.id);
        });
    }
  }

  const doc = typeof document === 'undefined' ? undefined : document;
  /** The page events the client listens to; `visibilitychange` on `document`, the others on the global. */
  const listeners: Record<string, (event: PageTransitionEvent) => void> = {
    online: () => void flush(true),
    pagehide() {
      unloading = true;
      exit(true);
    },
    // Back from the back/forward cache: the page lives on, and what is queued goes out now.
    pageshow(event) {
      unloading = false;
      if (event.persisted) void flush(true);
    },
    visibilitychange: () => doc?.visibilityState === 'hidden' && exit(false),
  };
  /** Adds or removes them; outside browsers there is no global `addEventListener` (Node) or no `document` (workers). */
  const listen = (method: 'addEventListener' | 'removeEventListener') => {
    for (const type in listeners) {
      const target: Partial<EventTarget> | undefined = type === 'visibilitychange' ? doc : globalThis;
      target?.[method]?.(type, listeners[type] as EventListener);
    }
  };
  listen('addEventListener');
  // Start-up: what earlier pages left queued goes out now (after the caller's own synchronous code).
  timer = setTimeout(() => void flush(true), 0);

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
      if (delivered.includes(id)) return { id, status: 'delivered' };
      if (!inflight.has(id) && !keepaliveIds.has(id) && !(await queue.get(id))) {
        const now = Date.now();
        const item: QueuedItem = { id, response, bytes: responseByteLength(response), queuedAt: now, attempts: 0, nextAt: now };
        // Make room: the oldest go first, until the new item fits both caps.
        const others = (await queue.all()).sort(byAge);
        let bytes = others.reduce((sum, o) => sum + o.bytes, item.bytes);
        while (others.length && (others.length >= maxItems || bytes > maxBytes)) {
          const old = others.shift()!;
          bytes -= old.bytes;
          await drop(old, 'queue_overflow');
        }
        await queue.put(item);
      }
      const outcome = await send(id, true);
      schedule();
      if (outcome instanceof HttpError) throw outcome;
      return { id, status: outcome === 'delivered' ? 'delivered' : 'queued' };
    },
    flush: () => flush(true),
    async pending() {
      return (await queue.all()).length;
    },
    on(event, listener) {
      if (event !== 'delivered') throw new ConfigError(`on() listens to 'delivered' only, got ${describeValue(event)}`);
      deliveryListeners.add(listener);
      return () => void deliveryListeners.delete(listener);
    },
    destroy() {
      destroyed = true;
      deliveryListeners.clear();
      clearTimeout(timer);
      listen('removeEventListener');
    },
  };
}
