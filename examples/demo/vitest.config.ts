import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`../../packages/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@earful/schema/lean': src('schema/src/lean.ts'),
      '@earful/schema': src('schema/src/index.ts'),
      '@earful/server/sqlite': src('server/src/stores/sqlite.ts'),
      '@earful/server': src('server/src/index.ts'),
    },
  },
  test: { name: 'demo', environment: 'node', include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
