// The task pane end to end: the built pane and the real worker (wrangler dev, local D1) in headless Chromium,
// with only Excel faked (office-addin-mock). Drives it like a user and keeps a screenshot of every step.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLUMNS, type ColumnKey, readTrackingSheet, type TrackingRecord } from '@tuanjian/shared';
import { ledgerToSheetValues } from '@tuanjian/shared/demo';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { columnLetter } from '../../src/sheet/address';
import { ERROR_FILL } from '../../src/sheet/marks';
import { shanghaiMonth } from '../../src/ui/dates';
import { callApi, type RunningWorker, startWorker } from '../support/worker';
import {
  buildPane,
  bundleFakeExcel,
  clearScreenshots,
  collectPageErrors,
  E2E_NOW,
  e2eDistrict,
  FIRST_DATA_ROW,
  launchChromium,
  refuseDryRuns,
  SCREENSHOTS,
  SHEET,
  saveScreenshot,
  seedDistrict,
  waitForNotice,
} from './harness';

// The district: the demo's first eight units with their quotas; all but one have uploaded their ledger.
const district = e2eDistrict(8, 1);
const { period, demo, units, unit, records, messyValues } = district;

function letter(key: ColumnKey): string {
  const index = COLUMNS.findIndex((column) => column.key === key);
  if (index < 0) throw new Error(`no column ${key}`);
  return columnLetter(index + 1);
}

function pick(taken: Set<number>, test: (record: TrackingRecord) => boolean): number {
  const index = records.findIndex((record, position) => !taken.has(position) && test(record));
  if (index < 0) throw new Error('the demo ledger lacks a row to break');
  taken.add(index);
  return index;
}

/** Three cells a user gets wrong, each on its own row: the cell, its original (messy) value, the broken one. */
const breaks = (() => {
  const taken = new Set<number>();
  const credit = pick(taken, (record) => record.creditCode !== null);
  const independent = pick(
    taken,
    (record) => record.status === '已建团' && record.mode === '独立建团' && record.leagueOrgType === '团支部',
  );
  const future = pick(taken, (record) => record.status === '已建团' && record.checkedOn === null);
  const code = records[credit]?.creditCode ?? '';
  const wrongCheck = code.endsWith('0') ? '1' : '0';
  const items: { marked: ColumnKey; edited: ColumnKey; index: number; broken: string | number }[] = [
    {
      marked: 'creditCode',
      edited: 'creditCode',
      index: credit,
      broken: `${code.slice(0, 17)}${wrongCheck}`,
    },
    // 独立建团 with two League members: the error is reported on 建团模式, the cell typed is 团员人数.
    { marked: 'mode', edited: 'memberCount', index: independent, broken: 2 },
    { marked: 'establishedOn', edited: 'establishedOn', index: future, broken: `${period.year + 2}-01-15` },
  ];
  return items.map((item) => {
    const row = FIRST_DATA_ROW + item.index;
    return {
      row,
      marked: `${letter(item.marked)}${row}`,
      edited: `${letter(item.edited)}${row}`,
      original: messyValues[row - 1]?.[COLUMNS.findIndex((column) => column.key === item.edited)],
      broken: item.broken,
    };
  });
})();

let workDir: string;
let worker: RunningWorker;
let browser: Browser;
let page: Page;
let unitToken: string;
const pageErrors: string[] = [];

function shot(name: string): Promise<void> {
  return saveScreenshot(page, name);
}

async function textOf(selector: string): Promise<string> {
  const locator = page.locator(selector);
  await locator.waitFor();
  return (await locator.textContent()) ?? '';
}

/** Waits until the tab's notice shows `text`. */
function noticeSays(tab: string, text: string): Promise<string> {
  return waitForNotice(page, tab, text);
}

beforeAll(async () => {
  // Only this test's own screenshots (NN-*.png): the web page's test keeps its web-NN-*.png here too.
  clearScreenshots((name) => /^\d{2}-.*\.png$/.test(name));
  workDir = mkdtempSync(join(tmpdir(), 'tuanjian-e2e-'));
  const assets = join(workDir, 'public');
  const [fakeExcel] = await Promise.all([bundleFakeExcel(), buildPane(assets)]);
  worker = await startWorker({ assetsDir: assets, pinnedNow: E2E_NOW });
  unitToken = await seedDistrict(worker, district, '潍坊填报员');

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  context.setDefaultTimeout(15_000);
  await context.clock.setFixedTime(new Date(E2E_NOW));
  page = await context.newPage();
  collectPageErrors(page, pageErrors);
  await page.addInitScript({ content: fakeExcel });
  await page.goto(`${worker.url}/taskpane`);
  await page.getByRole('tab', { name: '连接' }).waitFor();
  await page.evaluate(({ sheet, values }) => window.__fakeExcel?.load(sheet, values), {
    sheet: SHEET,
    values: messyValues,
  });
  for (const cell of breaks) {
    await page.evaluate(({ sheet, address, value }) => window.__fakeExcel?.setCell(sheet, address, value), {
      sheet: SHEET,
      address: cell.edited,
      value: cell.broken,
    });
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

describe('the task pane, driven like a user', { timeout: 30_000 }, () => {
  it('outside Excel, says so and still offers the connection', async () => {
    const plain = await browser.newPage({ viewport: { width: 320, height: 720 } });
    try {
      await plain.goto(`${worker.url}/taskpane`);
      const banner = plain.locator('#outside-excel');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('请在 Excel 中打开此任务窗格');
      // …and points to the web page, which needs no Excel.
      const web = banner.getByRole('link', { name: '打开网页版' });
      expect(await web.getAttribute('href')).toBe(`${worker.url}/app/`);
      await web.click();
      await plain.waitForURL(`${worker.url}/app/`);
      await plain.getByRole('heading', { name: '打开台账文件' }).waitFor();
      await plain.goBack();
      await banner.waitFor();
      await plain.getByLabel('访问令牌').waitFor();
      await plain.screenshot({ path: join(SCREENSHOTS, '00-outside-excel.png') });
    } finally {
      await plain.close();
    }
  });

  it('connects with a unit token and shows its role and unit', async () => {
    expect(await page.getByLabel('服务器地址').inputValue()).toBe(worker.url);
    await page.getByLabel('访问令牌').fill(unitToken);
    await page.getByRole('button', { name: '连接', exact: true }).click();
    expect(await textOf('#connect-role')).toBe('直属团组织');
    expect(await textOf('#connect-unit')).toBe(unit.name);
    expect(await textOf('#connection-status')).toContain(`已连接：${unit.name}`);
    await page.locator('#connect-progress-heading').waitFor();
    await shot('01-connected');
  });

  it('checks the messy sheet: lists the broken cells by row and marks exactly those cells', async () => {
    await page.getByRole('tab', { name: '台账' }).click();
    await page.getByRole('button', { name: '校验当前工作表' }).click();
    const summary = await noticeSays('ledger', '处错误');
    expect(summary).toContain('发现 3 处错误');
    const items = page.locator('#ledger-list button');
    expect(await items.count()).toBe(3);
    const texts = await items.allTextContents();
    for (const cell of breaks) {
      expect(texts.some((text) => text.includes(`第${cell.row}行`) && text.includes(cell.marked))).toBe(true);
    }
    expect(texts.join('\n')).toMatch(/校验位/);
    expect(texts.join('\n')).toMatch(/晚于今天/);
    const fills = await page.evaluate((sheet) => window.__fakeExcel?.fills(sheet), SHEET);
    expect(fills).toEqual(Object.fromEntries(breaks.map((cell) => [cell.marked, ERROR_FILL])));

    await items.first().click();
    await expect
      .poll(() => page.evaluate(() => window.__fakeExcel?.selected()))
      .toEqual({ sheet: SHEET, address: [...breaks].sort((a, b) => a.row - b.row)[0]?.marked });
    await shot('02-validated-with-errors');
  });

  it('after the cells are fixed, checks clean and removes the marks', async () => {
    for (const cell of breaks) {
      await page.evaluate(({ sheet, address, value }) => window.__fakeExcel?.setCell(sheet, address, value), {
        sheet: SHEET,
        address: cell.edited,
        value: cell.original,
      });
    }
    await page.getByRole('button', { name: '校验当前工作表' }).click();
    expect(await noticeSays('ledger', '没有发现错误')).toContain(`共 ${records.length} 行`);
    expect(await page.evaluate((sheet) => window.__fakeExcel?.fills(sheet), SHEET)).toEqual({});
    await shot('03-validated-clean');
  });

  it('marks the cells of a refusal from the server (422) and lists them', async () => {
    const row = FIRST_DATA_ROW + 1;
    const stopRefusing = await refuseDryRuns(page, row);
    try {
      await page.getByRole('tab', { name: '上传' }).click();
      await page.getByRole('button', { name: '预检（不写入）' }).click();
      expect(await noticeSays('upload', '服务器发现')).toContain('1 处错误');
      expect(await textOf('#upload-refused-list')).toContain(
        `第${row}行 · 联系电话 · ${letter('phone')}${row}`,
      );
      expect(await page.evaluate((sheet) => window.__fakeExcel?.fills(sheet), SHEET)).toEqual({
        [`${letter('phone')}${row}`]: ERROR_FILL,
      });
    } finally {
      await stopRefusing();
    }
  });

  it('previews the upload: every organization is new', async () => {
    await page.getByRole('button', { name: '预检（不写入）' }).click();
    expect(await noticeSays('upload', '预检完成')).toContain(`将新增 ${records.length}`);
    expect(await textOf('#upload-counts')).toContain(`${records.length}新增`);
    await page.locator('#upload-added summary').click();
    const ledger = z
      .object({ total: z.number() })
      .parse(await callApi(worker, 'GET', `/ledger?unitCode=${unit.code}`));
    expect(ledger.total).toBe(0);
    expect(await page.evaluate((sheet) => window.__fakeExcel?.fills(sheet), SHEET)).toEqual({});
    await shot('04-dry-run');
  });

  it('keeps the upload when the answer is lost, and a retry counts it once', async () => {
    const reached: number[] = [];
    const isUpload = (url: URL) => url.pathname === '/api/v1/uploads' && !url.searchParams.has('dryRun');
    await page.route(isUpload, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      // The server gets the upload and applies it; the answer never reaches the pane.
      const response = await route.fetch();
      reached.push(response.status());
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: '上传', exact: true }).click();
    expect(await noticeSays('upload', '无法连接服务器')).toContain(`服务器地址：${worker.url}`);
    expect(await textOf('#upload-pending-kept')).toContain('不会被重复计入');
    expect(reached).toEqual([201]);
    await shot('05-connection-lost');

    await page.unroute(isUpload);
    await page.getByRole('button', { name: '重试' }).click();
    const done = await noticeSays('upload', '上传成功');
    expect(done).toContain(`新增 ${records.length}`);
    expect(done).toContain('没有重复计入');
    const ledger = z
      .object({ total: z.number() })
      .parse(await callApi(worker, 'GET', `/ledger?unitCode=${unit.code}`));
    expect(ledger.total).toBe(records.length);
    const uploads = z
      .object({ uploads: z.array(z.object({ id: z.string() })) })
      .parse(await callApi(worker, 'GET', `/uploads?unitCode=${unit.code}`));
    expect(uploads.uploads).toHaveLength(1);
    await shot('06-uploaded');
  });

  it('shows what an upload would remove, open and in red, and sends it only once confirmed; a ledger that moved is previewed again', async () => {
    // The unit's sheet loses its last two organizations.
    await page.evaluate(({ sheet, values }) => window.__fakeExcel?.load(sheet, values), {
      sheet: SHEET,
      values: messyValues.slice(0, -2),
    });
    await page.getByRole('button', { name: '预检（不写入）' }).click();
    expect(await noticeSays('upload', '预检完成')).toContain('删除 2 个组织');
    const removed = page.locator('#upload-removed');
    expect(await removed.getAttribute('open')).not.toBeNull();
    for (const record of records.slice(-2)) expect(await removed.textContent()).toContain(record.orgName);
    expect(await removed.locator('summary').evaluate((element) => getComputedStyle(element).color)).toBe(
      'rgb(177, 14, 28)',
    );
    const confirm = page.locator('#upload-confirm');
    expect(await confirm.getAttribute('aria-disabled')).toBe('true');
    // Clicked anyway before ticking: nothing is sent.
    await confirm.click({ force: true });
    expect(
      z.object({ total: z.number() }).parse(await callApi(worker, 'GET', `/ledger?unitCode=${unit.code}`))
        .total,
    ).toBe(records.length);
    expect(await textOf('#upload-confirm-removals-hint')).toBe(
      '这次上传将删除2个组织：请核对红色列出的组织，勾选确认后再上传。',
    );
    await shot('12-removals-to-confirm');

    // Meanwhile a colleague uploads the unit's ledger with one organization more.
    const first = records[0];
    if (!first) throw new Error('the unit has organizations');
    const colleague = [...records, { ...first, orgName: `${unit.name}青年新组织`, creditCode: null }];
    await callApi(worker, 'POST', '/uploads', {
      body: {
        unitCode: unit.code,
        rows: readTrackingSheet(ledgerToSheetValues(colleague, { units: demo.units })).rows,
        reportYear: period.year,
        reportMonth: period.month,
      },
    });
    await page.getByLabel('我确认删除以下2个组织').check();
    expect(await confirm.getAttribute('aria-disabled')).toBeNull();
    await confirm.click();
    expect(await noticeSays('upload', '已按最新台账重新预检')).toContain('预检之后，服务器上的台账已被更新');
    const again = page.getByLabel('我确认删除以下3个组织');
    expect(await again.isChecked()).toBe(false);
    expect(await removed.textContent()).toContain(`${unit.name}青年新组织`);
    await shot('13-ledger-changed');

    await again.check();
    await confirm.click();
    expect(await noticeSays('upload', '上传成功')).toContain('删除 3 个组织');
    const ledger = z
      .object({ total: z.number() })
      .parse(await callApi(worker, 'GET', `/ledger?unitCode=${unit.code}`));
    expect(ledger.total).toBe(records.length - 2);
    await shot('14-removals-uploaded');
    // The sheet back to the whole ledger, for the tests after this one.
    await page.evaluate(({ sheet, values }) => window.__fakeExcel?.load(sheet, values), {
      sheet: SHEET,
      values: messyValues,
    });
  });

  it('writes the live bulletin of last month into its own sheet', async () => {
    await page.getByRole('tab', { name: '通报' }).click();
    expect(await page.getByLabel('年份').inputValue()).toBe(String(period.year));
    expect(await page.getByLabel('月份').inputValue()).toBe(String(period.month));
    await page.getByRole('button', { name: '写入工作表' }).click();
    const sheetName = `通报${period.year}-${String(period.month).padStart(2, '0')}`;
    expect(await noticeSays('bulletin', '已写入')).toContain(sheetName);
    const live = z
      .object({ bulletin: z.object({ title: z.string() }) })
      .parse(await callApi(worker, 'GET', `/summary?year=${period.year}&month=${period.month}`));
    const frame = page;
    expect(await frame.evaluate(() => window.__fakeExcel?.sheetNames())).toContain(sheetName);
    expect(await frame.evaluate((name) => window.__fakeExcel?.value(name, 'A1'), sheetName)).toBe(
      live.bulletin.title,
    );
    const firstColumn = await frame.evaluate(
      (name) => Array.from({ length: 60 }, (_, index) => window.__fakeExcel?.value(name, `A${index + 1}`)),
      sheetName,
    );
    for (const each of units) expect(firstColumn).toContain(each.name);
    expect(await textOf('#bulletin-preview')).toContain(live.bulletin.title);
    await shot('07-bulletin-sheet');
  });

  it('refreshes the live bulletin sheet by hand (全部刷新) after a unit changed its ledger', async () => {
    const sheetName = `通报${period.year}-${String(period.month).padStart(2, '0')}`;
    const districtCounted = async () =>
      z
        .object({ summary: z.object({ totals: z.object({ counted: z.number() }) }) })
        .parse(await callApi(worker, 'GET', `/summary?year=${period.year}&month=${period.month}`)).summary
        .totals.counted;
    /** The sheet's 累计完成 line of the totals (一、主要指标). */
    const sheetCounted = () =>
      page.evaluate((name) => {
        for (let row = 1; row <= 30; row++) {
          if (window.__fakeExcel?.value(name, `A${row}`) === '累计完成')
            return window.__fakeExcel?.value(name, `B${row}`);
        }
        return null;
      }, sheetName);
    const before = await districtCounted();
    // 累计完成 is a number (shown with 家 by its number format).
    expect(await sheetCounted()).toBe(before);

    // Another unit uploads its ledger again without the organizations it set up this year.
    const other = units.find(
      (each) =>
        each.code !== unit.code &&
        demo.records.some(
          (record) => record.unitCode === each.code && record.establishedOn?.startsWith(`${period.year}-`),
        ),
    );
    if (!other) throw new Error('the demo has another unit with organizations this year');
    const kept = demo.records.filter(
      (record) => record.unitCode === other.code && !record.establishedOn?.startsWith(`${period.year}-`),
    );
    const rows = readTrackingSheet(ledgerToSheetValues(kept, { units: demo.units })).rows;
    const removedCount = demo.records.filter((record) => record.unitCode === other.code).length - kept.length;
    await callApi(worker, 'POST', '/uploads', {
      body: {
        unitCode: other.code,
        rows,
        reportYear: period.year,
        reportMonth: period.month,
        expectRemoved: removedCount,
      },
    });
    const after = await districtCounted();
    expect(after).toBeLessThan(before);
    expect(await sheetCounted()).toBe(before);

    await page.getByRole('button', { name: '全部刷新' }).click();
    expect(await noticeSays('bulletin', '已刷新 1 张通报工作表')).not.toContain('失败');
    expect(await sheetCounted()).toBe(after);
    const results = await textOf('#bulletin-refresh-results');
    expect(results).toContain(sheetName);
    expect(results).toContain('已刷新');
    expect(await page.getByLabel('打开工作簿时自动刷新通报').isChecked()).toBe(false);
    await page.locator('#bulletin-refresh-results').scrollIntoViewIfNeeded();
    await shot('11-refresh-all');
  });

  it('as an admin, writes the quota sheet and publishes the bulletin', async () => {
    await page.getByRole('tab', { name: '连接' }).click();
    await page.getByRole('button', { name: '断开并忘记令牌' }).click();
    await noticeSays('connect', '已断开');
    await page.getByLabel('访问令牌').fill(worker.adminToken);
    await page.getByRole('button', { name: '连接', exact: true }).click();
    expect(await textOf('#connect-role')).toBe('团区委管理员');

    await page.getByRole('tab', { name: '配额' }).click();
    await page.getByRole('button', { name: '写入配额表' }).click();
    const year = shanghaiMonth(new Date(E2E_NOW)).year;
    expect(await noticeSays('quota', '已写入配额表')).toContain(`${units.length} 个单位`);
    expect(await page.evaluate((name) => window.__fakeExcel?.value(name, 'A2'), `${year}年度指标`)).toBe(
      units[0]?.name,
    );
    await shot('08-quota-sheet');

    await page.getByRole('tab', { name: '通报' }).click();
    await page.getByRole('button', { name: `发布${period.year}年${period.month}月通报` }).click();
    await page.getByRole('button', { name: '确认发布' }).click();
    expect(await noticeSays('bulletin', '已发布第1期')).toContain('第1期');
    expect(await page.getByLabel('通报期号').inputValue()).toBe('1');
    // Published at E2E_NOW (10:00 in Shanghai): the day as every screen writes it.
    expect(await page.getByLabel('通报期号').locator('option:checked').textContent()).toBe(
      `第1期 · ${period.year}年${period.month}月 · 2026年11月20日发布`,
    );
    await page.getByRole('button', { name: '写入工作表' }).click();
    expect(await noticeSays('bulletin', '已写入')).toContain('通报第1期');
    expect(await page.evaluate(() => window.__fakeExcel?.value('通报第1期', 'A2'))).toBe('第1期');
    await shot('09-bulletin-published');
  });

  it('moves between tabs with the arrow keys, Home and End, keeping focus on the tab', async () => {
    const focused = () => page.evaluate(() => document.activeElement?.id);
    await page.getByRole('tab', { name: '通报' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('tab-quota');
    expect(await page.getByRole('tab', { name: '配额' }).getAttribute('aria-selected')).toBe('true');
    // The admin's last tab, whichever it is; from there the arrow wraps to the first.
    const last = await page.locator('[role="tab"]').last().getAttribute('id');
    await page.keyboard.press('End');
    expect(await focused()).toBe(last);
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('tab-connect');
    await page.keyboard.press('Home');
    expect(await focused()).toBe('tab-connect');
    expect(await page.locator('#panel-connect').isVisible()).toBe(true);
    await page.getByRole('tab', { name: '通报' }).click();
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('tab', { name: 'Bulletin' }).waitFor();
    await shot('10-english');
    await page.getByRole('button', { name: '切换到中文' }).click();
    await page.getByRole('tab', { name: '通报' }).waitFor();
  });

  it('raised no script errors and logged no unexpected ones', () => {
    expect(pageErrors).toEqual([]);
  });
});
