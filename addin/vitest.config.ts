// The add-in's tests: unit tests beside the code, the API client against the real worker, and the pane end to end.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'addin',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    passWithNoTests: true,
    // A folder per run for what the e2e files build once and share (test/support/run-cache.ts).
    globalSetup: ['test/support/global-setup.ts'],
    // test/api-client and test/e2e each run the worker on the one port these tests own: one file at a time.
    fileParallelism: false,
  },
});
