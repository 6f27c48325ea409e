/**
 * Whole pages in real Chromium (playwright-core against loopback servers): a reload in the middle
 * of a send, two pages sharing one queue, and a real page exit (keepalive budget, no preflight).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '@earful/devtools/chromium';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { input, inputOfSize } from '../fixtures.js';
import { AppServer, ReceiverServer } from './loopback.js';

const root = new URL('../..', import.meta.url).pathname;
const dist = new URL('../../dist/index.js', import.meta.url).pathname;

let browser: Browser;
let app: AppServer;
let receiver: ReceiverServer;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  app = await new AppServer().start(dist, root);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});
beforeEach(async () => {
  receiver = await new ReceiverServer().start();
  context = await browser.newContext();
});
afterEach(async () => {
  await context.close();
  await receiver.stop();
});

async function open(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${app.url}/?endpoint=${encodeURIComponent(receiver.url)}`);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  return page;
}

type PageWindow = Window & { client: { submit(i: unknown): Promise<{ id: string; status: string }>; pending(): Promise<number> }; queued(): number; lastId?: string };
const until = (check: () => void | Promise<void>) => vi.waitFor(check, { timeout: 10_000, interval: 50 });

describe('real pages', () => {
  it('a reload in the middle of a send: the response is sent again after the reload and stored once', async () => {
    receiver.mode = 'hang';
    const page = await open();
    await page.evaluate((body) => {
      const w = window as unknown as PageWindow;
      void w.client.submit(body).then((r) => (w.lastId = r.id));
    }, input());
    await until(() => expect(receiver.posts()).toHaveLength(1));
    const id = receiver.posts()[0]!.id!;
    expect(await page.evaluate(() => (window as unknown as PageWindow).queued())).toBe(1);

    receiver.mode = 'accept';
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    await until(async () => expect(await page.evaluate(() => (window as unknown as PageWindow).queued())).toBe(0));
    const json = receiver.posts(id).filter((p) => p.contentType === 'application/json');
    const exit = receiver.posts(id).filter((p) => p.contentType === 'text/plain;charset=UTF-8');
    // The hung attempt, then exactly one normal send by the reloaded page (plus at most one keepalive at unload).
    expect(json).toHaveLength(2);
    expect(exit.length).toBeLessThanOrEqual(1);
    expect([...receiver.stored]).toEqual([id]);
  });

  it('two pages of one browser going online together deliver each id once', async () => {
    const first = await open();
    const second = await open();
    await context.setOffline(true);
    const ids = await first.evaluate(async (body) => {
      const w = window as unknown as PageWindow;
      const out: string[] = [];
      for (let i = 0; i < 10; i++) out.push((await w.client.submit(body)).id);
      return out;
    }, input());
    expect(receiver.posts()).toHaveLength(0);
    expect(await second.evaluate(() => (window as unknown as PageWindow).queued())).toBe(10);

    await context.setOffline(false);
    // Both pages react to `online` at the same moment (dispatched as well, in case emulation fires none).
    await Promise.all([first, second].map((p) => p.evaluate(() => window.dispatchEvent(new Event('online')))));
    await until(() => expect(receiver.stored.size).toBe(10));
    await until(async () => expect(await second.evaluate(() => (window as unknown as PageWindow).queued())).toBe(0));
    const posts = receiver.posts();
    expect(posts.map((p) => p.id).sort()).toEqual([...ids].sort());
  });

  it('page exit: 20 × 10 KB queued → 5 keepalive requests within 60,000 bytes, text/plain, no OPTIONS; the rest stays queued', async () => {
    receiver.mode = 'fail';
    const page = await open();
    const body = inputOfSize(10_240);
    const ids = await page.evaluate(async (b) => {
      const w = window as unknown as PageWindow;
      const out: string[] = [];
      for (let i = 0; i < 20; i++) out.push((await w.client.submit(b)).id);
      return out;
    }, body);
    await until(() => expect(receiver.posts()).toHaveLength(20));
    expect(receiver.log.some((l) => l.method === 'OPTIONS')).toBe(true); // normal JSON sends do preflight

    receiver.mode = 'accept';
    const before = receiver.log.length;
    await page.goto('about:blank');
    await until(() => expect(receiver.log.length - before).toBe(5));
    await new Promise((resolve) => setTimeout(resolve, 500)); // nothing else trickles in
    const exit = receiver.log.slice(before);
    expect(exit.map((l) => l.method)).toEqual(['POST', 'POST', 'POST', 'POST', 'POST']);
    expect(exit.every((l) => l.contentType === 'text/plain;charset=UTF-8')).toBe(true);
    // The oldest five (they travel in parallel, so they may arrive in any order).
    expect(exit.map((l) => l.id).sort()).toEqual(ids.slice(0, 5).sort());

    // The next visit sends what did not fit (and, at least once, what went out at exit).
    const next = await open();
    await until(() => expect(receiver.stored.size).toBe(20));
    await until(async () => expect(await next.evaluate(() => (window as unknown as PageWindow).queued())).toBe(0));
  });
});
