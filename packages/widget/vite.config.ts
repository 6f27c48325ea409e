/**
 * The script-tag build. Two passes (see package.json `build`):
 * - default mode: the UI chunk `dist/script/earful-ui.js` (Preact, signals, SDK, styles, en),
 *   an ES module the loader `import()`s; other locales become their own chunks next to it.
 * - `--mode loader`: `dist/earful.js`, a classic script (IIFE) with no imports at all, so a page
 *   makes at most 2 script requests before a survey shows.
 * The ESM library entry (`dist/index.js` + `.d.ts`) is emitted by `tsc -p tsconfig.build.json`.
 * Sibling packages resolve to their sources, so this build does not need their dist.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig(({ mode }) => ({
  resolve: {
    alias: {
      '@earful/schema': src('../schema/src/index.ts'),
      '@earful/sdk': src('../sdk/src/index.ts'),
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
    // Library mode: no module-preload helper (3.4 KB) around the chunk's own dynamic imports.
    lib:
      mode === 'loader'
        ? { entry: src('src/loader/earful.ts'), formats: ['iife'], name: 'EarfulLoader', fileName: () => 'earful.js' }
        : { entry: src('src/script/boot.ts'), formats: ['es'], fileName: () => 'script/earful-ui.js' },
    rolldownOptions: {
      // The chunk's `boot` export is what the loader calls.
      preserveEntrySignatures: 'allow-extension',
      output: {
        // The SDK's entry file is sdk/src/index.ts; name its chunk after the package, not "src".
        chunkFileNames: (chunk) => (chunk.facadeModuleId?.includes('/sdk/src/') ? 'script/sdk-[hash].js' : 'script/[name]-[hash].js'),
        minify: true,
        comments: false,
      },
    },
  },
}));
