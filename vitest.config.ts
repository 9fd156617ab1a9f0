// One test command for every workspace: each workspace brings its own vitest config; the worker's suite
// runs once per pinned date (worker/vitest.config.ts) to prove no test depends on the day it runs.
import { defineConfig } from 'vitest/config';
import { TEST_DATES, workerProject } from './worker/vitest.config';

const [firstDate, ...otherDates] = TEST_DATES;

export default defineConfig({
  test: {
    projects: [
      'shared',
      workerProject(firstDate),
      ...otherDates.map((date) => workerProject(date, `worker@${date.slice(0, 10)}`)),
      'addin',
      'scripts',
    ],
  },
});
