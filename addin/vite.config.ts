// Builds the task pane (and the ribbon's function file) into dist/, loading office.js from Microsoft's CDN (the deploy
// build) or from the add-in's own origin (everything else): see officeJsSource.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { customFunctionsMetadata } from './src/functions/metadata.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const officeDist = join(dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');

/**
 * Each page's source (under src/) by the file the build writes. The worker's static assets (wrangler.toml
 * html_handling = "auto-trailing-slash") serve taskpane.html at /taskpane, the URL manifest.xml names, and
 * app/index.html at /app/; the dev server answers the same URLs (pageUrls).
 */
const PAGES = {
  'taskpane.html': 'taskpane/taskpane.html',
  // The web page for browsers without Excel add-ins (WPS Office), served at /app/.
  'app/index.html': 'web/index.html',
} as const;

/** Pages that run outside Office: no office.js tag. */
const WITHOUT_OFFICE: ReadonlySet<string> = new Set(['web/index.html']);

/** Where the local office.js and what it loads lazily live, relative to the site root. */
const OFFICE_BASE = 'office-js';

/** office.js as Microsoft documents it for production add-ins: its CDN, kept up to date and supported. */
export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

export type OfficeJsSource = 'cdn' | 'local';

/**
 * Where the pages load office.js from. OFFICE_JS=cdn|local decides; without it the deploy build
 * (`vite build --mode deploy`, i.e. `npm run build:deploy`) takes Microsoft's CDN and everything else — vite dev,
 * `npm run build`, `npm start`, the tests — the local copy (@microsoft/office-js, frozen and no longer supported by
 * Microsoft), so nothing that runs offline needs appsforoffice.microsoft.com. OFFICE_JS=local on the deploy build is
 * for office networks that block the CDN.
 */
export function officeJsSource(
  mode: string,
  setting: string | undefined = process.env.OFFICE_JS,
): OfficeJsSource {
  if (setting === undefined || setting === '') return mode === 'deploy' ? 'cdn' : 'local';
  if (setting === 'cdn' || setting === 'local') return setting;
  throw new Error(`OFFICE_JS must be "cdn" or "local", not ${JSON.stringify(setting)}`);
}

/**
 * The office.js files Excel needs: office.js; the host files it picks by platform and version
 * (excel-web-16.00.js, excel-win32-16.01.js, …, and the o15 mapping for Office 2013); each locale's
 * office_strings.js; the telemetry and web-auth helpers it loads from its own folder. Debug builds are skipped.
 */
function isOfficeRuntimeFile(path: string): boolean {
  if (path.endsWith('.debug.js') || !path.endsWith('.js')) return false;
  const [first, second] = path.split('/');
  if (second === undefined) {
    return (
      first === 'office.js' ||
      first === 'o15apptofilemappingtable.js' ||
      first === 'custom-functions-runtime.js' ||
      first?.startsWith('excel') === true
    );
  }
  return (
    second === 'office_strings.js' ||
    first === 'telemetry' ||
    first === 'ariatelemetry' ||
    first === 'webauth'
  );
}

function officeRuntimeFiles(): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const relativePath = relative(officeDist, path).split(sep).join('/');
        if (isOfficeRuntimeFile(relativePath)) files.push(relativePath);
      }
    }
  };
  walk(officeDist);
  return files.sort();
}

/**
 * Adds office.js's script tag to every Office page (the pane, which is also the custom functions' and the ribbon's
 * page in the shared runtime): Microsoft's CDN or the local copy (`source`). The local copy is served in dev and,
 * for `local` only, emitted into dist/office-js/ on build.
 */
function officeJs(source: OfficeJsSource): Plugin {
  return {
    name: 'tuanjian:office-js',
    configResolved(config) {
      config.logger.info(
        `[addin] office.js: ${source === 'cdn' ? OFFICE_JS_CDN : `local copy at /${OFFICE_BASE}/office.js`}`,
      );
    },
    configureServer(server) {
      const files = new Set(officeRuntimeFiles());
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '').split('?')[0] ?? '';
        const prefix = `/${OFFICE_BASE}/`;
        if (!path.startsWith(prefix)) return next();
        const file = path.slice(prefix.length);
        if (!files.has(file)) return next();
        response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        response.end(readFileSync(join(officeDist, file)));
      });
    },
    generateBundle() {
      if (source === 'cdn') return;
      for (const file of officeRuntimeFiles()) {
        this.emitFile({
          type: 'asset',
          fileName: `${OFFICE_BASE}/${file}`,
          source: readFileSync(join(officeDist, file)),
        });
      }
    },
    transformIndexHtml(_html, context) {
      const page = relative(resolve(here, 'src'), context.filename).split(sep).join('/');
      if (WITHOUT_OFFICE.has(page)) return [];
      const src = source === 'cdn' ? OFFICE_JS_CDN : `/${OFFICE_BASE}/office.js`;
      return [{ tag: 'script', attrs: { src }, injectTo: 'head' }];
    },
  };
}

/**
 * The page a dev-server path names, as the worker's static assets would answer it: /taskpane and /taskpane.html
 * the pane, /app/ and /app/index.html the web page.
 */
function pageSource(path: string): string | undefined {
  for (const [page, source] of Object.entries(PAGES)) {
    if (path === `/${page}` || `${path}index.html` === `/${page}`) return source;
    if (!page.endsWith('index.html') && `${path}.html` === `/${page}`) return source;
  }
  return undefined;
}

/**
 * The dev server answers the URLs the worker does (see PAGES): each page, and public/NAME.html at /NAME (help.html
 * at /help, as manifest.xml names it).
 */
function pageUrls(publicDir: string): Plugin {
  return {
    name: 'tuanjian:page-urls',
    configureServer(server) {
      server.middlewares.use((request, _response, next) => {
        const path = (request.url ?? '').split('?')[0] ?? '';
        const source = pageSource(path);
        if (source) request.url = `/${source}`;
        else if (/^(\/[\w-]+)+$/u.test(path) && existsSync(join(publicDir, `${path}.html`))) {
          request.url = `${path}.html`;
        }
        next();
      });
    },
  };
}

/** Puts each page at the site root (dist/taskpane.html), where the worker serves it (see PAGES). */
function pagesAtRoot(): Plugin {
  return {
    name: 'tuanjian:pages-at-root',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const [page, source] of Object.entries(PAGES)) {
        const output = bundle[source];
        if (output?.type !== 'asset') continue;
        delete bundle[source];
        this.emitFile({ type: 'asset', fileName: page, source: output.source });
      }
    },
  };
}

/** functions.json (the custom functions' metadata), generated from the JSDoc of src/functions/functions.ts. */
function customFunctionsJson(): Plugin {
  const fileName = 'functions.json';
  return {
    name: 'tuanjian:custom-functions-metadata',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if ((request.url ?? '').split('?')[0] !== `/${fileName}`) return next();
        customFunctionsMetadata().then((json) => {
          response.setHeader('Content-Type', 'application/json; charset=utf-8');
          response.end(json);
        }, next);
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: await customFunctionsMetadata() });
    },
  };
}

/**
 * The Office dev certificates (trusted https://localhost), or undefined to serve plain http where they cannot
 * be installed: CI, or a container without sudo and a trust store. Office itself only loads https add-ins.
 */
async function devHttps(): Promise<{ ca: Buffer; cert: Buffer; key: Buffer } | undefined> {
  if (process.env.ADDIN_HTTP === '1' || process.env.CI) return undefined;
  try {
    const { getHttpsServerOptions } = await import('office-addin-dev-certs');
    return await getHttpsServerOptions();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.warn(
      `[addin] dev certificates unavailable (${reason}); serving http://localhost:3000. ` +
        'Run "npx office-addin-dev-certs install" where you can, to sideload into Office over https.',
    );
    return undefined;
  }
}

const publicDir = resolve(here, 'public');

export default defineConfig(async ({ command, mode }) => ({
  root: resolve(here, 'src'),
  publicDir,
  base: '/',
  plugins: [pageUrls(publicDir), officeJs(officeJsSource(mode)), pagesAtRoot(), customFunctionsJson()],
  server: {
    port: 3000,
    strictPort: true,
    https: command === 'serve' ? await devHttps() : undefined,
  },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    // Syntax only: Edge Legacy 18 lacks built-ins the bundle evaluates (zod needs BigInt) and IE11 runs no modules;
    // public/compat.js tells users of both (Office 2016/2019 without WebView2) what to do instead.
    target: ['es2019', 'edge18'],
    rolldownOptions: {
      input: Object.fromEntries(
        Object.entries(PAGES).map(([page, source]) => [
          page.replace('.html', ''),
          resolve(here, 'src', source),
        ]),
      ),
    },
  },
}));
