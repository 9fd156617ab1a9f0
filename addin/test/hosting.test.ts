// Hosting: every URL of the production manifest answers 200 without a redirect from the real worker (wrangler dev,
// the built pane as static assets), every URL of the development manifest does from the Vite dev server, and the
// built pages load office.js from Microsoft's CDN (the deploy build) or from the local copy (everything else).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_JS_CDN, officeJsSource } from '../vite.config';
import { type RunningWorker, startWorker } from './support/worker';

const addinDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const configFile = join(addinDir, 'vite.config.ts');
const manifestXml = readFileSync(resolve(addinDir, '../manifest.xml'), 'utf8');
const DEV_ORIGIN = 'https://localhost:3000';
const LOCAL_OFFICE_JS = '/office-js/office.js';

/** scripts/manifest-prod.mjs (plain JavaScript): the production rewrite the release runs. */
interface ManifestProd {
  productionId(xml: string, origin: string): string;
  productionManifest(xml: string, options: { origin: string; version: string; id: string }): string;
}

/** Every URL under `origin` in `xml` (the origin itself, an AppDomain, left out). */
function urlsUnder(xml: string, origin: string): string[] {
  const escaped = origin.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
  const urls = xml.match(new RegExp(`${escaped}/[^"<\\s]*`, 'gu')) ?? [];
  return [...new Set(urls)];
}

/** The Content-Type each URL must answer with. */
function expectedType(url: string): RegExp {
  const path = new URL(url).pathname;
  if (path.endsWith('.png')) return /^image\/png/u;
  if (path.endsWith('.json')) return /^application\/json/u;
  if (path.endsWith('.js')) return /^(text|application)\/javascript/u;
  return /^text\/html/u;
}

/** Fetches each URL without following redirects: each must answer 200 with its content type. */
async function expectServedWithoutRedirect(urls: string[]): Promise<void> {
  const answers = await Promise.all(
    urls.map(async (url) => {
      const response = await fetch(url, { redirect: 'manual' });
      await response.arrayBuffer();
      return { url, status: response.status, type: response.headers.get('content-type') ?? '' };
    }),
  );
  for (const { url, status, type } of answers) {
    expect({ url, status }).toEqual({ url, status: 200 });
    expect(type, url).toMatch(expectedType(url));
  }
}

/** The src of every office.js script tag in a page. */
function officeJsTags(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc="([^"]*office\.js)"/gu)].map((match) => match[1] ?? '');
}

/** Builds the pane with the add-in's Vite config into `outDir`, in `mode` and with OFFICE_JS=`officeJs`. */
async function buildPane(outDir: string, mode: string | undefined, officeJs?: string): Promise<void> {
  const saved = process.env.OFFICE_JS;
  if (officeJs === undefined) delete process.env.OFFICE_JS;
  else process.env.OFFICE_JS = officeJs;
  try {
    await build({ configFile, mode, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    if (saved === undefined) delete process.env.OFFICE_JS;
    else process.env.OFFICE_JS = saved;
  }
}

let workDir: string;
const builds = { local: '', deploy: '', deployLocal: '' };

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'tuanjian-hosting-'));
  builds.local = join(workDir, 'local');
  builds.deploy = join(workDir, 'deploy');
  builds.deployLocal = join(workDir, 'deploy-local');
  await buildPane(builds.local, undefined);
  await buildPane(builds.deploy, 'deploy');
  await buildPane(builds.deployLocal, 'deploy', 'local');
}, 120_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('office.js in the built pages', () => {
  it('is the local copy by default (npm run build, npm start, the tests): nothing needs the CDN', () => {
    const pane = readFileSync(join(builds.local, 'taskpane.html'), 'utf8');
    expect(officeJsTags(pane)).toEqual([LOCAL_OFFICE_JS]);
    expect(existsSync(join(builds.local, LOCAL_OFFICE_JS))).toBe(true);
    // The web page (/app/) runs without Office.
    expect(officeJsTags(readFileSync(join(builds.local, 'app/index.html'), 'utf8'))).toEqual([]);
  });

  it("is Microsoft's CDN in the deploy build (--mode deploy), with no local copy shipped", () => {
    expect(OFFICE_JS_CDN).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    const pane = readFileSync(join(builds.deploy, 'taskpane.html'), 'utf8');
    expect(officeJsTags(pane)).toEqual([OFFICE_JS_CDN]);
    // Before the pane's own (module, deferred) script runs: a classic script in the head.
    expect(pane.indexOf(OFFICE_JS_CDN)).toBeLessThan(pane.indexOf('</head>'));
    expect(existsSync(join(builds.deploy, 'office-js'))).toBe(false);
    expect(officeJsTags(readFileSync(join(builds.deploy, 'app/index.html'), 'utf8'))).toEqual([]);
  });

  it('is the local copy in the deploy build with OFFICE_JS=local (networks that block the CDN)', () => {
    const pane = readFileSync(join(builds.deployLocal, 'taskpane.html'), 'utf8');
    expect(officeJsTags(pane)).toEqual([LOCAL_OFFICE_JS]);
    expect(existsSync(join(builds.deployLocal, LOCAL_OFFICE_JS))).toBe(true);
  });

  it('follows OFFICE_JS over the mode, and refuses anything but cdn or local', () => {
    expect(officeJsSource('production', undefined)).toBe('local');
    expect(officeJsSource('development', undefined)).toBe('local');
    expect(officeJsSource('deploy', undefined)).toBe('cdn');
    expect(officeJsSource('deploy', '')).toBe('cdn');
    expect(officeJsSource('production', 'cdn')).toBe('cdn');
    expect(officeJsSource('deploy', 'local')).toBe('local');
    expect(() => officeJsSource('deploy', 'CDN')).toThrow(/OFFICE_JS/u);
  });
});

describe('the worker (static assets) serving the built pane', () => {
  let worker: RunningWorker;
  let prodXml: string;

  beforeAll(async () => {
    worker = await startWorker({ assetsDir: builds.local });
    // The production rewrite, with the worker's origin for the deployed one (plain http here: the test's only
    // liberty; the rewrite itself is what a release runs).
    const prod: ManifestProd = await import(join(addinDir, 'scripts/manifest-prod.mjs'));
    prodXml = prod.productionManifest(manifestXml, {
      origin: worker.url,
      version: '1.0.0.0',
      id: prod.productionId(manifestXml, 'https://tuanjian.example.org'),
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
  }, 30_000);

  it('answers every URL of the production manifest with 200, no redirect, and the right content type', async () => {
    const urls = urlsUnder(prodXml, worker.url);
    expect(urls.map((url) => new URL(url).pathname).sort()).toEqual(
      expect.arrayContaining(['/taskpane', '/help', '/functions.json', '/assets/icon-32.png']),
    );
    await expectServedWithoutRedirect(urls);
  });

  it('serves the pane as Office asks for it (with _host_Info) and its local office.js', async () => {
    await expectServedWithoutRedirect([
      `${worker.url}/taskpane?_host_Info=Excel$Win32$16.01$zh-CN$$$$0`,
      `${worker.url}${LOCAL_OFFICE_JS}`,
    ]);
    const pane = await (await fetch(`${worker.url}/taskpane`, { redirect: 'manual' })).text();
    expect(officeJsTags(pane)).toEqual([LOCAL_OFFICE_JS]);
  });

  it('keeps the web page at /app/ (200), and old .html links lead to the canonical URLs', async () => {
    await expectServedWithoutRedirect([`${worker.url}/app/`]);
    for (const [from, to] of [
      ['/taskpane.html', '/taskpane'],
      ['/help.html', '/help'],
      ['/app', '/app/'],
    ] as const) {
      const response = await fetch(`${worker.url}${from}`, { redirect: 'manual' });
      expect([301, 307, 308], from).toContain(response.status);
      expect(new URL(response.headers.get('location') ?? '', worker.url).pathname, from).toBe(to);
    }
  });
});

describe('the Vite dev server (npm run dev -w addin)', () => {
  let server: ViteDevServer;
  let origin: string;
  const savedHttp = process.env.ADDIN_HTTP;

  beforeAll(async () => {
    // Plain http: the test has no dev certificates (Office itself needs https://localhost:3000).
    process.env.ADDIN_HTTP = '1';
    server = await createServer({
      configFile,
      logLevel: 'warn',
      server: { host: '127.0.0.1', port: 0, strictPort: false },
    });
    await server.listen();
    const address = server.httpServer?.address();
    if (typeof address !== 'object' || address === null) throw new Error('the dev server is not listening');
    origin = `http://127.0.0.1:${address.port}`;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    if (savedHttp === undefined) delete process.env.ADDIN_HTTP;
    else process.env.ADDIN_HTTP = savedHttp;
  });

  it('answers every URL of the development manifest with 200, no redirect, and the right content type', async () => {
    const urls = urlsUnder(manifestXml, DEV_ORIGIN).map((url) => url.replace(DEV_ORIGIN, origin));
    expect(urls.length).toBeGreaterThan(5);
    await expectServedWithoutRedirect(urls);
  });

  it('serves the pane with the local office.js, and the web page at /app/', async () => {
    const pane = await (await fetch(`${origin}/taskpane`, { redirect: 'manual' })).text();
    expect(officeJsTags(pane)).toEqual([LOCAL_OFFICE_JS]);
    await expectServedWithoutRedirect([`${origin}${LOCAL_OFFICE_JS}`, `${origin}/app/`]);
    const web = await (await fetch(`${origin}/app/`, { redirect: 'manual' })).text();
    expect(web).toContain('/web/main.ts');
    expect(officeJsTags(web)).toEqual([]);
  });
});
