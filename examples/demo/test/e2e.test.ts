/**
 * The whole loop in real Chromium, against the demo's own pieces on free loopback ports, the
 * BUILT widget and the BUILT inbox: the printed sign-in link opens the inbox signed in; a Korean
 * complaint typed on the shop page is delivered once, the widget thanks only after delivery, and
 * the complaint appears in the open queue live (no reload), with a toast; opened, it shows the
 * reasons by their labels in the response's language and the order it is about. Then the
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
import { DEMO_ORDER_ID } from '../src/shop/shop-page.js';

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
  for (const built of ['widget/dist/earful.js', 'inbox/dist/app/index.html']) {
    if (!existsSync(new URL(`../../../packages/${built}`, import.meta.url))) throw new Error(`packages/${built} is missing: run \`pnpm build\` first`);
  }
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo({ db: join(dir, 'feedback.db'), receiverPort: 0, shopPort: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a complaint goes from the shop page to the store and, live, into the signed-in inbox — once', async () => {
  // The inbox first, opened with the link the demo prints, and left open on the queue.
  const inboxContext = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US', bypassCSP: true });
  const inbox = await inboxContext.newPage();
  const inboxProblems: string[] = [];
  inbox.on('pageerror', (error) => inboxProblems.push(error.message));
  await inbox.goto(await demo.signInLink());
  await inbox.getByRole('heading', { name: 'Cases' }).waitFor({ timeout: 15_000 });
  await inbox.getByText('No responses yet').waitFor();
  // The token left the address bar, and the live stream is open before anything arrives.
  expect(inbox.url()).toBe(demo.inboxUrl + '#/cases');
  await expect.poll(() => inbox.evaluate(() => document.querySelector('.live-offline') === null)).toBe(true);
  // A mark on this document: still there later means the queue updated without a reload.
  await inbox.evaluate(() => ((window as unknown as { demoMark: number }).demoMark = 7));

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
  const sentAt = Date.now();
  release();
  await page.getByRole('heading', { name: 'Thank you', exact: true }).waitFor({ timeout: 10_000 });
  await page.screenshot({ path: `${SHOTS}3-thank-you.png` });
  await page.unroute(`${demo.endpoint}*`);
  expect(await storedTexts()).toEqual([COMPLAINT]);
  expect(violations).toEqual([]);

  // The open queue shows it by itself, with a quiet toast and the count in the tab's title.
  const row = inbox.locator('.row-link').first();
  await row.waitFor({ timeout: 10_000 });
  console.log(`live update: the complaint showed in the open inbox ${Date.now() - sentAt} ms after the receiver was let answer`);
  expect(await row.textContent()).toContain(COMPLAINT);
  await inbox.locator('.toasts').getByText(/New negative case/).waitFor({ timeout: 5_000 });
  await expect.poll(() => inbox.title(), { timeout: 5_000 }).toBe('(1) Earful inbox');
  expect(await inbox.evaluate(() => (window as unknown as { demoMark?: number }).demoMark)).toBe(7);
  expect(await inbox.locator('.row-link').count()).toBe(1);
  await inbox.screenshot({ path: `${SHOTS}4-inbox-queue.png`, fullPage: true });

  // Opened: the reasons and the remedy by their labels in the response's language (the shop
  // page is English), never their ids; the order it is about; the consented contact.
  const [stored] = (await demo.store.list({ limit: 1 })).items;
  expect(stored!.response.locale).toBe('en');
  await row.click();
  const answers = inbox.locator('.answers');
  await answers.getByText('Late delivery', { exact: true }).waitFor({ timeout: 10_000 });
  await answers.getByText('A refund', { exact: true }).waitFor();
  const choices = await answers.locator('.choices li').allTextContents();
  expect(choices).toEqual(expect.arrayContaining(['Late delivery', 'A refund']));
  for (const id of ['late', 'refund']) expect(choices).not.toContain(id);
  expect(await answers.textContent()).toContain(COMPLAINT);
  const main = inbox.locator('main');
  await main.getByText(DEMO_ORDER_ID, { exact: true }).first().waitFor();
  await main.getByText(`/orders/${DEMO_ORDER_ID}`).first().waitFor();
  await main.getByText('min@example.com').first().waitFor();
  for (const dismiss of await inbox.locator('.toasts button').all()) await dismiss.click();
  await inbox.screenshot({ path: `${SHOTS}5-inbox-case.png`, fullPage: true });
  // The inbox as the demo serves it is accessible: axe-core finds nothing, in light and dark.
  for (const colorScheme of ['light', 'dark'] as const) {
    await inbox.emulateMedia({ colorScheme });
    await inbox.addScriptTag({ content: axe.source });
    const result = (await inbox.evaluate(() => (window as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }).axe.run())) as {
      violations: { id: string }[];
    };
    expect(result.violations.map((v) => v.id), colorScheme).toEqual([]);
  }
  expect(inboxProblems).toEqual([]);
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
  await page.screenshot({ path: `${SHOTS}6-saved-offline.png` });
  expect(await storedTexts()).toEqual([COMPLAINT]);

  await page.reload();
  await demo.startReceiver();
  // The queue is sent when the widget's client starts on the reloaded page.
  await until(async () => (await storedTexts()).length >= 2, 30_000, 'the queued complaint to arrive after the reload');
  await page.waitForTimeout(1_000);
  expect((await storedTexts()).sort()).toEqual([COMPLAINT, SECOND].sort());
  await context.close();
});

it('served with --host 0.0.0.0, the localhost sign-in link opens the inbox signed in, once, and leaves no token behind', async () => {
  const lanDemo = await startDemo({ db: join(dir, 'lan.db'), receiverPort: 0, shopPort: 0, host: '0.0.0.0' });
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    // The browser stays on loopback: localhost is one of the printed addresses.
    const local = lanDemo.addresses.find((a) => a.host === 'localhost')!;
    const link = await lanDemo.signInLink(local);
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Cases' }).waitFor({ timeout: 15_000 });
    expect(page.url()).not.toContain('login=');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'earful_session', httpOnly: true, sameSite: 'Strict' });

    // The same link in a fresh browser: used up, so it asks for a sign-in and shows no case.
    const other = await browser.newContext({ locale: 'en-US' });
    const second = await other.newPage();
    await second.goto(link);
    await second.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    await second.getByText(/sign-in link has expired or was used already/).waitFor();
    expect(await second.getByRole('heading', { name: 'Cases' }).count()).toBe(0);
    await second.screenshot({ path: `${SHOTS}8-used-link.png` });
    await other.close();
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
  await page.screenshot({ path: `${SHOTS}7-nps.png` });
  await page.close();
});
