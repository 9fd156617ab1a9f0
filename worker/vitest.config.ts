// The worker's tests in workerd against real local D1. Each run pins the suite's "now" (TEST_NOW); the
// root config runs the suite on several dates so no test depends on the day it runs.
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));

/** The dates the suite runs on: mid-November, just after a year turns, and the night a month turns. */
export const TEST_DATES = ['2026-11-20T02:00:00Z', '2027-01-03T17:30:00Z', '2030-02-28T16:30:00Z'] as const;

/** The worker's test project, its clock pinned to `testNow` (an ISO instant). */
export function workerProject(testNow: string, name = 'worker') {
  return defineConfig({
    root: import.meta.dirname,
    plugins: [
      cloudflareTest({
        wrangler: { configPath: '../wrangler.toml' },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, ADMIN_TOKEN: 'test-admin-token', TEST_NOW: testNow },
          // A second database that migration.test.ts fills under the old schema before migrating it.
          d1Databases: { MIGRATION_DB: 'migration-test-db' },
        },
      }),
    ],
    test: {
      name,
      include: ['test/**/*.test.ts'],
      setupFiles: ['test/apply-migrations.ts'],
      // Two test files run at a time (the root config): a test beside the 50,000-row upload of drafts.test.ts
      // took up to 12 s where it takes 1 s alone. A time limit, not an assertion: every check stays as it is.
      testTimeout: 30_000,
    },
  });
}

export default workerProject(process.env.TEST_NOW ?? TEST_DATES[0]);
