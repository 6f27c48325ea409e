import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@earful\/schema$/, replacement: fileURLToPath(new URL('../schema/src/index.ts', import.meta.url)) },
      { find: /^@earful\/schema\/lean$/, replacement: fileURLToPath(new URL('../schema/src/lean.ts', import.meta.url)) },
    ],
  },
  test: {
    name: 'server',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
