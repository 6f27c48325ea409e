// Keeps the size figures in READMEs and docs equal to what the size tests measure. A figure lives
// between `<!-- sizes:NAME -->` and `<!-- /sizes -->`; the size test renders what it measured with
// the same rounding and fails, naming the command that rewrites the block, when the two differ.
import { readFileSync, writeFileSync } from 'node:fs';

/** Set this variable to rewrite out-of-date blocks instead of failing. */
export const WRITE_SIZES_VARIABLE = 'EARFUL_WRITE_SIZES';

/** `1.0 KB`: gzip bytes in KB (1,024 B) with one decimal, the rounding every table shows. */
export function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** `21.7–22.7 KB` for the smallest and largest of `list`, or one figure when they round alike. */
export function kbRange(list) {
  const low = kb(Math.min(...list));
  const high = kb(Math.max(...list));
  return low === high ? low : `${low.slice(0, -3)}–${high}`;
}

/** A Markdown table: `header` cells, then one row per array of cells. */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const blockPattern = (name) => new RegExp(`(<!-- sizes:${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} -->)([\\s\\S]*?)(<!-- /sizes -->)`);

/**
 * Checks the `sizes:NAME` block of `file` against `text` (a table is written on its own lines).
 * Throws when the block is missing, or out of date: then the message shows both and the command
 * that rewrites it (`command`, run with EARFUL_WRITE_SIZES=1). With that variable set, rewrites it.
 */
export function checkSizeBlock({ file, name, text, command }) {
  const source = readFileSync(file, 'utf8');
  const pattern = blockPattern(name);
  const found = pattern.exec(source);
  if (!found) throw new Error(`${file} has no <!-- sizes:${name} --> … <!-- /sizes --> block for the size test to check; add one around the figures.`);
  const wanted = text.includes('\n') ? `\n${text}\n` : text;
  if (found[2] === wanted) return;
  if (process.env[WRITE_SIZES_VARIABLE]) {
    writeFileSync(file, source.replace(pattern, (_all, open, _old, close) => `${open}${wanted}${close}`));
    return;
  }
  throw new Error(
    `The sizes in ${file} (block "${name}") are out of date.\nIt says:\n${found[2].trim()}\nThe built files measure:\n${wanted.trim()}\n` +
      `Rewrite it with: ${WRITE_SIZES_VARIABLE}=1 ${command}`,
  );
}
