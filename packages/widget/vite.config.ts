/**
 * The script-tag build, driven by `scripts/build-script.mjs` (see package.json `build`):
 * - `--mode loader`: `dist/earful.js`, a classic script (IIFE) with no imports at all; its
 *   locales are SUPPORTED_LOCALES, put in as the RegExp `__EARFUL_LOCALES__`.
 * - `--mode ui-<locale>` and `--mode ui-<locale>-auto` (two builds per file in src/locales):
 *   `dist/script/earful-ui-<locale>[-auto].js`, ONE ES module the loader `import()`s: Preact,
 *   signals, the panel, styles, that locale's words and the SDK client; the `-auto` chunk (for
 *   surveys with a trigger or targeting) also carries reach, the other loads reach as a separate
 *   chunk only if a later survey needs it. The build variants live side by side in src/parts/
 *   (each file's comment begins by naming the build that uses it); this build puts the bundled ones in
 *   place of what the ESM library imports, by the file names in VARIANTS below. So a page makes
 *   2 script requests before a survey shows, in any language and for any trigger.
 * The ESM library entry (`dist/index.js` + `.d.ts`) is emitted by `tsc -p tsconfig.build.json`.
 * Sibling packages resolve to their sources, so this build does not need their dist.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { SUPPORTED_LOCALES } from './src/i18n/supported-locales.js';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The chunks' variants (src/parts/): `esm` is what the ESM library imports (dist/index.js),
 * `chunk` what this build puts in its place. Reach is bundled in the `-auto` chunks only, and
 * `bundled-locale.ts` is given the chunk's locale.
 */
const VARIANTS = {
  parts: { esm: src('src/parts/lazy.ts'), chunk: src('src/parts/bundled.ts') },
  reach: { auto: src('src/parts/bundled-reach.ts'), chunk: src('src/parts/lazy-reach.ts') },
  locale: src('src/parts/bundled-locale.ts'),
  signals: { esm: '@preact/signals', chunk: src('src/parts/bundled-signals.ts') },
} as const;

/** Makes the chunk of one locale: bundled parts instead of lazy ones, and that locale's words. */
function bundledParts(locale: string, withReach: boolean): Plugin {
  const file = src(`src/locales/${locale}.ts`);
  if (!existsSync(file)) throw new Error(`vite.config.ts: no src/locales/${locale}.ts for mode "ui-${locale}"`);
  const reexport = (path: string) => `export * from ${JSON.stringify(path)};`;
  return {
    name: 'earful-bundled-parts',
    enforce: 'pre',
    load(id) {
      if (id === VARIANTS.parts.esm) return reexport(VARIANTS.parts.chunk);
      if (id === VARIANTS.locale) return `export { default as messages } from ${JSON.stringify(file)};\nexport const locale = ${JSON.stringify(locale)};`;
      if (id === VARIANTS.reach.auto && !withReach) return reexport(VARIANTS.reach.chunk);
      return null;
    },
  };
}

export default defineConfig(({ mode }) => {
  const [, locale, auto = ''] = /^ui-(.+?)(-auto)?$/.exec(mode) ?? [];
  if (mode !== 'loader' && !locale) throw new Error(`vite.config.ts: build with --mode loader or --mode ui-<locale>[-auto] (see scripts/build-script.mjs), got "${mode}"`);
  return {
    plugins: locale ? [bundledParts(locale, auto !== '')] : [],
    // The loader's locales come from the one list (it cannot import it: it has no imports at all).
    define: { __EARFUL_LOCALES__: `/^(${SUPPORTED_LOCALES.join('|')})$/` },
    resolve: {
      alias: {
        '@earful/schema/lean': src('../schema/src/lean.ts'),
        '@earful/schema': src('../schema/src/index.ts'),
        '@earful/sdk': src('../sdk/src/index.ts'),
        // The chunk's signals: only what the widget uses (src/parts/bundled-signals.ts says why).
        [VARIANTS.signals.esm]: VARIANTS.signals.chunk,
      },
    },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      // Library mode: no module-preload helper (3.4 KB) around the lazy reach import.
      lib: locale
        ? { entry: src('src/script/boot.ts'), formats: ['es'], fileName: () => `script/earful-ui-${locale}${auto}.js` }
        : { entry: src('src/loader/earful.ts'), formats: ['iife'], name: 'EarfulLoader', fileName: () => 'earful.js' },
      rolldownOptions: {
        // The chunk's `boot` export is what the loader calls.
        preserveEntrySignatures: 'allow-extension',
        output: {
          minify: true,
          comments: false,
          // The only split: reach, in the chunks without it (it imports what it shares from the
          // chunk, so it is one file per locale).
          codeSplitting: auto === '',
          chunkFileNames: `script/reach-${locale}.[hash].js`,
        },
      },
    },
  };
});
