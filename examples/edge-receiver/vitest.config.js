import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { name: 'edge-receiver', include: ['test/**/*.test.js'] } });
