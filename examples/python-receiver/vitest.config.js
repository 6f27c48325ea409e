import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { name: 'python-receiver', include: ['test/**/*.test.js'], testTimeout: 60_000, hookTimeout: 30_000 } });
