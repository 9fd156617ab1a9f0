// Builds what the e2e test serves and injects: the pane (Vite, into a temp dir) and the browser bundle of the
// fake Excel with its workbook view (fake-excel-browser.ts).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const addinDir = resolve(here, '../..');

/** Builds the task pane with the add-in's own Vite config into `outDir` (what the worker serves). */
export async function buildPane(outDir: string): Promise<void> {
  await build({
    configFile: join(addinDir, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

/** The text of the first chunk of a Vite build made with write: false. */
function chunkCode(result: Awaited<ReturnType<typeof build>>): string {
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!('output' in output)) continue;
    for (const item of output.output) if (item.type === 'chunk') return item.code;
  }
  throw new Error('the fake Excel bundle produced no chunk');
}

/**
 * fake-excel-browser.ts as one classic script for page.addInitScript. office-addin-mock requires
 * office-addin-manifest (Node-only) for one enum; it is aliased to a stub with just that enum.
 */
export async function bundleFakeExcel(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { 'office-addin-manifest': join(here, 'office-addin-manifest-stub.ts') } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: {
        entry: join(here, 'fake-excel-browser.ts'),
        formats: ['iife'],
        name: 'TuanjianFakeExcel',
        fileName: () => 'fake-excel.js',
      },
    },
  });
  return chunkCode(result);
}
