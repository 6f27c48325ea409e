/**
 * Size budgets of the BUILT script-tag files (run `pnpm build` first), held as a ratchet: a
 * ceiling may only go down (lower it with every cut; never raise it without a reason written
 * here). What a page downloads:
 * - a page view where nobody shows intent to open a launcher survey: the loader only, ≤ 1,024 B;
 * - to show a launcher survey: loader + the chunk of the visitor's locale (Preact, the panel,
 *   styles, that locale's words and the SDK), ≤ 25,600 B in EVERY locale;
 * - to show a survey that opens by itself: loader + the `-auto` chunk (the same plus reach),
 *   ≤ 29,700 B;
 * in at most 2 script requests, whatever the language or trigger. Also: no Preact and no
 * imports in the loader, no classic zod and no `@preact/signals` in any browser output. The
 * figures are printed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSize } from '@earful/devtools/size';
import { checkSizeBlock, kb, kbRange, markdownTable } from '@earful/devtools/size-table';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const LOCALE_FILES = readdirSync(new URL('../src/locales/', import.meta.url))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));
const LOADER_BUDGET = 1_024;
// The first target (15,360 B, docs/architecture.md) is below what Preact and the SDK weigh before
// any UI (docs/decisions/003-one-chunk-per-locale.md); these are the budgets that replaced it.
// 25,600 B: made room for 25 locales and the remedy step by swapping @preact/signals (2.7 KB)
// for src/parts/bundled-signals.ts in the chunks.
// The aim the budgets ratchet towards (printed, not asserted).
const AIM = 20_480;
const SHOW_CEILING = 25_600;
const SHOW_AUTO_CEILING = 29_700;

function read(path: string): string {
  if (!existsSync(join(DIST, path))) throw new Error(`dist/${path} is missing: run \`pnpm --filter @earful/widget build\` before the tests`);
  return readFileSync(join(DIST, path), 'utf8');
}

/** Static `import … from './x.js'` and dynamic `import('./x.js')` of a chunk: each a request. */
function imports(code: string): string[] {
  return [...code.matchAll(/(?:(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?|\bimport\s*\(\s*)["'`]\.{1,2}\/([^"'`]+)["'`]/g)].map((m) => m[1]!);
}

describe('bundle budgets (built files)', () => {
  const loader = read('earful.js');
  const loaderGzip = gzipSize(loader);
  const chunks = LOCALE_FILES.flatMap((locale) =>
    ['', '-auto'].map((auto) => {
      const file = `script/earful-ui-${locale}${auto}.js`;
      const code = read(file);
      return { locale, auto: auto !== '', name: `${locale}${auto}`, file, code, total: loaderGzip + gzipSize(code) };
    }),
  );
  const reachChunks = readdirSync(join(DIST, 'script')).filter((f) => f.startsWith('reach-'));
  const largest = chunks.reduce((a, b) => (b.total > a.total ? b : a));

  it('prints the figures', () => {
    console.log(`loader dist/earful.js: ${loaderGzip} B gzip (budget ${LOADER_BUDGET})`);
    console.log('to show a survey and send it: 2 script requests, dist/earful.js + script/earful-ui-<locale>[-auto].js (one locale and the SDK inside; -auto adds reach):');
    for (const c of chunks.filter((c) => !c.auto)) {
      const auto = chunks.find((a) => a.auto && a.locale === c.locale)!;
      console.log(`  ${c.locale.padEnd(7)} ${c.total} B gzip; with a trigger or targeting (-auto): ${auto.total} B`);
    }
    const reachSizes = reachChunks.map((f) => gzipSize(read(`script/${f}`)));
    console.log(`  later, only for a second survey with a trigger: script/reach-<locale>.<hash>.js, ${Math.min(...reachSizes)}–${Math.max(...reachSizes)} B gzip`);
    for (const auto of [false, true]) {
      const list = chunks.filter((c) => c.auto === auto).sort((a, b) => a.total - b.total);
      console.log(`loader + ${auto ? '-auto' : 'launcher'} chunk: ${list[0]!.total} B (${list[0]!.locale}) to ${list.at(-1)!.total} B (${list.at(-1)!.locale}); ceiling ${auto ? SHOW_AUTO_CEILING : SHOW_CEILING}`);
    }
    console.log(`largest: ${largest.total} B (${largest.name}) — the aim ${AIM}: ${largest.total <= AIM ? 'met' : `${largest.total - AIM} B to go`}`);
    expect(chunks.length).toBeGreaterThanOrEqual(30);
  });
  it(`loader is at most ${LOADER_BUDGET} B gzip`, () => {
    expect(loaderGzip).toBeLessThanOrEqual(LOADER_BUDGET);
  });
  it('builds two chunks per locale that import nothing before a survey shows: 2 script requests', () => {
    const names = readdirSync(join(DIST, 'script')).filter((f) => !reachChunks.includes(f));
    expect(names.sort()).toEqual(chunks.map((c) => c.file.slice('script/'.length)).sort());
    for (const c of chunks) {
      // The only import of a chunk: reach, lazily, in the chunk that does not carry it.
      const lazy = reachChunks.filter((f) => f.startsWith(`reach-${c.locale}.`));
      expect(lazy, c.file).toHaveLength(1);
      expect(imports(c.code), c.file).toEqual(c.auto ? [] : lazy);
      expect(c.code, c.file).not.toMatch(/(?:^|[;}\s])import\s*[\w*{]/);
    }
    for (const f of reachChunks) expect(imports(read(`script/${f}`)), f).toEqual([`earful-ui-${/^reach-(.+)\.[^.]+\.js$/.exec(f)![1]}.js`]);
  });
  it('the import detector sees static and dynamic chunk imports (so the check above can fail)', () => {
    expect(imports(`import{a as b}from"./sdk-x.js";const c=()=>import("./reach-y.js");`)).toEqual(['sdk-x.js', 'reach-y.js']);
  });
  it('each chunk carries its own locale and no other', () => {
    const ko = chunks.find((c) => c.name === 'ko-auto')!.code;
    const en = chunks.find((c) => c.name === 'en')!.code;
    expect(ko).toContain('의견 보내기');
    expect(ko).not.toContain('Very unsatisfied');
    expect(en).toContain('Very unsatisfied');
    expect(en).not.toContain('의견 보내기');
  });
  it(`loader + launcher chunk is at most ${SHOW_CEILING} B gzip in every locale, loader + -auto chunk at most ${SHOW_AUTO_CEILING} B`, () => {
    for (const c of chunks) expect(c.total, c.name).toBeLessThanOrEqual(c.auto ? SHOW_AUTO_CEILING : SHOW_CEILING);
  });
  it('the chunks carry src/parts/bundled-signals.ts, not @preact/signals (2.7 KB more)', () => {
    for (const c of chunks) expect(c.code, c.name).not.toMatch(/Cycle detected|preact-signals/);
  });
  it('the loader contains no Preact and imports nothing statically', () => {
    expect(loader).not.toMatch(/Symbol\.for\(["'`]pv["'`]\)|__k|preact/);
    expect(loader).not.toMatch(/(?:^|[;}\s])import\s*[\w*{]|\bexport\b/);
  });
  it('the size table in README.md and the figures in docs/ say what the built files measure', () => {
    const command = 'pnpm --filter @earful/widget exec vitest run test/size.test.ts';
    const gzipOf = (auto: boolean) => chunks.filter((c) => c.auto === auto).map((c) => c.total - loaderGzip);
    const totalsOf = (auto: boolean) => chunks.filter((c) => c.auto === auto).map((c) => c.total);
    const budget = (bytes: number) => `budget ${bytes.toLocaleString('en-US')} B`;
    const table = markdownTable(
      ['file', 'gzip', 'when'],
      [
        ['`earful.js` (loader, no Preact)', kb(loaderGzip), `on page load; ${budget(LOADER_BUDGET)}`],
        ['`script/earful-ui-<locale>.js`: Preact, panel, styles, that locale\'s words, the SDK client', kbRange(gzipOf(false)), 'on intent: pointer over or focus on the launcher, or `Earful(\'open\')`'],
        ['`script/earful-ui-<locale>-auto.js`: the same plus reach, for a survey with a `trigger` or `targeting`', kbRange(gzipOf(true)), 'when the browser is idle'],
        ['`script/reach-<locale>.<hash>.js`', kbRange(reachChunks.map((f) => gzipSize(read(`script/${f}`)))), 'only for a second survey of the page that has a trigger'],
        ['**loader + launcher chunk**, to show a survey', kbRange(totalsOf(false)), `${budget(SHOW_CEILING)} in every locale`],
        ['**loader + `-auto` chunk**, for a survey that opens by itself', kbRange(totalsOf(true)), budget(SHOW_AUTO_CEILING)],
      ],
    );
    checkSizeBlock({ file: fileURLToPath(new URL('../README.md', import.meta.url)), name: 'widget', text: table, command });
    const extra = chunks.filter((c) => c.auto).map((a) => a.total - chunks.find((c) => !c.auto && c.locale === a.locale)!.total);
    checkSizeBlock({ file: fileURLToPath(new URL('../../../docs/triggers-and-targeting.md', import.meta.url)), name: 'reach-in-auto-chunk', text: kbRange(extra), command });
    checkSizeBlock({ file: fileURLToPath(new URL('../../../README.md', import.meta.url)), name: 'launcher-chunk', text: kbRange(gzipOf(false)), command });
  });
  it('no browser output contains classic zod', () => {
    for (const f of ['earful.js', ...chunks.map((c) => c.file), ...reachChunks.map((f) => `script/${f}`)]) expect(read(f), f).not.toMatch(/ZodObject|ZodError|\$ZodType/);
  });
});
