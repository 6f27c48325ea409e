import { afterEach, describe, expect, it } from 'vitest';
import { createHandler } from '../src/create-handler.js';
import { memoryStore } from '../src/stores/memory.js';
import { toNodeListener } from '../src/to-node-listener.js';
import { makeResponse } from './support/fixtures.js';
import { serveLoopback } from '@earful/devtools/loopback';
import { rawRequest } from './support/loopback.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(options: Parameters<typeof createHandler>[0] = { store: memoryStore() }) {
  const handler = createHandler({ onError: () => {}, ...options });
  const server = await serveLoopback(toNodeListener(handler));
  close = server.close;
  return server.url;
}

describe('toNodeListener', () => {
  it('stores over node:http, with CORS headers and keep-alive', async () => {
    const store = memoryStore();
    const url = await serve({ store, allowedOrigins: ['https://shop.example'] });
    const response = makeResponse();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://shop.example' }, body: JSON.stringify(response) });
    expect(res.status).toBe(202);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(await res.json()).toEqual({ id: response.id, status: 'accepted' });
    expect(await store.get(response.id)).toBeDefined();
    const forbidden = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body: '{}' });
    expect(forbidden.status).toBe(403);
  });

  it('answers 413 to a declared oversize body without reading it', async () => {
    const url = await serve();
    const head = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n';
    const { answer, chunksSent } = await rawRequest(url, head, 'x'.repeat(1024), 10_000);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(chunksSent).toBeLessThan(10_000);
  });

  it('answers 413 to a chunked body once it passes 16 KB, and stops reading', async () => {
    const url = await serve();
    const head = 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
    const chunk = `400\r\n${' '.repeat(1024)}\r\n`;
    const { answer, chunksSent } = await rawRequest(url, head, chunk, 5000);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(chunksSent).toBeLessThan(5000);
  });

  it('serves any Fetch-API handler too', async () => {
    const server = await serveLoopback(toNodeListener(async (request) => new Response(`${request.method} ${new URL(request.url).pathname} ${await request.text()}`)));
    close = server.close;
    const res = await fetch(`${server.url}/echo?x=1`, { method: 'POST', body: 'hi' });
    expect(await res.text()).toBe('POST /echo hi');
  });
});
