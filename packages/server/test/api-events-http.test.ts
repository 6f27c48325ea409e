/**
 * `GET /api/events` over real HTTP through `startServer`: a response posted to the receiver
 * reaches an open event stream (the latency is printed, not asserted), a client that disconnects
 * takes its store listener with it, and closing the server ends open streams.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { createApiKey } from '../src/api/auth/accounts.js';
import { startServer, type RunningServer } from '../src/start-server.js';
import { memoryStore } from '../src/stores/memory.js';
import { readUntil } from './support/api-harness.js';
import { makeResponse } from './support/fixtures.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

it('delivers a new response to an open stream over HTTP, and lets go when the client does', async () => {
  const store = memoryStore();
  server = await startServer({ store, port: 0, api: true });
  const { key } = await createApiKey(store, { name: 'live', readOnly: true, now: Date.now() });
  const stops: ReturnType<typeof vi.fn>[] = [];
  const watch = store.watch.bind(store);
  vi.spyOn(store, 'watch').mockImplementation((listener) => {
    const stop = vi.fn(watch(listener));
    stops.push(stop);
    return stop;
  });

  const controller = new AbortController();
  const events = await fetch(`${server.url}/api/events`, { headers: { authorization: `Bearer ${key}` }, signal: controller.signal });
  expect(events.status).toBe(200);
  const reader = events.body!.getReader();
  const seen = { text: '' };
  await readUntil(reader, (t) => t.includes(': connected'), seen);

  const response = makeResponse();
  const posted = Date.now();
  const accepted = await fetch(server.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(response) });
  expect(accepted.status).toBe(202);
  await readUntil(reader, (t) => t.includes(`"id":"${response.id}"`), seen);
  console.log(`SSE: a posted response reached the open stream ${Date.now() - posted} ms after the POST was sent (loopback, memory store)`);
  expect(seen.text).toContain('event: response\ndata: {"type":"response"');

  const listening = stops.filter((stop) => stop.mock.calls.length === 0);
  expect(listening.length).toBeGreaterThan(0);
  controller.abort();
  await reader.cancel().catch(() => undefined);
  const deadline = Date.now() + 5000;
  while (stops.some((stop) => stop.mock.calls.length === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(stops.every((stop) => stop.mock.calls.length === 1)).toBe(true);
});

it('ends open streams when the server closes', async () => {
  const store = memoryStore();
  server = await startServer({ store, port: 0, api: true });
  const { key } = await createApiKey(store, { name: 'live', readOnly: true, now: Date.now() });
  const events = await fetch(`${server.url}/api/events`, { headers: { authorization: `Bearer ${key}` } });
  const reader = events.body!.getReader();
  await reader.read();
  const closing = server.close();
  server = undefined;
  await closing;
  const end = await reader.read().catch(() => ({ done: true }));
  expect(end.done).toBe(true);
});
