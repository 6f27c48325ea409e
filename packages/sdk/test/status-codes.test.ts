/**
 * The status-code table: for each answer of the endpoint, how many attempts are made and where
 * the response ends (delivered, queued for later, or dropped with the submit rejected).
 */
import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient, isHttpError, type DropReason, type EarfulClient } from '../src/index.js';
import { input } from './fixtures.js';
import { endpointFor, Receiver, respond } from './handlers.js';
import { server } from './node-server.js';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const clients: EarfulClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.destroy()));

/** Fails the first two attempts with `status`, then accepts: retried codes need 3 attempts. */
async function run(status: number) {
  const endpoint = endpointFor(`status-${status}`);
  const receiver = new Receiver();
  server.use(respond(endpoint, receiver, (n) => (n <= 2 ? new HttpResponse(null, { status }) : HttpResponse.json({}, { status: 202 }))));
  const drops: { reason: DropReason; status?: number }[] = [];
  let deliveredAfter = 0;
  const client = createClient({
    endpoint,
    storage: 'memory',
    retry: { initialDelayMs: 0, jitter: 'none' },
    onDrop: (reason, item) => drops.push({ reason, status: item.status }),
    onDelivered: ({ attempts }) => (deliveredAfter = attempts),
  });
  clients.push(client);
  let first: string;
  try {
    first = (await client.submit(input())).status;
  } catch (error) {
    first = isHttpError(error) ? `rejected ${error.status}` : `threw ${String(error)}`;
  }
  // Retries are due at once (initialDelayMs 0): the backoff timer or flush() sends them.
  await vi.waitFor(async () => expect(await client.pending()).toBe(0), { timeout: 5_000, interval: 5 });
  return { first, attempts: receiver.attempts(), stored: receiver.stored.size, drops, deliveredAfter };
}

describe('status-code table', () => {
  const delivered = [200, 201, 202, 204];
  const retried = [408, 425, 429, 500, 502, 503, 504, 507, 599];
  const rejected = [400, 401, 403, 404, 405, 409, 410, 415, 422, 451, 501, 505];

  it.each(delivered)('%i → delivered on the first attempt', async (status) => {
    expect(await run(status)).toEqual({ first: 'delivered', attempts: 1, stored: 1, drops: [], deliveredAfter: 1 });
  });

  it.each(retried)('%i → queued, retried, delivered on attempt 3', async (status) => {
    expect(await run(status)).toEqual({ first: 'queued', attempts: 3, stored: 1, drops: [], deliveredAfter: 3 });
  });

  it.each(rejected)('%i → dropped as rejected after 1 attempt, submit rejects with HttpError', async (status) => {
    expect(await run(status)).toEqual({ first: `rejected ${status}`, attempts: 1, stored: 0, drops: [{ reason: 'rejected', status }], deliveredAfter: 0 });
  });

  it('413 → dropped as too_large after 1 attempt, submit rejects with HttpError', async () => {
    expect(await run(413)).toEqual({ first: 'rejected 413', attempts: 1, stored: 0, drops: [{ reason: 'too_large', status: 413 }], deliveredAfter: 0 });
  });

  it('a network error → queued, retried, delivered', async () => {
    const endpoint = endpointFor('network');
    const receiver = new Receiver();
    let n = 0;
    server.use(respond(endpoint, receiver, () => (++n <= 2 ? HttpResponse.error() : HttpResponse.json({}, { status: 202 }))));
    const errors: string[] = [];
    const client = createClient({ endpoint, storage: 'memory', retry: { initialDelayMs: 0 }, onRetry: ({ error }) => errors.push(error.code) });
    clients.push(client);
    expect((await client.submit(input())).status).toBe('queued');
    await vi.waitFor(async () => expect(await client.pending()).toBe(0), { timeout: 5_000, interval: 5 });
    expect(errors).toEqual(['network', 'network']);
    expect(receiver.stored.size).toBe(1);
  });

  it('a refusal on a later attempt drops through onDrop only (the submit already resolved queued)', async () => {
    const endpoint = endpointFor('late-refusal');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, (n) => new HttpResponse(null, { status: n === 1 ? 503 : 400 })));
    const onDrop = vi.fn();
    const client = createClient({ endpoint, storage: 'memory', retry: { initialDelayMs: 0 }, onDrop });
    clients.push(client);
    expect((await client.submit(input())).status).toBe('queued');
    await vi.waitFor(() => expect(onDrop).toHaveBeenCalledTimes(1), { timeout: 5_000, interval: 5 });
    expect(onDrop.mock.calls[0]?.[0]).toBe('rejected');
    expect(await client.pending()).toBe(0);
    expect(receiver.attempts()).toBe(2);
  });
});
