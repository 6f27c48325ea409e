import { describe, expect, it, vi } from 'vitest';
import { createHandler } from '../src/create-handler.js';
import type { HandlerOptions } from '../src/handler-options.js';
import { memoryStore } from '../src/stores/memory.js';
import { signPayload } from '../src/signature.js';
import type { ResponseStore } from '../src/store.js';
import { makeResponse, post } from './support/fixtures.js';

const quiet = { onError: () => {} };
const setup = (options: Partial<HandlerOptions> = {}) => {
  const store = memoryStore();
  return { store, handler: createHandler({ store, ...quiet, ...options }) };
};
const valid = () => JSON.stringify(makeResponse());

describe('bad input gets its documented status and never a 5xx', () => {
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  const deepObject = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
  const cases: { name: string; request: () => Request; status: number; error: string }[] = [
    { name: 'wrong content type', request: () => post(valid(), { headers: { 'content-type': 'application/x-www-form-urlencoded' } }), status: 415, error: 'unsupported_media_type' },
    { name: 'no content type', request: () => new Request('http://r.test/', { method: 'POST', body: new Blob([valid()]) }), status: 415, error: 'unsupported_media_type' },
    { name: 'GET', request: () => new Request('http://r.test/'), status: 405, error: 'method_not_allowed' },
    { name: 'truncated JSON', request: () => post(valid().slice(0, 40)), status: 400, error: 'invalid_json' },
    { name: 'empty body', request: () => post(''), status: 400, error: 'invalid_json' },
    { name: 'invalid UTF-8', request: () => new Request('http://r.test/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }), status: 400, error: 'invalid_json' },
    { name: 'deeply nested arrays', request: () => post(deep), status: 400, error: 'validation' },
    { name: 'deeply nested objects', request: () => post(deepObject), status: 400, error: 'validation' },
    { name: 'huge string (over 16 KB)', request: () => post(JSON.stringify({ ...makeResponse(), x: 'a'.repeat(20_000) })), status: 413, error: 'payload_too_large' },
    { name: 'text answer over 4,000 characters', request: () => post(makeResponse({ answers: [{ type: 'text', questionId: 'q', value: 'a'.repeat(4001) }] })), status: 400, error: 'validation' },
    { name: 'wrong types', request: () => post({ ...makeResponse(), answers: 'five', id: 42 }), status: 400, error: 'validation' },
    { name: 'a JSON string', request: () => post('"hello"'), status: 400, error: 'validation' },
    { name: 'null', request: () => post('null'), status: 400, error: 'validation' },
    { name: 'rating outside its scale', request: () => post(makeResponse({ answers: [{ type: 'rating', questionId: 'q', scale: 'nps', value: 11 }] })), status: 400, error: 'validation' },
    { name: 'unknown schema version', request: () => post({ ...makeResponse(), schemaVersion: 2 }), status: 400, error: 'validation' },
  ];
  it.each(cases)('$name → $status', async ({ request, status, error }) => {
    const { handler, store } = setup();
    const response = await handler(request());
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toBe(error);
    expect((await store.list()).items).toEqual([]);
  });

  it('__proto__ and constructor keys pollute nothing and are not stored', async () => {
    const { handler, store } = setup();
    const response = makeResponse();
    const body = JSON.stringify(response).replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},').replace(
      '"context":{',
      '"metadata":{"__proto__":{"polluted":true},"plan":"pro"},"context":{',
    );
    const res = await handler(post(body));
    expect(res.status).toBe(202);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    const stored = await store.get(response.id);
    expect(stored?.response.metadata).toEqual({ plan: 'pro' });
    expect(Object.keys(stored!.response)).not.toContain('constructor');
  });

  it('names every bad field as { path, message }', async () => {
    const { handler } = setup();
    const res = await handler(post({ ...makeResponse(), surveyId: 'has spaces', answers: [{ type: 'rating', questionId: 'q', scale: 'csat5', value: 9 }] }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(body.error).toBe('validation');
    expect(body.issues.map((i) => i.path).sort()).toEqual(['answers[0].value', 'surveyId']);
    expect(body.issues.every((i) => typeof i.message === 'string' && i.message.length > 0)).toBe(true);
  });

  it('rejects an unknown survey when surveys are listed', async () => {
    const { handler } = setup({ surveys: ['checkout'] });
    const res = await handler(post(makeResponse({ surveyId: 'elsewhere' })));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'validation', issues: [{ path: 'surveyId', message: 'is not a survey this receiver accepts: "elsewhere"' }] });
    expect((await handler(post(makeResponse()))).status).toBe(202);
  });

  it('refuses the follow-up survey id: answers come through their signed link, never as a hidden case with an SLA', async () => {
    const { handler, store } = setup();
    const response = makeResponse({ surveyId: 'follow-up' });
    const res = await handler(post(response));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'validation',
      issues: [{ path: 'surveyId', message: '"follow-up" is reserved for answers to a follow-up link; use another survey id' }],
    });
    expect(await store.get(response.id)).toBeUndefined();
  });
});

describe('body limit', () => {
  it('answers 413 from Content-Length alone, before reading', async () => {
    const { handler } = setup();
    const pull = vi.fn();
    const body = new ReadableStream({ pull }, { highWaterMark: 0 });
    const res = await handler(
      new Request('http://r.test/', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '20000' }, body, duplex: 'half' } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect(pull).not.toHaveBeenCalled();
  });

  it('stops reading a streamed body as soon as it passes 16 KB', async () => {
    const { handler } = setup();
    let chunks = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunks += 1;
        if (chunks > 1000) controller.close(); // bounded even if the handler never stopped
        else controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
    });
    const res = await handler(new Request('http://r.test/', { method: 'POST', headers: { 'content-type': 'text/plain' }, body, duplex: 'half' } as RequestInit));
    expect(res.status).toBe(413);
    expect(chunks).toBeLessThan(25);
  });

  it('accepts text/plain with a charset (the page-exit send)', async () => {
    const { handler } = setup();
    const res = await handler(post(valid(), { headers: { 'content-type': 'text/plain;charset=UTF-8' } }));
    expect(res.status).toBe(202);
  });
});

describe('CORS and origins', () => {
  it('answers a preflight for an allowed origin', async () => {
    const { handler } = setup({ allowedOrigins: ['https://shop.example', 'https://*.brand.example'] });
    const res = await handler(new Request('http://r.test/', { method: 'OPTIONS', headers: { origin: 'https://eu.brand.example', 'access-control-request-method': 'POST' } }));
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://eu.brand.example');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('content-type');
  });

  it('refuses other origins with a JSON 403, preflight or not', async () => {
    const { handler, store } = setup({ allowedOrigins: ['https://shop.example', /^https:\/\/[a-z]+\.preview\.example$/] });
    for (const origin of ['https://evil.example', 'https://shop.example.evil.example', 'http://shop.example']) {
      const res = await handler(post(valid(), { headers: { origin } }));
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'origin_not_allowed' });
      const pre = await handler(new Request('http://r.test/', { method: 'OPTIONS', headers: { origin } }));
      expect(pre.status).toBe(403);
    }
    expect((await handler(post(valid(), { headers: { origin: 'https://pr.preview.example' } }))).status).toBe(202);
    expect((await handler(post(valid(), { headers: { origin: 'https://shop.example' } }))).headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect((await store.list()).items).toHaveLength(2);
  });

  it('answers only its path when given one', async () => {
    const { handler } = setup({ path: '/feedback' });
    expect((await handler(post(valid(), { url: 'http://r.test/other' }))).status).toBe(404);
    expect((await handler(post(valid(), { url: 'http://r.test/feedback?x=1' }))).status).toBe(202);
  });

  it('rejects an origin rule that is not an origin', () => {
    expect(() => createHandler({ store: memoryStore(), allowedOrigins: ['shop.example'] })).toThrowError(/must be origins such as/);
  });
});

describe('idempotency', () => {
  it('stores an id once and answers a repeat with the same success', async () => {
    const { handler, store } = setup();
    const body = valid();
    const first = await handler(post(body));
    const second = await handler(post(body));
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    const firstBody = await first.json();
    expect(firstBody).toEqual({ id: (JSON.parse(body) as { id: string }).id, status: 'accepted' });
    // The read-back of "stored once" that earful check-receiver looks for.
    expect(await second.json()).toEqual({ ...firstBody, duplicate: true });
    expect((await store.list()).items).toHaveLength(1);
  });

  it('treats the same response with its keys in another order as a repeat', async () => {
    const { handler } = setup();
    const response = makeResponse();
    expect((await handler(post(response))).status).toBe(202);
    const reordered = Object.fromEntries(Object.entries(response).reverse());
    expect((await handler(post(reordered))).status).toBe(202);
  });

  it('answers 422 for the same id with a different body', async () => {
    const { handler, store } = setup();
    const response = makeResponse();
    await handler(post(response));
    const res = await handler(post({ ...response, answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 5 }] }));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: 'id_conflict' });
    expect((await store.get(response.id))?.response.answers).toEqual(response.answers);
  });

  it('stores once when the same id arrives three times at once', async () => {
    const onResponse = vi.fn();
    const { handler, store } = setup({ onResponse });
    const body = valid();
    const results = await Promise.all([handler(post(body)), handler(post(body)), handler(post(body))]);
    expect(results.map((r) => r.status)).toEqual([202, 202, 202]);
    expect((await store.list()).items).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(onResponse).toHaveBeenCalledTimes(1);
  });
});

describe('abuse guards', () => {
  it('answers a filled honeypot with 202 and stores nothing', async () => {
    const { handler, store } = setup();
    const response = makeResponse();
    const res = await handler(post({ ...response, _hp: 'http://spam.example' }));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ id: response.id, status: 'accepted' });
    expect((await store.list()).items).toEqual([]);
    expect((await handler(post({ ...makeResponse(), _hp: '' }))).status).toBe(202);
    expect((await store.list()).items).toHaveLength(1);
  });

  it('uses a configured honeypot name, or none', async () => {
    const named = setup({ honeypot: 'website' });
    await named.handler(post({ ...makeResponse(), website: 'x' }));
    expect((await named.store.list()).items).toHaveLength(0);
    const off = setup({ honeypot: false });
    await off.handler(post({ ...makeResponse(), _hp: 'x' }));
    expect((await off.store.list()).items).toHaveLength(1);
  });

  it('limits each IP with a token bucket and says when to retry', async () => {
    let now = 1_000_000;
    const { handler } = setup({ rateLimit: { perIp: { capacity: 2, refillPerSecond: 0.5 } }, now: () => now });
    const send = (ip: string) => handler(post(valid()), { ip });
    expect((await send('10.0.0.1')).status).toBe(202);
    expect((await send('10.0.0.1')).status).toBe(202);
    const limited = await send('10.0.0.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await send('10.0.0.2')).status).toBe(202);
    now += 2000;
    expect((await send('10.0.0.1')).status).toBe(202);
  });

  it('limits each survey', async () => {
    const { handler } = setup({ rateLimit: { perIp: false, perSurvey: { capacity: 1, refillPerSecond: 1 } } });
    expect((await handler(post(valid()))).status).toBe(202);
    const res = await handler(post(valid()));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await handler(post(makeResponse({ surveyId: 'other' })))).status).toBe(202);
  });

  it('counts an IPv6 client by its /64, so rotating addresses inside it buys nothing', async () => {
    const { handler } = setup({ rateLimit: { perIp: { capacity: 2, refillPerSecond: 0.01 }, perSurvey: false } });
    expect((await handler(post(valid()), { ip: '2001:db8:1:2::1' })).status).toBe(202);
    expect((await handler(post(valid()), { ip: '2001:db8:1:2::ffff' })).status).toBe(202);
    expect((await handler(post(valid()), { ip: '2001:db8:1:2:abcd::9' })).status).toBe(429);
    expect((await handler(post(valid()), { ip: '2001:db8:1:3::1' })).status).toBe(202);
  });

  it('spends no survey budget on an idempotent repeat', async () => {
    const { handler } = setup({ rateLimit: { perIp: false, perSurvey: { capacity: 2, refillPerSecond: 0.01 }, perSurveyTotal: false } });
    const body = valid();
    for (let i = 0; i < 5; i++) expect((await handler(post(body), { ip: '203.0.113.5' })).status).toBe(202);
    expect((await handler(post(valid()), { ip: '203.0.113.6' })).status).toBe(202);
    expect((await handler(post(valid()), { ip: '203.0.113.7' })).status).toBe(429);
  });

  it('caps many busy networks together, but never a quiet one', async () => {
    let now = 1_000_000;
    const { handler } = setup({
      now: () => now,
      rateLimit: { perIp: false, perSurvey: { capacity: 4, refillPerSecond: 0.01 }, perSurveyTotal: { capacity: 3, refillPerSecond: 1 } },
    });
    const statuses: number[] = [];
    for (let net = 1; net <= 5; net++) for (let i = 0; i < 4; i++) statuses.push((await handler(post(valid()), { ip: `198.51.${net}.${i + 1}` })).status);
    // Each network: 2 quiet requests; its busy ones share the ceiling of 3.
    expect(statuses.filter((s) => s === 202)).toHaveLength(5 * 2 + 3);
    const limited = await handler(post(valid()), { ip: '198.51.1.200' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('connection')).toBe('close');
    expect((await handler(post(valid()), { ip: '192.0.2.1' })).status).toBe(202);
    now += 1000; // the ceiling refills one token a second
    expect((await handler(post(valid()), { ip: '198.51.2.9' })).status).toBe(429); // its own bucket is empty
  });

  it('refuses a rate-limit policy that could never allow a request', () => {
    expect(() => createHandler({ store: memoryStore(), rateLimit: { perIp: { capacity: 0, refillPerSecond: 1 } } })).toThrowError(/rateLimit\.perIp must be/);
    expect(() => createHandler({ store: memoryStore(), rateLimit: { perSurveyTotal: { capacity: 5, refillPerSecond: 0 } } })).toThrowError(/rateLimit\.perSurveyTotal/);
  });

  it('reads the client IP from X-Forwarded-For only when told to trust the proxy', async () => {
    const trusting = setup({ trustProxy: true, rateLimit: { perIp: { capacity: 1, refillPerSecond: 0.1 }, perSurvey: false } });
    const via = (ip: string) => post(valid(), { headers: { 'x-forwarded-for': `1.1.1.1, ${ip}` } });
    expect((await trusting.handler(via('9.9.9.9'), { ip: '127.0.0.1' })).status).toBe(202);
    expect((await trusting.handler(via('9.9.9.8'), { ip: '127.0.0.1' })).status).toBe(202);
    expect((await trusting.handler(via('9.9.9.9'), { ip: '127.0.0.1' })).status).toBe(429);
  });

  it('checks a shared secret', async () => {
    const secret = 'a-very-long-shared-secret';
    const { handler, store } = setup({ auth: { type: 'shared-secret', secret } });
    expect((await handler(post(valid()))).status).toBe(401);
    expect((await handler(post(valid(), { headers: { authorization: 'Bearer wrong' } }))).status).toBe(401);
    expect((await handler(post(valid(), { headers: { authorization: `Bearer ${secret}` } }))).status).toBe(202);
    expect((await store.list()).items).toHaveLength(1);
  });

  it('checks an HMAC-signed body and refuses stale or altered ones', async () => {
    const secret = 'another-long-signing-secret';
    const { handler } = setup({ auth: { type: 'signature', secret } });
    const body = valid();
    expect((await handler(post(body, { headers: { 'earful-signature': signPayload(secret, body) } }))).status).toBe(202);
    const other = valid();
    expect((await handler(post(other, { headers: { 'earful-signature': signPayload(secret, body) } }))).status).toBe(401);
    const stale = signPayload(secret, other, Math.floor(Date.now() / 1000) - 3600);
    expect((await handler(post(other, { headers: { 'earful-signature': stale } }))).status).toBe(401);
    expect(() => createHandler({ store: memoryStore(), auth: { type: 'signature', secret: 'short' } })).toThrowError(/at least 16/);
  });
});

describe('after storing', () => {
  it('calls onResponse for every new response and onNegative for negative ones', async () => {
    const onResponse = vi.fn();
    const onNegative = vi.fn();
    const { handler } = setup({ onResponse, onNegative });
    const negative = makeResponse();
    const positive = makeResponse({ answers: [{ type: 'rating', questionId: 'q', scale: 'nps', value: 10 }] });
    await handler(post(negative));
    await handler(post(positive));
    await vi.waitFor(() => expect(onResponse).toHaveBeenCalledTimes(2));
    expect(onNegative).toHaveBeenCalledTimes(1);
    expect(onNegative.mock.calls[0]![0]).toEqual(negative);
    expect(onNegative.mock.calls[0]![1]).toMatchObject({ sentiment: 'negative', record: { id: negative.id } });
  });

  it('answers 202 even when a hook throws or never settles', async () => {
    const onError = vi.fn();
    const { handler } = setup({
      onError,
      onResponse: () => {
        throw new Error('hook broke');
      },
      onNegative: () => new Promise(() => {}),
    });
    expect((await handler(post(valid()))).status).toBe(202);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'hook broke' }), expect.objectContaining({ phase: 'hook' })));
  });

  it('answers 503 with Retry-After when the store fails, and 202 once it is back', async () => {
    const inner = memoryStore();
    let down = true;
    const store: ResponseStore = {
      ...inner,
      putIfAbsent: (record, alerts) => (down ? Promise.reject(new Error('disk full')) : inner.putIfAbsent(record, alerts)),
    };
    const handler = createHandler({ store, ...quiet });
    const body = valid();
    const res = await handler(post(body));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    down = false;
    expect((await handler(post(body))).status).toBe(202);
  });
});
