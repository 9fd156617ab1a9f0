// `npm start`: build the pane, migrate local D1, serve the worker on localhost, seed the demo district.
// One short line per step and the final block on the console; the build, wrangler and request logs go to
// .wrangler/start.log (named on the first line), whose tail is shown when a step fails.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { seedDemo } from './seed';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 8787);
const base = `http://127.0.0.1:${port}`;
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };
const logFile = path.join(root, '.wrangler', 'start.log');
const shownLog = path.relative(process.cwd(), logFile) || logFile;

/** The first admin token lives in .dev.vars (wrangler's local secrets); made once, kept after. */
function adminToken(): string {
  const file = path.join(root, '.dev.vars');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const found = /^ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?/m.exec(text)?.[1];
  if (found) return found;
  const token = `tj_admin_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, `${text}${text && !text.endsWith('\n') ? '\n' : ''}ADMIN_TOKEN="${token}"\n`);
  return token;
}

/** Whether something already listens on 127.0.0.1:`port` (another npm start, or any other program). */
function portTaken(): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(true));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(false)));
  });
}

async function isOurWorker(): Promise<boolean> {
  try {
    const response = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

function logTail(lines = 30): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function fail(message: string): never {
  console.error(`✗ ${message}`);
  const tail = logTail();
  if (tail) console.error(`\n最后的日志 / last lines of ${shownLog}:\n${tail}`);
  process.exit(1);
}

let started = performance.now();
function step(text: string): void {
  started = performance.now();
  process.stdout.write(`${text}… `);
}
function done(detail = ''): void {
  console.log(
    `完成 / done (${((performance.now() - started) / 1000).toFixed(1)} s)${detail ? ` ${detail}` : ''}`,
  );
}

/** Runs a build step with its output in the log file. */
function run(command: string, args: string[], log: number): void {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', log, log], env });
  if (result.status !== 0) {
    console.log('');
    fail(`${command} ${args.join(' ')} 失败 / failed (exit ${result.status})`);
  }
}

async function waitForHealth(worker: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (worker.exitCode !== null) return;
    if (await isOurWorker()) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  console.log('');
  fail(
    `服务在 ${timeoutMs / 1000} 秒内没有响应 / the worker did not answer on ${base} within ${timeoutMs / 1000} s`,
  );
}

if (await portTaken()) {
  const ours = await isOurWorker();
  console.error(
    ours
      ? `✗ ${base} 上已经有一个团建台账在运行（另一个 npm start？）。请先停止它，或换一个端口：PORT=${port + 1} npm start\n` +
          `  团建台账 is already running on ${base} (another npm start?). Stop it, or pick another port: PORT=${port + 1} npm start`
      : `✗ 端口 ${port} 已被其他程序占用。请换一个端口：PORT=${port + 1} npm start\n` +
          `  Port ${port} is in use by another program. Pick another one: PORT=${port + 1} npm start`,
  );
  process.exit(1);
}

mkdirSync(path.dirname(logFile), { recursive: true });
const log = openSync(logFile, 'w');
console.log(`团建台账 · npm start（构建与服务日志 / build and server log: ${shownLog}）`);
const token = adminToken();

step('① 构建任务窗格和 API 文档 / building the task pane and /docs');
run('npm', ['run', 'build', '--silent'], log);
done();

step('② 迁移本地 D1 / applying the D1 migrations');
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local'], log);
done();

step(`③ 启动服务 / starting the worker on ${base}`);
const worker = spawn(
  'npx',
  ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false'],
  { cwd: root, stdio: ['ignore', log, log], env },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => worker.kill(signal));
worker.on('exit', (code) => {
  closeSync(log);
  if (code !== 0 && code !== null) fail(`wrangler dev 退出 / exited (${code})`);
  process.exit(code ?? 0);
});

try {
  await waitForHealth(worker, 60_000);
  done();
  step('④ 写入演示数据（只补缺少的）/ seeding the demo district (only what is missing)');
  const report = await seedDemo(base, token);
  done(
    `— 新建单位 ${report.unitsCreated} 个，配额 ${report.quotasSet} 条，台账 ${report.ledgersUploaded} 份（${report.organizations} 个组织），` +
      `活动台账 ${report.activityLedgers} 份（${report.activities} 场活动），` +
      `支持中心组织 ${report.centre} 家，走访记录 ${report.visits} 条，例会记录 ${report.meetings} 条` +
      ` / units ${report.unitsCreated}, quotas ${report.quotasSet}, ledgers ${report.ledgersUploaded} (${report.organizations} organizations), ` +
      `activity ledgers ${report.activityLedgers} (${report.activities} activities), ` +
      `centre ${report.centre}, visits ${report.visits}, meetings ${report.meetings}`,
  );
  console.log(`
团建台账已启动 / is running.
  网页版 Web page        ${base}/app/
  任务窗格 Task pane     ${base}/taskpane
  接口 API               ${base}/api/v1   (OpenAPI: ${base}/api/v1/openapi.json)
  接口文档 API docs      ${base}/docs
  管理员令牌 Admin token ${token}
试一下 / Try: curl -H "Authorization: Bearer ${token}" "${base}/api/v1/me"
按 Ctrl+C 停止 / Press Ctrl+C to stop.`);
} catch (error) {
  worker.kill('SIGTERM');
  console.log('');
  fail(error instanceof Error ? error.message : String(error));
}
