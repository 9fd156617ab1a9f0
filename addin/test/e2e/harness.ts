// What both e2e tests share: the build of the pane and of the fake Excel (fake-excel-browser.ts), the district
// they seed into the worker, and headless Chromium.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorEnvelope, readTrackingSheet } from '@tuanjian/shared';
import { generateDemoDistrict, ledgerToSheetValues } from '@tuanjian/shared/demo';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { z } from 'zod';
import { previousMonth } from '../../src/ui/dates';
import { runCached } from '../support/run-cache';
import { callApi, type RunningWorker } from '../support/worker';

const here = dirname(fileURLToPath(import.meta.url));
const addinDir = resolve(here, '../..');

export const SCREENSHOTS = resolve(here, '../../test-output/screenshots');
export const SHEET = '团建台账';
/** The messy sheet has title rows and its header on row 3: data from row 4. */
export const FIRST_DATA_ROW = 4;

/**
 * The moment the end-to-end tests run at, for the worker (PINNED_NOW) and the browser (Playwright's
 * clock) alike: the tests never depend on the day they run.
 */
export const E2E_NOW = '2026-11-20T02:00:00Z';

/** The add-in's own Vite build of the task pane and web page into `outDir`. */
async function viteBuildPane(outDir: string): Promise<void> {
  await build({
    configFile: join(addinDir, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

/**
 * Builds the task pane with the add-in's own Vite config into `outDir` (what the worker serves): built once
 * per test run and copied (run-cache.ts), as the pane does not change while the tests run.
 */
export async function buildPane(outDir: string): Promise<void> {
  const built = await runCached('pane', viteBuildPane);
  if (built === undefined) return viteBuildPane(outDir);
  rmSync(outDir, { recursive: true, force: true });
  cpSync(built, outDir, { recursive: true });
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
  const made = await runCached('fake-excel', async (dir) => {
    writeFileSync(join(dir, 'fake-excel.js'), await viteBundleFakeExcel());
  });
  return made === undefined ? viteBundleFakeExcel() : readFileSync(join(made, 'fake-excel.js'), 'utf8');
}

async function viteBundleFakeExcel(): Promise<string> {
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

/** Makes the screenshots folder and deletes this test's own earlier screenshots (`mine`) from it. */
export function clearScreenshots(mine: (name: string) => boolean): void {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const name of readdirSync(SCREENSHOTS)) {
    if (mine(name)) rmSync(join(SCREENSHOTS, name), { force: true });
  }
}

/**
 * Last month's demo district cut to its first `unitCount` units; `unitIndex` is the unit on the page, its
 * ledger as a messy sheet at A1 (title rows, header on row 3, data from row 4).
 */
export function e2eDistrict(unitCount: number, unitIndex: number) {
  const period = previousMonth(new Date(E2E_NOW));
  const demo = generateDemoDistrict({ year: period.year, throughMonth: period.month });
  const units = demo.units.slice(0, unitCount);
  const unit = units[unitIndex];
  if (!unit) throw new Error('the demo district has units');
  const records = demo.records.filter((record) => record.unitCode === unit.code);
  const messyValues = ledgerToSheetValues(records, { messy: true, units: demo.units });
  return { period, demo, units, unit, records, messyValues };
}

/**
 * Seeds the worker with the district: its units, their quotas and every other unit's ledger for the period.
 * Answers a new unit token for the unit on the page, labelled `label`.
 */
export async function seedDistrict(
  worker: RunningWorker,
  { period, demo, units, unit }: ReturnType<typeof e2eDistrict>,
  label: string,
): Promise<string> {
  for (const each of units) await callApi(worker, 'POST', '/units', { body: each });
  const quotas = demo.quotas
    .filter((quota) => quota.year === period.year && units.some((each) => each.code === quota.unitCode))
    .map(({ unitCode, quota }) => ({ unitCode, quota }));
  await callApi(worker, 'PUT', `/quotas/${period.year}`, { body: { quotas } });
  for (const other of units) {
    if (other.code === unit.code) continue;
    const ledger = demo.records.filter((record) => record.unitCode === other.code);
    const rows = readTrackingSheet(ledgerToSheetValues(ledger, { units: demo.units })).rows;
    await callApi(worker, 'POST', '/uploads', {
      body: { unitCode: other.code, rows, reportYear: period.year, reportMonth: period.month },
    });
  }
  return z
    .object({ token: z.string() })
    .parse(await callApi(worker, 'POST', '/tokens', { body: { role: 'unit', unitCode: unit.code, label } }))
    .token;
}

/**
 * Headless Chromium from CHROMIUM_PATH (or the system's), without its background traffic.
 *
 * The pages of one browser context are tabs of one window here, and only the tab in front draws frames at
 * full speed: one behind it draws about a frame a second, so each click there waits ~2 s for its element to
 * be stable and each screenshot takes ~3 s. A test with two pages in a context (the pane and the web page)
 * calls `page.bringToFront()` whenever it turns to the other one.
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
    timeout: 30_000,
  });
}

/** Waits until a tab's (or section's) notice shows `text`; answers the notice's whole text. */
export async function waitForNotice(page: Page, tab: string, text: string): Promise<string> {
  const notice = page.locator(`#${tab}-notice`, { hasText: text });
  await notice.waitFor();
  return (await notice.textContent()) ?? '';
}

/**
 * Saves a screenshot as SCREENSHOTS/`name`.png, the fake workbook beside a pane redrawn first (a page
 * without it is taken as it is).
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  await page.evaluate(() => window.__harness?.refresh());
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? false });
}

/** Collects into `errors` what the page throws and logs as an error. */
export function collectPageErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // Resources that fail on purpose (office.js telemetry offline, the cut-off upload) are not the page's errors.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
}

/**
 * Makes the server refuse the next dry runs (422) with one error on 联系电话 of sheet row `row`: a refusal
 * only the server could give, so both apps' handling of it can be seen. Returns the route to remove.
 */
export async function refuseDryRuns(page: Page, row: number): Promise<() => Promise<void>> {
  const isDryRun = (url: URL) => url.pathname === '/api/v1/uploads' && url.searchParams.has('dryRun');
  const diagnostic = {
    row,
    column: 'phone',
    header: '联系电话',
    severity: 'error',
    code: 'phone.invalid',
    message: '联系电话格式不正确',
    messageEn: 'Invalid phone',
  };
  const body = errorEnvelope('validation_failed', '台账中有 1 处错误，未写入任何数据', {
    messageEn: 'The ledger has 1 error(s); nothing was written',
    diagnostics: [diagnostic],
  });
  await page.route(isDryRun, (route) =>
    route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify(body) }),
  );
  return () => page.unroute(isDryRun);
}
