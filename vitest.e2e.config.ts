import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium and Firefox with the built extension (npm run build first).
export default defineConfig({
  test: {
    include: ['e2e/specs/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    sequence: { concurrent: false },
    reporters: ['default'],
  },
});
