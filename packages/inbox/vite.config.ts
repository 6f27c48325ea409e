/**
 * The app's build: `src/app/index.html` and what it imports become `dist/app/` — one page, hashed
 * assets under `dist/app/assets/`, served by `inboxRoutes()` (src/serve.ts, built by tsc). Asset
 * URLs are relative, so the app works under any base path (`/inbox/`, `/support/inbox/`).
 * Sibling packages resolve to their sources, so this build does not need their dist.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: src('src/app'),
  base: './',
  resolve: {
    alias: {
      '@earful/schema/lean': src('../schema/src/lean.ts'),
      '@earful/schema': src('../schema/src/index.ts'),
    },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: src('dist/app'),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    copyPublicDir: false,
    // No inline script: the page runs under `script-src 'self'` (the polyfill is for old browsers).
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
