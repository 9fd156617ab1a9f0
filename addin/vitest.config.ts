import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'addin',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    passWithNoTests: true,
  },
});
