// 工作记录 end to end (issue 15): a district whose committee kept a year of visits, meetings and leader links
// up to October; on 20 November an admin opens 工作记录 on the web page, sees what is overdue and the
// Thursdays' grid, records the 19 November visit and a 双月例会, is refused a visit dated tomorrow, sets a
// leader's links and withdraws a visit; then records a visit from the task pane; and the November bulletin
// carries 工作动态. Screenshots: work-records-*.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrackingSheet } from '@tuanjian/shared';
import { generateDemoDistrict, generateDemoWorkRecords, ledgerToSheetValues } from '@tuanjian/shared/demo';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalWorker, startLocalWorker } from '../../../scripts/testing/local-worker';
import {
  buildPane,
  bundleFakeExcel,
  clearScreenshots,
  collectPageErrors,
  E2E_NOW,
  launchChromium,
  SCREENSHOTS,
  saveScreenshot,
  waitForNotice,
} from './harness';

const demo = generateDemoDistrict({ year: 2026, throughMonth: 10 });
const units = demo.units.slice(0, 6);
const work = generateDemoWorkRecords(units, { year: 2026, throughMonth: 10 });
const [resident, linked] = demo.records.filter((record) => record.unitCode === units[0]?.code);
if (!resident || !linked) throw new Error('the first demo unit has two organizations');

let workDir: string;
let worker: LocalWorker;
let browser: Browser;
let web: Page;
let pane: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  clearScreenshots((name) => name.startsWith('work-records-'));
  workDir = mkdtempSync(join(tmpdir(), 'tuanjian-work-e2e-'));
  const [fakeExcel] = await Promise.all([bundleFakeExcel(), buildPane(join(workDir, 'public'))]);
  worker = await startLocalWorker({ workDir, assetsDir: join(workDir, 'public'), pinnedNow: E2E_NOW });
  for (const unit of units) await worker.api('POST', '/units', unit);
  await worker.api('PUT', '/work/holidays/2026', { holidays: work.holidays });
  await worker.api('PUT', '/work/leaders/2026', { links: work.links });
  await worker.api('POST', '/work/visits', { visits: work.visits });
  await worker.api('POST', '/work/meetings', { meetings: work.meetings });
  await worker.api('PUT', '/quotas/2026', {
    quotas: demo.quotas
      .filter(
        (quota) => quota.year === 2026 && units.slice(0, 2).some((unit) => unit.code === quota.unitCode),
      )
      .map(({ unitCode, quota }) => ({ unitCode, quota })),
  });
  // Two units' ledgers, and one organization of the first resident in the support centre.
  for (const unit of units.slice(0, 2)) {
    const ledger = demo.records.filter((record) => record.unitCode === unit.code);
    const rows = readTrackingSheet(ledgerToSheetValues(ledger, { units: demo.units })).rows;
    await worker.api('POST', '/uploads', { unitCode: unit.code, rows, reportYear: 2026, reportMonth: 10 });
  }
  await worker.api('PUT', '/centre/organizations', {
    unitCode: resident.unitCode,
    orgName: resident.orgName,
    relation: 'resident',
    since: '2024-03-01',
  });

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'zh-CN' });
  context.setDefaultTimeout(15_000);
  await context.clock.setFixedTime(new Date(E2E_NOW));
  web = await context.newPage();
  pane = await context.newPage();
  collectPageErrors(web, pageErrors);
  collectPageErrors(pane, pageErrors);
  await pane.addInitScript({ content: fakeExcel });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

const section = () => web.locator('#section-work');

describe('工作记录 on the web page', { timeout: 30_000 }, () => {
  it('shows an admin what is overdue and each Thursday of the year', async () => {
    await web.bringToFront();
    await web.goto(`${worker.base}/app/`);
    await web.getByLabel('访问令牌').fill(worker.adminToken);
    await web.getByRole('button', { name: '连接', exact: true }).click();
    await section().getByRole('button', { name: '查看工作记录' }).click();
    const loaded = await waitForNotice(web, 'work', '已读取2026年的工作记录');
    expect(loaded).toContain(`走访 ${work.visits.length} 次，例会 ${work.meetings.length} 次`);
    const overdue = (await section().locator('#work-overdue').textContent()) ?? '';
    // The demo skips July–August's meeting, and its last leader has not visited this quarter; nothing is
    // recorded for November yet, so 5 and 12 November are missed.
    expect(overdue).toContain('双月例会未召开：7—8月');
    expect(overdue).toContain(`本季度尚未走访联系单位的领导：${work.links.at(-1)?.leader}`);
    expect(overdue).toContain('2026年11月12日、2026年11月5日');
    const november = section().locator('#work-visits-grid tbody tr').nth(10);
    expect(await november.locator('td').allTextContents()).toEqual([
      '5日 未走访',
      '12日 未走访',
      '19日 未走访',
      '26日 未到',
      '',
    ]);
    // 1 October is 国庆节: no visit asked for.
    expect(
      await section().locator('#work-visits-grid tbody tr').nth(9).locator('td').first().textContent(),
    ).toMatch(/^1日 (节假日（国庆节）|已走访)$/u);
    expect(await section().locator('#work-meetings-table tbody tr').nth(5).textContent()).toBe(
      '11—12月尚未召开（12月底前）',
    );
    await section().screenshot({ path: join(SCREENSHOTS, 'work-records-01-web-overview.png') });
  });

  it('keeps the year’s holidays on screen: a Thursday made a holiday asks for no visit', async () => {
    await section().locator('#work-holidays-block summary').click();
    const area = section().getByLabel('本年度节假日');
    const before = await area.inputValue();
    expect(before.split('\n')).toContain('2026-10-01 国庆节');
    await area.fill(`${before}\n2026-11-31 不存在`);
    await section().getByRole('button', { name: '保存节假日' }).click();
    expect(await waitForNotice(web, 'work', '未写入任何数据')).toContain(
      `第${before.split('\n').length + 1}行不是“2026年的日期 名称”`,
    );
    await area.fill(`${before}\n2026-11-12 调休`);
    await section().getByRole('button', { name: '保存节假日' }).click();
    await waitForNotice(web, 'work', `已保存本年度节假日 ${work.holidays.length + 1} 天。`);
    const november = section().locator('#work-visits-grid tbody tr').nth(10);
    expect(await november.locator('td').nth(1).textContent()).toBe('12日 节假日（调休）');
    // Back to the list as it was, for the rest of the story.
    await section().getByLabel('本年度节假日').fill(before);
    await section().getByRole('button', { name: '保存节假日' }).click();
    await waitForNotice(web, 'work', `已保存本年度节假日 ${work.holidays.length} 天。`);
    expect(await november.locator('td').nth(1).textContent()).toBe('12日 未走访');
  });

  it('records the 19 November visit; a visit dated tomorrow is refused and nothing is written', async () => {
    await section().getByLabel('走访日期').fill('2026-11-21');
    await section().getByLabel('走访人').fill('刘洋、陈静');
    await section().getByLabel('走访组织').fill('浦东青年公益社、彩虹青少年心理服务中心');
    await section().getByRole('button', { name: '记录走访' }).click();
    expect(await waitForNotice(web, 'work', '未写入任何数据')).toContain(
      '走访日期不能晚于今天（2026-11-20）',
    );

    await section().getByLabel('走访日期').fill('2026-11-19');
    await section().getByLabel('情况记录').fill('了解两家入驻组织的团员青年需求，商定12月联合开展公益活动');
    await section().getByRole('button', { name: '记录走访' }).click();
    await waitForNotice(web, 'work', '已记录2026年11月19日的走访。');
    const november = section().locator('#work-visits-grid tbody tr').nth(10);
    expect(await november.locator('td').nth(2).textContent()).toBe('19日 已走访');
    expect(await section().locator('#work-visit-list tbody tr').first().textContent()).toContain(
      '2026年11月19日刘洋、陈静浦东青年公益社、彩虹青少年心理服务中心',
    );
    await section().screenshot({ path: join(SCREENSHOTS, 'work-records-02-web-visit.png') });
  });

  it('records a 双月例会 with every unit attending', async () => {
    await section().getByLabel('例会日期').fill('2026-11-18');
    await section().getByLabel('参会单位').fill('全部');
    await section().getByLabel('议题').fill('传达团市委青年社会组织团建工作要求，交流各单位进展');
    await section().getByLabel('议定事项').fill('进度滞后单位12月例会作专题汇报');
    await section().getByRole('button', { name: '记录例会' }).click();
    await waitForNotice(web, 'work', '已记录2026年11月18日的例会。');
    expect(await section().locator('#work-meetings-table tbody tr').nth(5).textContent()).toBe(
      '11—12月已于2026年11月18日召开',
    );
    const listed = section().locator('#work-meeting-list tbody tr').first();
    expect(await listed.locator('td').last().textContent()).toBe('撤销');
    expect(await listed.locator('td').nth(2).textContent()).toBe(String(units.length));
    await section().screenshot({ path: join(SCREENSHOTS, 'work-records-03-web-meeting.png') });
  });

  it('sets a leader’s links by unit names, and refuses a unit that does not exist', async () => {
    const leader = work.links.at(-1)?.leader ?? '';
    await section().getByLabel('领导姓名').fill(leader);
    await section().getByLabel('职务', { exact: true }).fill('团区委副书记');
    await section().getByLabel('联系单位').fill(`${units[0]?.name}、不存在的镇`);
    await section().getByRole('button', { name: '保存联系' }).click();
    expect(await waitForNotice(web, 'work', '未写入任何数据')).toContain('“不存在的镇”不是已有的单位');
    await section().getByLabel('联系单位').fill(`${units[0]?.name}、${units[1]?.name}`);
    await section().getByRole('button', { name: '保存联系' }).click();
    await waitForNotice(web, 'work', `已保存${leader}的联系单位。`);
    const row = section().locator('#work-leaders-table tbody tr', { hasText: leader });
    expect(await row.locator('td').nth(1).textContent()).toBe(`${units[0]?.name}、${units[1]?.name}`);
  });

  it('shows the support centre’s figures and adds a linked organization by its name', async () => {
    const centre = section().locator('#work-centre');
    expect(await centre.locator('#work-centre-stats').textContent()).toMatch(
      /^入驻 1 家 · 联系 0 家 · 青年 /u,
    );
    expect(await centre.locator('#work-centre-sentence').textContent()).toMatch(
      /^2026年，青年公益服务支持中心入驻青年社会组织1家，联系青年社会组织0家，涉及青年/u,
    );
    expect(await centre.locator('#work-centre-table tbody tr').first().locator('th').textContent()).toBe(
      resident.orgName,
    );
    await centre.getByLabel('所属单位').selectOption(linked.unitCode);
    await centre.getByLabel('组织名称（与台账一致）').fill(linked.orgName);
    await centre.getByLabel('关系').selectOption('linked');
    await centre.getByLabel('开始日期').fill('2026-03-01');
    await centre.getByRole('button', { name: '保存', exact: true }).click();
    await waitForNotice(web, 'work', `已把“${linked.orgName}”列入支持中心名单。`);
    expect(await centre.locator('#work-centre-stats').textContent()).toMatch(/^入驻 1 家 · 联系 1 家/u);
    const row = centre.locator('#work-centre-table tbody tr', { hasText: linked.orgName });
    expect(await row.locator('td').nth(1).textContent()).toBe('联系');
    expect(await row.locator('td').nth(2).textContent()).toBe('2026年3月1日起');
    await centre.getByLabel('组织名称（与台账一致）').fill('不存在的协会');
    await centre.getByRole('button', { name: '保存', exact: true }).click();
    expect(await waitForNotice(web, 'work', '没有组织')).toContain('不存在的协会');
    await centre.screenshot({ path: join(SCREENSHOTS, 'work-records-04-web-centre.png') });
  });

  it('withdraws a visit: its Thursday is unvisited again', async () => {
    const first = section().locator('#work-visit-list tbody tr').first();
    await first.getByRole('button', { name: '撤销' }).click();
    await waitForNotice(web, 'work', '已撤销这条记录');
    expect(
      await section().locator('#work-visits-grid tbody tr').nth(10).locator('td').nth(2).textContent(),
    ).toBe('19日 未走访');
    expect(pageErrors).toEqual([]);
  });
});

describe('年度考核 on the web page', { timeout: 30_000 }, () => {
  it('shows the current standing over the months ended, and sets the year’s weights', async () => {
    await web.bringToFront();
    const assessment = web.locator('#section-assessment');
    await assessment.getByRole('button', { name: '查看年度考核' }).click();
    await waitForNotice(web, 'assessment', '已读取2026年的年度考核。');
    const basis = (await assessment.locator('#assessment-basis').textContent()) ?? '';
    expect(basis).toContain('按2026年1—10月计（年度未结束，为当前排名）。');
    expect(basis).toContain('权重：指标完成50%、按时报送20%、抽查属实15%、团组织活动15%');
    expect(basis).toContain('使用默认权重');
    expect(basis).toContain('按时报送自10月起计（此前尚无单位报送）。');
    expect(basis).toContain('本年度尚无单位上传活动台账');
    const rows = assessment.locator('#assessment-table tbody tr');
    // Two units have quotas and ledgers (uploaded for October on 20 November: late); the rest have no quota.
    expect(await rows.count()).toBe(units.length);
    expect(await rows.nth(0).locator('td').first().textContent()).toMatch(/^1/u);
    expect(
      await rows
        .nth(units.length - 1)
        .locator('td')
        .first()
        .textContent(),
    ).toBe('无指标');
    await assessment.screenshot({ path: join(SCREENSHOTS, 'work-records-09-web-assessment.png') });

    await assessment.getByLabel('指标完成（%）').fill('60');
    await assessment.getByRole('button', { name: '保存权重' }).click();
    expect(await waitForNotice(web, 'assessment', '须为100')).toContain('四项权重之和为110');
    await assessment.getByLabel('按时报送（%）').fill('10');
    await assessment.getByRole('button', { name: '保存权重' }).click();
    await waitForNotice(web, 'assessment', '已保存第1版权重。');
    expect(await assessment.locator('#assessment-basis').textContent()).toContain(
      '权重：指标完成60%、按时报送10%、抽查属实15%、团组织活动15%',
    );
    expect(await assessment.locator('#assessment-basis').textContent()).toContain('第1版权重');
    expect(pageErrors).toEqual([]);
  });
});

describe('工作记录 in the task pane, and in the bulletin', { timeout: 30_000 }, () => {
  it('records the visit again from the pane', async () => {
    await pane.bringToFront();
    await pane.goto(`${worker.base}/taskpane`);
    await pane.getByLabel('访问令牌').fill(worker.adminToken);
    await pane.getByRole('button', { name: '连接', exact: true }).click();
    await expect.poll(() => pane.locator('#connect-role').textContent()).toBe('团区委管理员');
    await pane.getByRole('tab', { name: '工作记录' }).click();
    await pane.getByRole('button', { name: '查看工作记录' }).click();
    await waitForNotice(pane, 'work', '已读取2026年的工作记录');
    await pane.getByLabel('走访日期').fill('2026-11-19');
    await pane.getByLabel('走访人').fill('刘洋、陈静');
    await pane.getByLabel('走访组织').fill('浦东青年公益社');
    await pane.getByRole('button', { name: '记录走访' }).click();
    await waitForNotice(pane, 'work', '已记录2026年11月19日的走访。');
    await pane.locator('#work-overdue').scrollIntoViewIfNeeded();
    await saveScreenshot(pane, 'work-records-05-pane');
    expect(pageErrors).toEqual([]);
  });

  it('writes the visits sheet, marks a bad row and records nothing, then records the fixed row once', async () => {
    await pane.getByLabel('记录种类').selectOption('visits');
    await pane.getByRole('button', { name: '写入工作表' }).click();
    const written = await waitForNotice(pane, 'work', '已写入工作表');
    const sheet = '2026年走访记录';
    expect(written).toContain(`“${sheet}”`);
    const cell = (address: string) =>
      pane.evaluate(([name, at]) => window.__fakeExcel?.value(name ?? '', at ?? ''), [sheet, address]);
    expect(await cell('A3')).toBe('走访日期');
    expect(await cell('A4')).not.toBe('');
    // The first empty row under the year's records.
    let row = 4;
    while (String((await cell(`A${row}`)) ?? '') !== '') row++;
    const set = (address: string, value: unknown) =>
      pane.evaluate(
        ([name, at, v]) => window.__fakeExcel?.setCell(String(name), String(at), v),
        [sheet, address, value],
      );
    await set(`A${row}`, '2026年11月21日');
    await set(`C${row}`, '众智创业服务中心');
    await set(`D${row}`, '不存在的镇');
    await pane.getByRole('button', { name: '提交当前工作表' }).click();
    expect(await waitForNotice(pane, 'work', '未提交任何记录')).toContain('3 处问题');
    const fills = await pane.evaluate((name) => window.__fakeExcel?.fills(name) ?? {}, sheet);
    expect(fills[`A${row}`]).toBe('#FFC7CE');
    expect(fills[`B${row}`]).toBe('#FFC7CE');
    expect(fills[`D${row}`]).toBe('#FFC7CE');
    expect(await pane.locator('#work-sheet-list').textContent()).toContain('走访日期2026年11月21日晚于今天');
    await saveScreenshot(pane, 'work-records-06-pane-sheet-problems');

    await set(`A${row}`, '2026年11月12日');
    await set(`B${row}`, '张伟');
    await set(`D${row}`, '');
    await pane.getByRole('button', { name: '提交当前工作表' }).click();
    const submitted = await waitForNotice(pane, 'work', '已提交走访记录');
    expect(submitted).toMatch(/新记录 1 条，已有记录 \d+ 条未重复记录/u);
    expect(await pane.locator('#work-visits-grid tbody tr').nth(10).locator('td').nth(1).textContent()).toBe(
      '12日 已走访',
    );
    await pane.getByRole('button', { name: '提交当前工作表' }).click();
    expect(await waitForNotice(pane, 'work', '已提交走访记录')).toContain('新记录 0 条');
    // A 领导联系 sheet with its header and no row sends nothing (it would clear the year's links).
    await pane.evaluate(() =>
      window.__fakeExcel?.load('空白领导联系', [
        ['2026年领导联系'],
        ['说明'],
        ['领导姓名', '职务', '联系单位', '联系支持中心'],
      ]),
    );
    await pane.getByRole('button', { name: '提交当前工作表' }).click();
    expect(await waitForNotice(pane, 'work', '未提交')).toContain(
      '“空白领导联系”中还没有填写任何记录，未提交。',
    );
    expect(await pane.locator('#work-leaders-table tbody tr').count()).toBe(work.links.length);
    expect(pageErrors).toEqual([]);
  });

  it('on the web page: downloads the meetings sheet, adds a row, and submits the file', async () => {
    await web.bringToFront();
    await web.reload();
    await web.getByLabel('访问令牌').fill(worker.adminToken);
    await web.getByRole('button', { name: '连接', exact: true }).click();
    await section().getByRole('button', { name: '查看工作记录' }).click();
    await waitForNotice(web, 'work', '已读取');
    await section().getByLabel('记录种类').selectOption('meetings');
    const [download] = await Promise.all([
      web.waitForEvent('download'),
      section().getByRole('button', { name: '下载工作表' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('2026年例会记录.xlsx');
    const file = join(workDir, download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('2026年例会记录');
    if (!sheet) throw new Error('no meetings sheet');
    expect(sheet.getRow(3).getCell(1).value).toBe('例会日期');
    const next = sheet.getRow(sheet.actualRowCount + 1);
    next.getCell(1).value = new Date(Date.UTC(2026, 7, 25));
    next.getCell(2).value = '全部';
    next.getCell(3).value = '补开7—8月例会：交流暑期青年社会组织活动情况';
    const filled = join(workDir, '2026年例会记录（已填）.xlsx');
    await workbook.xlsx.writeFile(filled);
    const [chooser] = await Promise.all([
      web.waitForEvent('filechooser'),
      section().getByRole('button', { name: '选择填好的文件并提交' }).click(),
    ]);
    await chooser.setFiles(filled);
    expect(await waitForNotice(web, 'work', '已提交例会记录')).toMatch(
      /新记录 1 条，已有记录 \d+ 条未重复记录/u,
    );
    expect(await section().locator('#work-meetings-table tbody tr').nth(3).textContent()).toBe(
      '7—8月已于2026年8月25日召开',
    );
    await section()
      .locator('#work-sheets')
      .screenshot({ path: join(SCREENSHOTS, 'work-records-07-web-sheet.png') });
    expect(pageErrors).toEqual([]);
  });

  it('the November bulletin carries 工作动态', async () => {
    const html = String(await worker.api('GET', '/summary?year=2026&month=11&format=html'));
    expect(html).toContain('工作动态');
    expect(html).toContain('11月份按每周四走访制度应走访4次，实际走访入驻支持中心的青年社会组织2次、覆盖2家');
    expect(html).toContain('11—12月双月例会已于11月18日召开');
    await web.bringToFront();
    await web.setContent(html);
    await web.screenshot({ path: join(SCREENSHOTS, 'work-records-08-bulletin.png'), fullPage: true });
  });
});
