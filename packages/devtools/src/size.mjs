#!/usr/bin/env node
// `earful-size [entry …]`: prints the minified and gzip size of everything an entry exports,
// bundled for the browser (default: the package's built main entry). Budgets are enforced by
// each package's size test; this is for looking.
import { resolve } from 'node:path';
import { bundleSize } from './size-core.mjs';

const entries = process.argv.slice(2);
for (const spec of entries.length > 0 ? entries : ['./dist/index.js']) {
  const target = spec.startsWith('.') ? resolve(spec) : spec;
  const { bytes, gzip } = await bundleSize({ root: process.cwd(), code: `export * from ${JSON.stringify(target)};` });
  console.log(`${spec}: ${bytes} B minified, ${gzip} B gzip`);
}
