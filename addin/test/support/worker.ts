// Runs the real worker for the add-in's tests: `wrangler dev` on local D1 in a temp dir, with a random admin token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalWorker, startLocalWorker } from '../../../scripts/testing/local-worker';

export interface RunningWorker {
  url: string;
  adminToken: string;
  api: LocalWorker['api'];
  /** What wrangler printed (the last 20 kB), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Applies the migrations to a fresh local D1 under a temp dir and starts `wrangler dev` on a free port,
 * serving `assetsDir` as the static assets (the built pane). Resolves once /api/v1/health answers.
 * @example
 * const worker = await startWorker({ assetsDir });
 * try { … fetch(`${worker.url}/api/v1/me`) … } finally { await worker.stop(); }
 */
export async function startWorker(
  options: { assetsDir?: string; port?: number; timeoutMs?: number; pinnedNow?: string } = {},
): Promise<RunningWorker> {
  const workDir = mkdtempSync(join(tmpdir(), 'tuanjian-worker-'));
  const cleanUp = () => rmSync(workDir, { recursive: true, force: true });
  let worker: LocalWorker;
  try {
    worker = await startLocalWorker({
      port: options.port,
      workDir,
      assetsDir: options.assetsDir,
      timeoutMs: options.timeoutMs,
      pinnedNow: options.pinnedNow,
    });
  } catch (error) {
    cleanUp();
    throw error;
  }
  return {
    url: worker.base,
    adminToken: worker.adminToken,
    api: worker.api,
    log: worker.log,
    async stop() {
      await worker.stop();
      cleanUp();
    },
  };
}

/** A fetch against the worker's API as some token; answers the parsed JSON or throws with the body. */
export function callApi(
  worker: RunningWorker,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<unknown> {
  return worker.api(method, path, options.body, options.token);
}
