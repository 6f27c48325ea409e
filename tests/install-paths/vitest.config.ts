import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'install-paths',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // One file, run in order: the projects are installed once (better-sqlite3 compiles from
    // source) and shared by every path; the budget is minutes, not seconds.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 540_000,
  },
});
