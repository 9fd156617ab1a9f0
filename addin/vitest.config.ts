// The add-in's tests, as two projects: its unit tests beside the code, run side by side like any others;
// and the ones that start the real worker (`wrangler dev`) — the API client against it, the hosting test and
// the pane end to end in headless Chromium — one file at a time. Each of those already keeps two cores busy
// (wrangler, workerd, Chromium), so two at once only made every file twice as slow (measured), and a
// project with `fileParallelism: false` runs on its own after the others, not beside them.
import { defineConfig } from 'vitest/config';

const withWorker = ['test/api-client.test.ts', 'test/hosting.test.ts', 'test/e2e/**/*.test.ts'];

/** The unit tests (src/) and the manifest's: no worker, no browser. */
export const addinUnitProject = defineConfig({
  root: import.meta.dirname,
  test: {
    name: 'addin',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: withWorker,
    environment: 'node',
    passWithNoTests: true,
  },
});

/** The tests that run the worker, and the e2e in Chromium: one file at a time. */
export const addinWorkerProject = defineConfig({
  root: import.meta.dirname,
  test: {
    name: 'addin-e2e',
    include: withWorker,
    environment: 'node',
    // A folder per run for what the e2e files build once and share (test/support/run-cache.ts).
    globalSetup: ['test/support/global-setup.ts'],
    fileParallelism: false,
  },
});

export default defineConfig({ test: { projects: [addinUnitProject, addinWorkerProject] } });
