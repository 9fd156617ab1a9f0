// Builds the task pane (and the ribbon's function file) into dist/, serving office.js from the add-in's own origin.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { customFunctionsMetadata } from './src/functions/metadata.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const officeDist = join(dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');

/** Each page's source (under src/) and the URL it is served at (manifest.xml points at the pane's). */
const PAGES = {
  'taskpane.html': 'taskpane/taskpane.html',
  // The web page for browsers without Excel add-ins (WPS Office), served at /app/.
  'app/index.html': 'web/index.html',
} as const;

/** Pages that run outside Office: no office.js tag. */
const WITHOUT_OFFICE: ReadonlySet<string> = new Set(['web/index.html']);

/** Where office.js and what it loads lazily live, relative to the site root. */
const OFFICE_BASE = 'office-js';

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

/** Serves office.js in dev, emits it into dist/office-js/ on build, and adds its script tag to every page. */
function officeJs(): Plugin {
  return {
    name: 'tuanjian:office-js',
    configureServer(server) {
      const files = new Set(officeRuntimeFiles());
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '').split('?')[0] ?? '';
        const pageSource = Object.entries(PAGES).find(
          ([page]) => path === `/${page}` || `${path}index.html` === `/${page}`,
        )?.[1];
        if (pageSource) request.url = `/${pageSource}`;
        const prefix = `/${OFFICE_BASE}/`;
        if (!path.startsWith(prefix)) return next();
        const file = path.slice(prefix.length);
        if (!files.has(file)) return next();
        response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        response.end(readFileSync(join(officeDist, file)));
      });
    },
    generateBundle() {
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
      return [{ tag: 'script', attrs: { src: `/${OFFICE_BASE}/office.js` }, injectTo: 'head' }];
    },
  };
}

/** Puts each page at the site root (dist/taskpane.html), where the manifest expects it. */
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

export default defineConfig(async ({ command }) => ({
  root: resolve(here, 'src'),
  publicDir: resolve(here, 'public'),
  base: '/',
  plugins: [officeJs(), pagesAtRoot(), customFunctionsJson()],
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
