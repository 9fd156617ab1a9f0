// Runs the real worker for the add-in's tests: `wrangler dev` on local D1 in a temp dir, with a random admin token.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The port the add-in's tests serve the worker on (another suite may own the others). */
export const TEST_PORT = Number(process.env.ADDIN_TEST_PORT ?? 8791);

const require = createRequire(import.meta.url);
const WRANGLER = join(dirname(require.resolve('wrangler/package.json')), 'bin', 'wrangler.js');
const ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  DO_NOT_TRACK: '1',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: process.env.CI ?? 'true',
  NO_COLOR: '1',
};

export interface RunningWorker {
  url: string;
  adminToken: string;
  /** What wrangler printed (the last 20 kB), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/** Runs wrangler to completion (migrations); rejects with its output when it fails or overruns. */
function runWrangler(args: string[], timeoutMs: number): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: REPO_ROOT, env: ENV });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`wrangler ${args.join(' ')} took over ${timeoutMs} ms\n${output}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) done();
      else fail(new Error(`wrangler ${args.join(' ')} exited with ${code}\n${output}`));
    });
  });
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/** Signals wrangler's whole process group (wrangler, workerd); SIGKILL if it has not gone after 5 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch (error) {
      // ESRCH: the group is gone already, which is what we want.
      if (!(error instanceof Error && 'code' in error && error.code === 'ESRCH')) throw error;
    }
  };
  signalGroup('SIGTERM');
  if (!(await exited(child, 5_000))) {
    signalGroup('SIGKILL');
    await exited(child, 5_000);
  }
}

/**
 * Applies the migrations to a fresh local D1 under a temp dir and starts `wrangler dev` on 127.0.0.1:`port`,
 * serving `assetsDir` as the static assets (the built pane). Resolves once /api/v1/health answers.
 * @example
 * const worker = await startWorker({ assetsDir });
 * try { … fetch(`${worker.url}/api/v1/me`) … } finally { await worker.stop(); }
 */
export async function startWorker(
  options: { assetsDir?: string; port?: number; timeoutMs?: number } = {},
): Promise<RunningWorker> {
  const port = options.port ?? TEST_PORT;
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (await portAnswers(port)) {
    throw new Error(`port ${port} is in use: stop what listens there, or set ADDIN_TEST_PORT`);
  }
  const stateDir = mkdtempSync(join(tmpdir(), 'tuanjian-worker-'));
  const persistDir = join(stateDir, 'state');
  const assetsDir = options.assetsDir ?? join(stateDir, 'assets');
  mkdirSync(assetsDir, { recursive: true });
  const adminToken = `tj_test_${randomBytes(18).toString('base64url')}`;
  const cleanUp = () => rmSync(stateDir, { recursive: true, force: true });

  try {
    await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir], timeoutMs);
  } catch (error) {
    cleanUp();
    throw error;
  }

  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      persistDir,
      '--assets',
      assetsDir,
      // Next to the port, as the other suites do, rather than wrangler's shared default 9229.
      '--inspector-port',
      String(port + 1000),
      '--var',
      `ADMIN_TOKEN:${adminToken}`,
      '--show-interactive-dev-session=false',
    ],
    // Its own process group, so stop() ends wrangler and the workerd it starts together.
    { cwd: REPO_ROOT, env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const worker: RunningWorker = {
    url,
    adminToken,
    log: () => output,
    async stop() {
      await stopChild(child);
      cleanUp();
    },
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return worker;
    } catch {
      // Not listening yet: poll again.
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  await worker.stop();
  throw new Error(`the worker did not come up on ${url} within ${timeoutMs} ms\n${output}`);
}

/** A fetch against the worker's API as some token; answers the parsed JSON or throws with the body. */
export async function callApi(
  worker: RunningWorker,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<unknown> {
  const response = await fetch(`${worker.url}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${options.token ?? worker.adminToken}`,
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}
