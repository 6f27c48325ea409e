/**
 * The follow-up page in real Chromium: with the widget's script build it enhances the form (and
 * its CSP lets it run: no violation is reported); with JavaScript off, the plain form answers.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from '@earful/devtools/chromium';
import { serveLoopback, type Loopback } from '@earful/devtools/loopback';
import type { Browser } from 'playwright-core';
import { followUpLink } from '../src/follow-up/follow-up-link.js';
import { followUpRoutes } from '../src/follow-up/follow-up-routes.js';
import { memoryStore } from '../src/stores/memory.js';
import { toNodeListener } from '../src/to-node-listener.js';
import { makeRecord, makeResponse } from './support/fixtures.js';

const hasChromium = (() => {
  try {
    return Boolean(findChromium());
  } catch {
    return false;
  }
})();
const widgetScript = fileURLToPath(new URL('../../widget/dist/earful.js', import.meta.url));
// axe-core is the inbox's dev dependency; the workspace resolves it from there.
const axeScript = (() => {
  try {
    return createRequire(new URL('../../inbox/package.json', import.meta.url)).resolve('axe-core/axe.min.js');
  } catch {
    return undefined;
  }
})();
const store = memoryStore();
let server: Loopback;
let browser: Browser;

async function newCase(locale: string) {
  const response = makeResponse({ locale });
  await store.putIfAbsent(makeRecord(response));
  const link = await followUpLink({ store, caseId: response.id, publicUrl: server.url, ttlMs: 86_400_000, now: Date.now() });
  return { caseId: response.id, url: link.url };
}

async function answerOf(caseId: string) {
  const found = await store.getCase(caseId);
  const responseId = found?.case.followUp?.responseId;
  return responseId ? (await store.get(responseId))?.response : undefined;
}

describe.skipIf(!hasChromium)('the follow-up page in Chromium', () => {
  beforeAll(async () => {
    server = await serveLoopback(toNodeListener(followUpRoutes({ store, widgetScript, onError: () => {} })));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the widget takes over the form and sends the answer; the CSP blocks nothing it needs', async () => {
    const { caseId, url } = await newCase('ko');
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(url);
    const gold = page.getByRole('radio', { name: '금색, 매우 만족' });
    await gold.waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('#follow-up-form').isHidden()).toBe(true);
    await gold.click();
    await page.getByRole('button', { name: '다음' }).click();
    await page.locator('#earful-follow-up textarea').fill('<img src=x onerror=alert(1)> 고맙습니다');
    await page.locator('#earful-follow-up button[type=submit]').click();
    await expect.poll(() => answerOf(caseId), { timeout: 15_000 }).toMatchObject({
      surveyId: 'follow-up',
      metadata: { followUpOf: caseId },
      answers: [{ scale: 'thermometer4', value: 4 }, { value: '<img src=x onerror=alert(1)> 고맙습니다' }],
    });
    expect((await store.getCase(caseId))?.case.followUp?.sentiment).toBe('positive');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('with JavaScript off, the form answers and the thank-you page follows', async () => {
    const { caseId, url } = await newCase('lv');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByLabel('Zaļš').check();
    await page.getByLabel('Vai vēl kaut kas mums būtu jāzina? (nav obligāti)').fill('Paldies!');
    await page.getByRole('button', { name: 'Nosūtīt' }).click();
    await page.getByRole('heading', { name: 'Paldies' }).waitFor();
    expect(await answerOf(caseId)).toMatchObject({ answers: [{ value: 3 }, { value: 'Paldies!' }] });
    // Back: the link now thanks instead of asking again.
    await page.goBack();
    expect(await page.getByRole('heading', { name: 'Paldies' }).count()).toBe(1);
    await context.close();
  }, 60_000);

  it.skipIf(!axeScript)('axe finds no WCAG 2.2 AA violation: question, problem and message pages, light and dark, 375 px and 1280 px', async () => {
    // The plain page (no widget): the form is what every customer can reach.
    const plain = await serveLoopback(toNodeListener(followUpRoutes({ store, widgetScript: false, onError: () => {} })));
    const url = (await newCase('te')).url.replace(server.url, plain.url);
    const pages = [
      { name: 'question', go: (page: import('playwright-core').Page) => page.goto(url) },
      {
        name: 'problem',
        go: async (page: import('playwright-core').Page) => {
          await page.goto(url);
          // Sent without a colour (the browser's own check skipped): the page comes back with the message.
          await page.evaluate(() => document.querySelectorAll('input').forEach((input) => input.removeAttribute('required')));
          await page.getByRole('button', { name: 'పంపండి' }).click();
          await page.getByRole('alert').waitFor();
        },
      },
      { name: 'invalid link', go: (page: import('playwright-core').Page) => page.goto(`${plain.url}/follow-up/forged`) },
    ];
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [375, 1280]) {
        const context = await browser.newContext({ colorScheme, viewport: { width, height: 800 }, bypassCSP: true });
        const page = await context.newPage();
        for (const { name, go } of pages) {
          await go(page);
          await page.addScriptTag({ path: axeScript! });
          const violations = await page.evaluate(async () => {
            const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
            const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
            return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
          });
          for (const violation of violations) found.push(`${name}, ${colorScheme}, ${width} px: ${violation}`);
        }
        await context.close();
      }
    }
    await plain.close();
    expect(found).toEqual([]);
  }, 120_000);
});
