/**
 * In real Chromium (Vitest browser mode, MSW service worker): the queue in localStorage outlives
 * its client, storage faults fall back to memory, the page-exit path and its keepalive budget,
 * `online`, two clients sharing one queue through Web Locks, and destroy().
 */
import { delay, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, isStorageError, type ClientOptions, type EarfulClient } from '../../src/index.js';
import { input, inputOfSize } from '../fixtures.js';
import { endpointFor, Receiver, respond } from '../handlers.js';
import { worker } from './worker.js';

beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledRequest: 'error' });
});
afterAll(() => worker.stop());

const clients: EarfulClient[] = [];
// Backoff without jitter in tests: with full jitter a 10-minute wait can come out as a few ms and
// retry in the middle of a test (about once in a few hundred runs per item).
function client(options: ClientOptions): EarfulClient {
  const c = createClient({ ...options, ...(options.retry ? { retry: { jitter: 'none', maxDelayMs: 3_600_000, ...options.retry } } : {}) });
  clients.push(c);
  return c;
}
beforeEach(() => localStorage.clear());
afterEach(() => {
  clients.splice(0).forEach((c) => c.destroy());
  worker.resetHandlers();
  vi.restoreAllMocks();
  localStorage.clear();
});

const accept = () => HttpResponse.json({ status: 'accepted' }, { status: 202 });
const unavailable = () => new HttpResponse(null, { status: 503 });
const queuedKeys = () => Object.keys(localStorage).filter((k) => k.startsWith('earful:'));

/** A fetch that records each call's init and passes it on to the (MSW-intercepted) network. */
function recordingFetch() {
  const calls: { body: { id: string }; init: RequestInit }[] = [];
  const spy: typeof fetch = (url, init = {}) => {
    calls.push({ body: JSON.parse(String(init.body)), init });
    return fetch(url, init);
  };
  return { calls, fetch: spy };
}

describe('durable queue in localStorage', () => {
  it('a queued response survives its client and is sent by the next one at start-up, once', async () => {
    const endpoint = endpointFor('durable');
    const receiver = new Receiver();
    let up = false;
    worker.use(respond(endpoint, receiver, () => (up ? accept() : unavailable())));
    const first = client({ endpoint, retry: { initialDelayMs: 600_000 } });
    const { id, status } = await first.submit(input());
    expect(status).toBe('queued');
    expect(queuedKeys()).toEqual([`earful:${endpoint}:${id}`]);
    expect(JSON.parse(localStorage.getItem(queuedKeys()[0]!)!)).toMatchObject({ id, attempts: 1, response: { id } });
    first.destroy();

    up = true;
    const delivered = vi.fn();
    client({ endpoint, onDelivered: delivered });
    await vi.waitFor(() => expect(delivered).toHaveBeenCalledTimes(1));
    expect(delivered.mock.calls[0]?.[0]).toMatchObject({ id, attempts: 2 });
    expect(queuedKeys()).toEqual([]);
    expect(receiver.stored.size).toBe(1);
  });

  it('is sent when the browser comes back online', async () => {
    const endpoint = endpointFor('online');
    const receiver = new Receiver();
    let up = false;
    worker.use(respond(endpoint, receiver, () => (up ? accept() : HttpResponse.error())));
    const c = client({ endpoint, retry: { initialDelayMs: 600_000 } });
    await c.submit(input());
    up = true;
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(async () => expect(await c.pending()).toBe(0));
    expect(receiver.stored.size).toBe(1);
  });
});

describe('storage faults', () => {
  it('localStorage throwing QuotaExceededError: delivered anyway, onError once, nothing thrown', async () => {
    const endpoint = endpointFor('quota');
    const receiver = new Receiver();
    worker.use(respond(endpoint, receiver, accept));
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const onError = vi.fn();
    const c = client({ endpoint, onError });
    expect((await c.submit(input())).status).toBe('delivered');
    expect((await c.submit(input())).status).toBe('delivered');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(isStorageError(onError.mock.calls[0]?.[0])).toBe(true);
    expect(receiver.stored.size).toBe(2);
  });

  it('localStorage itself unavailable (SecurityError on access): memory queue, still delivered', async () => {
    const endpoint = endpointFor('security');
    const receiver = new Receiver();
    worker.use(respond(endpoint, receiver, accept));
    const descriptor = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
    try {
      const onError = vi.fn();
      const c = client({ endpoint, onError });
      expect((await c.submit(input())).status).toBe('delivered');
      expect(onError).toHaveBeenCalledTimes(1);
      expect(String(onError.mock.calls[0]?.[0].message)).toContain('SecurityError');
    } finally {
      Object.defineProperty(window, 'localStorage', descriptor);
    }
  });
});

describe('page exit', () => {
  async function queueTwenty(endpoint: string, fetchSpy: typeof fetch) {
    // No jitter: every retry waits the full 600 s, so no backoff timer sends during the test
    // (with full jitter one of 20 waits is under 2 s in about 1 run of 15).
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const c = client({ endpoint, fetch: fetchSpy, headers: { authorization: 'Bearer secret' }, retry: { initialDelayMs: 600_000 }, maxQueue: { items: 50 } });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await c.submit(inputOfSize(10_240))).id);
    return { c, ids };
  }

  it('20 × 10 KB queued: pagehide sends the oldest 5 with keepalive (under 60,000 bytes), text/plain, no custom headers', async () => {
    const endpoint = endpointFor('keepalive');
    const receiver = new Receiver();
    let up = false;
    worker.use(respond(endpoint, receiver, () => (up ? accept() : unavailable())));
    const { calls, fetch: spy } = recordingFetch();
    const { c, ids } = await queueTwenty(endpoint, spy);
    expect(calls).toHaveLength(20);
    expect(calls.every((call) => !call.init.keepalive)).toBe(true);
    expect(new Headers(calls[0]!.init.headers).get('content-type')).toBe('application/json');
    up = true;
    calls.length = 0;

    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    expect(calls.map((call) => call.body.id)).toEqual(ids.slice(0, 5));
    let bytes = 0;
    for (const { init } of calls) {
      expect(init.keepalive).toBe(true);
      expect(init.method).toBe('POST');
      expect(init.signal).toBeUndefined();
      expect([...new Headers(init.headers).keys()]).toEqual(['content-type']);
      expect(new Headers(init.headers).get('content-type')).toBe('text/plain;charset=UTF-8');
      bytes += new TextEncoder().encode(String(init.body)).length;
    }
    expect(bytes).toBeLessThan(60_000);
    expect(bytes + bytes / 5).toBeGreaterThanOrEqual(60_000); // a sixth would not fit
    await vi.waitFor(async () => expect(await c.pending()).toBe(15));
    expect(receiver.stored.size).toBe(5);
  });

  it('bytes still in flight count against the budget: a second exit sends nothing until they settle', async () => {
    const endpoint = endpointFor('keepalive-inflight');
    const receiver = new Receiver();
    let up = false;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    worker.use(respond(endpoint, receiver, async () => (up ? (await gate, accept()) : unavailable())));
    const { calls, fetch: spy } = recordingFetch();
    const { c, ids } = await queueTwenty(endpoint, spy);
    up = true;
    calls.length = 0;
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(calls.map((call) => call.body.id)).toEqual(ids.slice(0, 5));
    release();
    await vi.waitFor(async () => expect(await c.pending()).toBe(15));
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(calls.map((call) => call.body.id)).toEqual(ids.slice(0, 10));
  });

  it('visibilitychange → hidden also sends with keepalive; visible does not', async () => {
    const endpoint = endpointFor('hidden');
    const receiver = new Receiver();
    let up = false;
    worker.use(respond(endpoint, receiver, () => (up ? accept() : unavailable())));
    const { calls, fetch: spy } = recordingFetch();
    const c = client({ endpoint, fetch: spy, retry: { initialDelayMs: 600_000 } });
    await c.submit(input());
    up = true;
    calls.length = 0;
    document.dispatchEvent(new Event('visibilitychange')); // still visible
    expect(calls).toHaveLength(0);
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.init.keepalive).toBe(true);
    await vi.waitFor(async () => expect(await c.pending()).toBe(0));
  });
});

describe('several clients on one queue (as tabs share localStorage and Web Locks)', () => {
  it('uses the Web Locks API here', () => {
    expect(typeof navigator.locks?.request).toBe('function');
  });

  it('two clients flushing together deliver each id once', async () => {
    const endpoint = endpointFor('two-clients');
    const receiver = new Receiver();
    let up = false;
    worker.use(respond(endpoint, receiver, async () => (await delay(10), up ? accept() : unavailable())));
    const a = client({ endpoint, retry: { initialDelayMs: 600_000 } });
    const b = client({ endpoint, retry: { initialDelayMs: 600_000 } });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await a.submit(input())).id);
    const failed = receiver.attempts();
    // Make everything due now, as after a long offline period.
    for (const key of queuedKeys()) localStorage.setItem(key, JSON.stringify({ ...JSON.parse(localStorage.getItem(key)!), nextAt: 0 }));
    up = true;
    await Promise.all([a.flush(), b.flush(), b.flush(), a.flush()]);
    await vi.waitFor(() => expect(receiver.stored.size).toBe(12));
    const sent = receiver.hits.slice(failed).map((h) => h.id);
    expect(sent.sort()).toEqual([...ids].sort());
    expect(queuedKeys()).toEqual([]);
  });
});

describe('destroy()', () => {
  it('removes every listener it added; events after it send nothing', async () => {
    const added: string[] = [];
    const removed: string[] = [];
    for (const target of [window, document]) {
      const add = target.addEventListener.bind(target);
      const remove = target.removeEventListener.bind(target);
      vi.spyOn(target, 'addEventListener').mockImplementation((type, listener, options) => (added.push(type), add(type, listener, options)));
      vi.spyOn(target, 'removeEventListener').mockImplementation((type, listener, options) => (removed.push(type), remove(type, listener, options)));
    }
    const endpoint = endpointFor('destroy');
    const receiver = new Receiver();
    let up = false;
    worker.use(respond(endpoint, receiver, () => (up ? accept() : unavailable())));
    const c = client({ endpoint, retry: { initialDelayMs: 600_000 } });
    await c.submit(input());
    expect(added.sort()).toEqual(['online', 'pagehide', 'pageshow', 'visibilitychange']);
    c.destroy();
    expect(removed.sort()).toEqual(added.sort());
    up = true;
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.attempts()).toBe(1);
  });
});
