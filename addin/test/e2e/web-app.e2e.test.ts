// The web page (/app/) end to end: the built page served by the real worker (wrangler dev, local D1) in headless
// Chromium, used as someone on WPS would: sign in, open a messy .xlsx, read its problems, download it marked,
// open the fixed file, dry run, upload (through a lost answer), and download the bulletin. Screenshots of each step.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { COLUMNS, type ColumnKey, readTrackingSheet, type TrackingRecord } from '@tuanjian/shared';
import { ledgerToSheetValues } from '@tuanjian/shared/demo';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { columnLetter } from '../../src/sheet/address';
import { COMMENT_PREFIX } from '../../src/sheet/marks';
import { PROBLEMS_SHEET } from '../../src/xlsx/annotate';
import { callApi, type RunningWorker, startWorker } from '../support/worker';
import {
  buildPane,
  clearScreenshots,
  collectPageErrors,
  E2E_NOW,
  e2eDistrict,
  FIRST_DATA_ROW,
  launchChromium,
  refuseDryRuns,
  SHEET,
  saveScreenshot,
  seedDistrict,
  waitForNotice,
} from './harness';

const ERROR_ARGB = 'FFFFC7CE';

// The district: the demo's first six units with quotas; all but the one on the page have uploaded.
const district = e2eDistrict(6, 2);
const { period, units, unit, records, messyValues } = district;

function columnIndex(key: ColumnKey): number {
  const index = COLUMNS.findIndex((column) => column.key === key);
  if (index < 0) throw new Error(`no column ${key}`);
  return index;
}

function pick(test: (record: TrackingRecord) => boolean, not?: number): number {
  const index = records.findIndex((record, position) => position !== not && test(record));
  if (index < 0) throw new Error('the demo ledger lacks a row to break');
  return index;
}

/** Two cells a user gets wrong: a credit code with a wrong check character, and a 建团时间 in the future. */
const breaks = (() => {
  const credit = pick((record) => record.creditCode !== null);
  const future = pick((record) => record.status === '已建团' && record.checkedOn === null, credit);
  const code = records[credit]?.creditCode ?? '';
  const items: { key: ColumnKey; index: number; broken: string }[] = [
    { key: 'creditCode', index: credit, broken: `${code.slice(0, 17)}${code.endsWith('0') ? '1' : '0'}` },
    { key: 'establishedOn', index: future, broken: `${period.year + 2}-01-15` },
  ];
  return items.map(({ key, index, broken }) => {
    const row = FIRST_DATA_ROW + index;
    return { key, row, address: `${columnLetter(columnIndex(key) + 1)}${row}`, broken };
  });
})();
const brokenValues = messyValues.map((row, index) =>
  row.map((value, column) => {
    const cell = breaks.find((each) => each.row === index + 1 && columnIndex(each.key) === column);
    return cell ? cell.broken : value;
  }),
);

/** An .xlsx as a unit keeps it: a 说明 sheet first, then the ledger. */
async function writeLedgerFile(path: string, values: unknown[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('说明').getCell('A1').value = '填表说明：每个青年社会组织填一行。';
  const sheet = workbook.addWorksheet(SHEET);
  for (const row of values) sheet.addRow(row.map((value) => (value === '' ? null : value)));
  await workbook.xlsx.writeFile(path);
}

async function readXlsx(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name} (has ${workbook.worksheets.map((each) => each.name)})`);
  return sheet;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  return cell.fill?.type === 'pattern' ? cell.fill.fgColor?.argb : undefined;
}

function noteOf(cell: ExcelJS.Cell): string {
  const note = cell.note;
  if (note === undefined) return '';
  return typeof note === 'string' ? note : (note.texts ?? []).map((run) => run.text).join('');
}

const TotalSchema = z.object({ total: z.number() });

let workDir: string;
let brokenFile: string;
let fixedFile: string;
/** The fixed ledger without its last two organizations. */
let shortFile: string;
/** The marked ledger as downloaded. */
let markedPath: string;
let worker: RunningWorker;
let browser: Browser;
let page: Page;
let unitToken: string;
const pageErrors: string[] = [];
/** Every URL the page asked for. */
const requested: string[] = [];

function shot(name: string): Promise<void> {
  return saveScreenshot(page, `web-${name}`, { fullPage: true });
}

/** Waits until the section's notice shows `text`. */
function noticeSays(section: string, text: string): Promise<string> {
  return waitForNotice(page, section, text);
}

/** Clicks `selector` and saves the download it starts into the work folder. */
async function download(selector: string): Promise<{ name: string; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  const name = file.suggestedFilename();
  const path = join(workDir, `downloaded-${name}`);
  await file.saveAs(path);
  return { name, path };
}

beforeAll(async () => {
  clearScreenshots((name) => /^web-\d/.test(name)); // not web-bulletin-*: that file may run meanwhile
  workDir = mkdtempSync(join(tmpdir(), 'tuanjian-web-e2e-'));
  const assets = join(workDir, 'public');
  brokenFile = join(workDir, `${unit.name}台账（待改）.xlsx`);
  fixedFile = join(workDir, `${unit.name}台账.xlsx`);
  shortFile = join(workDir, `${unit.name}台账（删减）.xlsx`);
  await Promise.all([
    buildPane(assets),
    writeLedgerFile(brokenFile, brokenValues),
    writeLedgerFile(fixedFile, messyValues),
    writeLedgerFile(shortFile, messyValues.slice(0, -2)),
  ]);
  worker = await startWorker({ assetsDir: assets, pinnedNow: E2E_NOW });
  unitToken = await seedDistrict(worker, district, '网页填报员');

  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  await context.clock.setFixedTime(new Date(E2E_NOW));
  page = await context.newPage();
  collectPageErrors(page, pageErrors);
  page.on('request', (request) => requested.push(request.url()));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

describe('the web page, used without Excel', { timeout: 20_000 }, () => {
  it('is served at /app/, and /app leads there', async () => {
    const bare = await fetch(`${worker.url}/app`, { redirect: 'manual' });
    expect([301, 307, 308]).toContain(bare.status);
    expect(new URL(bare.headers.get('location') ?? '', worker.url).pathname).toBe('/app/');
    await page.goto(`${worker.url}/app`);
    expect(new URL(page.url()).pathname).toBe('/app/');
    await page.getByLabel('访问令牌').waitFor();
    expect(await page.title()).toBe('团建台账 · 网页版');
    // The page runs without Office: no office.js is loaded.
    expect(await page.evaluate(() => 'Office' in window)).toBe(false);
    // exceljs (the largest part) is not loaded until a file is opened or made.
    expect(requested.filter((url) => /\/assets\/workbook-/.test(url))).toEqual([]);
  });

  it('signs in with a unit token and shows its role and unit', async () => {
    expect(await page.getByLabel('服务器地址').inputValue()).toBe(worker.url);
    await page.getByLabel('访问令牌').fill(unitToken);
    await page.getByRole('button', { name: '连接', exact: true }).click();
    expect(await page.locator('#connect-role').textContent()).toBe('直属团组织');
    expect(await page.locator('#connect-unit').textContent()).toBe(unit.name);
    expect(await page.locator('#connection-status').textContent()).toContain(`已连接：${unit.name}`);
    await page.locator('#connect-progress-heading').waitFor();
    await shot('01-signed-in');
  });

  it('downloads a blank template laid out as the pane makes it, titled with the unit', async () => {
    const file = await download('#ledger-template');
    expect(file.name).toBe(`${unit.name}团建台账（模板）.xlsx`);
    const workbook = await readXlsx(file.path);
    const sheet = sheetOf(workbook, SHEET);
    expect(sheet.getCell('A1').value).toBe(`${unit.name}青年社会组织团建台账`);
    expect(sheet.getRow(4).values).toEqual([undefined, ...COLUMNS.map((column) => column.header)]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const status = sheet.getCell(4 + 1, columnIndex('status') + 1);
    expect(status.dataValidation?.type).toBe('list');
    expect(sheet.getColumn(columnIndex('establishedOn') + 1).numFmt).toBe('yyyy-mm-dd');
  });

  it('opens the messy .xlsx and lists exactly the two broken cells', async () => {
    await page.locator('#ledger-file').setInputFiles(brokenFile);
    await page.locator('#ledger-findings').waitFor();
    expect(requested.filter((url) => /\/assets\/workbook-[\w-]+\.js$/.test(url))).toHaveLength(1);
    expect(await page.locator('#ledger-sheet').inputValue()).toBe(SHEET);
    expect(await page.locator('#ledger-check-summary').textContent()).toContain('发现 2 处错误');
    const rows = page.locator('#ledger-findings tbody tr');
    const cells = await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-cell')));
    const expected = [...breaks].sort((a, b) => a.row - b.row);
    expect(cells).toEqual(expected.map((cell) => cell.address));
    const texts = await rows.allTextContents();
    expect(texts[0]).toContain(String(expected[0]?.row));
    expect(texts.join('\n')).toMatch(/校验位/);
    expect(texts.join('\n')).toMatch(/晚于今天/);
    expect(await page.locator('#ledger-findings thead').textContent()).toBe('行▲列↕单元格级别↕说明');

    await page.locator('#ledger-findings-sort-row').click();
    expect(await page.locator('#ledger-findings th.findings__row').getAttribute('aria-sort')).toBe(
      'descending',
    );
    expect(await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-cell')))).toEqual(
      expected.map((cell) => cell.address).reverse(),
    );
    await page.locator('#ledger-findings-sort-row').press('Enter');
    expect(await page.locator('#ledger-findings th.findings__row').getAttribute('aria-sort')).toBe(
      'ascending',
    );
    await shot('02-diagnostics');
  });

  it('refuses to dry-run a ledger with errors', async () => {
    await page.getByRole('button', { name: '预检（不写入）' }).click();
    expect(await noticeSays('upload', '处错误')).toContain('台账中有 2 处错误，没有发送到服务器');
    const ledger = TotalSchema.parse(await callApi(worker, 'GET', `/ledger?unitCode=${unit.code}`));
    expect(ledger.total).toBe(0);
  });

  it('downloads the ledger with the broken cells filled and listed in 问题清单', async () => {
    const file = await download('#ledger-download-marked');
    expect(file.name).toBe(`${unit.name}台账（待改）（已标注）.xlsx`);
    expect(await noticeSays('ledger', '已生成')).toContain(file.name);
    const workbook = await readXlsx(file.path);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['说明', SHEET, PROBLEMS_SHEET]);
    const sheet = sheetOf(workbook, SHEET);
    const filled: string[] = [];
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (fillOf(cell) !== undefined) filled.push(cell.address);
      });
    });
    expect(filled.sort()).toEqual(breaks.map((cell) => cell.address).sort());
    for (const cell of breaks) {
      expect(fillOf(sheet.getCell(cell.address))).toBe(ERROR_ARGB);
      expect(noteOf(sheet.getCell(cell.address))).toMatch(new RegExp(`^${COMMENT_PREFIX}`));
      expect(sheet.getCell(cell.address).value).toBe(cell.broken);
    }
    const problems = sheetOf(workbook, PROBLEMS_SHEET);
    expect(problems.getRow(1).values).toEqual([undefined, '行', '列', '单元格', '级别', '说明']);
    // Each address a link to its cell.
    expect([problems.getCell('C2').result, problems.getCell('C3').result]).toEqual(
      [...breaks].sort((a, b) => a.row - b.row).map((cell) => cell.address),
    );
    expect(problems.getCell('C2').formula).toMatch(new RegExp(`^HYPERLINK\\("#'${SHEET}'!`, 'u'));
    expect(problems.getCell('D2').value).toBe('错误');
    markedPath = file.path;
  });

  it('re-opens the marked file once fixed: says the old marks no longer apply and downloads it clean', async () => {
    // The two cells corrected in WPS, in the marked file itself: its marks and 问题清单 are still there.
    const workbook = await readXlsx(markedPath);
    const sheet = sheetOf(workbook, SHEET);
    for (const cell of breaks) {
      const [column] = /^[A-Z]+/u.exec(cell.address) ?? [''];
      const original = messyValues[cell.row - 1]?.[columnIndex(cell.key)];
      sheet.getCell(`${column}${cell.row}`).value =
        original === '' || original === undefined ? null : (original as ExcelJS.CellValue);
    }
    const fixedMarked = join(workDir, `${unit.name}台账（已改）.xlsx`);
    await workbook.xlsx.writeFile(fixedMarked);
    await page.locator('#ledger-file').setInputFiles(fixedMarked);
    await page.locator('#ledger-file-name', { hasText: '（已改）' }).waitFor();
    expect(await page.locator('#ledger-check-summary').textContent()).toContain('没有发现错误');
    expect(await page.locator('#ledger-old-marks').textContent()).toBe(
      '现在没有发现问题，但文件里还留有上次的标注（2 处批注和“问题清单”工作表）：点“下载清除标注后的台账”得到一份干净的文件。',
    );
    await shot('02b-old-marks');
    const file = await download('#ledger-download-marked');
    const clean = await readXlsx(file.path);
    expect(clean.worksheets.map((each) => each.name)).toEqual(['说明', SHEET]);
    const cleaned = sheetOf(clean, SHEET);
    for (const cell of breaks) {
      expect(fillOf(cleaned.getCell(cell.address))).toBeUndefined();
      expect(noteOf(cleaned.getCell(cell.address))).toBe('');
    }
  });

  it('opens the fixed file dropped on the page: no errors, ready to upload', async () => {
    const dataTransfer = await page.evaluateHandle(
      ({ name, base64 }) => {
        const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name));
        return transfer;
      },
      { name: basename(fixedFile), base64: readFileSync(fixedFile).toString('base64') },
    );
    await page.dispatchEvent('#ledger-dropzone', 'dragover', { dataTransfer });
    await page.locator('.dropzone--active').waitFor();
    await page.dispatchEvent('#ledger-dropzone', 'drop', { dataTransfer });
    await page.locator('#ledger-file-name', { hasText: `${unit.name}台账.xlsx` }).waitFor();
    expect(await page.locator('#ledger-check-summary').textContent()).toBe(
      `共 ${records.length} 行，没有发现错误，可以上传。`,
    );
    expect(await page.locator('#ledger-findings').count()).toBe(0);
    await shot('03-fixed');
  });

  it('lists the server’s findings of a refusal (422) in the same table', async () => {
    const row = FIRST_DATA_ROW + 1;
    const stopRefusing = await refuseDryRuns(page, row);
    try {
      await page.getByRole('button', { name: '预检（不写入）' }).click();
      expect(await noticeSays('upload', '服务器发现')).toContain('1 处错误');
      const refused = page.locator('#upload-refused tbody tr');
      expect(await refused.getAttribute('data-cell')).toBe(`${columnLetter(columnIndex('phone') + 1)}${row}`);
      expect(await refused.textContent()).toContain('联系电话格式不正确');
    } finally {
      await stopRefusing();
    }
  });

  it('dry-runs the upload: every organization is new, nothing is written', async () => {
    await page.getByRole('button', { name: '预检（不写入）' }).click();
    expect(await noticeSays('upload', '预检完成')).toContain(`将新增 ${records.length}`);
    expect(await page.locator('#upload-counts').textContent()).toContain(`${records.length}新增`);
    await page.locator('#upload-added summary').click();
    const ledger = TotalSchema.parse(await callApi(worker, 'GET', `/ledger?unitCode=${unit.code}`));
    expect(ledger.total).toBe(0);
    await shot('04-dry-run');
  });

  it('uploads once, even when the answer is lost and the upload is retried', async () => {
    const reached: number[] = [];
    const isUpload = (url: URL) => url.pathname === '/api/v1/uploads' && !url.searchParams.has('dryRun');
    await page.route(isUpload, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      // The server gets the upload and applies it; the answer never reaches the page.
      const response = await route.fetch();
      reached.push(response.status());
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: '上传', exact: true }).click();
    expect(await noticeSays('upload', '无法连接服务器')).toContain(`服务器地址：${worker.url}`);
    expect(await page.locator('#upload-pending-kept').textContent()).toContain('不会被重复计入');
    expect(reached).toEqual([201]);

    await page.unroute(isUpload);
    await page.getByRole('button', { name: '重试' }).click();
    const done = await noticeSays('upload', '上传成功');
    expect(done).toContain(`新增 ${records.length}`);
    expect(done).toContain('没有重复计入');
    const ledger = TotalSchema.parse(await callApi(worker, 'GET', `/ledger?unitCode=${unit.code}`));
    expect(ledger.total).toBe(records.length);
    const uploads = z
      .object({ uploads: z.array(z.object({ id: z.string() })) })
      .parse(await callApi(worker, 'GET', `/uploads?unitCode=${unit.code}`));
    expect(uploads.uploads).toHaveLength(1);
    await shot('05-uploaded');
  });

  it('shows what an upload would remove, open and in red, and sends it only once confirmed; a ledger that moved is dry-run again', async () => {
    // The unit opens a file that lacks its last two organizations.
    await page.locator('#ledger-file').setInputFiles(shortFile);
    await page.locator('#ledger-file-name', { hasText: basename(shortFile) }).waitFor();
    await page.getByRole('button', { name: '预检（不写入）' }).click();
    expect(await noticeSays('upload', '预检完成')).toContain('删除 2 个组织');
    const removed = page.locator('#upload-removed');
    expect(await removed.getAttribute('open')).not.toBeNull();
    for (const record of records.slice(-2)) expect(await removed.textContent()).toContain(record.orgName);
    expect(await removed.locator('summary').evaluate((element) => getComputedStyle(element).color)).toBe(
      'rgb(177, 14, 28)',
    );
    const send = page.locator('#upload-send');
    expect(await send.getAttribute('aria-disabled')).toBe('true');
    await shot('06-removals-to-confirm');

    // Meanwhile a colleague uploads the unit's ledger with one organization more.
    const first = records[0];
    if (!first) throw new Error('the unit has organizations');
    const colleague = [...records, { ...first, orgName: `${unit.name}青年新组织`, creditCode: null }];
    await callApi(worker, 'POST', '/uploads', {
      body: {
        unitCode: unit.code,
        rows: readTrackingSheet(ledgerToSheetValues(colleague, { units: district.demo.units })).rows,
        reportYear: period.year,
        reportMonth: period.month,
      },
    });
    await page.getByLabel('我确认删除以下2个组织').check();
    await send.click();
    expect(await noticeSays('upload', '已按最新台账重新预检')).toContain('预检之后，服务器上的台账已被更新');
    const again = page.getByLabel('我确认删除以下3个组织');
    expect(await again.isChecked()).toBe(false);
    expect(await send.getAttribute('aria-disabled')).toBe('true');
    await shot('07-ledger-changed');

    await again.check();
    await send.click();
    expect(await noticeSays('upload', '上传成功')).toContain('删除 3 个组织');
    const ledger = TotalSchema.parse(await callApi(worker, 'GET', `/ledger?unitCode=${unit.code}`));
    expect(ledger.total).toBe(records.length - 2);
    await shot('08-removals-uploaded');
  });

  it('downloads last month’s live bulletin as an .xlsx laid out like the add-in’s sheet', async () => {
    expect(await page.getByLabel('年份').inputValue()).toBe(String(period.year));
    expect(await page.getByLabel('月份').inputValue()).toBe(String(period.month));
    const sheetName = `通报${period.year}-${String(period.month).padStart(2, '0')}`;
    const file = await download('#bulletin-download');
    expect(file.name).toBe(`${sheetName}.xlsx`);
    expect(await noticeSays('bulletin', '已生成')).toContain(file.name);
    const live = z
      .object({ bulletin: z.object({ title: z.string() }) })
      .parse(await callApi(worker, 'GET', `/summary?year=${period.year}&month=${period.month}`));
    const workbook = await readXlsx(file.path);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([sheetName]);
    const sheet = sheetOf(workbook, sheetName);
    expect(sheet.getCell('A1').value).toBe(live.bulletin.title);
    const firstColumn: unknown[] = [];
    sheet.getColumn(1).eachCell((cell) => {
      firstColumn.push(cell.value);
    });
    for (const each of units) expect(firstColumn).toContain(each.name);
    expect(await page.locator('#bulletin-preview').textContent()).toContain(live.bulletin.title);
    await shot('09-bulletin');
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Open the ledger file' }).waitFor();
    expect(await page.title()).toBe('League Building Tracker · Web');
    // The unit's state comes from the server in Chinese; the English page shows it in English.
    const state = page
      .locator('#connect-progress .stat')
      .filter({ has: page.locator('.stat__label', { hasText: /^State$/ }) })
      .locator('.stat__value');
    expect(['Done', 'On track', 'Behind', 'Not started']).toContain(await state.textContent());
    await shot('10-english');
    await page.getByRole('button', { name: '切换到中文' }).click();
    await page.getByRole('heading', { name: '打开台账文件' }).waitFor();
  });

  it('raised no script errors and logged no unexpected ones', () => {
    expect(pageErrors).toEqual([]);
  });
});
