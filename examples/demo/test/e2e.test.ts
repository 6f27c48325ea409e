/**
 * The whole loop in real Chromium, against the demo's own pieces on free loopback ports and the
 * BUILT widget: a Korean complaint typed on the shop page is delivered once, the widget thanks
 * only after delivery, one alert fires with the complaint text, and the inbox shows it. Then the
 * receiver is cut, a second complaint is saved offline, the page reloads, the receiver comes
 * back, and the complaint arrives exactly once. Screenshots go to test-results/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '@earful/devtools/chromium';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type Demo } from '../src/demo.js';

const SHOTS = new URL('../test-results/', import.meta.url).pathname;
const COMPLAINT = '배송이 일주일이나 늦었고 상자가 찢어져 있었어요.';
const SECOND = '두 번째 주문도 늦었어요.';
const dir = mkdtempSync(join(tmpdir(), 'earful-demo-e2e-'));
let demo: Demo;
let browser: Browser;

/** Polls `check` until it is true: at most `ms`, every 100 ms. */
async function until(check: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

async function storedTexts(): Promise<string[]> {
  const page = await demo.store.list({ limit: 100 });
  return page.items.flatMap((r) => r.response.answers.flatMap((a) => (a.type === 'text' ? [a.value] : [])));
}

async function complain(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Feedback' }).click();
  await page.getByRole('radio', { name: 'Very unsatisfied' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: 'Late delivery' }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: 'A refund' }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox', { name: 'Tell us more' }).fill(text);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: /you may contact me/ }).check();
  await page.getByRole('textbox', { name: 'Email' }).fill('min@example.com');
}

beforeAll(async () => {
  const widget = new URL('../../../packages/widget/dist/earful.js', import.meta.url);
  if (!existsSync(widget)) throw new Error('packages/widget/dist/earful.js is missing: run `pnpm build` first');
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo({ db: join(dir, 'feedback.db'), receiverPort: 0, shopPort: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a complaint goes from the shop page to the store, the alert and the inbox — once', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 820 }, locale: 'en-US' });
  const page = await context.newPage();
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(demo.shopUrl);
  await page.getByRole('button', { name: 'Feedback' }).waitFor();
  await page.screenshot({ path: `${SHOTS}1-shop.png` });

  await complain(page, COMPLAINT);
  await page.screenshot({ path: `${SHOTS}2-widget-open.png` });

  // Hold the delivery in flight: the widget must not thank anyone before the receiver's 2xx.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let posts = 0;
  await page.route(`${demo.endpoint}*`, async (route) => {
    if (route.request().method() === 'POST') {
      posts++;
      await held;
    }
    await route.continue();
  });
  await page.getByRole('button', { name: 'Send' }).click();
  await until(() => posts === 1, 10_000, 'the widget to POST the response');
  await page.waitForTimeout(300);
  expect(await page.getByRole('heading', { name: 'Thank you', exact: true }).count()).toBe(0);
  expect(await storedTexts()).toEqual([]);
  release();
  await page.getByRole('heading', { name: 'Thank you', exact: true }).waitFor({ timeout: 10_000 });
  await page.screenshot({ path: `${SHOTS}3-thank-you.png` });
  await page.unroute(`${demo.endpoint}*`);

  expect(await storedTexts()).toEqual([COMPLAINT]);
  await until(() => demo.feed.count >= 1, 5_000, 'the negative-feedback alert');
  expect(demo.feed.count).toBe(1);
  const alert = demo.feed.since(0)[0]!.payload;
  expect(alert.comments.map((c) => c.text)).toEqual([COMPLAINT]);
  expect(alert.contact).toEqual({ email: 'min@example.com' });
  expect(alert.sentiment).toBe('negative');

  // axe is injected as a script, which the inbox's own CSP would (rightly) block.
  const inboxContext = await browser.newContext({ viewport: { width: 1100, height: 820 }, bypassCSP: true });
  const inbox = await inboxContext.newPage();
  await inbox.goto(demo.inboxUrl);
  await inbox.getByText(COMPLAINT).first().waitFor();
  // The live alert list fills from the feed within a poll or two.
  await inbox.locator('#alerts .alert').first().waitFor({ timeout: 10_000 });
  expect(await inbox.locator('.response.negative').count()).toBe(1);
  await inbox.waitForTimeout(500); // let the alert's arrival animation finish before the picture
  await inbox.screenshot({ path: `${SHOTS}4-inbox.png`, fullPage: true });
  // The inbox is meant to be accessible: axe-core finds nothing, in light and dark.
  for (const colorScheme of ['light', 'dark'] as const) {
    await inbox.emulateMedia({ colorScheme });
    await inbox.addScriptTag({ content: axe.source });
    const result = (await inbox.evaluate(() => (window as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }).axe.run())) as {
      violations: { id: string }[];
    };
    expect(result.violations.map((v) => v.id), colorScheme).toEqual([]);
  }
  expect(violations).toEqual([]);
  await inboxContext.close();
  await context.close();
});

it('a complaint made while the receiver is down is saved, survives a reload, and arrives once', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 820 } });
  const page = await context.newPage();
  await page.goto(demo.shopUrl);
  await demo.stopReceiver();
  await complain(page, SECOND);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText(/Saved/).first().waitFor({ timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}5-saved-offline.png` });
  expect(await storedTexts()).toEqual([COMPLAINT]);

  await page.reload();
  await demo.startReceiver();
  // The queue is sent when the widget's client starts on the reloaded page.
  await until(async () => (await storedTexts()).length >= 2, 30_000, 'the queued complaint to arrive after the reload');
  await page.waitForTimeout(1_000);
  expect((await storedTexts()).sort()).toEqual([COMPLAINT, SECOND].sort());
  await until(() => demo.feed.count >= 2, 5_000, 'the second alert');
  expect(demo.feed.count).toBe(2);
  await context.close();
});

it('served with --host 0.0.0.0 --token, the sign-in link leaves a styled, live inbox and no token in the URL', async () => {
  const lanDemo = await startDemo({ db: join(dir, 'lan.db'), receiverPort: 0, shopPort: 0, host: '0.0.0.0', token: 'e2e-lan-token-93b1' });
  const context = await browser.newContext();
  try {
    // The browser stays on loopback: localhost is one of the printed addresses.
    const local = lanDemo.addresses.find((a) => a.host === 'localhost')!;
    const page = await context.newPage();
    const feedPolled = page.waitForRequest((r) => r.url().includes('/inbox/alerts.json'), { timeout: 10_000 });
    await page.goto(local.inboxUrl);
    expect(page.url()).not.toContain('token');
    expect(await page.getByRole('heading', { name: 'Earful inbox' }).count()).toBe(1);
    // The stylesheet loaded (it was a 403 before), and the page's script runs and polls the feed.
    expect(await page.evaluate(() => [...document.styleSheets].reduce((n, sheet) => n + sheet.cssRules.length, 0))).toBeGreaterThan(0);
    await feedPolled;
    expect(await page.content()).not.toContain('e2e-lan-token-93b1');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'earful_inbox', httpOnly: true, sameSite: 'Strict' });
  } finally {
    await context.close();
    await lanDemo.close();
  }
});

it('the NPS button opens the NPS survey in a modal', async () => {
  const page = await browser.newPage();
  await page.goto(demo.shopUrl);
  await page.getByRole('button', { name: 'How likely are you to recommend us?' }).click();
  await page.getByText('How likely are you to recommend Nordlys Tea to a friend?').waitFor({ timeout: 10_000 });
  expect(await page.getByRole('radio').count()).toBe(11);
  await page.screenshot({ path: `${SHOTS}6-nps.png` });
  await page.close();
});
