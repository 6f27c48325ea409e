/** Set this variable to rewrite out-of-date blocks instead of failing. */
export const WRITE_SIZES_VARIABLE: string;
/** `1.0 KB`: gzip bytes in KB (1,024 B) with one decimal, the rounding every table shows. */
export function kb(bytes: number): string;
/** `21.7–22.7 KB` for the smallest and largest of `list`, or one figure when they round alike. */
export function kbRange(list: number[]): string;
/** A Markdown table: `header` cells, then one row per array of cells. */
export function markdownTable(header: string[], rows: string[][]): string;
/**
 * Checks the `<!-- sizes:NAME -->` … `<!-- /sizes -->` block of `file` against `text`. Throws when
 * the block is missing or out of date, naming `command` to run with EARFUL_WRITE_SIZES=1, which
 * rewrites the block instead.
 */
export function checkSizeBlock(options: { file: string; name: string; text: string; command: string }): void;
