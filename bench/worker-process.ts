// Runs the worker under `wrangler dev` on local D1 in a throwaway directory, and always stops it again.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface WorkerProcess {
  base: string;
  adminToken: string;
  /** wrangler's output, kept in the temporary directory until stop(). */
  logFile: string;
  stop(): Promise<void>;
}

const quietEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  NO_COLOR: '1',
};

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitForHealth(base: string, child: ChildProcess, logFile: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`wrangler dev exited (${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`);
    try {
      const response = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the worker did not answer on ${base} within ${timeoutMs / 1000} s:\n${tail(logFile)}`);
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Sends `signal` to the worker's whole process group (npm/node wrapper, wrangler, workerd, esbuild). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs as the leader of the worker's process group and starts wrangler in it. When the bench goes away
 * without stopping the worker — even killed outright, as tsx does to a child that does not answer a
 * relayed Ctrl+C within 30 ms — its end of stdin closes: the watchdog deletes the work directory and
 * terminates the whole group, so no workerd is left listening on the port.
 */
const WATCHDOG = `
const { spawn } = require('node:child_process');
const { rmSync } = require('node:fs');
const [workDir, command] = process.argv.slice(1);
const [file, ...args] = JSON.parse(command);
const wrangler = spawn(file, args, { stdio: ['ignore', 'inherit', 'inherit'] });
wrangler.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
const orphaned = () => {
  try { rmSync(workDir, { recursive: true, force: true }); } catch {}
  process.kill(0, 'SIGTERM');
};
process.stdin.on('end', orphaned);
process.stdin.on('error', orphaned);
process.stdin.resume();
`;

/**
 * Applies the migrations into `workDir`/d1 and starts `wrangler dev` on 127.0.0.1:`port` with a random
 * ADMIN_TOKEN passed by `--var` (the repo's .dev.vars is read by wrangler but not changed). The caller
 * owns `workDir` and deletes it after stop().
 */
export async function startWorker(root: string, port: number, workDir: string): Promise<WorkerProcess> {
  if (await portAnswers(port))
    throw new Error(`127.0.0.1:${port} is already in use: stop whatever listens there first`);
  const wrangler = path.join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
  if (!existsSync(wrangler)) throw new Error('wrangler is not installed: run npm install');
  if (!existsSync(path.join(root, 'dist', 'public'))) {
    // wrangler.toml serves dist/public as static assets; `npm start` builds it the same way.
    const build = spawnSync('npm', ['run', 'build', '--silent'], {
      cwd: root,
      stdio: 'inherit',
      env: quietEnv,
    });
    if (build.status !== 0) throw new Error('npm run build failed');
  }

  const persistDir = path.join(workDir, 'd1');
  const logFile = path.join(workDir, 'wrangler.log');
  const migrate = spawnSync(
    process.execPath,
    [wrangler, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir],
    { cwd: root, env: quietEnv, encoding: 'utf8' },
  );
  if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);

  const adminToken = `tj_bench_${randomBytes(24).toString('base64url')}`;
  const command = [
    process.execPath,
    wrangler,
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--persist-to',
    persistDir,
    '--var',
    `ADMIN_TOKEN:${adminToken}`,
    '--show-interactive-dev-session=false',
  ];
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['-e', WATCHDOG, workDir, JSON.stringify(command)], {
    cwd: root,
    env: quietEnv,
    stdio: ['pipe', log, log],
    detached: true,
  });
  let stopped = false;
  // When this process exits without stop() (an uncaught error): no orphaned workerd.
  const onExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', onExit);
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    signalGroup(child, 'SIGTERM');
    if (!(await exited(child, 5000))) {
      signalGroup(child, 'SIGKILL');
      await exited(child, 2000);
    }
    // workerd may outlive wrangler's node process by a moment: make sure nothing of the group is left.
    for (let wait = 0; wait < 20 && groupAlive(child); wait++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    if (groupAlive(child)) signalGroup(child, 'SIGKILL');
    child.stdin?.destroy();
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base, child, logFile, 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, adminToken, logFile, stop };
}
