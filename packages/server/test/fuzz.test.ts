/**
 * Generated malformed bodies (≥ 10,000 in all) straight into the handler with a memory store:
 * whatever arrives, the answer is a 2xx or a 4xx — never a 5xx, never a throw.
 */
import { safeParseResponse } from '@earful/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHandler } from '../src/create-handler.js';
import { followUpLink } from '../src/follow-up/follow-up-link.js';
import { followUpRoutes } from '../src/follow-up/follow-up-routes.js';
import { memoryStore } from '../src/stores/memory.js';
import { makeRecord, makeResponse } from './support/fixtures.js';

const handler = createHandler({
  store: memoryStore(),
  rateLimit: false,
  onError: (error) => {
    throw new Error(`onError was called: ${String(error)}`);
  },
});
const statuses = new Map<number, number>();

async function send(body: string | Uint8Array<ArrayBuffer>, contentType = 'application/json'): Promise<number> {
  const response = await handler(new Request('http://r.test/', { method: 'POST', headers: { 'content-type': contentType }, body }));
  await response.arrayBuffer();
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  return response.status;
}

const noServerError = (status: number) => status >= 200 && status < 500;

// A valid response with one field replaced by anything JSON can hold.
const mutated = fc
  .record({
    path: fc.constantFrom('id', 'surveyId', 'createdAt', 'locale', 'answers', 'context', 'user', 'metadata', 'schemaVersion', '__proto__', 'constructor'),
    value: fc.jsonValue({ maxDepth: 4 }),
    answerField: fc.constantFrom('type', 'questionId', 'scale', 'value', 'values', 'email', 'consent', 'other'),
    inAnswer: fc.boolean(),
  })
  .map(({ path, value, answerField, inAnswer }) => {
    const response = makeResponse() as unknown as Record<string, unknown>;
    if (inAnswer) ((response.answers as Record<string, unknown>[])[0]!)[answerField] = value;
    else response[path] = value;
    return JSON.stringify(response);
  });

// Valid JSON text cut, spliced or flipped at a random place.
const corrupted = fc
  .record({ cut: fc.nat(), insert: fc.string({ maxLength: 8 }), keep: fc.boolean() })
  .map(({ cut, insert, keep }) => {
    const text = JSON.stringify(makeResponse());
    const at = cut % text.length;
    return keep ? text.slice(0, at) + insert + text.slice(at + 1) : text.slice(0, at);
  });

describe('fuzz: malformed bodies never get a 5xx', () => {
  it('random text (2,000 ASCII, 1,000 any Unicode)', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), async (s) => noServerError(await send(s))), { numRuns: 2000 });
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 60, unit: 'binary' }), async (s) => noServerError(await send(s, 'text/plain'))), { numRuns: 1000 });
  });

  it('random JSON values (2,500)', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (v) => noServerError(await send(JSON.stringify(v) ?? 'null', 'text/plain'))), {
      numRuns: 2500,
    });
  });

  it('valid responses with one field replaced (2,500)', async () => {
    await fc.assert(fc.asyncProperty(mutated, async (s) => noServerError(await send(s))), { numRuns: 2500 });
  });

  it('valid JSON cut or spliced (1,500)', async () => {
    await fc.assert(fc.asyncProperty(corrupted, async (s) => noServerError(await send(s))), { numRuns: 1500 });
  });

  it('random bytes (1,000)', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (b) => noServerError(await send(b))), { numRuns: 1000 });
  });

  it('sent 10,500 bodies, all answered 2xx or 4xx', () => {
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(10_000);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(statuses.get(400)).toBeGreaterThan(5000);
  });
});

describe('fuzz: the receiver accepts what the schema accepts, and stores the value it parses', () => {
  // The receiver checks with the zod-free checkResponse first (cheaper) and asks zod only about
  // what that refuses: its verdict and stored value must still be exactly zod's.
  it('valid responses with one field replaced (1,500): 202 exactly when zod accepts, with the value zod returns stored', async () => {
    const store = memoryStore();
    const receive = createHandler({ store, rateLimit: false });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(mutated, async (body) => {
        const zod = safeParseResponse(JSON.parse(body));
        const response = await receive(new Request('http://r.test/', { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
        await response.arrayBuffer();
        expect(response.status).toBe(zod.success ? 202 : 400);
        if (!zod.success) return;
        accepted += 1;
        const stored = await store.get(zod.data.id.toLowerCase());
        expect(stored?.response).toEqual({ ...zod.data, id: zod.data.id.toLowerCase() });
      }),
      { numRuns: 1500 },
    );
    // Enough of both verdicts for the property to mean something.
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('fuzz: the follow-up answer never gets a 5xx', () => {
  const store = memoryStore();
  const routes = followUpRoutes({
    store,
    widgetScript: false,
    rateLimit: false,
    onError: (error) => {
      throw new Error(`onError was called: ${String(error)}`);
    },
  });
  const seen = new Map<number, number>();
  async function answer(body: string, contentType: string): Promise<boolean> {
    // A fresh case and link each time, so every body meets the parser, not "already answered".
    const response = makeResponse();
    await store.putIfAbsent(makeRecord(response));
    const { token } = await followUpLink({ store, caseId: response.id, publicUrl: 'https://fb.example', ttlMs: 86_400_000, now: Date.now() });
    const reply = await routes(new Request(`http://r.test/follow-up/${token}`, { method: 'POST', headers: { 'content-type': contentType }, body }));
    await reply.arrayBuffer();
    seen.set(reply.status, (seen.get(reply.status) ?? 0) + 1);
    return reply.status < 500;
  }
  const widgetLike = fc
    .record({ value: fc.jsonValue({ maxDepth: 3 }), field: fc.constantFrom('value', 'scale', 'type', 'questionId') })
    .map(({ value, field }) => {
      const response = makeResponse({ surveyId: 'follow-up', answers: [{ type: 'rating', questionId: 'put-right', scale: 'thermometer4', value: 4 }] });
      (response.answers[0] as unknown as Record<string, unknown>)[field] = value;
      return JSON.stringify(response);
    });

  it('random JSON, forms and widget responses with one field replaced (1,500)', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (v) => answer(JSON.stringify(v) ?? 'null', 'application/json')), { numRuns: 600 });
    const form = fc.dictionary(fc.constantFrom('rating', 'text', '__proto__', 'constructor'), fc.string({ maxLength: 40 }));
    await fc.assert(fc.asyncProperty(form, async (f) => answer(new URLSearchParams(f).toString(), 'application/x-www-form-urlencoded')), { numRuns: 500 });
    await fc.assert(fc.asyncProperty(widgetLike, async (s) => answer(s, 'text/plain')), { numRuns: 400 });
    expect([...seen.keys()].filter((status) => status >= 500)).toEqual([]);
    expect(seen.get(400)).toBeGreaterThan(500);
  });
});
