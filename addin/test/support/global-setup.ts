// Once per test run (vitest's globalSetup): a folder for what the run's test files share and make only once
// (the built pane, the fake Excel bundle: see run-cache.ts), deleted when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's folder for runCached. */
    runCacheDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'tuanjian-test-run-'));
  project.provide('runCacheDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
