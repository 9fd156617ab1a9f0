import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'scripts',
    include: ['**/*.test.ts'],
    environment: 'node',
    // The end-to-end tests start wrangler (on a free port); a minute covers a cold start on CI.
    hookTimeout: 90_000,
    testTimeout: 30_000,
  },
});
