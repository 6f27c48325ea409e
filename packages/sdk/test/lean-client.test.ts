import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLeanClient, isHttpError, isValidationError, type EarfulClient } from '../src/index.js';
import { input, inputOfSize } from './fixtures.js';
import { endpointFor, Receiver, respond } from './handlers.js';
import { server } from './node-server.js';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const clients: EarfulClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
function lean(endpoint: string): EarfulClient {
  const c = createLeanClient({ endpoint, storage: 'memory', retry: { initialDelayMs: 1, maxDelayMs: 1 } });
  clients.push(c);
  return c;
}

describe('createLeanClient', () => {
  it('fills the generated fields and delivers like createClient', async () => {
    const endpoint = endpointFor('lean-ok');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, () => HttpResponse.json({ status: 'accepted' }, { status: 202 })));
    const result = await lean(endpoint).submit(input());
    expect(result.status).toBe('delivered');
    expect(receiver.hits[0]?.body).toMatchObject({ schemaVersion: 1, id: result.id, surveyId: 'checkout' });
  });

  it('leaves validation to the receiver: an invalid response is sent, and its 400 rejects submit()', async () => {
    const endpoint = endpointFor('lean-invalid');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, () => HttpResponse.json({ error: 'validation' }, { status: 400 })));
    const c = lean(endpoint);
    const bad = { surveyId: 'checkout', answers: [{ type: 'rating', questionId: 'q', scale: 'nps', value: 11 }] } as never;
    const error = await c.submit(bad).then(() => undefined, (e: unknown) => e);
    expect(isHttpError(error)).toBe(true);
    expect(receiver.hits).toHaveLength(1);
    expect(await c.pending()).toBe(0);
  });

  it('still refuses a response over the 16 KB wire limit, and queues nothing', async () => {
    const endpoint = endpointFor('lean-big');
    const receiver = new Receiver();
    server.use(respond(endpoint, receiver, () => HttpResponse.json({}, { status: 202 })));
    const c = lean(endpoint);
    const error = await c.submit(inputOfSize(17_000)).then(() => undefined, (e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/larger than 16384 bytes/);
    expect(receiver.hits).toHaveLength(0);
    expect(await c.pending()).toBe(0);
  });
});
