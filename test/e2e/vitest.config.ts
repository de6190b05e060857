import { defineConfig } from 'vitest/config';

// End-to-end: real Chromium (Debian's, driven by playwright-core) on the demo pages that
// `wrangler dev` serves from a fresh local D1, seeded as `npm start` seeds it.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
