/**
 * Two projects, told apart by the file name alone: `inbox-browser` runs every
 * `*.browser.test.{ts,tsx}` in real Chromium (the app against a fake API: views, keyboard, axe,
 * screenshots); `inbox-node` runs every other `*.test.ts` (routes, i18n completeness, the static
 * file server, sizes of the built app, and the end-to-end run through playwright-core).
 * Sibling packages resolve to their sources.
 */
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@earful/devtools/chromium';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

const alias = {
  '@earful/schema/lean': fileURLToPath(new URL('../schema/src/lean.ts', import.meta.url)),
  '@earful/schema': fileURLToPath(new URL('../schema/src/index.ts', import.meta.url)),
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
          name: 'inbox-node',
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
        // Screenshots land in test-results/: writing them must not reload the test page.
        server: { watch: { ignored: ['**/test-results/**'] } },
        test: {
          name: 'inbox-browser',
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
