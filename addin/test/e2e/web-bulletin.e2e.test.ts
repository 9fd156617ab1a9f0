// 月度通报 on the web page as an admin on WPS uses it (issue 13, point 5): last month's published issue
// chosen, downloaded as the .xlsx the add-in writes (units in the headers, the district total, data bars),
// opened in the print view and printed to A4, its narrative copied; then a read-only link made, opened in
// a browser that has no token, and revoked. Screenshots: web-bulletin-*.png, the print view's PDF beside.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IssueSchema } from '@tuanjian/shared';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { callApi, type RunningWorker, startWorker } from '../support/worker';
import {
  buildPane,
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

const district = e2eDistrict(8, 0);
const { period, units } = district;

let workDir: string;
let worker: RunningWorker;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let issue: z.infer<typeof IssueSchema>;
let shareUrl = '';
const pageErrors: string[] = [];

function shot(target: Page, name: string): Promise<void> {
  return saveScreenshot(target, `web-bulletin-${name}`, { fullPage: true });
}

/** The web page's 月度通报 section alone (the admin's page holds every desk section). */
function sectionShot(name: string): Promise<Buffer> {
  return page
    .locator('#section-bulletin')
    .screenshot({ path: join(SCREENSHOTS, `web-bulletin-${name}.png`) });
}

beforeAll(async () => {
  clearScreenshots((name) => name.startsWith('web-bulletin-'));
  workDir = mkdtempSync(join(tmpdir(), 'tuanjian-web-bulletin-e2e-'));
  const assets = join(workDir, 'public');
  await buildPane(assets);
  worker = await startWorker({ assetsDir: assets, pinnedNow: E2E_NOW });
  await seedDistrict(worker, district, '填报员');
  issue = IssueSchema.parse(
    await callApi(worker, 'POST', '/bulletins', { body: { year: period.year, month: period.month } }),
  );

  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: worker.url });
  await context.clock.setFixedTime(new Date(E2E_NOW));
  page = await context.newPage();
  collectPageErrors(page, pageErrors);
  await page.goto(`${worker.url}/app/`);
  await page.getByLabel('访问令牌').fill(worker.adminToken);
  await page.getByRole('button', { name: '连接', exact: true }).click();
  await page.locator('#connect-role', { hasText: '团区委管理员' }).waitFor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

describe('月度通报 on the web page, published issues and the read-only link', { timeout: 30_000 }, () => {
  it('chooses last month’s published issue and downloads it as the add-in lays it out', async () => {
    // The last ended month by default.
    expect(await page.locator('#bulletin-year').inputValue()).toBe(String(period.year));
    expect(await page.locator('#bulletin-month').inputValue()).toBe(String(period.month));
    await page.getByLabel('已发布的通报').check();
    await expect.poll(() => page.locator('#bulletin-issue').inputValue()).toBe(String(issue.issueNumber));
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#bulletin-download').click(),
    ]);
    expect(file.suggestedFilename()).toBe(`通报第${issue.issueNumber}期.xlsx`);
    const path = join(workDir, file.suggestedFilename());
    await file.saveAs(path);
    await waitForNotice(page, 'bulletin', '已生成');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet(`通报第${issue.issueNumber}期`);
    if (!sheet) throw new Error('no bulletin sheet');
    expect(sheet.getCell('A1').value).toBe(issue.bulletin.title);
    let header = 0;
    sheet.eachRow((row, number) => {
      if (row.getCell(1).value === '单位' && header === 0) header = number;
    });
    expect(sheet.getRow(header).getCell(3).value).toBe(`${period.month}月新建\n（家）`);
    expect(sheet.getRow(header).getCell(6).value).toBe('较时序进度\n（家）');
    const total = sheet.getRow(header + units.length + 1);
    expect(total.getCell(1).value).toBe('全区合计');
    expect(total.getCell(4).value).toBe(issue.summary.totals.counted);
    const [bars] = Reflect.get(sheet, 'conditionalFormattings') as ExcelJS.ConditionalFormattingOptions[];
    expect(bars?.rules[0]?.type).toBe('dataBar');
    await sectionShot('01-issue-downloaded');
  });

  it('copies the narrative as the bulletin prints it', async () => {
    await page.locator('#bulletin-copy').click();
    await waitForNotice(page, 'bulletin', '已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(issue.bulletin.narrative);
  });

  it('opens the print view in a new window, which prints on A4', async () => {
    const [view] = await Promise.all([context.waitForEvent('page'), page.locator('#bulletin-print').click()]);
    await view.locator('h1').waitFor();
    expect(await view.locator('h1').textContent()).toBe(issue.bulletin.title);
    expect(await view.locator('tr.total td').first().textContent()).toBe('全区合计');
    await waitForNotice(page, 'bulletin', '打印版式');
    const pdf = await view.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'web-bulletin-print-view.pdf'), pdf);
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length).toBe(1);
    await shot(view, '02-print-view');
    await view.close();
    await page.bringToFront();
  });

  it('makes a read-only link that opens in a browser without a token', async () => {
    await page.locator('#bulletin-share-make').click();
    await waitForNotice(page, 'bulletin', '已生成第');
    shareUrl = await page.locator('#bulletin-share-url').inputValue();
    expect(shareUrl).toMatch(new RegExp(`^${worker.url}/b/[A-Za-z0-9_-]{43}$`, 'u'));
    await sectionShot('03-link-made');

    const stranger = await browser.newContext({ viewport: { width: 900, height: 1200 }, locale: 'zh-CN' });
    const reader = await stranger.newPage();
    const response = await reader.goto(shareUrl);
    expect(response?.status()).toBe(200);
    expect(await reader.locator('h1').textContent()).toBe(issue.bulletin.title);
    await shot(reader, '04-link-opened');
    await stranger.close();
  });

  it('revokes the link: it then says the link is not valid', async () => {
    await page.locator('#bulletin-share-revoke').click();
    await waitForNotice(page, 'bulletin', '已撤销');
    expect(await page.locator('#bulletin-share-state').textContent()).toBe('这一期目前没有只读链接。');
    const stranger = await browser.newContext({ locale: 'zh-CN' });
    const reader = await stranger.newPage();
    const response = await reader.goto(shareUrl);
    expect(response?.status()).toBe(404);
    expect(await reader.locator('h1').textContent()).toBe('此通报链接无效或已撤销');
    await shot(reader, '05-link-revoked');
    await stranger.close();
  });

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
