/**
 * End to end: the BUILT app (`pnpm --filter @earful/inbox build`) in Chromium against a REAL
 * receiver — `startServer` with SQLite, the JSON API, the follow-up pages and a real SMTP server
 * in-process — through the whole recovery loop: sign in → a complaint arrives while the queue is
 * open (live; the title counts it) → open it (labels in Korean) → assign, note → reply from the
 * Korean template (the SMTP server receives it, UTF-8 intact) → resolve with `refund` → follow-up
 * link → answered "gold" on the follow-up page → the dashboard shows 100 % recovery and the time
 * to first response → the receiver restarts and the open inbox reconnects by itself. Also: a
 * request from another origin changes nothing, and signing out ends the session on the server.
 * Prints the live-update latency; screenshots of every view (light, dark, 375 px) go to
 * test-results/e2e/.
 *
 * The receiver comes from the server package's sources (a test-only path: the inbox itself knows
 * the server only through `/api`).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '@earful/devtools/chromium';
import { serveLoopback, type Loopback } from '@earful/devtools/loopback';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/api/auth/password.js';
import { startServer, type RunningServer } from '../../server/src/start-server.js';
import { startSmtpSink, type SmtpSink } from '../../server/test/support/smtp-sink.js';
import { inboxRoutes } from '../src/serve.js';
import { complaintSurvey, koreanComplaint } from './support/fake-api.js';

const APP = fileURLToPath(new URL('../dist/app/', import.meta.url));
const SHOTS = fileURLToPath(new URL('../test-results/e2e/', import.meta.url));
const PASSWORD = 'correct horse battery staple';
const EMAIL = 'ana@shop.example';

let dir: string;
let sink: SmtpSink;
let server: RunningServer;
let port = 0;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let elsewhere: Loopback;
let firstCaseId = '';

async function start(): Promise<RunningServer> {
  return startServer({
    db: join(dir, 'feedback.db'),
    port,
    routes: { '/inbox': inboxRoutes({ basePath: '/inbox', root: APP }) },
    api: { inbox: false, smtp: sink.url, from: 'care@shop.example', surveys: [complaintSurvey] },
  });
}

async function shoot(name: string, options: { toasts?: boolean } = {}): Promise<void> {
  const viewport = page.viewportSize()!;
  if (!options.toasts) for (const dismiss of await page.locator('.toasts button').all()) await dismiss.click();
  await page.screenshot({ path: join(SHOTS, `inbox-${name}-light-1280.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(SHOTS, `inbox-${name}-dark-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  // Nothing wider than a phone's screen (no sideways scrolling).
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#app *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}`),
  );
  expect(wide.join("\n"), `${name} at 375 px`).toBe("");
  await page.screenshot({ path: join(SHOTS, `inbox-${name}-dark-375.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: join(SHOTS, `inbox-${name}-light-375.png`), fullPage: true });
  await page.setViewportSize(viewport);
}

const post = (body: unknown) => fetch(server.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the inbox against a real receiver', () => {
  beforeAll(async () => {
    if (!existsSync(join(APP, 'index.html'))) throw new Error('dist/app is missing: run `pnpm --filter @earful/inbox build` before the tests');
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'earful-inbox-e2e-'));
    sink = await startSmtpSink();
    server = await start();
    port = server.port;
    await server.store.auth.addUser({ email: EMAIL, passwordHash: await hashPassword(PASSWORD), createdAt: new Date().toISOString() });
    // Another origin (another loopback address is another site) for the cross-origin check.
    elsewhere = await serveLoopback((_req, res) => res.end('<!doctype html><title>elsewhere</title>'), { host: '127.0.0.2' });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    page = await context.newPage();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await elsewhere?.close();
    await server?.close();
    await sink?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('works a complaint from arrival to a won-back customer', async () => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });

    // Sign in (a wrong password first: a plain message).
    await page.goto(`${server.url}/inbox/`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That email and password do not match an account').waitFor();
    await shoot('sign-in');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    await page.getByText('No responses yet').waitFor();
    // The live stream is open before the complaint is sent.
    await expect.poll(() => page.evaluate(() => document.querySelector('.live-offline') === null)).toBe(true);
    await page.waitForTimeout(300);

    // A complaint arrives while the queue is open.
    const complaint = koreanComplaint({ createdAt: new Date().toISOString() });
    firstCaseId = complaint.id;
    const sentAt = Date.now();
    expect((await post(complaint)).status).toBeLessThan(300);
    await page.locator('.row-link').first().waitFor({ timeout: 10_000 });
    const latency = Date.now() - sentAt;
    console.log(`live update: the new case showed in the open queue ${latency} ms after the POST (loopback, SSE)`);
    await expect.poll(() => page.title(), { timeout: 5_000 }).toBe('(1) Earful inbox');
    await page.locator('.toasts').getByText('New negative case: 배송이 3주나 늦었고').waitFor();
    await shoot('queue', { toasts: true });

    // Open it: labels in Korean.
    await page.locator('.row-link').first().click();
    await page.getByRole('heading', { name: /^Order complaint, / }).waitFor();
    const answers = page.locator('.answers');
    await answers.getByText('배송 지연').waitFor();
    expect(await answers.locator('.choices li').first().getAttribute('lang')).toBe('ko');
    expect(await answers.textContent()).not.toContain('late');

    // Assign, note.
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.locator('.timeline').getByText(`Assigned to ${EMAIL}`).waitFor();
    await page.getByLabel('Internal note (the customer never sees it)').fill('Courier lost the parcel; refund agreed with Minji.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.timeline').getByText('Courier lost the parcel').waitFor();

    // Reply from the Korean template, edited before sending; the SMTP server receives it.
    await expect.poll(() => page.locator('#reply-template option').count()).toBeGreaterThan(1);
    await page.locator('#reply-template').selectOption({ index: 1 });
    const subject = await page.locator('#reply-subject').inputValue();
    expect(subject).toMatch(/\p{Script=Hangul}/u);
    const body = await page.locator('#reply-body').inputValue();
    expect(body).toMatch(/\p{Script=Hangul}/u);
    // Filled with the receiver's rule: no markup left for the customer to read.
    for (const text of [subject, body]) expect(text).not.toMatch(/\[\[|\]\]|[{}|]/);
    expect(body).toContain('김민지');
    await page.locator('#reply-body').fill(`${body}\n\n내일 오전에 환불이 처리됩니다.`);
    await page.getByRole('button', { name: 'Send reply' }).click();
    const mail = await sink.next();
    expect(mail.envelope.to).toEqual(['minji@example.com']);
    expect(mail.header('subject')).toBe(subject);
    expect(mail.text).toContain('내일 오전에 환불이 처리됩니다.');
    await page.locator('.timeline').getByText('Reply sent to minji@example.com').waitFor();

    // Resolve with remedy refund.
    await page.locator('#case-status').selectOption('resolved');
    await page.locator('#case-remedy').selectOption('refund');
    await page.getByRole('button', { name: 'Save status' }).click();
    await page.locator('.badges').getByText('Refund').waitFor();
    await page.locator('.badges').getByText('Resolved').waitFor();

    // Follow-up: a link, answered "gold" on the follow-up page (here with JavaScript off: the form).
    await page.getByRole('button', { name: 'Make a follow-up link' }).click();
    const link = await page.locator('#follow-up-url').inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/follow-up/`));
    await shoot('case');
    const customer = await browser.newContext({ javaScriptEnabled: false, locale: 'ko-KR' });
    const followUpPage = await customer.newPage();
    await followUpPage.goto(link);
    await followUpPage.getByLabel(/금색/).check();
    await followUpPage.locator('button[type=submit]').click();
    await followUpPage.getByRole('heading').first().waitFor();
    await customer.close();
    await page.locator('.timeline').getByText('Follow-up answered: Positive').waitFor({ timeout: 10_000 });

    // The dashboard: recovery 100 %, the time to first response.
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const figure = (label: string) => page.locator('.figure', { has: page.locator('dt', { hasText: label }) }).locator('.figure-value');
    await expect.poll(() => figure('Recovery rate').textContent()).toBe('100%');
    expect(await figure('Time to first response').textContent()).not.toBe('not enough data yet');
    // The complaint only: the follow-up answer is part of its case, not a new response or open case.
    expect(await figure('Responses').textContent()).toBe('1');
    expect(await figure('Open cases').textContent()).toBe('0');
    await shoot('dashboard');

    // The receiver restarts; the open dashboard reconnects by itself and counts a new response.
    await server.close();
    await page.locator('.live-offline').waitFor({ timeout: 10_000 });
    server = await start();
    await page.locator('.live-offline').waitFor({ state: 'detached', timeout: 20_000 });
    const reconnectedAt = Date.now();
    expect((await post(koreanComplaint({ createdAt: new Date().toISOString() }))).status).toBeLessThan(300);
    await expect.poll(() => figure('Responses').textContent(), { timeout: 10_000 }).toBe('2');
    console.log(`after a receiver restart: counts updated ${Date.now() - reconnectedAt} ms after the POST`);
    expect(problems).toEqual([]);
  }, 180_000);

  it('a request from another origin changes nothing; signing out ends the session on the server', async () => {
    const id = firstCaseId;
    const before = (await server.store.getCase(id))!.case.version;
    const other = await context.newPage();
    await other.goto(`${elsewhere.url}/`);
    const outcome = await other.evaluate(async ([url, caseId]) => {
      try {
        const r = await fetch(`${url}/api/cases/${caseId}`, { method: 'PATCH', credentials: 'include', headers: { 'content-type': 'application/json', 'if-match': '1' }, body: '{"status":"spam"}' });
        return `status ${r.status}`;
      } catch (error) {
        return `blocked: ${String(error)}`;
      }
    }, [server.url, id] as const);
    await other.close();
    expect(outcome).toMatch(/blocked|status 40[13]/);
    expect((await server.store.getCase(id))!.case.version).toBe(before);

    const cookie = (await context.cookies(server.url)).find((c) => c.name === 'earful_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the inbox' }).waitFor();
    const reused = await fetch(`${server.url}/api/session`, { headers: { cookie: `earful_session=${cookie!.value}` } });
    expect(reused.status).toBe(401);
  }, 60_000);
});
