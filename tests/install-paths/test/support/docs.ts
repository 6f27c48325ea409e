/**
 * Reads the shell blocks that the README and docs/getting-started.md mark with
 * `<!-- install-paths:NAME -->`, so the test runs the very lines a user copies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE } from './pack.js';

/** The command lines of the ```sh block after `<!-- install-paths:name -->` in `file`. */
export function docBlock(file: string, name: string): string[] {
  const text = readFileSync(join(WORKSPACE, file), 'utf8');
  const marker = `<!-- install-paths:${name} -->`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${file} has no ${marker} (the install-paths test runs the commands in the block after it)`);
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(at));
  if (!block) throw new Error(`${file}: no \`\`\`sh block after ${marker}`);
  return block[1]!
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * `npm install a b` with each of our package names swapped for its tarball path: what the line
 * does once the packages are on the registry. Other names (vite, pg) still come from the registry.
 */
export function withTarballs(line: string, tarballs: ReadonlyMap<string, string>): string {
  if (!/^(npm install|npm i|pnpm add) /.test(line)) return line;
  return line
    .split(' ')
    .map((word) => tarballs.get(word) ?? word)
    .join(' ');
}
