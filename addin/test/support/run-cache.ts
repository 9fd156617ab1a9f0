// What a test run makes once and its test files share (the built pane, the fake Excel bundle), in the run's
// folder from global-setup.ts: the first file that asks makes it, the others find it there.
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

const inThisFile = new Map<string, Promise<string | undefined>>();

function runCacheDir(): string | undefined {
  try {
    return inject('runCacheDir');
  } catch {
    return undefined; // not under vitest
  }
}

/**
 * The folder `name` of this run, made by `make` (given an empty folder to fill) unless a test file made it
 * before; `undefined` when the run has no such folder (a config without global-setup.ts): then the caller
 * makes its own. Made in a scratch folder and renamed into place, so files running side by side never see
 * half of it; never changed once there.
 */
export function runCached(name: string, make: (dir: string) => Promise<void>): Promise<string | undefined> {
  let made = inThisFile.get(name);
  if (made === undefined) {
    made = makeOnce(name, make);
    inThisFile.set(name, made);
    made.catch(() => inThisFile.delete(name));
  }
  return made;
}

async function makeOnce(name: string, make: (dir: string) => Promise<void>): Promise<string | undefined> {
  const root = runCacheDir();
  if (root === undefined || !existsSync(root)) return undefined;
  const done = join(root, name);
  if (existsSync(done)) return done;
  const scratch = mkdtempSync(join(root, `${name}.part-`));
  try {
    await make(scratch);
    renameSync(scratch, done);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(done)) throw error; // else another file made it meanwhile
  }
  return done;
}
