/**
 * Serves public/index.html with the BUILT widget next to it, points it at a real receiver on
 * loopback, answers the inline survey in Chromium, and checks the stored response.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '@earful/devtools/chromium';
import { serveFiles, serveLoopback, type Loopback } from '@earful/devtools/loopback';
import { memoryStore, startServer, type RunningServer } from '@earful/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

const PUBLIC = new URL('../public/', import.meta.url).pathname;
const WIDGET = new URL('../../../packages/widget/dist/', import.meta.url).pathname;
let site: Loopback;
let receiver: RunningServer;
let browser: Browser;
let siteUrl = '';
const store = memoryStore();

beforeAll(async () => {
  if (!existsSync(join(WIDGET, 'earful.js'))) throw new Error('packages/widget/dist is missing: run `pnpm build` first');
  receiver = await startServer({ store, port: 0 });
  site = await serveLoopback(
    serveFiles(
      { '/': PUBLIC, '/earful/': WIDGET },
      // The page names the usual receiver port; point it at the one this test started.
      { rewrite: (file, body) => (file.endsWith('index.html') ? body.toString().replace('http://127.0.0.1:8787/responses', receiver.endpoint) : body) },
    ),
  );
  siteUrl = `${site.url}/`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await receiver?.close();
});

it('the inline survey shows, and an unhappy answer is stored with its reasons', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(siteUrl);
  await page.getByRole('button', { name: 'Delivery feedback' }).click();
  await page.getByText('How was your delivery?').waitFor();
  await page.getByRole('radio').first().click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: 'It was late' }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox').fill('Left at the wrong door.');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { name: 'Thank you', exact: true }).waitFor({ timeout: 10_000 });
  const { items } = await store.list();
  expect(items).toHaveLength(1);
  const answers = items[0]!.response.answers;
  expect(items[0]!.response.surveyId).toBe('delivery');
  expect(answers).toContainEqual({ type: 'rating', questionId: 'rating', scale: 'thermometer4', value: 1 });
  expect(answers).toContainEqual(expect.objectContaining({ type: 'choice', questionId: 'what', values: ['late'] }));
  expect(items[0]!.sentiment).toBe('negative');
  expect(errors, errors.join('\n')).toEqual([]);
  await page.close();
});
