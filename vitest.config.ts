// One test command for every workspace: each workspace brings its own vitest config.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['shared', 'worker', 'addin', 'scripts'],
  },
});
