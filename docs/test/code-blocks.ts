/**
 * Finds every fenced code block in the docs and the READMEs, so the test can check each one by
 * its language: TypeScript is type-checked, JSON surveys and responses are parsed with the
 * schema, shell lines must name real scripts and commands, HTML snippets must carry valid config.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface CodeBlock {
  file: string;
  line: number;
  lang: string;
  code: string;
}

export const repoRoot = new URL('../../', import.meta.url).pathname;

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) markdownFiles(path, out);
    else if (name.endsWith('.md') && name !== 'CHANGELOG.md') out.push(path);
  }
  return out;
}

/** Every doc a user reads: docs/, the root README, each package's and example's README. */
export function documentFiles(): string[] {
  const files = [join(repoRoot, 'README.md'), ...markdownFiles(join(repoRoot, 'docs'))];
  for (const group of ['packages', 'examples']) {
    const dir = join(repoRoot, group);
    for (const name of readdirSync(dir)) {
      const readme = join(dir, name, 'README.md');
      try {
        if (statSync(readme).isFile()) files.push(readme);
      } catch {
        // a package without a README is caught by its own package check
      }
    }
  }
  return files;
}

export function codeBlocks(file: string): CodeBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  let open: { lang: string; line: number; body: string[]; fence: string } | undefined;
  lines.forEach((text, i) => {
    const fence = /^(\s*)(```+|~~~+)\s*([\w-]*)/.exec(text);
    if (!open && fence) {
      open = { lang: (fence[3] ?? '').toLowerCase(), line: i + 1, body: [], fence: fence[2]! };
    } else if (open && text.trim().startsWith(open.fence)) {
      blocks.push({ file: relative(repoRoot, file), line: open.line, lang: open.lang, code: open.body.join('\n') });
      open = undefined;
    } else if (open) open.body.push(text);
  });
  if (open) throw new Error(`${relative(repoRoot, file)}:${open.line}: code block is never closed`);
  return blocks;
}
