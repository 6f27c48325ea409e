/**
 * Two receiver PROCESSES on one PostgreSQL (the scale-out path of issue 11): the same response
 * posted to both at once is stored once, an overdue negative case fires one overdue alert across
 * both, and an SSE client on one receiver sees a case change made through the other's API.
 * The children run the built package (support/postgres-receiver.mjs); `pnpm build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '../src/api/auth/accounts.js';
import { postgresStore } from '../src/stores/postgres.js';
import { makeResponse } from './support/fixtures.js';
import { serveChild } from './support/serve-child.js';
import { usePostgres } from './support/postgres-harness.js';

const SCRIPT = fileURLToPath(new URL('./support/postgres-receiver.mjs', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/stores/postgres.js', import.meta.url));

interface Receiver {
  readonly endpoint: string;
  readonly origin: string;
  readonly child: ChildProcess;
  output(): string;
}

/** Starts one receiver process and resolves once it listens (at most 20 s). */
function startReceiver(url: string, hook: string): Promise<Receiver> {
  const child = spawn(process.execPath, [SCRIPT, url, hook], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the receiver did not start within 20 s: ${output}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the receiver exited (${String(code)}) before listening: ${output}`));
    });
    child.stdout!.on('data', () => {
      const endpoint = /receiving responses at (\S+)/.exec(output)?.[1];
      if (!endpoint) return;
      clearTimeout(timer);
      resolve({ endpoint, origin: new URL(endpoint).origin, child, output: () => output });
    });
  });
}

async function stopReceiver(receiver: Receiver | undefined): Promise<void> {
  if (!receiver || receiver.child.exitCode !== null || receiver.child.signalCode !== null) return;
  const exited = new Promise((resolve) => receiver.child.once('exit', resolve));
  receiver.child.kill('SIGTERM');
  const timer = setTimeout(() => receiver.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const db = usePostgres('two_receivers');
let url: string;
let hookServer: Server;
const hooks: { type: string; id: string }[] = [];
let a: Receiver;
let b: Receiver;

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`pnpm --filter @earful/server build\` before the tests`);
  url = await db.freshDatabase();
  // The webhook sink both receivers alert: it records what arrived.
  hookServer = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      try {
        const payload = JSON.parse(body) as { type: string; response?: { id: string }; id?: string };
        hooks.push({ type: payload.type, id: payload.response?.id ?? payload.id ?? '' });
      } catch {
        hooks.push({ type: 'unreadable', id: body.slice(0, 80) });
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
  // Started one after the other: the second finds the schema made (both racing is the store test's job).
  a = await startReceiver(url, hook);
  b = await startReceiver(url, hook);
}, 120_000);

afterAll(async () => {
  await Promise.all([stopReceiver(a), stopReceiver(b)]);
  await new Promise((resolve) => hookServer?.close(resolve));
}, 60_000);

const post = (receiver: Receiver, body: unknown) =>
  fetch(receiver.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function count(sql: string, params: unknown[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql, params)).rows[0]!.n);
  } finally {
    await client.end();
  }
}

describe('two receiver processes on one PostgreSQL', () => {
  it('stores a response posted to both at once once: one plain 202, one duplicate', async () => {
    const response = makeResponse({
      answers: [{ type: 'rating', questionId: 'q1', scale: 'csat5', value: 5 }] as never,
    });
    const replies = await Promise.all([post(a, response), post(b, response)]);
    expect(replies.map((r) => r.status)).toEqual([202, 202]);
    const bodies = (await Promise.all(replies.map((r) => r.json()))) as { duplicate?: boolean }[];
    expect(bodies.filter((body) => body.duplicate === true)).toHaveLength(1);
    expect(bodies.filter((body) => body.duplicate === undefined)).toHaveLength(1);
    expect(await count('SELECT count(*) AS n FROM earful_responses WHERE id = $1', [response.id])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM earful_cases WHERE id = $1', [response.id])).toBe(1);
  });

  it('fires one overdue alert in total for an overdue negative case, though both receivers sweep', async () => {
    const response = makeResponse(); // negative (csat 2): first response due 1 minute after arrival
    expect((await post(a, response)).status).toBe(202);
    const about = (type: string) => hooks.filter((h) => h.id === response.id && h.type === type);
    await vi.waitFor(() => expect(about('earful.response.negative')).toHaveLength(1), { timeout: 10_000, interval: 100 });
    // Time passes for both receivers (see support/postgres-receiver.mjs).
    for (const receiver of [a, b]) receiver.child.kill('SIGUSR2');
    await vi.waitFor(() => expect(a.output() + b.output()).toMatch(/clock moved[\s\S]*clock moved/), { timeout: 5000 });
    await vi.waitFor(() => expect(about('earful.case.overdue').length).toBeGreaterThan(0), { timeout: 15_000, interval: 100 });
    // Both receivers poll every 100 ms: give them many more chances to fire it again.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(about('earful.case.overdue')).toHaveLength(1);
    expect(about('earful.response.negative')).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM earful_timeline WHERE case_id = $1 AND type = 'overdue'`, [response.id])).toBe(1);
  }, 30_000);

  it('streams to an SSE client on one receiver a case change made through the other', async () => {
    const response = makeResponse();
    expect((await post(b, response)).status).toBe(202);
    const store = postgresStore(url);
    const { key } = await createApiKey(store, { name: 'two-receivers', readOnly: false, now: Date.now() }).finally(() => store.close());
    const auth = { authorization: `Bearer ${key}` };

    const controller = new AbortController();
    const events = await fetch(`${a.origin}/api/events`, { headers: auth, signal: controller.signal });
    expect(events.status).toBe(200);
    const reader = events.body!.getReader();
    let text = '';
    const seen = (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    })().catch(() => {});
    try {
      await vi.waitFor(() => expect(text).toContain(': connected'), { timeout: 5000 });
      // The stream is open on A; a's LISTEN connection opened with it. Change the case through B.
      const patched = await fetch(`${b.origin}/api/cases/${response.id}`, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/json', 'if-match': '"1"' },
        body: JSON.stringify({ assignee: 'ana@shop.example' }),
      });
      expect(patched.status).toBe(200);
      expect(((await patched.json()) as { case: { version: number } }).case.version).toBe(2);
      const expected = `data: ${JSON.stringify({ type: 'case', id: response.id, version: 2 })}`;
      await vi.waitFor(() => expect(text).toContain(expected), { timeout: 10_000, interval: 50 });
      expect(text).toContain('event: case');
    } finally {
      controller.abort();
      await seen;
    }
  }, 30_000);

  it('does the same through `earful serve --postgres <url>`: two CLI receivers store a double post once', async () => {
    const cliUrl = await db.freshDatabase();
    // One after the other, like the children above: the first makes the schema.
    const first = await serveChild(['--postgres', cliUrl]);
    const second = await serveChild(['--postgres', cliUrl]).catch(async (error: unknown) => {
      await first.stop();
      throw error;
    });
    try {
      const response = makeResponse();
      const send = (endpoint: string) => fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(response) });
      const replies = await Promise.all([send(first.endpoint), send(second.endpoint)]);
      expect(replies.map((r) => r.status)).toEqual([202, 202]);
      const bodies = (await Promise.all(replies.map((r) => r.json()))) as { duplicate?: boolean }[];
      expect(bodies.filter((body) => body.duplicate === true)).toHaveLength(1);
      const client = new pg.Client({ connectionString: cliUrl });
      await client.connect();
      try {
        expect((await client.query('SELECT id FROM earful_responses')).rows).toEqual([{ id: response.id }]);
        expect((await client.query('SELECT id, status FROM earful_cases')).rows).toEqual([{ id: response.id, status: 'new' }]);
      } finally {
        await client.end();
      }
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  }, 60_000);
});
