/**
 * The BUILT app (run `pnpm --filter @earful/inbox build` first): every script the page loads,
 * gzip, at most 50 KB in total (printed, and the README's table checked against it); no zod in
 * any form (the app imports only types from `@earful/schema`, runtime rules from `/lean`); no
 * inline script or style for the CSP to refuse; nothing from the Node entry in the browser.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSize } from '@earful/devtools/size';
import { checkSizeBlock, kb, markdownTable } from '@earful/devtools/size-table';
import { describe, expect, it } from 'vitest';

const APP = fileURLToPath(new URL('../dist/app/', import.meta.url));
const BUDGET = 51_200;

function read(path: string): string {
  if (!existsSync(join(APP, path))) throw new Error(`dist/app/${path} is missing: run \`pnpm --filter @earful/inbox build\` before the tests`);
  return readFileSync(join(APP, path), 'utf8');
}

describe('the built app', () => {
  const html = read('index.html');
  const assets = readdirSync(join(APP, 'assets'));
  const scripts = assets.filter((f) => f.endsWith('.js'));
  const styles = assets.filter((f) => f.endsWith('.css'));
  const js = scripts.map((f) => ({ file: f, code: read(`assets/${f}`) }));
  const jsGzip = js.reduce((sum, s) => sum + gzipSize(s.code), 0);
  const cssGzip = styles.reduce((sum, f) => sum + gzipSize(read(`assets/${f}`)), 0);

  it('prints the figures', () => {
    console.log(`inbox app JS: ${jsGzip} B gzip in ${scripts.length} file(s) (budget ${BUDGET}); CSS ${cssGzip} B gzip; index.html ${gzipSize(html)} B`);
    expect(scripts.length).toBeGreaterThan(0);
  });
  it(`all of its JS is at most ${BUDGET} B gzip`, () => {
    expect(jsGzip).toBeLessThanOrEqual(BUDGET);
  });
  it('the page loads its script and style from files, with no inline script or style', () => {
    const srcs = [...html.matchAll(/<script\b[^>]*\bsrc="\.\/assets\/([^"]+)"/g)].map((m) => m[1]);
    expect(srcs.length).toBe(1);
    expect(scripts).toContain(srcs[0]);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
    for (const s of js) expect(s.code, s.file).not.toMatch(/\bnew Function\(|\beval\(/);
  });
  it('contains no zod (classic or mini) and nothing of the Node entry', () => {
    for (const s of js) {
      expect(s.code, s.file).not.toMatch(/ZodObject|ZodError|\$ZodType|ZodMini|\$constructor/);
      expect(s.code, s.file).not.toMatch(/node:fs|readFile|inboxRoutes/);
    }
  });
  it('the check above sees zod when it is there (so it can fail)', () => {
    expect('class ZodObject extends $ZodType{}').toMatch(/ZodObject|ZodError|\$ZodType|ZodMini|\$constructor/);
  });
  it('the size table in README.md says what the built files measure', () => {
    const table = markdownTable(
      ['what', 'gzip', 'when'],
      [
        ['`assets/index-<hash>.js`: Preact, signals, the whole app and its five languages', kb(jsGzip), 'on opening `/inbox/`; budget 50 KB'],
        ['`assets/index-<hash>.css`', kb(cssGzip), 'with it'],
      ],
    );
    checkSizeBlock({ file: fileURLToPath(new URL('../README.md', import.meta.url)), name: 'inbox', text: table, command: 'pnpm --filter @earful/inbox exec vitest run test/size.test.ts' });
  });
});
