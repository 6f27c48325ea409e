/**
 * The API over real HTTP on loopback, as `earful serve` runs it: `startServer({ api: true })`
 * mounts `/api`, `/follow-up` and `/inbox`; cookies and CSRF work through node:http; long-lived
 * streams (Server-Sent Events) are neither cut by the header and body deadlines nor exempt from
 * the per-client connection limit, and stop when the client goes.
 */
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/api/auth/password.js';
import { mountInbox } from '../src/internal/mount-inbox.js';
import { memoryStore } from '../src/stores/memory.js';
import { startServer, type RunningServer } from '../src/start-server.js';

const PASSWORD = 'correct horse battery staple';
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('startServer with api', () => {
  it('serves the API behind sign-in, with cookies and the Origin check over real HTTP', async () => {
    const store = memoryStore();
    await store.auth.addUser({ email: 'ana@shop.example', passwordHash: await hashPassword(PASSWORD), createdAt: new Date().toISOString() });
    server = await startServer({ store, port: 0, api: { inbox: false } });
    const { url } = server;
    const anonymous = await fetch(`${url}/api/cases`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: string }).error).toBe('unauthorized');

    const signIn = await fetch(`${url}/api/session`, { method: 'POST', headers: { origin: url, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ana@shop.example', password: PASSWORD }) });
    expect(signIn.status).toBe(204);
    const cookies = signIn.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^earful_session=es_[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const cookie = cookies[0]!.split(';')[0]!;
    expect(await (await fetch(`${url}/api/session`, { headers: { cookie } })).json()).toEqual({ email: 'ana@shop.example' });
    const foreign = await fetch(`${url}/api/cases/00000000-0000-4000-8000-000000000000`, { method: 'PATCH', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' });
    expect(foreign.status).toBe(403);
    // The receiver still takes responses at its own path, without any credentials.
    expect((await fetch(server.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(400);
    // The follow-up pages are mounted (an unknown token is refused, not 404 from the server).
    const followUp = await fetch(`${url}/follow-up/not-a-token`);
    expect(followUp.status).not.toBe(404);
  });

  it('mounts the inbox at /inbox; without the package, /inbox says in one line how to get it', async () => {
    server = await startServer({ store: memoryStore(), port: 0, api: true });
    const inbox = await fetch(`${server.url}/inbox/`);
    // In this repository @earful/inbox is found (built: its page; not built: the one-line 404).
    expect(inbox.headers.get('content-type')).not.toContain('application/json');
    const missing = await (await mountInbox('@earful/no-such-inbox'))(new Request('http://127.0.0.1/inbox/'));
    expect(missing.status).toBe(404);
    const text = await missing.text();
    expect(text).toBe('The inbox is not installed: run "npm install @earful/inbox" next to @earful/server and restart.\n');
  });

  it('without api, /api is not there at all', async () => {
    server = await startServer({ store: memoryStore(), port: 0 });
    expect(server.api).toBeUndefined();
    expect((await fetch(`${server.url}/api/cases`)).status).toBe(404);
  });
});

describe('long-lived streams through startServer', () => {
  function ticking(state: { cancelled: boolean }, ticks: number, everyMs: number) {
    return async () => {
      let n = 0;
      let timer: NodeJS.Timeout | undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          const tick = () => {
            n += 1;
            controller.enqueue(new TextEncoder().encode(`data: ${n}\n\n`));
            if (n >= ticks) controller.close();
            else timer = setTimeout(tick, everyMs);
          };
          tick();
        },
        cancel() {
          state.cancelled = true;
          clearTimeout(timer);
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
    };
  }

  it('outlive the header and body deadlines, and arrive as they are written', async () => {
    const state = { cancelled: false };
    server = await startServer({ store: memoryStore(), port: 0, connections: { headersTimeoutMs: 300, bodyTimeoutMs: 300 }, routes: { '/stream': ticking(state, 8, 150) } });
    const started = Date.now();
    const response = await fetch(`${server.url}/stream`);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000); // headers come before the stream ends
    const text = await response.text();
    expect(text.match(/^data: \d+$/gm)).toHaveLength(8); // 8 ticks over ~1 s: past 300 + 300 ms
    expect(state.cancelled).toBe(false);
  });

  it('stop producing when the client goes', async () => {
    const state = { cancelled: false };
    server = await startServer({ store: memoryStore(), port: 0, routes: { '/stream': ticking(state, 1000, 50) } });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/stream`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    for (let i = 0; i < 100 && !state.cancelled; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.cancelled).toBe(true);
  });

  it('count against the per-client connection limit', async () => {
    const state = { cancelled: false };
    server = await startServer({ store: memoryStore(), port: 0, connections: { perIp: 2 }, routes: { '/stream': ticking(state, 1000, 100) } });
    const open = (): Promise<{ status: number | 'refused'; close: () => void }> =>
      new Promise((resolve) => {
        const req = httpRequest(`${server!.url}/stream`, { agent: false }, (res) => resolve({ status: res.statusCode ?? 0, close: () => req.destroy() }));
        req.on('error', () => resolve({ status: 'refused', close: () => {} }));
        req.end();
      });
    const first = await open();
    const second = await open();
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await open();
    expect(third.status).toBe('refused');
    first.close();
    second.close();
  });
});
