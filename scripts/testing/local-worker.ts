// The real worker under `wrangler dev` on a fresh local D1, for the tests and the bench: started, and always stopped.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiClient, ApiClientError } from '@tuanjian/addin/api';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** wrangler without telemetry, prompts or colours. */
export const QUIET_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  DO_NOT_TRACK: '1',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: process.env.CI ?? 'true',
  NO_COLOR: '1',
};

export interface LocalWorkerOptions {
  /** 127.0.0.1:`port`; a free port by default (tests never bind fixed ports: another checkout may run beside). */
  port?: number;
  /** This run's directory: the local D1 goes in d1/. The caller deletes it after stop(). */
  workDir: string;
  /** Served as the static assets; without it an empty folder, so no `npm run build` is needed. */
  assetsDir?: string;
  /** The ADMIN_TOKEN passed by `--var` (the repo's .dev.vars is read but not changed); random by default. */
  adminToken?: string;
  /** wrangler's output goes to this file; without it the last 20 kB are kept in memory. */
  logFile?: string;
  /** How long the migrations, and then the start, may take; 60 s by default. */
  timeoutMs?: number;
  /** Said after "port … is in use" (how to pick another port). */
  portInUseHint?: string;
  /** An ISO instant the worker takes as "now" (`PINNED_NOW`), so a test does not depend on the day it runs. */
  pinnedNow?: string;
}

/** A TCP port nothing listens on right now (the kernel's pick for port 0). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : null;
      server.close(() => (port === null ? fail(new Error('no port from the kernel')) : done(port)));
    });
  });
}

export interface LocalWorker {
  base: string;
  adminToken: string;
  /** Calls the API as admin (or with `token`); throws unless the answer is 2xx, returns the parsed JSON. */
  api(method: string, apiPath: string, body?: unknown, token?: string): Promise<unknown>;
  /** The end of what wrangler printed, for failure messages. */
  log(): string;
  /** Stops wrangler and its workerd (the whole process group); resolves once nothing of it is left. */
  stop(): Promise<void>;
}

function wranglerBin(): string {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('wrangler/package.json');
  } catch {
    throw new Error('wrangler is not installed: run npm install');
  }
  return join(dirname(packageJson), 'bin', 'wrangler.js');
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
    const child = spawn(process.execPath, [wranglerBin(), ...args], { cwd: REPO_ROOT, env: QUIET_ENV });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
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

/**
 * A local D1 with every migration applied, made once per set of migrations (and wrangler version) and kept
 * under the system's temp dir: `wrangler d1 migrations apply` starts a local database per migration (about
 * 4 s each), so each worker copies this folder instead. Made in a scratch folder and renamed into place, so a
 * checkout running beside this one either finds it whole or makes its own; never changed once there.
 */
async function migratedD1(timeoutMs: number): Promise<string> {
  const template = join(tmpdir(), `tuanjian-d1-migrated-${migrationsHash()}`);
  if (existsSync(template)) return template;
  const scratch = mkdtempSync(`${template}.part-`);
  try {
    await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', scratch], timeoutMs);
    renameSync(scratch, template);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    // Another run made it meanwhile: theirs is as good.
    if (!existsSync(template)) throw error;
  }
  return template;
}

/** What the migrated database depends on: the migrations, wrangler.toml and wrangler's version. */
function migrationsHash(): string {
  const migrations = join(REPO_ROOT, 'worker', 'migrations');
  const hash = createHash('sha256');
  hash.update(readFileSync(join(dirname(wranglerBin()), '..', 'package.json')));
  hash.update(readFileSync(join(REPO_ROOT, 'wrangler.toml')));
  for (const name of readdirSync(migrations).sort()) {
    hash.update(`\0${name}\0`);
    hash.update(readFileSync(join(migrations, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
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

/** Sends `signal` to the worker's whole process group (watchdog, wrangler, workerd, esbuild). */
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
 * Runs as the leader of the worker's process group and starts wrangler in it. When the caller goes away
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

async function waitForHealth(base: string, child: ChildProcess, log: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`wrangler dev exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    try {
      const response = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`the worker did not answer on ${base} within ${timeoutMs / 1000} s:\n${log()}`);
}

/**
 * Serves the worker on 127.0.0.1:`port` from the local D1 in `workDir`/d1: a fresh one with the migrations
 * applied (a copy of migratedD1), or the one there (a restart), migrated if it lacks any migration.
 * Resolves once /api/v1/health answers.
 * @example
 * const worker = await startLocalWorker({ workDir });
 * try { await worker.api('POST', '/units', unit); } finally { await worker.stop(); }
 */
export async function startLocalWorker(options: LocalWorkerOptions): Promise<LocalWorker> {
  const { workDir } = options;
  const port = options.port ?? (await freePort());
  const inspectorPort = await freePort();
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (await portAnswers(port)) {
    const hint = options.portInUseHint ? `, or ${options.portInUseHint}` : '';
    throw new Error(`127.0.0.1:${port} is already in use: stop whatever listens there first${hint}`);
  }
  const wrangler = wranglerBin();
  const persistDir = join(workDir, 'd1');
  const assetsDir = options.assetsDir ?? join(workDir, 'assets');
  mkdirSync(assetsDir, { recursive: true });
  // A fresh folder starts as a copy of the migrated database; one with data (a restart) gets the migrations
  // it lacks, unless it was copied from the database of these very migrations.
  const copiedFrom = join(persistDir, 'migrations-hash');
  if (!existsSync(persistDir)) {
    cpSync(await migratedD1(timeoutMs), persistDir, { recursive: true });
    writeFileSync(copiedFrom, migrationsHash());
  } else if (!existsSync(copiedFrom) || readFileSync(copiedFrom, 'utf8') !== migrationsHash()) {
    await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir], timeoutMs);
  }

  const adminToken = options.adminToken ?? `tj_test_${randomBytes(18).toString('base64url')}`;
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
    '--assets',
    assetsDir,
    '--inspector-port',
    String(inspectorPort),
    '--var',
    `ADMIN_TOKEN:${adminToken}`,
    ...(options.pinnedNow ? ['--var', `PINNED_NOW:${options.pinnedNow}`] : []),
    '--show-interactive-dev-session=false',
  ];
  const logFile = options.logFile;
  const out = logFile === undefined ? 'pipe' : openSync(logFile, 'a');
  const child = spawn(process.execPath, ['-e', WATCHDOG, workDir, JSON.stringify(command)], {
    cwd: REPO_ROOT,
    env: QUIET_ENV,
    stdio: ['pipe', out, out],
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const log = () => (logFile === undefined ? output : tail(logFile));

  let stopped = false;
  // When this process exits without stop() (an uncaught error): no orphaned workerd.
  const onExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', onExit);
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    signalGroup(child, 'SIGTERM');
    if (!(await exited(child, 5_000))) {
      signalGroup(child, 'SIGKILL');
      await exited(child, 2_000);
    }
    // workerd may outlive wrangler's node process by a moment: make sure nothing of the group is left.
    for (let wait = 0; wait < 20 && groupAlive(child); wait++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    if (groupAlive(child)) signalGroup(child, 'SIGKILL');
    child.stdin?.destroy();
  };

  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base, child, log, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    base,
    adminToken,
    log,
    stop,
    async api(method, apiPath, body, token = adminToken) {
      try {
        return await new ApiClient({ baseUrl: base, token }).call(method, apiPath, body);
      } catch (error) {
        if (!(error instanceof ApiClientError)) throw error;
        const detail = JSON.stringify(error.details ?? null).slice(0, 400);
        throw new Error(
          `${method} ${apiPath} → ${error.status ?? 'no answer'} ${error.code}: ${error.message} ${detail}`,
        );
      }
    },
  };
}
