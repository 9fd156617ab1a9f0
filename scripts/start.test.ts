// `npm start` on a port that is already taken: it says so before building anything, and exits 1.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function start(port: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'scripts/start.ts'],
      { cwd: root, env: { ...process.env, PORT: String(port) }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A server on a free port of 127.0.0.1, answering every request with `status`. */
function listen(status: number): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer((_request, response) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end('{"ok":true}');
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      resolve({ server, port: address.port });
    });
  });
}

let running: Server | null = null;
afterEach(() => {
  running?.close();
  running = null;
});

describe('npm start on a port already in use', () => {
  it('says another 团建台账 runs there (its /api/v1/health answers) and names a free way out', async () => {
    const { server, port } = await listen(200);
    running = server;
    const result = await start(port);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`http://127.0.0.1:${port} 上已经有一个团建台账在运行`);
    expect(result.stderr).toContain(`PORT=${port + 1} npm start`);
    // Nothing was built or started: the first step never ran.
    expect(result.stdout).not.toContain('①');
  });

  it('says another program holds the port when it is not the worker', async () => {
    const { server, port } = await listen(404);
    running = server;
    const result = await start(port);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`端口 ${port} 已被其他程序占用`);
    expect(result.stdout).not.toContain('①');
  });
});
