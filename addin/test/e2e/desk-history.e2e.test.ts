// 历史 end to end (issue 12, points 6 and 7): a unit uploads twice from the pane (the second changes one
// organization and removes two), opens 历史, reads both uploads and the second's diff, restores the first
// (dry run, a 409 when the ledger moved, removals confirmed) and sees its progress follow; then an admin
// on the web page lists the unit's uploads and restores one. Screenshots: desk-history-*.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrackingSheet, type TrackingRecord } from '@tuanjian/shared';
import { ledgerToSheetValues } from '@tuanjian/shared/demo';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callApi, type RunningWorker, startWorker } from '../support/worker';
import {
  buildPane,
  bundleFakeExcel,
  clearScreenshots,
  collectPageErrors,
  E2E_NOW,
  e2eDistrict,
  launchChromium,
  SHEET,
  saveScreenshot,
  seedDistrict,
  waitForNotice,
} from './harness';

// The demo's first three units; the one on the pane has not uploaded yet.
const district = e2eDistrict(3, 1);
const { period, demo, unit, records } = district;

/** Two organizations the district counts this year (removing them moves the unit's figures). */
const removedIndexes = records
  .map((record, index) => ({ record, index }))
  .filter(
    ({ record }) =>
      record.status === '已建团' &&
      record.establishedOn !== null &&
      record.establishedOn.startsWith(String(period.year)) &&
      record.checkResult !== '不属实',
  )
  .slice(-2)
  .map(({ index }) => index);
const changedIndex = records.findIndex((_, index) => !removedIndexes.includes(index));
const changed = records[changedIndex];
if (removedIndexes.length !== 2 || !changed)
  throw new Error('the demo ledger lacks the rows this test needs');
const removedNames = removedIndexes.map((index) => records[index]?.orgName ?? '');

/** The unit's second ledger: one organization with ten young people more, two organizations gone. */
const secondRecords: TrackingRecord[] = records
  .map((record, index) =>
    index === changedIndex ? { ...record, youthCount: record.youthCount + 10 } : record,
  )
  .filter((_, index) => !removedIndexes.includes(index));
const sheetOf = (list: TrackingRecord[]) => ledgerToSheetValues(list, { units: demo.units });

const UploadsSchema = z.object({
  uploads: z.array(z.object({ id: z.string(), version: z.number(), restoredFrom: z.string().nullable() })),
});
const LedgerSchema = z.object({
  organizations: z.array(z.object({ orgKey: z.string(), orgName: z.string() })),
});
const SummarySchema = z.object({
  summary: z.object({
    units: z.array(z.object({ unitCode: z.string(), counted: z.number() })),
    totals: z.object({ counted: z.number() }),
  }),
});

let workDir: string;
let worker: RunningWorker;
let browser: Browser;
let pane: Page;
let web: Page;
let unitToken: string;
const pageErrors: string[] = [];

function shot(page: Page, name: string): Promise<void> {
  return saveScreenshot(page, `desk-history-${name}`, { fullPage: true });
}

const noticeSays = waitForNotice;

async function uploads() {
  return UploadsSchema.parse(await callApi(worker, 'GET', `/uploads?unitCode=${unit.code}`)).uploads;
}

/** The unit's and the district's counted figures for the last ended month, as the server has them now. */
async function counted(): Promise<{ unit: number; district: number }> {
  const { summary } = SummarySchema.parse(
    await callApi(worker, 'GET', `/summary?year=${period.year}&month=${period.month}`),
  );
  return {
    unit: summary.units.find((each) => each.unitCode === unit.code)?.counted ?? -1,
    district: summary.totals.counted,
  };
}

/** The 累计完成 figure the progress under 连接 shows, once it equals `expected`. */
async function progressShows(page: Page, expected: number): Promise<void> {
  const value = page.locator('#connect-progress .stat', { hasText: '累计完成' }).locator('.stat__value');
  await expect.poll(() => value.textContent()).toBe(String(expected));
}

beforeAll(async () => {
  clearScreenshots((name) => name.startsWith('desk-history-'));
  workDir = mkdtempSync(join(tmpdir(), 'tuanjian-history-e2e-'));
  const assets = join(workDir, 'public');
  const [fakeExcel] = await Promise.all([bundleFakeExcel(), buildPane(assets)]);
  worker = await startWorker({ assetsDir: assets, pinnedNow: E2E_NOW });
  unitToken = await seedDistrict(worker, district, '历史填报员');

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'zh-CN' });
  context.setDefaultTimeout(15_000);
  await context.clock.setFixedTime(new Date(E2E_NOW));
  pane = await context.newPage();
  web = await context.newPage();
  collectPageErrors(pane, pageErrors);
  collectPageErrors(web, pageErrors);
  await pane.addInitScript({ content: fakeExcel });
  // Each test brings the page it works on to the front (see launchChromium).
  await pane.bringToFront();
  await pane.goto(`${worker.url}/taskpane`);
  await pane.getByRole('tab', { name: '连接' }).waitFor();
  await pane.evaluate(({ sheet, values }) => window.__fakeExcel?.load(sheet, values), {
    sheet: SHEET,
    values: sheetOf(records),
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

describe('历史 in the pane: a unit’s uploads, their diffs and a restore', { timeout: 30_000 }, () => {
  let firstCounted = 0;

  it('connects as the unit and shows its figures for the last ended month, and its reporting', async () => {
    await pane.getByLabel('访问令牌').fill(unitToken);
    await pane.getByRole('button', { name: '连接', exact: true }).click();
    const heading = pane.locator('#connect-progress-heading');
    await heading.waitFor();
    expect(await heading.textContent()).toBe(`进度（截至${period.year}年${period.month}月底，实时）`);
    await progressShows(pane, 0);
    const progress = (await pane.locator('#connect-progress').textContent()) ?? '';
    expect(progress).toContain(`其中${period.month}月份新建`);
    expect(progress).toContain(`未报送${period.month}月报送`);
    expect(await pane.locator('#desk-checks').textContent()).toContain('0电话抽查');
  });

  it('uploads twice; the progress follows each upload', async () => {
    await pane.getByRole('tab', { name: '上传' }).click();
    await pane.getByRole('button', { name: '预检（不写入）' }).click();
    await noticeSays(pane, 'upload', '预检完成');
    await pane.getByRole('button', { name: '上传', exact: true }).click();
    expect(await noticeSays(pane, 'upload', '上传成功')).toContain(`新增 ${records.length}`);
    firstCounted = (await counted()).unit;
    expect(firstCounted).toBeGreaterThan(2);

    await pane.evaluate(({ sheet, values }) => window.__fakeExcel?.load(sheet, values), {
      sheet: SHEET,
      values: sheetOf(secondRecords),
    });
    await pane.getByRole('tab', { name: '上传' }).click();
    await pane.getByRole('button', { name: '预检（不写入）' }).click();
    expect(await noticeSays(pane, 'upload', '预检完成')).toContain('删除 2 个组织');
    await pane.getByLabel('我确认删除以下2个组织').check();
    await pane.getByRole('button', { name: '上传', exact: true }).click();
    await noticeSays(pane, 'upload', '上传成功');
    expect((await counted()).unit).toBe(firstCounted - 2);
    await pane.getByRole('tab', { name: '连接' }).click();
    await progressShows(pane, firstCounted - 2);
    await shot(pane, '01-pane-progress-after-uploads');
  });

  it('lists both uploads newest first and shows the second one’s diff', async () => {
    const [second, first] = await uploads();
    if (!first || !second) throw new Error('two uploads expected');
    await pane.getByRole('tab', { name: '历史' }).click();
    await pane.getByRole('button', { name: '查看历史' }).click();
    const rows = pane.locator('#history-list tbody tr');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((items) => items.map((item) => item.id))).toEqual([
      `history-v${second.version}`,
      `history-v${first.version}`,
    ]);
    expect(await rows.first().textContent()).toContain('Excel 加载项');
    expect(await rows.first().textContent()).toContain('0 / 1 / 2');
    expect(await rows.nth(1).textContent()).toContain(`${records.length} / 0 / 0`);

    await pane.locator(`#history-open-v${second.version}`).click();
    const counts = pane.locator('#history-counts');
    await counts.waitFor();
    expect(await counts.textContent()).toContain('1修改');
    expect(await counts.textContent()).toContain('2删除');
    const removed = pane.locator('#history-removed');
    expect(await removed.getAttribute('open')).not.toBeNull();
    for (const name of removedNames) expect(await removed.textContent()).toContain(name);
    // Removed rows are kept whole: every filled column, not just the name.
    await pane.locator('#history-removed-full summary').click();
    const full = (await pane.locator('#history-removed-full').textContent()) ?? '';
    for (const index of removedIndexes) {
      expect(full).toContain(`建团时间：${records[index]?.establishedOn}`);
      expect(full).toContain(`青年人数：${records[index]?.youthCount}`);
    }
    await pane.locator('#history-changed summary').click();
    const changes = (await pane.locator('#history-changed').textContent()) ?? '';
    expect(changes).toContain(changed.orgName);
    expect(changes).toContain(String(changed.youthCount));
    expect(changes).toContain(String(changed.youthCount + 10));
    await shot(pane, '02-pane-history-diff');
  });

  it('restores the first upload: a dry run shows what comes back; a ledger that moved is previewed again', async () => {
    const [, first] = await uploads();
    if (!first) throw new Error('two uploads expected');
    // The committee phones one of the unit's organizations meanwhile (the unit's desk shows it after the restore).
    const ledger = LedgerSchema.parse(await callApi(worker, 'GET', `/ledger?unitCode=${unit.code}`));
    const orgKey = ledger.organizations.find((org) => org.orgName === changed.orgName)?.orgKey;
    await callApi(worker, 'POST', '/spot-checks', {
      body: { checks: [{ unitCode: unit.code, orgKey, checkedOn: '2026-11-18', result: '无法联系' }] },
    });
    await pane.locator(`#history-open-v${first.version}`).click();
    await pane.locator('#history-diff-heading', { hasText: `第${first.version}版` }).waitFor();
    await pane.getByRole('button', { name: '恢复到此版本（预检）' }).click();
    expect(await noticeSays(pane, 'history', '预检完成')).toContain('新增 2 个、修改 1 个、删除 0 个');
    const added = (await pane.locator('#restore-added').textContent()) ?? '';
    for (const name of removedNames) expect(added).toContain(name);
    expect(await uploads()).toHaveLength(2);
    await shot(pane, '03-pane-restore-dry-run');

    // Meanwhile the unit uploads one organization more through the API: the restore would now remove it.
    const extra = { ...changed, orgName: `${unit.name}青年恢复测试社`, creditCode: null };
    await callApi(worker, 'POST', '/uploads', {
      token: unitToken,
      body: { unitCode: unit.code, rows: readTrackingSheet(sheetOf([...secondRecords, extra])).rows },
    });
    await pane.getByRole('button', { name: '确认恢复' }).click();
    expect(await noticeSays(pane, 'history', '已按最新台账重新预检')).toContain('服务器上的台账已被更新');
    expect(await pane.locator('#restore-removed').textContent()).toContain(extra.orgName);
    const confirm = pane.locator('#history-restore-confirm');
    expect(await confirm.getAttribute('aria-disabled')).toBe('true');
    expect(await uploads()).toHaveLength(3);
    await expect.poll(() => pane.locator('#history-list tbody tr').count()).toBe(3);
    await shot(pane, '04-pane-restore-ledger-changed');

    await pane.getByLabel('我确认删除以下1个组织').check();
    await confirm.click();
    expect(await noticeSays(pane, 'history', `已恢复到第${first.version}版`)).toContain(
      '新增 2 个、修改 1 个、删除 1 个组织',
    );
    const latest = (await uploads())[0];
    expect(latest?.restoredFrom).toBe(first.id);
    const restoredRow = pane.locator(`#history-v${latest?.version}`);
    await restoredRow.waitFor();
    expect(await restoredRow.textContent()).toContain(`恢复自第${first.version}版`);
    expect((await counted()).unit).toBe(firstCounted);
    await shot(pane, '05-pane-restored');

    await pane.getByRole('tab', { name: '连接' }).click();
    await progressShows(pane, firstCounted);
    // The unit's own desk: the spot check of its organization, and its subsidies for the year.
    const findings = (await pane.locator('#desk-findings').textContent()) ?? '';
    expect(findings).toContain(`${changed.orgName} · 无法联系 · 2026年11月18日`);
    expect(await pane.locator('#desk-subsidies').textContent()).toContain('应拨付');
    // Each organization's subsidy, read-only, folded under the totals.
    const list = pane.locator('#desk-subsidy-list');
    await list.locator('summary').click();
    expect(await list.textContent()).toMatch(/本单位各组织的补贴（\d+家）/);
    expect(await list.textContent()).toContain(' · 应拨付 · 600元');
    await shot(pane, '06-pane-progress-restored');
  });
});

describe('历史 on the web page: an admin lists a unit’s uploads and restores one', {
  timeout: 30_000,
}, () => {
  it('signs in as the admin, picks the unit and restores the second upload (removals confirmed)', async () => {
    const list = await uploads();
    const second = list[list.length - 2];
    if (!second) throw new Error('the second upload is listed');
    await web.bringToFront();
    await web.goto(`${worker.url}/app/`);
    await web.getByLabel('访问令牌').fill(worker.adminToken);
    await web.getByRole('button', { name: '连接', exact: true }).click();
    await web.locator('#connect-progress-heading').waitFor();
    await progressShows(web, (await counted()).district);

    await web.locator('#history-unit').selectOption(unit.code);
    await web.getByRole('button', { name: '查看历史' }).click();
    const rows = web.locator('#history-list tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(list.length);
    expect(await rows.first().textContent()).toContain('恢复自');

    await web.locator(`#history-open-v${second.version}`).click();
    await web.locator('#history-diff-heading', { hasText: `第${second.version}版` }).waitFor();
    await web.getByRole('button', { name: '恢复到此版本（预检）' }).click();
    expect(await noticeSays(web, 'history', '预检完成')).toContain('删除 2 个');
    const confirm = web.locator('#history-restore-confirm');
    expect(await confirm.getAttribute('aria-disabled')).toBe('true');
    await web.getByLabel('我确认删除以下2个组织').check();
    await shot(web, '07-web-restore-dry-run');
    await confirm.click();
    expect(await noticeSays(web, 'history', `已恢复到第${second.version}版`)).toContain('删除 2 个组织');
    const latest = (await uploads())[0];
    expect(latest?.restoredFrom).toBe(second.id);
    await web.locator(`#history-v${latest?.version}`).waitFor();
    const after = await counted();
    await progressShows(web, after.district);
    await shot(web, '08-web-restored');
  });

  it('raised no script errors and logged no unexpected ones', () => {
    expect(pageErrors).toEqual([]);
  });
});
