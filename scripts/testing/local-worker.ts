// Test helper: the real worker under `wrangler dev` on its own fresh local D1, started and stopped by the test.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export interface LocalWorker {
  base: string;
  adminToken: string;
  /** Calls the API as admin (or with `token`); throws unless the answer is 2xx, returns the parsed JSON. */
  api(method: string, apiPath: string, body?: unknown, token?: string): Promise<unknown>;
  /** Stops wrangler and its workerd (the whole process group it leads); resolves once it has exited. */
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: 'true',
};

async function waitForHealth(base: string, worker: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (worker.exitCode !== null) throw new Error(`wrangler dev exited (${worker.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the worker did not answer on ${base}:\n${log()}`);
}

/**
 * Applies the migrations to a fresh local D1 under `stateDir` and serves the worker on 127.0.0.1:`port` with
 * a random admin token. Static assets come from an empty folder, so no `npm run build` is needed.
 */
export async function startLocalWorker(stateDir: string, port: number): Promise<LocalWorker> {
  const migrate = spawnSync(
    'npx',
    ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', stateDir],
    { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);
  const assets = path.join(stateDir, 'assets');
  mkdirSync(assets, { recursive: true });
  const adminToken = `tj_test_${randomBytes(16).toString('hex')}`;
  const worker = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      stateDir,
      '--assets',
      assets,
      '--var',
      `ADMIN_TOKEN:${adminToken}`,
      '--show-interactive-dev-session=false',
    ],
    // Its own process group, so stop() ends wrangler and the workerd it starts, and nothing else.
    { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  worker.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  worker.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (worker.exitCode !== null || worker.signalCode !== null || worker.pid === undefined) return;
    process.kill(-worker.pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (worker.pid !== undefined && worker.exitCode === null) process.kill(-worker.pid, 'SIGKILL');
    }, 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(base, worker, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    base,
    adminToken,
    stop,
    async api(method, apiPath, body, token = adminToken) {
      const response = await fetch(`${base}/api/v1${apiPath}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${apiPath} → ${response.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text);
    },
  };
}
