// 单位与令牌 end to end (issue 12, point 5): an admin in the pane adds a unit and issues it a token (shown
// once, copied, its 开通说明 printed alone); the unit signs in on the web page with it and the admin sees
// when it was last used; the admin deactivates the unit (confirmed) and the unit's next request is refused
// with the message; a token is revoked (confirmed). Screenshots: desk-units-*.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  launchChromium,
  saveScreenshot,
  waitForNotice,
} from './harness';

const TokensSchema = z.object({
  tokens: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      lastUsedAt: z.string().nullable(),
      revokedAt: z.string().nullable(),
    }),
  ),
});

let workDir: string;
let worker: RunningWorker;
let browser: Browser;
let pane: Page;
let web: Page;
let issuedToken = '';
const pageErrors: string[] = [];

function shot(page: Page, name: string): Promise<void> {
  return saveScreenshot(page, `desk-units-${name}`, { fullPage: true });
}

const noticeSays = waitForNotice;

async function tokens() {
  return TokensSchema.parse(await callApi(worker, 'GET', '/tokens')).tokens;
}

beforeAll(async () => {
  clearScreenshots((name) => name.startsWith('desk-units-'));
  workDir = mkdtempSync(join(tmpdir(), 'tuanjian-units-e2e-'));
  const assets = join(workDir, 'public');
  const [fakeExcel] = await Promise.all([bundleFakeExcel(), buildPane(assets)]);
  worker = await startWorker({ assetsDir: assets, pinnedNow: E2E_NOW });
  await callApi(worker, 'POST', '/units', { body: { code: 'huamu', name: '花木街道', kind: '街道' } });
  await callApi(worker, 'POST', '/tokens', { body: { role: 'reader', unitCode: null, label: '区大屏' } });

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'zh-CN' });
  context.setDefaultTimeout(15_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: worker.url });
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
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

describe('单位与令牌 in the pane, and the unit on the web page', { timeout: 30_000 }, () => {
  it('shows an admin the 单位 tab, listing units and tokens', async () => {
    expect(await pane.getByRole('tab', { name: '单位' }).count()).toBe(0);
    await pane.getByLabel('访问令牌').fill(worker.adminToken);
    // Off by default (shared office PCs); the admin's own PC remembers it, for the web page below too.
    expect(await pane.getByLabel('在此电脑上记住令牌').isChecked()).toBe(false);
    await pane.getByLabel('在此电脑上记住令牌').check();
    await pane.getByRole('button', { name: '连接', exact: true }).click();
    await expect.poll(() => pane.locator('#connect-role').textContent()).toBe('团区委管理员');
    await pane.getByRole('tab', { name: '单位' }).click();
    const units = pane.locator('#units-table');
    await units.getByRole('cell', { name: '花木街道' }).waitFor();
    await pane.locator('#units-tokens').getByRole('cell', { name: '区大屏' }).waitFor();
    expect(await pane.locator('#units-tokens').textContent()).toContain('从未使用');
    await shot(pane, '01-pane-list');
  });

  it('adds a unit, refusing a bad code first', async () => {
    await pane.getByLabel('单位代码').fill('新 区');
    await pane.getByLabel('单位名称').fill('新区街道');
    await pane.getByRole('button', { name: '新增单位' }).click();
    expect(await noticeSays(pane, 'units', '单位代码只能用')).toContain('1–32 位');
    expect(await pane.getByLabel('单位代码').getAttribute('aria-invalid')).toBe('true');

    await pane.getByLabel('单位代码').fill('xinqu');
    await pane.getByRole('button', { name: '新增单位' }).click();
    await noticeSays(pane, 'units', '已新增单位“新区街道”');
    const row = pane.locator('#units-unit-xinqu');
    expect(await row.textContent()).toContain('启用中');
  });

  it('records the unit’s 报送联系人 and phone, which 报送情况 then shows', async () => {
    const row = pane.locator('#units-unit-xinqu');
    expect(await row.textContent()).toContain('未填写');
    await pane.locator('#units-contact-xinqu').click();
    await pane.getByLabel('报送联系人', { exact: true }).fill('王晓燕');
    await pane.getByLabel('联系电话').fill('021-58881234');
    await shot(pane, '01b-pane-contact');
    await pane.locator('#units-contact-save').click();
    await noticeSays(pane, 'units', '已保存“新区街道”的报送联系人');
    expect(await row.textContent()).toContain('王晓燕 · 021-58881234');
    const reporting = z
      .object({
        units: z.array(
          z.object({ unitCode: z.string(), contact: z.string().nullable(), phone: z.string().nullable() }),
        ),
      })
      .parse(await callApi(worker, 'GET', '/reporting?year=2026&month=10'));
    expect(reporting.units.find((unit) => unit.unitCode === 'xinqu')).toMatchObject({
      contact: '王晓燕',
      phone: '021-58881234',
    });
  });

  it('issues the unit a token shown once, copies it and prints the 开通说明 alone', async () => {
    await pane.locator('#units-issue-unit').selectOption('xinqu');
    expect(await pane.getByLabel('令牌名称').inputValue()).toBe('新区街道');
    await pane.getByRole('button', { name: '生成令牌' }).click();
    await noticeSays(pane, 'units', '已生成令牌“新区街道”');
    issuedToken = await pane.getByRole('textbox', { name: '新令牌' }).inputValue();
    expect(issuedToken).toMatch(/^tj_[\w-]{40,}$/);
    const guide = pane.locator('#units-guide');
    const guideText = (await guide.textContent()) ?? '';
    for (const expected of ['团建台账 开通说明', '新区街道', worker.url, issuedToken, `${worker.url}/app/`]) {
      expect(guideText).toContain(expected);
    }
    expect(guideText).toContain('管理中心');

    await pane.getByRole('button', { name: '复制', exact: true }).click();
    await noticeSays(pane, 'units', '令牌已复制到剪贴板');
    expect(await pane.evaluate(() => navigator.clipboard.readText())).toBe(issuedToken);
    await shot(pane, '02-pane-token-shown-once');

    // Printing: window.print() with only the sheet visible (the print stylesheet, seen as print media).
    await pane.evaluate(() => {
      const record = window as unknown as { printedWith?: string[] };
      window.print = () => {
        record.printedWith = [...document.body.classList];
      };
    });
    await pane.getByRole('button', { name: '打印开通说明' }).click();
    expect(
      await pane.evaluate(() => (window as unknown as { printedWith?: string[] }).printedWith),
    ).toContain('units-printing');
    await pane.evaluate(() => document.body.classList.add('units-printing'));
    await pane.emulateMedia({ media: 'print' });
    expect(await pane.locator('#units-table').evaluate((el) => getComputedStyle(el).visibility)).toBe(
      'hidden',
    );
    expect(await guide.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    await shot(pane, '03-print-setup-sheet');
    await pane.emulateMedia({ media: 'screen' });
    await pane.evaluate(() => document.body.classList.remove('units-printing'));
  });

  it('lets the unit sign in on the web page with that token; the admin sees when it was used', async () => {
    await web.bringToFront();
    await web.goto(`${worker.url}/app/`);
    // The page remembers the pane's admin connection (one origin): it shows the admin the section.
    await web.locator('#section-units #units-unit-xinqu').waitFor();
    await web.locator('#section-units #units-tokens').waitFor();
    await shot(web, '04a-web-admin-section');
    await web.getByLabel('访问令牌').fill(issuedToken);
    // Remembered, so the unit can connect again below without typing it.
    await web.getByLabel('在此电脑上记住令牌').check();
    await web.getByRole('button', { name: '连接', exact: true }).click();
    await expect.poll(() => web.locator('#connect-unit').textContent()).toBe('新区街道');
    // The unit sees no 单位与令牌 section.
    expect(await web.locator('#section-units').count()).toBe(0);
    await shot(web, '04-web-unit-signed-in');

    const used = (await tokens()).find((token) => token.label === '新区街道');
    expect(used?.lastUsedAt).toBe(new Date(E2E_NOW).toISOString());
    await pane.bringToFront();
    await pane.getByRole('button', { name: '我已保存，关闭' }).click();
    expect(await pane.locator('#units-issued-token').count()).toBe(0);
    await pane.getByRole('button', { name: '刷新列表' }).click();
    // 02:00 UTC is 10:00 in Shanghai.
    await pane.locator('#units-tokens').getByRole('cell', { name: '2026年11月20日 10:00' }).first().waitFor();
  });

  it('deactivates the unit after a confirmation that says what it does; the unit is then refused', async () => {
    await pane.locator('#units-deactivate-xinqu').click();
    const confirmText = (await pane.locator('#units-confirm-text').textContent()) ?? '';
    expect(confirmText).toContain('令牌立即失效');
    expect(confirmText).toContain('不能再上传');
    await expect.poll(() => pane.evaluate(() => document.activeElement?.id)).toBe('units-confirm-yes');
    await shot(pane, '05-pane-confirm-deactivate');
    await pane.getByRole('button', { name: '确认停用' }).click();
    await noticeSays(pane, 'units', '已停用“新区街道”');
    expect(await pane.locator('#units-unit-xinqu').textContent()).toContain('已停用');
    expect(await pane.locator(`#units-tokens`).textContent()).toContain('单位已停用');

    await web.bringToFront();
    await web.getByRole('button', { name: '连接', exact: true }).click();
    const refusal = await noticeSays(web, 'connect', '该单位已停用');
    expect(refusal).toContain('令牌不再有效');
    await shot(web, '06-web-unit-refused');
  });

  it('revokes a token after a confirmation', async () => {
    const reader = (await tokens()).find((token) => token.label === '区大屏');
    if (!reader) throw new Error('the reader token was seeded');
    await pane.bringToFront();
    await pane.locator(`#units-revoke-${reader.id}`).click();
    expect(await pane.locator('#units-confirm-text').textContent()).toContain('吊销令牌“区大屏”');
    await pane.getByRole('button', { name: '确认吊销' }).click();
    await noticeSays(pane, 'units', '已吊销令牌“区大屏”');
    expect(await pane.locator(`#units-token-${reader.id}`).textContent()).toContain('已吊销');
    expect(await pane.locator(`#units-revoke-${reader.id}`).count()).toBe(0);
    expect((await tokens()).find((token) => token.id === reader.id)?.revokedAt).not.toBeNull();
    await shot(pane, '07-pane-revoked');
  });

  it('reactivates the unit in English, and the page threw nothing', async () => {
    await pane.getByRole('button', { name: 'English' }).click();
    await pane.getByRole('tab', { name: 'Units' }).waitFor();
    await pane.locator('#units-reactivate-xinqu').click();
    expect(await pane.locator('#units-confirm-text').textContent()).toContain(
      'Its unrevoked tokens work again',
    );
    await pane.locator('#units-confirm-yes').click();
    await noticeSays(pane, 'units', 'Reactivated 新区街道');
    await web.bringToFront();
    await web.getByRole('button', { name: '连接', exact: true }).click();
    await expect.poll(() => web.locator('#connect-unit').textContent()).toBe('新区街道');
    expect(pageErrors).toEqual([]);
  });
});
