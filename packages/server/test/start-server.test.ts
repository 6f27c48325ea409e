import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isConfigError, isServeError } from '../src/errors.js';
import { memoryStore } from '../src/stores/memory.js';
import { startServer } from '../src/start-server.js';
import { makeResponse } from './support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'earful-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startServer', () => {
  it('receives at /responses with SQLite, serves extra routes and /healthz', async () => {
    const server = await startServer({
      db: join(dir, 'serve.db'),
      port: 0,
      origins: ['https://shop.example'],
      routes: { '/inbox': async (request) => new Response(`inbox ${new URL(request.url).pathname}`) },
    });
    try {
      expect(server.endpoint).toBe(`${server.url}/responses`);
      const response = makeResponse();
      const res = await fetch(server.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(response) });
      expect(res.status).toBe(202);
      expect((await server.store.get(response.id))?.surveyId).toBe('checkout');
      expect(await (await fetch(`${server.url}/inbox/today`)).text()).toBe('inbox /inbox/today');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${server.url}/elsewhere`)).status).toBe(404);
      expect((await fetch(server.endpoint, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' })).status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('rejects a port in use with a ServeError and a store that is not given', async () => {
    const first = await startServer({ store: memoryStore(), port: 0 });
    try {
      await expect(startServer({ store: memoryStore(), port: first.port })).rejects.toSatisfy(isServeError);
      await expect(startServer({ port: 0 } as never)).rejects.toSatisfy(isConfigError);
    } finally {
      await first.close();
    }
  });
});
