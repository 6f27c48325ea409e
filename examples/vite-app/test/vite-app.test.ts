/**
 * Builds the app with Vite against a real receiver on loopback, serves the build, and in
 * Chromium: a client-side navigation to /checkout/done opens the route-targeted survey (no
 * history patching involved), its answer is stored, and the cart page's own SDK call is delivered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '@earful/devtools/chromium';
import { memoryStore, startServer, type RunningServer } from '@earful/server';
import type { Browser } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const outDir = mkdtempSync(join(tmpdir(), 'earful-vite-app-'));
const store = memoryStore();
let receiver: RunningServer;
let server: PreviewServer;
let browser: Browser;
let appUrl = '';

beforeAll(async () => {
  receiver = await startServer({ store, port: 0 });
  process.env.VITE_EARFUL_ENDPOINT = receiver.endpoint;
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  appUrl = server.resolvedUrls!.local[0]!;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.httpServer.close(() => resolve()) : resolve()));
  await receiver?.close();
  rmSync(outDir, { recursive: true, force: true });
});

it('a client-side route change opens the targeted survey, and its answer is stored', async () => {
  const page = await browser.newPage();
  await page.goto(appUrl);
  await page.waitForTimeout(800);
  // Not on /checkout/done yet: nothing opens by itself.
  expect(await page.getByRole('radio').count()).toBe(0);
  await page.getByRole('link', { name: 'Place order' }).click();
  await page.getByText('How easy was it to place your order?').waitFor({ timeout: 10_000 });
  await page.getByRole('radio').first().click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox').fill('The address form lost what I typed.');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: 'Thank you', exact: true }).waitFor({ timeout: 10_000 });
  const { items } = await store.list({ surveyId: 'checkout-done' });
  expect(items).toHaveLength(1);
  expect(items[0]!.response.answers).toEqual([
    { type: 'rating', questionId: 'ease', scale: 'ces7', value: 1 },
    { type: 'text', questionId: 'why', value: 'The address form lost what I typed.' },
  ]);
  expect(items[0]!.response.context?.url).toMatch(/\/checkout\/done$/);
  await page.close();
});

it("the app's own SDK client delivers a rating from the cart page", async () => {
  const page = await browser.newPage();
  await page.goto(appUrl);
  await page.getByRole('link', { name: 'Cart' }).click();
  await page.getByRole('button', { name: /confusing/ }).click();
  await page.getByRole('button', { name: 'Thanks — sent' }).waitFor({ timeout: 10_000 });
  const { items } = await store.list({ surveyId: 'cart' });
  expect(items).toHaveLength(1);
  expect(items[0]!.sentiment).toBe('negative');
  await page.close();
});
