import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { name: 'node-receiver', include: ['test/**/*.test.js'], testTimeout: 30_000 } });
