/**
 * The demo shop passes the id of the order it confirms: shop.js calls
 * `Earful('metadata', { orderId })`, so the stored response carries `metadata.orderId` — where
 * the receiver's alerts, reply templates and the inbox's queue read it — and the order page's URL
 * (`/orders/<id>`) is the page every response names. So whoever answers a complaint sees which
 * order it is about. Real Chromium, the BUILT widget, the demo's own receiver on free loopback
 * ports.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '@earful/devtools/chromium';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type Demo } from '../src/demo.js';
import { DEMO_ORDER_ID } from '../src/shop/shop-page.js';

const dir = mkdtempSync(join(tmpdir(), 'earful-demo-order-'));
let demo: Demo;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(new URL('../../../packages/widget/dist/earful.js', import.meta.url))) throw new Error('packages/widget/dist/earful.js is missing: run `pnpm build` first');
  [demo, browser] = await Promise.all([startDemo({ db: join(dir, 'feedback.db'), receiverPort: 0, shopPort: 0 }), launchChromium()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), demo?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

it('the shop page is the order page, and names its order', async () => {
  expect(new URL(demo.shopUrl).pathname).toBe(`/orders/${DEMO_ORDER_ID}`);
  const other = await fetch(new URL('/orders/B-2002', demo.shopUrl));
  expect(await other.text()).toContain('data-order-id="B-2002"');
  // Only plain ids become pages; anything else is not found (never echoed into the HTML).
  for (const path of ['/orders/%3Cscript%3E', '/orders/a/b', `/orders/${'9'.repeat(33)}`]) expect((await fetch(new URL(path, demo.shopUrl))).status, path).toBe(404);
});

it('a low NPS answer on the order page reaches the store and the inbox with the order id', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(demo.shopUrl);
  await page.getByRole('button', { name: 'How likely are you to recommend us?' }).click();
  await page.getByRole('radio', { name: /^2\b/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox').fill('The tin was dented.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('heading', { name: 'Thank you', exact: true }).waitFor({ timeout: 10_000 });

  const stored = (await demo.store.list({ limit: 10 })).items;
  expect(stored).toHaveLength(1);
  expect(stored[0]!.response.metadata).toEqual({ orderId: DEMO_ORDER_ID });
  expect(stored[0]!.response.context?.url).toBe(demo.shopUrl);

  const inbox = await context.newPage();
  await inbox.goto(await demo.signInLink());
  const row = inbox.locator('.row-link').filter({ hasText: 'The tin was dented.' });
  // The queue's row names the order: the inbox reads it from `metadata`.
  await row.locator('.order-id').getByText(DEMO_ORDER_ID, { exact: true }).waitFor({ timeout: 15_000 });
  await row.click();
  // The NPS survey's own prompt (the receiver has its definition), the score, and the order.
  const answers = inbox.locator('.answers');
  await answers.getByText('How likely are you to recommend Nordlys Tea to a friend?').waitFor({ timeout: 10_000 });
  const main = inbox.locator('main');
  await main.getByText(DEMO_ORDER_ID, { exact: true }).first().waitFor();
  expect(await main.textContent()).toContain(`/orders/${DEMO_ORDER_ID}`);
  await context.close();
});
