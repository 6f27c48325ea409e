/**
 * The client's promises in Node (MSW): what submit() fills in and validates, idempotency by id,
 * queue caps, storage faults, timeouts, headers, and two "tabs" sharing one storage.
 */
import { delay, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createClient,
  isConfigError,
  isStorageError,
  isTimeoutError,
  isValidationError,
  localStorageStorage,
  memoryStorage,
  type ClientOptions,
  type EarfulClient,
  type QueueStorage,
} from '../src/index.js';
import { input, inputOfSize } from './fixtures.js';
import { endpointFor, Receiver, respond } from './handlers.js';
import { server } from './node-server.js';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const clients: EarfulClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
// Backoff without jitter in tests: with full jitter a 60-second wait can come out as a few ms and
// retry in the middle of a test.
function client(options: ClientOptions): EarfulClient {
  const c = createClient({ storage: 'memory', ...options, ...(options.retry ? { retry: { jitter: 'none', maxDelayMs: 3_600_000, ...options.retry } } : {}) });
  clients.push(c);
  return c;
}
const UUID = '0b6f7c4e-1d2a-4c3b-8e5f-6a7b8c9d0e1f';
const accept = () => HttpResponse.json({ status: 'accepted' }, { status: 202 });
const unavailable = () => new HttpResponse(null, { status: 503 });

describe('submit()', () => {
  it('fills id, createdAt, schemaVersion and locale, and sends the id in a JSON body', async () => {
    const endpoint = endpointFor('fill');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, accept));
    const result = await client({ endpoint, locale: 'ko-KR' }).submit(input());
    expect(result.status).toBe('delivered');
    expect(result.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [hit] = receiver.hits;
    expect(hit?.body).toMatchObject({ schemaVersion: 1, id: result.id, locale: 'ko-KR', surveyId: 'checkout' });
    expect(Date.parse(String(hit?.body.createdAt))).toBeGreaterThan(Date.now() - 60_000);
    expect(hit?.contentType).toBe('application/json');
  });

  it('keeps the id, createdAt and locale it is given; strips unknown keys', async () => {
    const endpoint = endpointFor('keep');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, accept));
    await client({ endpoint }).submit({ ...input(), id: UUID, createdAt: '2026-11-22T09:30:00Z', locale: 'lv', extra: 1 } as never);
    expect(receiver.hits[0]?.body).toEqual({ ...input(), schemaVersion: 1, id: UUID, createdAt: '2026-11-22T09:30:00Z', locale: 'lv' });
  });

  it('sends the configured headers on normal sends', async () => {
    const endpoint = endpointFor('headers');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, accept));
    await client({ endpoint, headers: { authorization: 'Bearer t0ken', 'x-site': 'shop' } }).submit(input());
    expect(receiver.hits[0]?.headers.get('authorization')).toBe('Bearer t0ken');
    expect(receiver.hits[0]?.headers.get('x-site')).toBe('shop');
  });

  it('throws a ValidationError listing every bad field, and queues and sends nothing', async () => {
    const endpoint = endpointFor('invalid');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, accept));
    const c = client({ endpoint });
    const bad = input({ surveyId: 'has space', answers: [{ type: 'rating', questionId: 'q', scale: 'nps', value: 11 }] });
    const error = await c.submit(bad).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    if (!isValidationError(error)) return;
    expect(error.fields.map((f) => f.path).sort()).toEqual(['answers[0].value', 'surveyId']);
    expect(error.message).toContain('answers[0].value: must be an integer from 0 to 10 on the nps scale');
    expect(await c.pending()).toBe(0);
    expect(receiver.attempts()).toBe(0);
  });

  it('resolves queued (never delivered) while the endpoint fails, and the id stays the same on retries', async () => {
    const endpoint = endpointFor('same-id');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, (n) => (n < 3 ? unavailable() : accept())));
    const c = client({ endpoint, retry: { initialDelayMs: 0 } });
    const { id, status } = await c.submit(input());
    expect(status).toBe('queued');
    await vi.waitFor(() => expect(receiver.stored.size).toBe(1), { interval: 5 });
    expect(receiver.hits.map((h) => h.id)).toEqual([id, id, id]);
    expect(new Set(receiver.hits.map((h) => JSON.stringify(h.body))).size).toBe(1);
  });

  it("on('delivered') tells a caller when a response it saw queued goes out later, until it stops listening", async () => {
    const endpoint = endpointFor('on-delivered');
    const receiver = new Receiver();
    let up = false;
    server.use(respond(endpoint, receiver, () => (up ? accept() : unavailable())));
    const c = client({ endpoint, retry: { initialDelayMs: 60_000 } });
    const seen: string[] = [];
    const stopped: string[] = [];
    c.on('delivered', ({ id, attempts }) => seen.push(`${id}:${attempts}`));
    const stop = c.on('delivered', ({ id }) => stopped.push(id));
    const first = await c.submit(input());
    expect(first.status).toBe('queued');
    expect(seen).toEqual([]);
    stop();
    up = true;
    await c.flush();
    expect(seen).toEqual([`${first.id}:2`]);
    expect(stopped).toEqual([]);
    const second = await c.submit(input());
    expect(second.status).toBe('delivered');
    expect(seen).toEqual([`${first.id}:2`, `${second.id}:1`]);
    expect(() => c.on('dropped' as 'delivered', () => {})).toThrow(/listens to 'delivered' only, got "dropped"/);
  });
});

describe('flush()', () => {
  it('a flush asked for just as a running one ends starts a new pass instead of being lost', async () => {
    const endpoint = endpointFor('flush-at-end');
    const receiver = new Receiver();
    let up = false;
    server.use(respond(endpoint, receiver, () => (up ? accept() : HttpResponse.error())));
    // Shared storage (as localStorage in a page) and a page's `online` event, as the browser test does.
    const listeners = new Map<string, () => void>();
    vi.stubGlobal('addEventListener', (type: string, listener: () => void) => listeners.set(type, listener));
    vi.stubGlobal('removeEventListener', () => {});
    try {
      const c = client({ endpoint, storage: memoryStorage(), retry: { initialDelayMs: 600_000 } });
      // The start-up pass and this submit send the item together; the pass ends right after.
      expect((await c.submit(input())).status).toBe('queued');
      up = true;
      listeners.get('online')!();
      await vi.waitFor(async () => expect(await c.pending()).toBe(0), { timeout: 2_000, interval: 5 });
      expect(receiver.stored.size).toBe(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('idempotency', () => {
  it('submit twice at once with the same id → one request, one delivery', async () => {
    const endpoint = endpointFor('twice-concurrent');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, async () => (await delay(20), accept())));
    const onDelivered = vi.fn();
    const c = client({ endpoint, onDelivered });
    const results = await Promise.all([c.submit(input({ id: UUID })), c.submit(input({ id: UUID }))]);
    expect(results).toEqual([
      { id: UUID, status: 'delivered' },
      { id: UUID, status: 'delivered' },
    ]);
    expect(receiver.attempts()).toBe(1);
    expect(onDelivered).toHaveBeenCalledTimes(1);
  });

  it('submit again after delivery → no second request', async () => {
    const endpoint = endpointFor('twice-after');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, accept));
    const c = client({ endpoint });
    await c.submit(input({ id: UUID }));
    expect(await c.submit(input({ id: UUID }))).toEqual({ id: UUID, status: 'delivered' });
    expect(receiver.attempts()).toBe(1);
  });

  it('submit again while queued → still one queued item and one delivery', async () => {
    const endpoint = endpointFor('twice-queued');
    const receiver = new Receiver();
    let up = false;
    server.use(respond(endpoint, receiver, () => (up ? accept() : unavailable())));
    const c = client({ endpoint, retry: { initialDelayMs: 60_000 } });
    await c.submit(input({ id: UUID }));
    await c.submit(input({ id: UUID }));
    expect(await c.pending()).toBe(1);
    up = true;
    await c.submit(input({ id: UUID }));
    expect(receiver.stored.size).toBe(1);
    expect(receiver.hits.filter((h) => h.id === UUID)).toHaveLength(3);
    expect(await c.pending()).toBe(0);
  });

  it('two clients ("tabs") sharing one storage without Web Locks: one delivery per id', async () => {
    const endpoint = endpointFor('two-tabs');
    const receiver = new Receiver();
    let up = false;
    server.use(respond(endpoint, receiver, async () => (await delay(5), up ? accept() : unavailable())));
    const shared = memoryStorage();
    const a = client({ endpoint, storage: shared, retry: { initialDelayMs: 0 } });
    const b = client({ endpoint, storage: shared, retry: { initialDelayMs: 0 } });
    a.destroy(); // keep timers out of the race: only the explicit flushes below send
    b.destroy();
    for (let i = 0; i < 10; i++) await a.submit(input());
    const failed = receiver.attempts();
    up = true;
    await Promise.all([a.flush(), b.flush(), a.flush(), b.flush()]);
    await Promise.all([a.flush(), b.flush()]);
    const delivered = receiver.hits.slice(failed);
    expect(receiver.stored.size).toBe(10);
    expect(delivered).toHaveLength(10);
    expect(new Set(delivered.map((h) => h.id)).size).toBe(10);
    expect(await b.pending()).toBe(0);
  });
});

describe('the queue', () => {
  it('caps items: overflow drops the oldest and reports queue_overflow', async () => {
    const endpoint = endpointFor('cap-items');
    server.use(respond(endpoint, new Receiver(), unavailable));
    const onDrop = vi.fn();
    const c = client({ endpoint, maxQueue: { items: 3 }, onDrop, retry: { initialDelayMs: 60_000 } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await c.submit(input())).id);
    expect(await c.pending()).toBe(3);
    expect(onDrop.mock.calls.map(([reason, item]) => [reason, item.id])).toEqual([
      ['queue_overflow', ids[0]],
      ['queue_overflow', ids[1]],
    ]);
  });

  it('caps bytes: overflow drops the oldest until the new item fits', async () => {
    const endpoint = endpointFor('cap-bytes');
    server.use(respond(endpoint, new Receiver(), unavailable));
    const onDrop = vi.fn();
    const c = client({ endpoint, maxQueue: { bytes: 25_000 }, onDrop, retry: { initialDelayMs: 60_000 } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await c.submit(inputOfSize(10_000))).id);
    expect(await c.pending()).toBe(2);
    expect(onDrop.mock.calls.map(([reason, item]) => [reason, item.id])).toEqual([['queue_overflow', ids[0]]]);
  });

  it('delivers an item as stored by @earful/sdk 0.0.0 (the stored shape is a contract with older tabs and pages)', async () => {
    const endpoint = endpointFor('stored-shape');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, accept));
    const raw = new Map<string, string>();
    const area = {
      get length() {
        return raw.size;
      },
      key: (i: number) => [...raw.keys()][i] ?? null,
      getItem: (k: string) => raw.get(k) ?? null,
      setItem: (k: string, v: string) => void raw.set(k, v),
      removeItem: (k: string) => void raw.delete(k),
      clear: () => raw.clear(),
    } satisfies Storage;
    const response = { ...input(), schemaVersion: 1, id: UUID, createdAt: new Date().toISOString(), locale: 'en' };
    // Exactly what 0.0.0 wrote after a failed attempt in a tab without Web Locks: a lapsed claim and a past Retry-After.
    const past = Date.now() - 1_000;
    raw.set(`earful:old:${UUID}`, JSON.stringify({ id: UUID, response, bytes: JSON.stringify(response).length, queuedAt: past, attempts: 2, nextAt: past, retryAfter: past, claim: { owner: 'another-tab', until: past } }));
    const onDelivered = vi.fn();
    const c = client({ endpoint, storage: localStorageStorage('earful:old:', area), onDelivered });
    await c.flush();
    expect(receiver.hits.map((h) => h.body)).toEqual([response]);
    expect(onDelivered).toHaveBeenCalledWith({ id: UUID, response, attempts: 3 });
    expect(raw.size).toBe(0);
  });

  it('deletes delivered items', async () => {
    const endpoint = endpointFor('delete');
    const storage = memoryStorage();
    server.use(respond(endpoint, new Receiver(), accept));
    await client({ endpoint, storage }).submit(input());
    expect(await storage.getAll()).toEqual([]);
  });
});

describe('storage faults', () => {
  const throwing = (failOn: (keyof QueueStorage)[]): QueueStorage => {
    const inner = memoryStorage();
    const quota = () => {
      throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    };
    return {
      getAll: failOn.includes('getAll') ? quota : inner.getAll,
      get: failOn.includes('get') ? quota : inner.get,
      put: failOn.includes('put') ? quota : inner.put,
      delete: failOn.includes('delete') ? quota : inner.delete,
    };
  };

  it.each([[['getAll', 'get', 'put', 'delete']], [['put']], [['get']], [['delete']]] as (keyof QueueStorage)[][][])(
    'storage throwing on %j: submit still delivers, onError reports once, nothing is thrown',
    async (failOn) => {
      const endpoint = endpointFor('storage-throws');
      const receiver = new Receiver();
      server.use(respond(endpoint, receiver, accept));
      const onError = vi.fn();
      const c = client({ endpoint, storage: throwing(failOn), onError });
      expect((await c.submit(input())).status).toBe('delivered');
      expect((await c.submit(input())).status).toBe('delivered');
      expect(await c.pending()).toBe(0);
      await c.flush();
      expect(receiver.stored.size).toBe(2);
      expect(onError).toHaveBeenCalledTimes(1);
      const [error] = onError.mock.calls[0] as [unknown];
      expect(isStorageError(error)).toBe(true);
      expect(String((error as Error).message)).toContain('QuotaExceededError');
      expect((error as Error).cause).toBeInstanceOf(Error);
    },
  );

  it('a storage that fails while offline keeps the item in memory and delivers it later', async () => {
    const endpoint = endpointFor('storage-offline');
    const receiver = new Receiver();
    let up = false;
    server.use(respond(endpoint, receiver, () => (up ? accept() : HttpResponse.error())));
    const c = client({ endpoint, storage: throwing(['put']), retry: { initialDelayMs: 0 }, onError: () => {} });
    expect((await c.submit(input())).status).toBe('queued');
    up = true;
    await vi.waitFor(() => expect(receiver.stored.size).toBe(1), { interval: 5 });
  });
});

describe('timeouts', () => {
  it('aborts a request after timeoutMs, keeps the item queued and reports a TimeoutError to onRetry', async () => {
    const endpoint = endpointFor('timeout');
    let slow = true;
    server.use(respond(endpoint, new Receiver(), async () => (slow ? (await delay('infinite'), accept()) : accept())));
    const onRetry = vi.fn();
    const c = client({ endpoint, timeoutMs: 50, onRetry, retry: { initialDelayMs: 60_000 } });
    expect((await c.submit(input())).status).toBe('queued');
    expect(isTimeoutError(onRetry.mock.calls[0]?.[0].error)).toBe(true);
    expect(await c.pending()).toBe(1);
    slow = false;
  });
});

describe('configuration', () => {
  it.each(['/feedback', 'feedback', 'ftp://example.com/x', '', undefined, 42])('rejects endpoint %j with a ConfigError showing it', (endpoint) => {
    let error: unknown;
    try {
      createClient({ endpoint: endpoint as string });
    } catch (e) {
      error = e;
    }
    expect(isConfigError(error)).toBe(true);
    expect((error as Error).message).toContain(`got ${JSON.stringify(endpoint) ?? 'undefined'}`);
  });

  it.each([
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ maxAgeMs: -1 }, 'maxAgeMs'],
    [{ maxQueue: { items: 0 } }, 'maxQueue.items'],
    [{ retry: { factor: 0.5 } }, 'retry.factor'],
  ] as const)('rejects %j', (options, name) => {
    expect(() => createClient({ endpoint: 'https://example.com/f', ...options })).toThrow(name);
  });
});
