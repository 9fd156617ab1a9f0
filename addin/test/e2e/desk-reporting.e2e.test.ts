// 报送 end to end (issue 12, point 3): four units; two upload October's ledger by the deadline (the worker's
// clock on 4 November), one only on 20 November (late), one not at all. An admin opens 报送 in the pane for the
// last ended month, sees the three groups with contacts and upload times, copies the 催报 text, prints the
// list alone, writes the 报送情况 sheet, and finds the 报送情况 line in the bulletin; then the same on the
// web page. Screenshots: desk-reporting-*.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrackingSheet } from '@tuanjian/shared';
import { generateDemoDistrict, ledgerToSheetValues } from '@tuanjian/shared/demo';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalWorker, startLocalWorker } from '../../../scripts/testing/local-worker';
import { previousMonth } from '../../src/ui/dates';
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

const period = previousMonth(new Date(E2E_NOW));
const demo = generateDemoDistrict({ year: period.year, throughMonth: period.month });
const units = demo.units.slice(0, 4);
const [early, alsoEarly, late, missing] = units;
if (!early || !alsoEarly || !late || !missing) throw new Error('the demo district has four units');
/** 10:00 on 4 November in Shanghai: before October's deadline (the 5th). */
const BEFORE_DEADLINE = '2026-11-04T02:00:00Z';

let workDir: string;
let worker: LocalWorker;
let browser: Browser;
let pane: Page;
let web: Page;
const pageErrors: string[] = [];

function shot(page: Page, name: string): Promise<void> {
  return saveScreenshot(page, `desk-reporting-${name}`, { fullPage: true });
}

const noticeSays = waitForNotice;

async function uploadFor(unitCode: string): Promise<void> {
  const ledger = demo.records.filter((record) => record.unitCode === unitCode);
  const rows = readTrackingSheet(ledgerToSheetValues(ledger, { units: demo.units })).rows;
  await worker.api('POST', '/uploads', {
    unitCode,
    rows,
    reportYear: period.year,
    reportMonth: period.month,
  });
}

/** The worker on this test's D1, its clock at `now` (a restart keeps the data: same folder, same token). */
async function startAt(now: string, adminToken?: string): Promise<LocalWorker> {
  return startLocalWorker({ workDir, assetsDir: join(workDir, 'public'), pinnedNow: now, adminToken });
}

beforeAll(async () => {
  clearScreenshots((name) => name.startsWith('desk-reporting-'));
  workDir = mkdtempSync(join(tmpdir(), 'tuanjian-reporting-e2e-'));
  const [fakeExcel] = await Promise.all([bundleFakeExcel(), buildPane(join(workDir, 'public'))]);

  // 4 November: the units, two contacts, and two uploads by the deadline.
  worker = await startAt(BEFORE_DEADLINE);
  for (const unit of units) await worker.api('POST', '/units', unit);
  await worker.api('PATCH', `/units/${early.code}`, { contact: '李红', phone: '021-5000 0001' });
  await worker.api('PATCH', `/units/${missing.code}`, { contact: '王芳', phone: '13900000000' });
  await uploadFor(early.code);
  await uploadFor(alsoEarly.code);
  const adminToken = worker.adminToken;
  await worker.stop();
  // 20 November (E2E_NOW): one unit uploads late; the last one never does.
  worker = await startAt(E2E_NOW, adminToken);
  await uploadFor(late.code);

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'zh-CN' });
  context.setDefaultTimeout(15_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: worker.base });
  await context.clock.setFixedTime(new Date(E2E_NOW));
  pane = await context.newPage();
  web = await context.newPage();
  collectPageErrors(pane, pageErrors);
  collectPageErrors(web, pageErrors);
  await pane.addInitScript({ content: fakeExcel });
  // Each test brings the page it works on to the front (see launchChromium).
  await pane.bringToFront();
  await pane.goto(`${worker.base}/taskpane`);
  await pane.getByRole('tab', { name: '连接' }).waitFor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

const reminder =
  `截至2026年11月20日，以下1家单位尚未报送${period.year}年${period.month}月份台账：${missing.name}。` +
  '报送期限（2026年11月5日）已过，请尽快报送。';

describe('报送 in the pane: on time, late, missing and the 催报 list', { timeout: 30_000 }, () => {
  it('shows an admin the last ended month grouped 按时 / 逾期 / 未报送, with contacts and upload times', async () => {
    await pane.getByLabel('访问令牌').fill(worker.adminToken);
    await pane.getByRole('button', { name: '连接', exact: true }).click();
    await expect.poll(() => pane.locator('#connect-role').textContent()).toBe('团区委管理员');
    await pane.getByRole('tab', { name: '报送' }).click();
    expect(await pane.getByLabel('报送年份').inputValue()).toBe(String(period.year));
    expect(await pane.getByLabel('报送月份').inputValue()).toBe(String(period.month));
    await pane.getByRole('button', { name: '查看报送情况' }).click();
    await noticeSays(pane, 'reporting', `已读取${period.year}年${period.month}月的报送情况`);

    const onTime = (await pane.locator('#reporting-onTime').textContent()) ?? '';
    expect(onTime).toContain('按时报送（2家）');
    expect(onTime).toContain(early.name);
    expect(onTime).toContain(alsoEarly.name);
    expect(await pane.locator(`#reporting-onTime tr[data-unit="${early.code}"]`).textContent()).toBe(
      `${early.name}2026年11月4日 10:00李红021-5000 0001`,
    );
    expect(await pane.locator(`#reporting-late tr[data-unit="${late.code}"]`).textContent()).toBe(
      `${late.name}2026年11月20日 10:00未填写`,
    );
    expect(await pane.locator('#reporting-late-heading').textContent()).toBe('逾期报送（1家）');
    expect(await pane.locator(`#reporting-missing tr[data-unit="${missing.code}"]`).textContent()).toBe(
      `${missing.name}—王芳13900000000`,
    );
    expect(await pane.locator('#reporting-deadline').textContent()).toContain('报送期限：2026年11月5日');
    await shot(pane, '01-pane-groups');
  });

  it('copies the 催报 text and prints the list alone', async () => {
    expect(await pane.getByLabel('催报通知（可直接粘贴到工作群或通知）').inputValue()).toBe(reminder);
    await pane.getByRole('button', { name: '复制', exact: true }).click();
    await noticeSays(pane, 'reporting', '催报通知已复制');
    expect(await pane.evaluate(() => navigator.clipboard.readText())).toBe(reminder);

    await pane.evaluate(() => {
      window.print = () => {
        document.body.dataset.printedWith = document.body.className;
      };
    });
    await pane.getByRole('button', { name: '打印催报名单' }).click();
    expect(await pane.evaluate(() => document.body.dataset.printedWith)).toContain('reporting-printing');
    // What the printer gets: the list with the missing unit's contact, nothing else of the pane.
    await pane.evaluate(() => document.body.classList.add('reporting-printing'));
    await pane.emulateMedia({ media: 'print' });
    expect(await pane.locator('#reporting-print').isVisible()).toBe(true);
    expect(
      await pane.locator('#reporting-load').evaluate((button) => getComputedStyle(button).visibility),
    ).toBe('hidden');
    expect(await pane.locator('#reporting-print').textContent()).toContain('王芳');
    // The harness draws its workbook over the page's left side, where the printed list sits: hidden for the shot.
    await pane.evaluate(() => {
      window.scrollTo(0, 0);
      document.getElementById('e2e-workbook')?.style.setProperty('display', 'none');
    });
    await pane.screenshot({ path: join(SCREENSHOTS, 'desk-reporting-02-print-view.png') });
    await pane.evaluate(() => document.getElementById('e2e-workbook')?.style.removeProperty('display'));
    await pane.emulateMedia({ media: 'screen' });
    await pane.evaluate(() => document.body.classList.remove('reporting-printing'));
  });

  it('writes the month’s 报送情况 sheet, text as text', async () => {
    await pane.getByRole('button', { name: '写入工作表' }).click();
    const sheetName = `${period.year}年${period.month}月报送情况`;
    expect(await noticeSays(pane, 'reporting', '已写入工作表')).toContain(sheetName);
    const cell = (address: string) =>
      pane.evaluate(([name, at]) => window.__fakeExcel?.value(name ?? '', at ?? ''), [sheetName, address]);
    expect(await cell('A2')).toBe('按时报送2家，逾期报送1家，未报送1家');
    expect(await cell('A4')).toBe('单位');
    expect(await cell('A5')).toBe(early.name);
    expect(await cell('E5')).toBe('021-5000 0001');
    expect(await cell('A7')).toBe(late.name);
    expect(await cell('B8')).toBe('未报送');
    expect(await cell('E8')).toBe('13900000000');
    expect(await cell('A11')).toBe(reminder);
    await shot(pane, '03-pane-sheet');
  });

  it('puts the 报送情况 line in the month’s bulletin', async () => {
    await pane.getByRole('tab', { name: '通报' }).click();
    await pane.getByRole('button', { name: '写入工作表' }).click();
    await noticeSays(pane, 'bulletin', '已写入');
    expect(await pane.locator('#bulletin-preview').textContent()).toContain(
      `${period.month}月份台账按时报送2家单位，逾期报送1家（${late.name}），尚未报送1家（${missing.name}）。`,
    );
    await shot(pane, '04-pane-bulletin');
  });
});

describe('报送 on the web page', { timeout: 30_000 }, () => {
  it('shows an admin the same groups and 催报 text', async () => {
    await web.bringToFront();
    await web.goto(`${worker.base}/app/`);
    await web.getByLabel('访问令牌').fill(worker.adminToken);
    await web.getByRole('button', { name: '连接', exact: true }).click();
    const section = web.locator('#section-reporting');
    await section.getByRole('button', { name: '查看报送情况' }).click();
    await noticeSays(web, 'reporting', '已读取');
    expect(await section.locator('#reporting-missing').textContent()).toContain(missing.name);
    expect(await section.getByLabel('催报通知（可直接粘贴到工作群或通知）').inputValue()).toBe(reminder);
    await web.screenshot({ path: join(SCREENSHOTS, 'desk-reporting-05-web.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
