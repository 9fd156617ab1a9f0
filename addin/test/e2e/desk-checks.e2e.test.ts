// 电话抽查 in the task pane end to end: an admin draws a month's sample as a call sheet, staff fill it in,
// a bad date is marked and refused, the corrected sheet is recorded once, and a 不属实 leaves the figures.
// Then 补贴 on the web page, on the same worker: a 拨付表 marked 是 is paid after a 预检, and paid only once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CALL_SHEET_FIRST_DATA_ROW,
  CALL_SHEET_INDEX,
  callSheetName,
  PAY_MARK,
  SUBSIDY_ORG_HEADERS,
  SubsidyLedgerSchema,
  SummaryResponseSchema,
  subsidySheetName,
  subsidySheetPlan,
} from '@tuanjian/shared';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnLetter } from '../../src/sheet/address';
import { ERROR_FILL } from '../../src/sheet/marks';
import { callApi, type RunningWorker, startWorker } from '../support/worker';
import {
  buildPane,
  bundleFakeExcel,
  clearScreenshots,
  collectPageErrors,
  E2E_NOW,
  e2eDistrict,
  launchChromium,
  SCREENSHOTS,
  saveScreenshot,
  seedDistrict,
  waitForNotice,
} from './harness';

const district = e2eDistrict(4, 1);
const { period, units } = district;
const sheetName = callSheetName(period.year, period.month);
const column = (index: number) => columnLetter(index + 1);
const result = (row: number) => `${column(CALL_SHEET_INDEX.checkResult)}${row}`;
const date = (row: number) => `${column(CALL_SHEET_INDEX.checkedOn)}${row}`;

let workDir: string;
let worker: RunningWorker;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

function shot(name: string): Promise<void> {
  return saveScreenshot(page, name);
}

function noticeSays(text: string): Promise<string> {
  return waitForNotice(page, 'checks', text);
}

async function cell(address: string): Promise<unknown> {
  return page.evaluate(({ name, at }) => window.__fakeExcel?.value(name, at), {
    name: sheetName,
    at: address,
  });
}

async function setCell(address: string, value: unknown): Promise<void> {
  await page.evaluate(({ name, at, to }) => window.__fakeExcel?.setCell(name, at, to), {
    name: sheetName,
    at: address,
    to: value,
  });
}

/** A unit's 已建团 count for the bulletin month, as the API answers it. */
async function counted(unitCode: string): Promise<number> {
  const answer = SummaryResponseSchema.parse(
    await callApi(worker, 'GET', `/summary?year=${period.year}&month=${period.month}`),
  );
  return answer.summary.units.find((each) => each.unitCode === unitCode)?.counted ?? -1;
}

/** The 累计完成 figure of the progress panel on the connect screen (the district's, for an admin). */
async function panelCounted(on: Page): Promise<number> {
  const value = on
    .locator('#connect-progress .stat')
    .filter({ has: on.locator('.stat__label', { hasText: /^累计完成$/ }) })
    .locator('.stat__value');
  return Number(await value.textContent());
}

/** Waits until the progress panel shows `expected` as 累计完成 (it counts again after a check is recorded). */
async function panelShows(on: Page, expected: number): Promise<void> {
  await expect.poll(() => panelCounted(on), { timeout: 10_000 }).toBe(expected);
}

beforeAll(async () => {
  clearScreenshots((name) => name.startsWith('desk-checks-'));
  workDir = mkdtempSync(join(tmpdir(), 'tuanjian-desk-checks-'));
  const assets = join(workDir, 'public');
  const [fakeExcel] = await Promise.all([bundleFakeExcel(), buildPane(assets)]);
  worker = await startWorker({ assetsDir: assets, pinnedNow: E2E_NOW });
  await seedDistrict(worker, district, '抽查测试');

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  context.setDefaultTimeout(15_000);
  await context.clock.setFixedTime(new Date(E2E_NOW));
  page = await context.newPage();
  collectPageErrors(page, pageErrors);
  await page.addInitScript({ content: fakeExcel });
  await page.goto(`${worker.url}/taskpane`);
  await page.getByLabel('访问令牌').fill(worker.adminToken);
  await page.getByRole('button', { name: '连接', exact: true }).click();
  await page.locator('#connect-role').waitFor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

describe('电话抽查 in the task pane, as an admin', { timeout: 60_000 }, () => {
  const uploaded = units.filter((each) => each.code !== district.unit.code);
  const first = uploaded[0];

  it('draws last month’s sample of one unit as a call sheet with the SPEC §7 columns', async () => {
    if (!first) throw new Error('no uploaded unit');
    await page.getByRole('tab', { name: '抽查' }).click();
    expect(await page.locator('#checks-month').inputValue()).toBe(String(period.month));
    await page.locator('#checks-unit').selectOption(first.code);
    await page.locator('#checks-size').selectOption('3');
    await page.getByRole('button', { name: '生成抽查表' }).click();
    expect(await noticeSays('已写入抽查表')).toContain(`“${sheetName}”：1 个单位，3 家组织`);
    expect(await cell('A3')).toBe('单位');
    expect(await cell(`A${CALL_SHEET_FIRST_DATA_ROW}`)).toBe(first.name);
    expect(await cell(result(3))).toBe('抽查结果');
    await shot('desk-checks-01-call-sheet');
  });

  it('marks a bad date and records nothing', async () => {
    if (!first) throw new Error('no uploaded unit');
    const before = await counted(first.code);
    const row = CALL_SHEET_FIRST_DATA_ROW;
    await setCell(result(row), '不属实');
    await setCell(date(row), `${period.year + 1}-01-01`);
    await page.getByRole('button', { name: '提交抽查结果' }).click();
    expect(await noticeSays('处问题')).toContain('1 处问题');
    const fills = await page.evaluate((name) => window.__fakeExcel?.fills(name) ?? {}, sheetName);
    expect(fills[date(row)]).toBe(ERROR_FILL);
    expect(await page.locator('#checks-problems-list').textContent()).toContain('晚于今天');
    expect(await counted(first.code)).toBe(before);
    await shot('desk-checks-02-problem-marked');
  });

  it('records the corrected sheet once, and the 不属实 leaves the unit’s figures', async () => {
    if (!first) throw new Error('no uploaded unit');
    const before = await counted(first.code);
    // The pane shows the progress panel on 连接.
    await page.getByRole('tab', { name: '连接' }).click();
    const panelBefore = await panelCounted(page);
    await page.getByRole('tab', { name: '抽查' }).click();
    const row = CALL_SHEET_FIRST_DATA_ROW;
    await setCell(date(row), `${period.year}-${String(period.month).padStart(2, '0')}-20`);
    await setCell(result(row + 1), '属实');
    await setCell(date(row + 1), `${period.year}年${period.month}月21日`);
    await page.getByRole('button', { name: '提交抽查结果' }).click();
    const recorded = await noticeSays('已记录');
    expect(recorded).toContain('已记录 2 条抽查结果，其中不属实 1 条');
    expect(recorded).toContain('1 行尚未填写');
    const fills = await page.evaluate((name) => window.__fakeExcel?.fills(name) ?? {}, sheetName);
    expect(fills[date(row)]).toBeUndefined();
    expect(await counted(first.code)).toBe(before - 1);
    await shot('desk-checks-03-recorded');
    // The progress panel has counted again: the district total drops by the one 不属实.
    await page.getByRole('tab', { name: '连接' }).click();
    await panelShows(page, panelBefore - 1);
    await page.getByRole('tab', { name: '抽查' }).click();

    await page.getByRole('button', { name: '提交抽查结果' }).click();
    expect(await noticeSays('此前已记录')).toContain('没有新的抽查结果需要记录；2 条此前已记录');
    expect(await counted(first.code)).toBe(before - 1);
  });

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('电话抽查 on the web page, as an admin', { timeout: 60_000 }, () => {
  const second = units.filter((each) => each.code !== district.unit.code)[1];
  let web: Page;
  let downloaded: string;

  async function webNotice(text: string): Promise<string> {
    const notice = web.locator('#checks-notice', { hasText: text });
    await notice.waitFor();
    return (await notice.textContent()) ?? '';
  }

  it('downloads the call sheet as .xlsx with the drop-down kept', async () => {
    if (!second) throw new Error('no second unit');
    web = await page.context().newPage();
    collectPageErrors(web, pageErrors);
    await web.goto(`${worker.url}/app/`);
    await web.getByLabel('访问令牌').fill(worker.adminToken);
    await web.getByRole('button', { name: '连接', exact: true }).click();
    await web.locator('#section-checks').waitFor();
    await web.locator('#checks-unit').selectOption(second.code);
    await web.locator('#checks-size').selectOption('2');
    const [file] = await Promise.all([
      web.waitForEvent('download'),
      web.getByRole('button', { name: '下载抽查表（.xlsx）' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`${sheetName}.xlsx`);
    downloaded = join(workDir, file.suggestedFilename());
    await file.saveAs(downloaded);
    expect(await webNotice('已下载')).toContain('1 个单位，2 家组织');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(downloaded);
    const sheet = workbook.getWorksheet(sheetName);
    const first = sheet?.getRow(CALL_SHEET_FIRST_DATA_ROW);
    expect(first?.getCell(1).value).toBe(second.name);
    expect(first?.getCell(CALL_SHEET_INDEX.checkResult + 1).dataValidation).toMatchObject({ type: 'list' });
    await web.locator('#section-checks').scrollIntoViewIfNeeded();
    await web.screenshot({ path: join(SCREENSHOTS, 'desk-checks-04-web-downloaded.png') });
  });

  it('uploads the filled-in file and records it once; the 不属实 leaves the unit’s figures', async () => {
    if (!second) throw new Error('no second unit');
    const before = await counted(second.code);
    const panelBefore = await panelCounted(web);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(downloaded);
    const sheet = workbook.getWorksheet(sheetName);
    const row = sheet?.getRow(CALL_SHEET_FIRST_DATA_ROW);
    if (!row) throw new Error('the call sheet has no first row');
    row.getCell(CALL_SHEET_INDEX.checkResult + 1).value = '不属实';
    if (row)
      row.getCell(CALL_SHEET_INDEX.checkedOn + 1).value = new Date(
        Date.UTC(period.year, period.month - 1, 22),
      );
    // A bad date first: refused with the cell named; the page cannot mark the file, so it says to correct it.
    row.getCell(CALL_SHEET_INDEX.checkedOn + 1).value = '12月1日';
    const bad = join(workDir, `${sheetName}（日期有误）.xlsx`);
    await workbook.xlsx.writeFile(bad);
    const [badChooser] = await Promise.all([
      web.waitForEvent('filechooser'),
      web.getByRole('button', { name: '上传已填写的抽查表' }).click(),
    ]);
    await badChooser.setFiles(bad);
    const refused = await webNotice('处问题');
    expect(refused).toContain('抽查表中有 1 处问题，未提交；请在文件中改正后重新上传');
    expect(refused).not.toContain('已在表中标出');
    expect(await counted(second.code)).toBe(before);

    row.getCell(CALL_SHEET_INDEX.checkedOn + 1).value = new Date(Date.UTC(period.year, period.month - 1, 22));
    const filled = join(workDir, `${sheetName}（已填）.xlsx`);
    await workbook.xlsx.writeFile(filled);
    for (const expected of [
      '已记录 1 条抽查结果，其中不属实 1 条',
      '没有新的抽查结果需要记录；1 条此前已记录',
    ]) {
      const [chooser] = await Promise.all([
        web.waitForEvent('filechooser'),
        web.getByRole('button', { name: '上传已填写的抽查表' }).click(),
      ]);
      await chooser.setFiles(filled);
      expect(await webNotice(expected.slice(0, 6))).toContain(expected);
    }
    expect(await counted(second.code)).toBe(before - 1);
    await panelShows(web, panelBefore - 1);
    await web.screenshot({ path: join(SCREENSHOTS, 'desk-checks-05-web-recorded.png') });
  });

  it('raised no script errors on the web page either', () => {
    expect(pageErrors).toEqual([]);
  });
});

/** 补贴 on the web page (issue 12.2), on the same worker and district: mark payments from a 拨付表 after a 预检. */
const subsidyYear = period.year;
const subsidySheet = subsidySheetName(subsidyYear);
const orgColumn = (header: (typeof SUBSIDY_ORG_HEADERS)[number]) => SUBSIDY_ORG_HEADERS.indexOf(header) + 1;

describe('补贴 on the web page, as an admin', { timeout: 60_000 }, () => {
  let web: Page;

  async function notice(text: string): Promise<string> {
    const found = web.locator('#subsidies-notice', { hasText: text });
    await found.waitFor();
    return (await found.textContent()) ?? '';
  }

  async function download(button: string): Promise<string> {
    const [file] = await Promise.all([
      web.waitForEvent('download'),
      web.getByRole('button', { name: button }).click(),
    ]);
    const saved = join(workDir, file.suggestedFilename());
    await file.saveAs(saved);
    return saved;
  }

  async function upload(file: string): Promise<void> {
    const [chooser] = await Promise.all([
      web.waitForEvent('filechooser'),
      web.getByRole('button', { name: '上传拨付表预检（.xlsx）' }).click(),
    ]);
    await chooser.setFiles(file);
  }

  async function ledger() {
    return SubsidyLedgerSchema.parse(await callApi(worker, 'GET', `/subsidies?year=${subsidyYear}`));
  }

  let marked: string;
  const picked: { unitCode: string; orgKey: string; unitName: string }[] = [];

  it('downloads the ledger, marks two organizations 是, and pays them after a 预检', async () => {
    web = await page.context().newPage();
    collectPageErrors(web, pageErrors);
    await web.goto(`${worker.url}/app/`);
    await web.getByLabel('访问令牌').fill(worker.adminToken);
    await web.getByRole('button', { name: '连接', exact: true }).click();
    await web.locator('#section-subsidies').waitFor();
    const file = await download('下载补贴台账（.xlsx）');
    expect(await notice('已下载')).toContain(`${subsidySheet}.xlsx`);
    await web.locator('#subsidies-totals').waitFor();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet(subsidySheet);
    if (!sheet) throw new Error('no ledger sheet');
    const rows: ExcelJS.Row[] = [];
    const withheld: ExcelJS.Row[] = [];
    sheet.eachRow((row) => {
      if (!row.getCell(orgColumn('组织标识')).value) return;
      const status = row.getCell(orgColumn('状态')).value;
      if (status === '应拨付') rows.push(row);
      if (status === '不予拨付') withheld.push(row);
    });
    // The organization the spot check above found 不属实: marked too, it is named as not payable.
    const [untrue] = withheld;
    if (!untrue) throw new Error('no 不予拨付 organization after the 不属实 above');
    untrue.getCell(orgColumn('本次拨付')).value = PAY_MARK;
    const [first, second] = rows;
    if (!first || !second) throw new Error('fewer than two organizations due');
    expect(typeof first.getCell(orgColumn('金额（元）')).value).toBe('number');
    for (const row of [first, second]) {
      row.getCell(orgColumn('本次拨付')).value = PAY_MARK;
      picked.push({
        unitCode: String(row.getCell(orgColumn('单位代码')).value),
        orgKey: String(row.getCell(orgColumn('组织标识')).value),
        unitName: String(row.getCell(orgColumn('单位')).value),
      });
    }
    marked = join(workDir, '拨付表.xlsx');
    await workbook.xlsx.writeFile(marked);

    await upload(marked);
    expect(await notice('预检完成')).toContain('将拨付 2 家，共1,200元，尚未写入');
    expect(await web.locator('#subsidies-to-pay li').count()).toBe(2);
    const untrueName = String(untrue.getCell(orgColumn('组织名称')).value);
    const notPayable = await web.locator('#subsidies-not-payable li').allTextContents();
    expect(notPayable).toEqual([
      `${untrue.getCell(orgColumn('单位')).value} · “${untrueName}”抽查不属实，补贴暂停拨付`,
    ]);
    // The 预检 wrote nothing.
    const before = await ledger();
    expect(
      picked.map((each) => before.organizations.find((item) => item.orgKey === each.orgKey)?.status),
    ).toEqual(['due', 'due']);
    await web.locator('#section-subsidies').scrollIntoViewIfNeeded();
    await web.screenshot({ path: join(SCREENSHOTS, 'desk-checks-06-subsidies-dry-run.png') });

    await web.getByRole('button', { name: '确认拨付 2 家' }).click();
    expect(await notice('已拨付')).toContain('已拨付 2 家，共1,200元');
    const after = await ledger();
    expect(
      picked.map((each) => after.organizations.find((item) => item.orgKey === each.orgKey)?.status),
    ).toEqual(['paid', 'paid']);
  });

  it('pays nothing new when the same 拨付表 is uploaded again', async () => {
    const paidBefore = (await ledger()).organizations.filter((item) => item.status === 'paid').length;
    await upload(marked);
    expect(await notice('预检完成')).toContain('没有需要拨付的');
    expect(await web.locator('#subsidies-already-paid').textContent()).toContain(
      '此前已拨付，不重复拨付（2家）',
    );
    expect(await web.getByRole('button', { name: /确认拨付/ }).count()).toBe(0);
    expect((await ledger()).organizations.filter((item) => item.status === 'paid').length).toBe(paidBefore);
    await web.locator('#section-subsidies').scrollIntoViewIfNeeded();
    await web.screenshot({ path: join(SCREENSHOTS, 'desk-checks-07-subsidies-already-paid.png') });
  });

  it('downloads the unit’s 拨付明细 with the two paid organizations and their 合计', async () => {
    const unit = picked[0];
    if (!unit) throw new Error('nothing picked');
    const same = picked.filter((each) => each.unitCode === unit.unitCode).length;
    await web.locator('#subsidies-payout-unit').selectOption(unit.unitCode);
    const file = await download('下载拨付明细（.xlsx）');
    expect(await notice('已下载')).toContain(`已拨付 ${same} 家`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    const total = sheet?.getRow(3 + same + 1);
    expect(total?.getCell(1).value).toBe('合计');
    expect(total?.getCell(5).value).toBe(600 * same);
    expect(pageErrors).toEqual([]);
  });
});

describe('补贴 in the task pane, as an admin', { timeout: 60_000 }, () => {
  async function paneNotice(text: string): Promise<string> {
    const found = page.locator('#subsidies-notice', { hasText: text });
    await found.waitFor();
    return (await found.textContent()) ?? '';
  }

  const statusAt = (row: number) =>
    page.evaluate(({ name, at }) => window.__fakeExcel?.value(name, at), {
      name: subsidySheet,
      at: `D${row}`,
    });

  it('pays the selected rows of the ledger sheet after a 预检, never twice, and rewrites the sheet', async () => {
    await page.bringToFront();
    await page.getByRole('tab', { name: '补贴' }).click();
    await page.getByRole('button', { name: '写入补贴台账' }).click();
    expect(await paneNotice('已写入补贴台账')).toContain(subsidySheet);
    const plan = subsidySheetPlan(
      SubsidyLedgerSchema.parse(await callApi(worker, 'GET', `/subsidies?year=${subsidyYear}`)),
    );
    const header = plan.headerRows[1] ?? 0;
    const planned = (row: number) => plan.rows[row - 1]?.[orgColumn('状态') - 1];
    // From the first row paid on the web page down to the second organization still due.
    const first = plan.rows.findIndex((cells, index) => index >= header && cells[3] === '已拨付') + 1;
    const due: number[] = [];
    let last = first;
    while (due.length < 2 && last < plan.rows.length) {
      last++;
      if (planned(last) === '应拨付') due.push(last);
    }
    expect(await statusAt(first)).toBe('已拨付');
    await page.evaluate(({ name, at }) => window.__fakeExcel?.select(name, at), {
      name: subsidySheet,
      at: `B${first}:D${last}`,
    });
    await page.getByRole('button', { name: '拨付预检：选中的行' }).click();
    expect(await paneNotice('预检完成')).toContain(`将拨付 ${due.length} 家`);
    expect(await page.locator('#subsidies-already-paid').textContent()).toContain('此前已拨付，不重复拨付');
    await shot('desk-checks-08-subsidies-pane-dry-run');

    await page.getByRole('button', { name: `确认拨付 ${due.length} 家` }).click();
    expect(await paneNotice('已拨付')).toContain(`已拨付 ${due.length} 家`);
    for (const row of due) expect(await statusAt(row)).toBe('已拨付');
    await shot('desk-checks-09-subsidies-pane-paid');
    expect(pageErrors).toEqual([]);
  });
});
