/**
 * Generated malformed bodies (≥ 10,000 in all) straight into the handler with a memory store:
 * whatever arrives, the answer is a 2xx or a 4xx — never a 5xx, never a throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHandler } from '../src/create-handler.js';
import { memoryStore } from '../src/stores/memory.js';
import { makeResponse } from './support/fixtures.js';

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
