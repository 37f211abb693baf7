import { defineConfig } from 'vitest/config';

// Unit tests: pure modules (protocols, wallet, store) in Node, with fake-indexeddb for idb.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/demo/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
});
