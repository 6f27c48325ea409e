/**
 * Two projects, told apart by the file name alone: `widget-browser` runs every
 * `*.browser.test.{ts,tsx}` in real Chromium (components, every question type, axe, watchers,
 * screenshots); `widget-node` runs every other `*.test.ts` (flow logic, survey checks, exports,
 * SSR import, sizes of the built files, the end-to-end run of the built dist/earful.js through
 * playwright-core). Sibling packages resolve to their sources. Both fail with a clear message
 * when no Chromium.
 */
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@earful/devtools/chromium';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

const alias = {
  '@earful/schema/lean': fileURLToPath(new URL('../schema/src/lean.ts', import.meta.url)),
  '@earful/schema': fileURLToPath(new URL('../schema/src/index.ts', import.meta.url)),
  '@earful/sdk': fileURLToPath(new URL('../sdk/src/index.ts', import.meta.url)),
};
const oxc = { jsx: { runtime: 'automatic' as const, importSource: 'preact' } };

export default defineConfig({
  resolve: { alias },
  oxc,
  test: {
    projects: [
      {
        resolve: { alias },
        oxc,
        test: {
          name: 'widget-node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.{ts,tsx}'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        oxc,
        test: {
          name: 'widget-browser',
          include: ['test/**/*.browser.test.{ts,tsx}'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
