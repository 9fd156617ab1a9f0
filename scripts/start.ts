// `npm start`: build the pane, migrate local D1, serve the worker on localhost, seed the demo district.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedDemo } from './seed';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 8787);
const base = `http://127.0.0.1:${port}`;
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`✗ ${command} ${args.join(' ')} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

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

async function waitForHealth(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the worker did not answer on ${base} within ${timeoutMs / 1000} s`);
}

const token = adminToken();
console.log('① building the task pane and /docs assets…');
run('npm', ['run', 'build', '--silent']);
console.log('② applying migrations to local D1…');
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local']);
console.log(`③ starting the worker on ${base}…`);
const worker = spawn(
  'npx',
  ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false'],
  {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => worker.kill(signal));
worker.on('exit', (code) => process.exit(code ?? 0));

try {
  await waitForHealth(60_000);
  console.log('④ seeding the demo district (only what is missing)…');
  const report = await seedDemo(base, token);
  console.log(
    `   units created ${report.unitsCreated}, quotas set ${report.quotasSet}, ledgers uploaded ${report.ledgersUploaded} (${report.organizations} organizations)`,
  );
  console.log(`
团建台账 is running.
  API         ${base}/api/v1   (OpenAPI: ${base}/api/v1/openapi.json)
  API docs    ${base}/docs
  Task pane   ${base}/taskpane
  Web page    ${base}/app/
  Admin token ${token}
Try: curl -H "Authorization: Bearer ${token}" "${base}/api/v1/me"
Press Ctrl+C to stop.`);
} catch (error) {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  worker.kill('SIGTERM');
  process.exit(1);
}
