/**
 * `pnpm demo` as a newcomer runs it: the BUILT `dist/main.js` in a child process on free ports.
 * It prints an "Inbox" line whose one-time link signs a browser in (once); each run prints a new
 * link for the same staff account, made on the first run with a password nobody knows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DEMO_STAFF_EMAIL } from '../src/demo.js';

const MAIN = new URL('../dist/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'earful-demo-sign-in-'));
const running = new Set<ChildProcess>();

afterAll(async () => {
  for (const child of running) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the demo until it has printed its addresses (at most 30 s); resolves to what it printed and a stop function. */
async function runDemo(args: string[]): Promise<{ output: string; stop(): Promise<number | null> }> {
  if (!existsSync(MAIN)) throw new Error('examples/demo/dist/main.js is missing: run `pnpm --filter @earful/example-demo build` first');
  const child = spawn(process.execPath, [MAIN, '--port', '0', '--shop-port', '0', '--db', join(dir, 'feedback.db'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => (running.delete(child), resolve(code))));
  const ready = await Promise.race([
    new Promise<boolean>((resolve) => {
      const check = () => (output.includes('Press Ctrl-C') ? resolve(true) : setTimeout(check, 50));
      check();
    }),
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000)),
  ]);
  const stop = () => {
    child.kill('SIGTERM');
    return exited;
  };
  if (!ready) await stop();
  return { output, stop };
}

const linksIn = (output: string) => [...output.matchAll(/https?:\/\/\S+\/inbox\/#login=[\w-]+/g)].map((m) => m[0]);

async function redeem(link: string): Promise<Response> {
  const url = new URL(link);
  return fetch(new URL('/api/session/link', url), {
    method: 'POST',
    headers: { origin: url.origin, 'content-type': 'application/json' },
    body: JSON.stringify({ token: url.hash.slice('#login='.length) }),
  });
}

it('prints an Inbox sign-in link that works once; the next run prints a new one for the same account', async () => {
  const first = await runDemo([]);
  expect(first.output).toContain('Earful demo is running.');
  expect(first.output).toMatch(/^ {2}Inbox {7}http:\/\/127\.0\.0\.1:\d+\/inbox\/#login=el_/m);
  expect(first.output).toContain(DEMO_STAFF_EMAIL);
  const [link, localhostLink] = linksIn(first.output);
  expect(localhostLink).toMatch(/^http:\/\/localhost:\d+\/inbox\/#login=/);

  const signedIn = await redeem(link!);
  expect(signedIn.status).toBe(200);
  expect(await signedIn.json()).toEqual({ email: DEMO_STAFF_EMAIL });
  const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
  const session = await fetch(new URL('/api/session', link), { headers: { cookie } });
  expect(await session.json()).toEqual({ email: DEMO_STAFF_EMAIL });
  const again = await redeem(link!);
  expect(again.status).toBe(410);
  expect((await again.json()).error).toBe('link_gone');
  expect(await first.stop()).toBe(0);

  // Same database: the account is there already, and a fresh link signs in to it.
  const second = await runDemo([]);
  const [next] = linksIn(second.output);
  expect(next).toBeDefined();
  expect(next).not.toBe(link);
  expect((await redeem(next!)).status).toBe(200);
  expect(await second.stop()).toBe(0);
}, 90_000);

it('no longer takes --token: a session is the only way into the inbox', async () => {
  const run = await runDemo(['--token', 'secret']);
  expect(run.output).toMatch(/earful demo: .*token.*try --help/);
  expect(await run.stop()).toBe(1);
});
