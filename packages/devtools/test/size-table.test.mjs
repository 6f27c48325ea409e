import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkSizeBlock, kb, kbRange, markdownTable } from '../src/size-table.mjs';

const dir = mkdtempSync(join(tmpdir(), 'earful-sizes-'));
const readme = join(dir, 'README.md');
const table = markdownTable(['file', 'gzip'], [['`earful.js`', kb(1021)]]);
const command = 'pnpm --filter @earful/widget exec vitest run test/size.test.ts';
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => delete process.env.EARFUL_WRITE_SIZES);

describe('figures', () => {
  it('rounds to the tenth of a KB and joins a range', () => {
    expect([kb(1021), kb(3789), kb(1024 * 22.74)]).toEqual(['1.0 KB', '3.7 KB', '22.7 KB']);
    expect(kbRange([22_220, 23_260, 22_900])).toBe('21.7–22.7 KB');
    expect(kbRange([3_790, 3_800])).toBe('3.7 KB');
    expect(table).toBe('| file | gzip |\n| --- | --- |\n| `earful.js` | 1.0 KB |');
  });
});

describe('checkSizeBlock', () => {
  it('passes when the block says what was measured, and leaves the file alone', () => {
    const text = `# Sizes\n\n<!-- sizes:widget -->\n${table}\n<!-- /sizes -->\n\nAbout <!-- sizes:gap -->3.1 KB<!-- /sizes --> more.\n`;
    writeFileSync(readme, text);
    checkSizeBlock({ file: readme, name: 'widget', text: table, command });
    checkSizeBlock({ file: readme, name: 'gap', text: kb(3200), command });
    expect(readFileSync(readme, 'utf8')).toBe(text);
  });

  it('fails on a stale figure with both versions and the command that rewrites it', () => {
    writeFileSync(readme, `<!-- sizes:widget -->\n| file | gzip |\n| --- | --- |\n| \`earful.js\` | 0.9 KB |\n<!-- /sizes -->\n`);
    expect(() => checkSizeBlock({ file: readme, name: 'widget', text: table, command })).toThrow(
      /out of date[\s\S]*0\.9 KB[\s\S]*1\.0 KB[\s\S]*EARFUL_WRITE_SIZES=1 pnpm --filter @earful\/widget exec vitest run test\/size\.test\.ts/,
    );
  });

  it('fails when the block is missing, rather than passing with nothing checked', () => {
    writeFileSync(readme, 'The loader is 1.0 KB.\n');
    expect(() => checkSizeBlock({ file: readme, name: 'widget', text: table, command })).toThrow('has no <!-- sizes:widget -->');
  });

  it('rewrites only its own block when EARFUL_WRITE_SIZES is set', () => {
    writeFileSync(readme, 'a <!-- sizes:gap -->9.9 KB<!-- /sizes --> b <!-- sizes:other -->1.0 KB<!-- /sizes -->\n');
    process.env.EARFUL_WRITE_SIZES = '1';
    checkSizeBlock({ file: readme, name: 'gap', text: kb(3200), command });
    expect(readFileSync(readme, 'utf8')).toBe('a <!-- sizes:gap -->3.1 KB<!-- /sizes --> b <!-- sizes:other -->1.0 KB<!-- /sizes -->\n');
  });
});
