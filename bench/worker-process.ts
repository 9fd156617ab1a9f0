// Runs the worker under `wrangler dev` on local D1 in a throwaway directory, and always stops it again.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { QUIET_ENV, startLocalWorker } from '../scripts/testing/local-worker';

export interface WorkerProcess {
  base: string;
  adminToken: string;
  /** wrangler's output, kept in the temporary directory until stop(). */
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Applies the migrations into `workDir`/d1 and starts `wrangler dev` on a free port serving the built
 * pane (dist/public, built first if missing), with a random ADMIN_TOKEN. The caller owns `workDir` and
 * deletes it after stop(); if the bench dies without stop(), the watchdog in the worker's process group
 * deletes it and ends the group.
 */
export async function startWorker(root: string, workDir: string): Promise<WorkerProcess> {
  const assetsDir = path.join(root, 'dist', 'public');
  if (!existsSync(assetsDir)) {
    // wrangler.toml serves dist/public as static assets; `npm start` builds it the same way.
    const build = spawnSync('npm', ['run', 'build', '--silent'], {
      cwd: root,
      stdio: 'inherit',
      env: QUIET_ENV,
    });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const logFile = path.join(workDir, 'wrangler.log');
  const worker = await startLocalWorker({
    workDir,
    assetsDir,
    adminToken: `tj_bench_${randomBytes(24).toString('base64url')}`,
    logFile,
    timeoutMs: 90_000,
  });
  return { base: worker.base, adminToken: worker.adminToken, logFile, stop: worker.stop };
}
