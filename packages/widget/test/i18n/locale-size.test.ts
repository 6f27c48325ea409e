/**
 * Each locale is its own chunk (a literal `import()` in load-messages.ts), so a visitor downloads
 * one. This bundles every locale module the way a browser app would and checks its gzip size;
 * the sizes are printed for the release notes.
 */
import { fileURLToPath } from 'node:url';
import { bundleSize } from '@earful/devtools/size';
import { checkSizeBlock, kbRange } from '@earful/devtools/size-table';
import { expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../../src/i18n/supported-locales.js';

/** Budget per locale chunk, gzip bytes (the largest are Ukrainian, Telugu and Russian; the test prints each). */
const LOCALE_CHUNK_BUDGET = 2_300;
const root = fileURLToPath(new URL('../..', import.meta.url));

it('keeps every locale chunk within its gzip budget', { timeout: 120_000 }, async () => {
  const rows: string[] = [];
  const others: number[] = [];
  for (const locale of SUPPORTED_LOCALES) {
    const file = JSON.stringify(fileURLToPath(new URL(`../../src/locales/${locale}.ts`, import.meta.url)));
    const code = `export { default } from ${file};`;
    const { bytes, gzip } = await bundleSize({ root, code });
    if (locale !== 'en') others.push(gzip);
    rows.push(`${locale.padEnd(8)} ${String(bytes).padStart(6)} B min  ${String(gzip).padStart(5)} B gzip`);
    expect(gzip, `${locale} chunk`).toBeLessThanOrEqual(LOCALE_CHUNK_BUDGET);
    expect(gzip, `${locale} chunk is suspiciously small`).toBeGreaterThan(800);
  }
  console.log(`locale chunks:\n${rows.join('\n')}`);
  // docs/languages.md gives the range of the languages other than English.
  checkSizeBlock({ file: fileURLToPath(new URL('../../../../docs/languages.md', import.meta.url)), name: 'esm-locale-chunk', text: kbRange(others), command: 'pnpm --filter @earful/widget exec vitest run test/i18n/locale-size.test.ts' });
});
