/**
 * Size check of the browser entries, measured on the built files bundled as an app would. Prints
 * the figures; fails past the budget, when classic zod (the large, chainable API) slips in, or
 * when any zod at all reaches the lean entry.
 */
import { existsSync } from 'node:fs';
import { bundleSize } from '@earful/devtools/size';
import { checkSizeBlock, kb, markdownTable } from '@earful/devtools/size-table';
import { expect, it } from 'vitest';

const dist = new URL('../dist/index.js', import.meta.url).pathname;
const lean = new URL('../dist/lean.js', import.meta.url).pathname;
// Everything the package exports: zod/mini itself is ~10 KB gzip of this. Raised from 17 KB to
// 18.5 KB for checkResponse (~1.9 KB), the zod-free validator that keeps zod out of the SDK; then
// to 19.5 KB for checkSafeRegex (~1.2 KB), moved here from the widget so that parseSurvey refuses
// the regex URL rules the widget would refuse. Apps import parts and tree-shake the rest.
const BUDGET_ALL = 19.5 * 1024;
// What a browser pays for sentiment and limits alone: no zod at all.
const BUDGET_NO_ZOD = 1.5 * 1024;
// Every zod-free rule (7.3 KB when set): checkResponse, checkSurvey, surveyNeedsProblems,
// checkSafeRegex, patterns and their words, errors, ids. An app pays only for what it imports.
// Raised by 32 B for FOLLOW_UP_SURVEY (28 B), the survey id the receiver and the inbox share.
const BUDGET_LEAN = 8 * 1024 + 32;

it('the built entries exist', () => {
  expect(existsSync(dist), 'run `pnpm build` first').toBe(true);
  expect(existsSync(lean), 'run `pnpm build` first').toBe(true);
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

it('the size table in README.md says what the built files measure', async () => {
  const measure = async (names: string, entry = dist) => (await bundleSize({ root: process.cwd(), code: `export ${names} from ${JSON.stringify(entry)};` })).gzip;
  const budget = (bytes: number) => `${bytes.toLocaleString('en-US')} B`;
  const table = markdownTable(
    ['what a browser app bundles (Vite, minified)', 'gzip', 'budget'],
    [
      ['everything exported (most of it zod/mini)', kb(await measure('*')), budget(BUDGET_ALL)],
      ['`checkResponse` + `ValidationError` (no zod)', kb(await measure('{ checkResponse, ValidationError }')), '—'],
      ['the sentiment functions and limits (no zod)', kb(await measure('{ responseSentiment, sentimentOf, RESPONSE_LIMITS, responseByteLength }')), budget(BUDGET_NO_ZOD)],
      ['everything in `@earful/schema/lean` (no zod)', kb(await measure('*', lean)), budget(BUDGET_LEAN)],
      ['`surveyNeedsProblems` (the widget\'s survey check, no zod)', kb(await measure('{ surveyNeedsProblems }', lean)), '—'],
    ],
  );
  checkSizeBlock({ file: new URL('../README.md', import.meta.url).pathname, name: 'schema', text: table, command: 'pnpm --filter @earful/schema exec vitest run test/size.test.ts' });
}, 30_000); // five bundles: past vitest's 5 s on a busy 2-core machine

it('the lean entry stays within budget and contains no zod at all', async () => {
  const { gzip, bytes, code } = await bundleSize({ root: process.cwd(), code: `export * from ${JSON.stringify(lean)};` });
  console.log(`@earful/schema/lean, everything: ${bytes} B minified, ${gzip} B gzip (budget ${BUDGET_LEAN})`);
  expect(gzip).toBeLessThanOrEqual(BUDGET_LEAN);
  // The whole entry is bundled, so every export is in `code`: a sign that the check sees it.
  expect(code).toContain('must be the id of an earlier question');
  expect(code).not.toMatch(/zod/i);
  expect(code).not.toMatch(/\$ZodType|ZodMini|_zod/);
});

it("the widget's browser check takes only its own rules from the lean entry", async () => {
  const { gzip, code } = await bundleSize({ root: process.cwd(), code: `export { surveyNeedsProblems } from ${JSON.stringify(lean)};` });
  console.log(`@earful/schema/lean, surveyNeedsProblems: ${gzip} B gzip`);
  expect(code).toContain('must be the id of an earlier question');
  // checkSafeRegex's and checkSurvey's own words: what the widget's chunk must not pay for.
  expect(code).not.toContain('uses a backreference');
  expect(code).not.toContain('text keys are letters, digits and dots');
});
