/**
 * Fake-timer checks of when attempts happen: the exponential backoff with its cap, Retry-After
 * as seconds and as an HTTP-date (nothing reaches the endpoint before it), expiry after maxAgeMs,
 * and destroy() leaving no timer behind.
 */
import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, memoryStorage, type EarfulClient } from '../src/index.js';
import { input } from './fixtures.js';
import { endpointFor, Receiver, respond } from './handlers.js';
import { server } from './node-server.js';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const clients: EarfulClient[] = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 });
});
afterEach(() => {
  clients.splice(0).forEach((c) => c.destroy());
  server.resetHandlers();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function client(endpoint: string, extra: Partial<Parameters<typeof createClient>[0]> = {}) {
  const c = createClient({ endpoint, storage: 'memory', ...extra });
  clients.push(c);
  return c;
}

/** Seconds after T0 at which each request arrived. */
const times = (receiver: Receiver) => receiver.hits.map((h) => (h.at - T0) / 1000);

describe('backoff', () => {
  it('waits 2, 4, 8 … s (random() = 1), capped at 5 min', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const endpoint = endpointFor('backoff');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, () => new HttpResponse(null, { status: 503 })));
    const c = client(endpoint);
    await c.submit(input());
    await vi.advanceTimersByTimeAsync(1_999);
    expect(times(receiver)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(times(receiver)).toEqual([0, 2]);
    // Next waits: 4, 8, 16, 32, 64, 128, 256, then the 300 s cap twice.
    await vi.advanceTimersByTimeAsync((4 + 8 + 16 + 32 + 64 + 128 + 256 + 300 + 300) * 1000);
    expect(times(receiver)).toEqual([0, 2, 6, 14, 30, 62, 126, 254, 510, 810, 1110]);
    expect(await c.pending()).toBe(1);
  });

  it('uses full jitter: the wait is random() × the bound', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.25);
    const endpoint = endpointFor('jitter');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, () => new HttpResponse(null, { status: 500 })));
    const c = client(endpoint);
    await c.submit(input());
    await vi.advanceTimersByTimeAsync(499);
    expect(times(receiver)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1 + 1_000 + 2_000);
    expect(times(receiver)).toEqual([0, 0.5, 1.5, 3.5]);
  });

  it('follows a custom policy given as plain data', async () => {
    const endpoint = endpointFor('policy');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, () => new HttpResponse(null, { status: 502 })));
    const c = client(endpoint, { retry: { initialDelayMs: 100, factor: 3, maxDelayMs: 500, jitter: 'none' } });
    await c.submit(input());
    await vi.advanceTimersByTimeAsync(100 + 300 + 500 + 500);
    expect(times(receiver)).toEqual([0, 0.1, 0.4, 0.9, 1.4]);
  });
});

describe('Retry-After', () => {
  it('as seconds: nothing is sent before it, even by another client of the endpoint', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const endpoint = endpointFor('retry-after-seconds');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, () => (receiver.attempts() === 1 ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '120' } }) : HttpResponse.json({}, { status: 202 }))));
    const a = client(endpoint);
    expect((await a.submit(input())).status).toBe('queued');
    const b = client(endpoint);
    expect((await b.submit(input())).status).toBe('queued'); // blocked: not even tried
    await vi.advanceTimersByTimeAsync(119_999);
    expect(times(receiver)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(times(receiver)).toEqual([0, 120, 120]);
    expect(await a.pending()).toBe(0);
    expect(await b.pending()).toBe(0);
  });

  it('as an HTTP-date: nothing is sent before it', async () => {
    const endpoint = endpointFor('retry-after-date');
    const receiver = new Receiver();
    const date = new Date(T0 + 90_000).toUTCString();
    server.use(respond(endpoint, receiver, (n) => (n === 1 ? new HttpResponse(null, { status: 503, headers: { 'Retry-After': date } }) : HttpResponse.json({}, { status: 202 }))));
    const c = client(endpoint, { retry: { initialDelayMs: 10 } });
    await c.submit(input());
    await vi.advanceTimersByTimeAsync(89_999);
    expect(times(receiver)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(times(receiver)).toEqual([0, 90]);
    expect(await c.pending()).toBe(0);
  });

  it('is kept with the queued item: a new page (fresh module state) does not send before it either', async () => {
    const endpoint = endpointFor('retry-after-persisted');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, () => (receiver.attempts() === 1 ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '300' } }) : HttpResponse.json({}))));
    const storage = memoryStorage(); // stands for localStorage surviving a reload (shared: claims wait 50 ms)
    const first = client(endpoint, { storage });
    const submitted = first.submit(input());
    await vi.advanceTimersByTimeAsync(100);
    expect((await submitted).status).toBe('queued');
    first.destroy();
    const blockedUntil = receiver.hits[0]!.at + 300_000;
    vi.resetModules();
    const fresh = await import('../src/index.js');
    const next = fresh.createClient({ endpoint, storage });
    clients.push(next);
    const flushed = next.flush(); // start-up and flush() skip the backoff, never Retry-After
    await vi.advanceTimersByTimeAsync(blockedUntil - Date.now() - 1);
    await flushed;
    expect(receiver.attempts()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(receiver.attempts()).toBe(2);
    expect(receiver.hits[1]!.at).toBeGreaterThanOrEqual(blockedUntil);
    expect(await next.pending()).toBe(0);
  });

  it('a Retry-After in the past or malformed falls back to the backoff', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const endpoint = endpointFor('retry-after-bad');
    const receiver = new Receiver();
    const headers = ['Wed, 21 Oct 2015 07:28:00 GMT', 'soon'];
    server.use(respond(endpoint, receiver, (n) => (n <= 2 ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': headers[n - 1]! } }) : HttpResponse.json({}))));
    const c = client(endpoint);
    await c.submit(input());
    await vi.advanceTimersByTimeAsync(6_000);
    expect(times(receiver)).toEqual([0, 2, 6]);
  });
});

describe('maxAgeMs', () => {
  it('drops an item older than maxAgeMs as expired and reports it', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const endpoint = endpointFor('expiry');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, () => new HttpResponse(null, { status: 503 })));
    const onDrop = vi.fn();
    const c = client(endpoint, { maxAgeMs: 60_000, onDrop });
    const { id } = await c.submit(input());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await c.pending()).toBe(1);
    expect(onDrop).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(70_000);
    expect(onDrop).toHaveBeenCalledTimes(1);
    expect(onDrop.mock.calls[0]?.[0]).toBe('expired');
    expect(onDrop.mock.calls[0]?.[1]).toMatchObject({ id });
    expect(await c.pending()).toBe(0);
    const attempts = receiver.attempts();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(receiver.attempts()).toBe(attempts);
  });

  it('defaults to 7 days', async () => {
    const endpoint = endpointFor('expiry-default');
    server.use(respond(endpoint, new Receiver(), () => new HttpResponse(null, { status: 503 })));
    const onDrop = vi.fn();
    const c = client(endpoint, { onDrop });
    await c.submit(input());
    await vi.advanceTimersByTimeAsync(7 * 86_400_000 - 600_000);
    expect(onDrop).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(600_001 + 300_000);
    expect(onDrop.mock.calls.map((call) => call[0])).toEqual(['expired']);
  });
});

describe('destroy()', () => {
  it('leaves no timer: nothing more is sent after it', async () => {
    const endpoint = endpointFor('destroy');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, () => new HttpResponse(null, { status: 503 })));
    const c = client(endpoint);
    await c.submit(input());
    c.destroy();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(receiver.attempts()).toBe(1);
  });
});
