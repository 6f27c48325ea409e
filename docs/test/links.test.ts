/** Every relative link in the docs and READMEs points at a file that exists. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { documentFiles, repoRoot } from './code-blocks.js';

it('relative links resolve', () => {
  const broken: string[] = [];
  for (const file of documentFiles()) {
    const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1]!;
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      const path = join(dirname(file), decodeURIComponent(target.split('#')[0]!));
      if (!existsSync(path)) broken.push(`${relative(repoRoot, file)} → ${target}`);
    }
  }
  expect(broken).toEqual([]);
});
