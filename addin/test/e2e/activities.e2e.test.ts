// 活动台账 and the year's end, end to end (issue 15): a unit whose activity ledger already has a few October
// activities. On 5 January 2027 its secretary opens 活动 in the task pane, writes the 活动台账 sheet, adds
// November's activities with mistakes (marked, nothing sent), fixes them, dry-runs and uploads; writing the sheet
// again does not overwrite it. Then the committee, on the web page, downloads the unit's activity ledger as .xlsx,
// removes an activity and adds one, dry-runs (the removal is listed) and uploads; restores the earlier version
// from history; the November bulletin carries 活动开展; and the committee views 2026's year-end assessment and
// its 年度通报 with the award candidates, publishes it and opens its print view.
// Screenshots: activities-*.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssessmentSchema, readTrackingSheet } from '@tuanjian/shared';
import { generateDemoDistrict, ledgerToSheetValues } from '@tuanjian/shared/demo';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalWorker, startLocalWorker } from '../../../scripts/testing/local-worker';
import {
  buildPane,
  bundleFakeExcel,
  clearScreenshots,
  collectPageErrors,
  launchChromium,
  SCREENSHOTS,
  saveScreenshot,
  waitForNotice,
} from './harness';

const demo = generateDemoDistrict({ year: 2026, throughMonth: 10 });
const units = demo.units.slice(0, 2);
const unit = units[0];
if (!unit) throw new Error('the demo has units');
const established = demo.records.filter(
  (record) => record.unitCode === unit.code && record.status === '已建团',
);
const planned = demo.records.find((record) => record.unitCode === unit.code && record.status !== '已建团');
const [orgA, orgB] = established;
if (!orgA || !orgB || !planned)
  throw new Error('the first demo unit has two League organizations and one without');
const SHEET = '活动台账';
/** After the year's end: 2026 is assessed whole and its 年度通报 can be published. */
const NOW = '2027-01-05T02:00:00Z';

let workDir: string;
let worker: LocalWorker;
let unitToken: string;
let browser: Browser;
let web: Page;
let pane: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  clearScreenshots((name) => name.startsWith('activities-'));
  workDir = mkdtempSync(join(tmpdir(), 'tuanjian-activities-e2e-'));
  const [fakeExcel] = await Promise.all([bundleFakeExcel(), buildPane(join(workDir, 'public'))]);
  worker = await startLocalWorker({ workDir, assetsDir: join(workDir, 'public'), pinnedNow: NOW });
  for (const each of units) await worker.api('POST', '/units', each);
  await worker.api('PUT', '/quotas/2026', {
    quotas: units.map((each) => ({
      unitCode: each.code,
      quota: demo.quotas.find((quota) => quota.year === 2026 && quota.unitCode === each.code)?.quota ?? 5,
    })),
  });
  for (const each of units) {
    const ledger = demo.records.filter((record) => record.unitCode === each.code);
    const rows = readTrackingSheet(ledgerToSheetValues(ledger, { units: demo.units })).rows;
    await worker.api('POST', '/uploads', { unitCode: each.code, rows, reportYear: 2026, reportMonth: 10 });
  }
  const created = (await worker.api('POST', '/tokens', {
    role: 'unit',
    unitCode: unit.code,
    label: `${unit.name}团委`,
  })) as { token: string };
  unitToken = created.token;
  // October, uploaded before: two activities.
  await worker.api(
    'POST',
    '/activities/uploads',
    {
      unitCode: unit.code,
      source: 'api',
      rows: [
        {
          row: 4,
          cells: {
            orgName: orgA.orgName,
            heldOn: '2026-10-10',
            title: '秋季读书会',
            kind: '交友',
            served: 25,
          },
        },
        {
          row: 5,
          cells: {
            orgName: orgB.orgName,
            heldOn: '2026-10-24',
            title: '社区助老服务',
            kind: '公益',
            served: 40,
          },
        },
      ],
    },
    unitToken,
  );

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'zh-CN' });
  context.setDefaultTimeout(15_000);
  await context.clock.setFixedTime(new Date(NOW));
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

const cell = (address: string) =>
  pane.evaluate(([name, at]) => window.__fakeExcel?.value(name ?? '', at ?? ''), [SHEET, address]);
const set = (address: string, value: unknown) =>
  pane.evaluate(
    ([name, at, v]) => window.__fakeExcel?.setCell(String(name), String(at), v),
    [SHEET, address, value],
  );

describe('活动台账 in the task pane (a unit)', { timeout: 30_000 }, () => {
  it('loads the unit’s activities and writes them into the 活动台账 sheet with room below', async () => {
    await pane.bringToFront();
    await pane.goto(`${worker.base}/taskpane`);
    await pane.getByLabel('访问令牌').fill(unitToken);
    await pane.getByRole('button', { name: '连接', exact: true }).click();
    await expect.poll(() => pane.locator('#connect-role').textContent()).toBe('直属团组织');
    await pane.getByRole('tab', { name: '活动' }).click();
    await pane.getByRole('button', { name: '读取活动台账' }).click();
    expect(await waitForNotice(pane, 'activities', '已读取')).toContain(
      `${unit.name}的活动台账：第1版，共2场活动`,
    );
    expect(await pane.locator('#activity-list-empty').textContent()).toBe('2027年尚无活动。');
    await pane.getByLabel('活动年度').selectOption('2026');
    expect(await pane.locator('#activity-list tbody tr').count()).toBe(2);
    await pane.getByRole('button', { name: '写入“活动台账”工作表' }).click();
    expect(await waitForNotice(pane, 'activities', '已写入工作表')).toContain('2场活动');
    expect(await cell('A1')).toBe(`${unit.name}活动台账`);
    expect(await cell('A3')).toBe('组织名称');
    expect(await cell('C4')).toBe('秋季读书会');
    expect(await cell('A6')).toBe('');
  });

  it('marks November’s mistakes and sends nothing, then dry-runs and uploads the fixed sheet', async () => {
    await set('A6', orgA.orgName);
    await set('B6', '2026年11月8日');
    await set('C6', '青年就业指导沙龙');
    await set('D6', '就业');
    await set('E6', 60);
    await set('F6', '区人才服务中心');
    await set('A7', '不存在的青年协会');
    await set('B7', '2026-11-12');
    await set('C7', '羽毛球联谊赛');
    await set('D7', '聚会');
    await set('E7', 30);
    await set('A8', planned.orgName);
    await set('B8', '2027-01-06');
    await set('C8', '志愿者培训');
    await set('D8', '培训');
    await set('E8', '二十');
    await pane.getByRole('button', { name: '预检活动台账' }).click();
    expect(await waitForNotice(pane, 'activities', '未上传任何数据')).toContain('5 处问题');
    const fills = await pane.evaluate((name) => window.__fakeExcel?.fills(name) ?? {}, SHEET);
    for (const address of ['A7', 'D7', 'A8', 'B8', 'E8']) expect(fills[address]).toBe('#FFC7CE');
    expect(fills.A6).toBeUndefined();
    const list = (await pane.locator('#activity-sheet-list').textContent()) ?? '';
    expect(list).toContain('“不存在的青年协会”不在本单位的团建台账中');
    expect(list).toContain(`“${planned.orgName}”在团建台账中尚未建团`);
    expect(list).toContain('活动类型“聚会”不在可选项中');
    await saveScreenshot(pane, 'activities-01-pane-problems');

    await set('A7', orgB.orgName);
    await set('D7', '交友');
    await set('A8', orgA.orgName);
    await set('B8', '2026-11-15');
    await set('E8', 20);
    await pane.getByRole('button', { name: '预检活动台账' }).click();
    expect(await waitForNotice(pane, 'activities', '预检通过')).toContain(
      '新增3场、修改0场、删除0场、未变2场',
    );
    const cleared = await pane.evaluate((name) => window.__fakeExcel?.fills(name) ?? {}, SHEET);
    expect(cleared.A7).toBeUndefined();
    await pane.getByRole('button', { name: '上传', exact: true }).click();
    expect(await waitForNotice(pane, 'activities', '已上传')).toContain(
      '活动台账现为第2版（新增3场、修改0场、删除0场）',
    );
    expect(await pane.locator('#activity-list tbody tr').count()).toBe(5);
    expect(await pane.locator('#activity-list tbody tr').first().textContent()).toContain('志愿者培训');
    await saveScreenshot(pane, 'activities-02-pane-uploaded');

    // The sheet now holds activities: writing it again would lose any not yet uploaded, so it is kept.
    await pane.getByRole('button', { name: '写入“活动台账”工作表' }).click();
    expect(await waitForNotice(pane, 'activities', '未覆盖')).toContain('（5场活动）');
    expect(await cell('C8')).toBe('志愿者培训');
    expect(pageErrors).toEqual([]);
  });
});

/**
 * A section's screenshot; the page re-renders when the figures move (an upload, a restore), and an element
 * replaced mid-shot is taken again.
 */
async function shoot(locator: Locator, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await locator.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
      return;
    } catch (error) {
      if (attempt === 3 || !String(error).includes('not attached')) throw error;
    }
  }
}

const section = () => web.locator('#section-activities');

describe('活动台账 on the web page (the committee)', { timeout: 30_000 }, () => {
  it('downloads a unit’s activity ledger, changes it, dry-runs (the removal listed) and uploads the file', async () => {
    await web.bringToFront();
    await web.goto(`${worker.base}/app/`);
    await web.getByLabel('访问令牌').fill(worker.adminToken);
    await web.getByRole('button', { name: '连接', exact: true }).click();
    await section().getByLabel('单位', { exact: true }).selectOption(unit.code);
    expect(await waitForNotice(web, 'activities', '已读取')).toContain('第2版，共5场活动');
    await section().getByLabel('活动年度').selectOption('2026');
    const [download] = await Promise.all([
      web.waitForEvent('download'),
      section().getByRole('button', { name: '下载活动台账（.xlsx）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${unit.name}活动台账.xlsx`);
    const file = join(workDir, download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getRow(3).getCell(5).value).toBe('服务青年人次');
    expect(sheet.getRow(4).getCell(5).value).toBe(25);
    expect(sheet.getRow(4).getCell(5).numFmt).toBe('0');
    // Take October's 秋季读书会 out (row 4), and add a November activity as a real date.
    sheet.spliceRows(4, 1);
    const next = sheet.getRow(sheet.actualRowCount + 1);
    next.getCell(1).value = orgB.orgName;
    next.getCell(2).value = new Date(Date.UTC(2026, 10, 18));
    next.getCell(3).value = '青年创业分享会';
    next.getCell(4).value = '就业';
    next.getCell(5).value = 85;
    const filled = join(workDir, 'filled.xlsx');
    await workbook.xlsx.writeFile(filled);
    const [chooser] = await Promise.all([
      web.waitForEvent('filechooser'),
      section().getByRole('button', { name: '选择文件并预检' }).click(),
    ]);
    await chooser.setFiles(filled);
    expect(await waitForNotice(web, 'activities', '预检通过')).toContain(
      '新增1场、修改0场、删除1场、未变4场',
    );
    expect(await section().locator('#activity-removed').textContent()).toContain('秋季读书会');
    await shoot(section(), 'activities-03-web-dry-run');
    await section().getByRole('button', { name: '上传', exact: true }).click();
    expect(await waitForNotice(web, 'activities', '已上传')).toContain('第3版（新增1场、修改0场、删除1场）');
  });

  it('restores version 2 from the history, confirmed after its dry run', async () => {
    const rows = section().locator('#activity-history tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain('+1 ~0 −1');
    await section().getByRole('button', { name: '恢复到第2版' }).click();
    expect(await waitForNotice(web, 'activities', '恢复到第2版将')).toContain('新增1场、修改0场、删除1场');
    await section().getByRole('button', { name: '确认恢复' }).click();
    expect(await waitForNotice(web, 'activities', '已恢复')).toContain('活动台账现为第4版');
    expect(await rows.first().textContent()).toContain('4（恢复自第2版）');
    expect(await section().locator('#activity-list').textContent()).toContain('秋季读书会');
    await shoot(section(), 'activities-04-web-history');
    expect(pageErrors).toEqual([]);
  });

  it('the November bulletin carries 活动开展', async () => {
    const html = String(await worker.api('GET', '/summary?year=2026&month=11&format=html'));
    expect(html).toContain('活动开展');
    expect(html).toContain(
      '11月份全区青年社会组织团组织开展活动3场、服务青年110人次；今年以来累计开展活动5场、服务青年175人次。',
    );
    expect(html).toContain(`${units[1]?.name}11月份未报送活动`);
    await web.setContent(html);
    await web.screenshot({ path: join(SCREENSHOTS, 'activities-05-bulletin.png'), fullPage: true });
  });
});

const assessmentSection = () => web.locator('#section-assessment');

describe('the year’s end on the web page (the committee)', { timeout: 30_000 }, () => {
  it('views 2026’s assessment over the whole year, the activities counted', async () => {
    await web.goto(`${worker.base}/app/`);
    await web.getByLabel('访问令牌').fill(worker.adminToken);
    await web.getByRole('button', { name: '连接', exact: true }).click();
    await assessmentSection().getByLabel('考核年度').selectOption('2026');
    await assessmentSection().getByRole('button', { name: '查看年度考核' }).click();
    await waitForNotice(web, 'assessment', '已读取2026年的年度考核');
    expect(await assessmentSection().locator('#assessment-basis').textContent()).toContain(
      '按2026年全年计。',
    );
    const standing = AssessmentSchema.parse(await worker.api('GET', '/assessment?year=2026'));
    expect(standing.final).toBe(true);
    expect(standing.activitiesRecorded).toBe(true);
    expect(standing.units.find((each) => each.unitCode === unit.code)?.parts.activities).toBeGreaterThan(0);
  });

  it('reads the 年度通报 with its candidates, publishes it (confirmed), and opens its print view', async () => {
    await assessmentSection().getByRole('button', { name: '查看年度通报' }).click();
    await waitForNotice(web, 'assessment', '已读取2026年度通报（当前情况，未发布）');
    const body = assessmentSection().locator('#annual-report-body');
    expect(await body.textContent()).toContain('年度已结束，尚未发布');
    const paragraphs = await body.locator('.annual-report__paragraph').allTextContents();
    expect(paragraphs[0]).toMatch(/^2026年，全区共在青年社会组织中新建团组织\d+家/u);
    expect(paragraphs[2]).toBe('2026年，全区青年社会组织团组织共开展活动5场，服务青年175人次。');
    // This district keeps no work records or support centre: no paragraph of 0次; the candidates come last.
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[3]).toContain('为“红旗团委”候选单位');
    expect(await body.locator('#annual-table-1 tbody tr').count()).toBe(units.length);
    await assessmentSection().getByRole('button', { name: '发布年度通报' }).click();
    await waitForNotice(web, 'assessment', '确认发布');
    await assessmentSection().getByRole('button', { name: '确认发布（发布后不可更改）' }).click();
    await waitForNotice(web, 'assessment', '已发布2026年度通报。');
    expect(await body.textContent()).toContain('已于2027年1月5日 10:00发布，内容已固定。');
    expect(await assessmentSection().getByRole('button', { name: '发布年度通报' }).count()).toBe(0);
    await shoot(assessmentSection().locator('#annual-report'), 'activities-06-annual-report');
    const [view] = await Promise.all([
      web.context().waitForEvent('page'),
      assessmentSection().getByRole('button', { name: '打开打印页' }).click(),
    ]);
    await view.locator('h1', { hasText: '2026年度通报' }).waitFor();
    expect(await view.locator('.signature').textContent()).toContain('2027年1月5日');
    await view.screenshot({ path: join(SCREENSHOTS, 'activities-07-annual-print.png'), fullPage: true });
    await view.close();
    expect(pageErrors).toEqual([]);
  });
});
