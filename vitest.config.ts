// One test command for every workspace: each workspace brings its own vitest config; the worker's suite
// runs once per pinned date (worker/vitest.config.ts) to prove no test depends on the day it runs.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { addinUnitProject, addinWorkerProject } from './addin/vitest.config';
import { TEST_DATES, workerProject } from './worker/vitest.config';

const [firstDate, ...otherDates] = TEST_DATES;

export default defineConfig({
  test: {
    // At least two test files at a time: Vitest's default (cores − 1) is one at a time on a 2-core CI runner,
    // where a worker test file waits much of its time on its own workerd starting (the worker project alone:
    // 150 s one at a time, 112 s two at a time). The add-in's e2e files stay one at a time (addin/vitest.config.ts).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      'shared',
      workerProject(firstDate),
      ...otherDates.map((date) => workerProject(date, `worker@${date.slice(0, 10)}`)),
      addinUnitProject,
      'scripts',
      addinWorkerProject,
    ],
  },
});
