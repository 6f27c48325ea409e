// Bundles an entry the way a browser app would (Vite, minified, tree-shaken, dependencies
// included) and measures it gzipped, so size budgets are checked on real output.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/** gzip -9 size of a string or buffer, in bytes. */
export function gzipSize(content) {
  return gzipSync(content, { level: 9 }).length;
}

/**
 * Bundles `code` (an ES module importing what to measure, resolved from `root`) and returns
 * `{ bytes, gzip, code }` of the output.
 */
export async function bundleSize({ root, code, conditions = ['browser', 'import', 'module', 'default'] }) {
  const parent = join(root, 'node_modules', '.earful-size');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'run-'));
  const entry = join(dir, 'entry.mjs');
  writeFileSync(entry, code);
  try {
    const result = await build({
      root,
      logLevel: 'silent',
      configFile: false,
      resolve: { conditions },
      build: {
        write: false,
        minify: true,
        target: 'es2022',
        lib: { entry, formats: ['es'], fileName: 'entry' },
        // Library mode keeps whitespace in ES output unless told; an app build would not.
        rolldownOptions: { output: { minify: true } },
      },
    });
    const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
    const chunk = outputs.filter((o) => o.type === 'chunk').map((o) => o.code).join('\n');
    return { bytes: Buffer.byteLength(chunk), gzip: gzipSize(chunk), code: chunk };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
