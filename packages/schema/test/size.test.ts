/**
 * Size check of the browser entry, measured on the built files bundled as an app would. Prints
 * the figures; fails past the budget or when classic zod (the large, chainable API) slips in.
 */
import { existsSync } from 'node:fs';
import { bundleSize } from '@earful/devtools/size';
import { expect, it } from 'vitest';

const dist = new URL('../dist/index.js', import.meta.url).pathname;
// Everything the package exports: zod/mini itself is ~10 KB gzip of this. Raised from 17 KB to
// 18.5 KB for checkResponse (~1.9 KB), the zod-free validator that keeps zod out of the SDK; then
// to 19.5 KB for checkSafeRegex (~1.2 KB), moved here from the widget so that parseSurvey refuses
// the regex URL rules the widget would refuse. Apps import parts and tree-shake the rest.
const BUDGET_ALL = 19.5 * 1024;
// What a browser pays for sentiment and limits alone: no zod at all.
const BUDGET_NO_ZOD = 1.5 * 1024;

it('the built entry exists', () => {
  expect(existsSync(dist), 'run `pnpm build` first').toBe(true);
});

it('the whole browser entry stays within budget and contains no classic zod', async () => {
  const { gzip, bytes, code } = await bundleSize({ root: process.cwd(), code: `export * from ${JSON.stringify(dist)};` });
  console.log(`@earful/schema, everything: ${bytes} B minified, ${gzip} B gzip (budget ${BUDGET_ALL})`);
  expect(gzip).toBeLessThanOrEqual(BUDGET_ALL);
  expect(code).toContain('ZodMiniObject');
  expect(code).not.toMatch(/["']ZodObject["']/);
});

it('sentiment and limits tree-shake away from zod', async () => {
  const { gzip, code } = await bundleSize({
    root: process.cwd(),
    code: `export { responseSentiment, sentimentOf, RESPONSE_LIMITS, responseByteLength } from ${JSON.stringify(dist)};`,
  });
  console.log(`@earful/schema, sentiment + limits: ${gzip} B gzip (budget ${BUDGET_NO_ZOD})`);
  expect(gzip).toBeLessThanOrEqual(BUDGET_NO_ZOD);
  expect(code).not.toContain('ZodMini');
});
