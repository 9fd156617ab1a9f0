// 重复 end to end (issue 12, point 4): two units report the same organization (same credit code); by default it
// counts for 张江镇, which set it up first. An admin opens 重复 on the web page, compares the two records side
// by side, assigns it to 花木街道 with a reason (refused without one), confirms, and sees the list refreshed
// and the counts moved; the unit 张江镇 then finds the note on its desk, without 花木街道's secretary or phone.
// Screenshots: desk-duplicates-*.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SheetRow, SummaryResponseSchema, withCheckChar } from '@tuanjian/shared';
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
} from './harness';

const CODE = withCheckChar('52310115MJ7654321');
const REASON = '经电话核实，由花木街道指导建团';

function row(index: number, unit: string, cells: SheetRow['cells']): SheetRow {
  return {
    row: index + 4,
    cells: {
      orgType: '民办非企业单位',
      unit,
      youthCount: 30,
      memberCount: 6,
      status: '已建团',
      mode: '独立建团',
      leagueOrgType: '团支部',
      ...cells,
    },
  };
}

let workDir: string;
let worker: LocalWorker;
let browser: Browser;
let web: Page;
let pane: Page;
let unitToken: string;
const pageErrors: string[] = [];

async function counted(): Promise<Record<string, number>> {
  const answer = SummaryResponseSchema.parse(await worker.api('GET', '/summary?year=2026&month=10'));
  return Object.fromEntries(answer.summary.units.map((unit) => [unit.unitCode, unit.counted]));
}

beforeAll(async () => {
  clearScreenshots((name) => name.startsWith('desk-duplicates-'));
  workDir = mkdtempSync(join(tmpdir(), 'tuanjian-duplicates-e2e-'));
  const [fakeExcel] = await Promise.all([bundleFakeExcel(), buildPane(join(workDir, 'public'))]);
  worker = await startLocalWorker({ workDir, assetsDir: join(workDir, 'public'), pinnedNow: E2E_NOW });
  await worker.api('POST', '/units', { code: 'ZJ', name: '张江镇', kind: '镇', active: true });
  await worker.api('POST', '/units', { code: 'HM', name: '花木街道', kind: '街道', active: true });
  const upload = (unitCode: string, rows: SheetRow[]) =>
    worker.api('POST', '/uploads', { unitCode, rows, reportYear: 2026, reportMonth: 10 });
  await upload('ZJ', [
    row(0, 'ZJ', {
      orgName: '张江青年社工服务社',
      creditCode: CODE,
      establishedOn: '2026-02-01',
      secretary: '张秘书',
      phone: '13911112222',
    }),
    row(1, 'ZJ', {
      orgName: '张江青年跑团',
      establishedOn: '2026-05-06',
      secretary: '李跑',
      phone: '13911113333',
    }),
  ]);
  await upload('HM', [
    row(0, 'HM', {
      orgName: '花木青年社工服务中心',
      creditCode: CODE,
      establishedOn: '2026-03-10',
      leagueOrgType: '联合团支部',
      mode: '联合建团',
      secretary: '花木书记',
      phone: '13700001111',
    }),
  ]);
  const issued = (await worker.api('POST', '/tokens', { role: 'unit', unitCode: 'ZJ', label: '张江镇' })) as {
    token: string;
  };
  unitToken = issued.token;

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'zh-CN' });
  context.setDefaultTimeout(15_000);
  await context.clock.setFixedTime(new Date(E2E_NOW));
  web = await context.newPage();
  collectPageErrors(web, pageErrors);
  pane = await context.newPage();
  collectPageErrors(pane, pageErrors);
  await pane.addInitScript({ content: fakeExcel });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

describe('重复 on the web page', { timeout: 25_000 }, () => {
  it('an admin compares the two records, assigns the organization to the other unit with a reason, and the unit sees the note', async () => {
    expect(await counted()).toEqual({ ZJ: 2, HM: 0 });
    // A page behind another draws about a frame a second: the one worked on comes to the front.
    await web.bringToFront();
    await web.goto(`${worker.base}/app/`);
    await web.getByLabel('访问令牌').fill(worker.adminToken);
    await web.getByRole('button', { name: '连接', exact: true }).click();
    const section = web.locator('#section-duplicates');
    await section.getByRole('button', { name: '查看重复报送' }).click();
    await section.locator('#duplicates-notice', { hasText: '已读取重复报送的组织' }).waitFor();
    expect(await section.locator('#duplicates-overview').textContent()).toBe(
      '共1个组织由多个单位重复报送，均按默认规则（建团时间最早）计入。',
    );

    const card = section.locator('#duplicate-0');
    expect(await card.locator('#duplicate-0-counted').textContent()).toBe(
      '计入：张江镇（默认：建团时间最早）',
    );
    const table = card.getByRole('table', { name: '“张江青年社工服务社”在各单位台账中的记录' });
    const line = async (label: string) =>
      (await table.getByRole('row', { name: label }).locator('td').allTextContents()).join(' | ');
    expect(await table.locator('thead th').allTextContents()).toEqual(['项目', '张江镇计入', '花木街道']);
    expect(await line('组织名称')).toBe('张江青年社工服务社 | 花木青年社工服务中心');
    expect(await line('统一社会信用代码')).toBe(`${CODE} | ${CODE}`);
    expect(await line('建团时间')).toBe('2026年2月1日 | 2026年3月10日');
    expect(await line('团组织类型')).toBe('团支部 | 联合团支部');
    await section.screenshot({ path: join(SCREENSHOTS, 'desk-duplicates-01-side-by-side.png') });

    // Keyboard: the assign button, then the reason; 下一步 without a reason is refused in place.
    await card.getByRole('button', { name: '改为计入花木街道' }).focus();
    await web.keyboard.press('Enter');
    const reason = card.getByLabel('改为计入花木街道的理由（必填）');
    await expect.poll(() => reason.evaluate((element) => element === document.activeElement)).toBe(true);
    await card.getByRole('button', { name: '下一步' }).click();
    await card.getByText('请填写理由（至少2个字）后再指定。').waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await reason.fill(REASON);
    await card.getByRole('button', { name: '下一步' }).click();
    const confirm = (await card.getByRole('group').textContent()) ?? '';
    expect(confirm).toContain(
      '确认将“张江青年社工服务社”改为计入花木街道？张江镇的完成数和应拨补贴将减少1家，花木街道相应增加。',
    );
    expect(confirm).toContain(`理由：${REASON}（将记入操作日志）`);
    await section.screenshot({ path: join(SCREENSHOTS, 'desk-duplicates-02-confirm.png') });
    await card.getByRole('button', { name: '确认指定' }).click();
    await section
      .locator('#duplicates-notice', { hasText: '已指定：“张江青年社工服务社”改为计入花木街道' })
      .waitFor();

    expect(await card.locator('#duplicate-0-counted').textContent()).toBe('计入：花木街道（团区委指定）');
    expect(await card.textContent()).toContain(`指定理由：${REASON}（初始管理员，2026年11月20日 10:00）`);
    expect(await card.locator('thead th').allTextContents()).toEqual(['项目', '张江镇', '花木街道计入']);
    expect(await section.locator('#duplicates-overview').textContent()).toBe(
      '共1个组织由多个单位重复报送，均由团区委指定计入单位。',
    );
    expect(await card.getByRole('button', { name: '撤销指定，恢复默认' }).isVisible()).toBe(true);
    expect(await counted()).toEqual({ ZJ: 1, HM: 1 });
    await section.screenshot({ path: join(SCREENSHOTS, 'desk-duplicates-03-assigned.png') });

    // The unit's own desk: the note, whom it counts for, and nothing of 花木街道's record.
    await web.getByRole('button', { name: '断开并忘记令牌' }).click();
    await web.getByLabel('访问令牌').fill(unitToken);
    await web.getByRole('button', { name: '连接', exact: true }).click();
    const note = web.locator('#desk-duplicates');
    await note.waitFor();
    expect(await note.textContent()).toContain('本单位有1个组织也由其他单位报送');
    expect(await note.textContent()).toContain(
      '张江青年社工服务社：也由花木街道报送 · 计入花木街道（团区委指定）',
    );
    const page = (await web.locator('body').textContent()) ?? '';
    for (const secret of ['花木书记', '13700001111', '花木青年社工服务中心', REASON])
      expect(page).not.toContain(secret);
    await note.scrollIntoViewIfNeeded();
    await web.screenshot({ path: join(SCREENSHOTS, 'desk-duplicates-04-unit-note.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});

describe('重复 in the task pane', { timeout: 25_000 }, () => {
  it('an admin sees the assignment with its reason and revokes it after a confirmation; the default counts again', async () => {
    await pane.bringToFront();
    await pane.goto(`${worker.base}/taskpane`);
    await pane.getByLabel('访问令牌').fill(worker.adminToken);
    await pane.getByRole('button', { name: '连接', exact: true }).click();
    await pane.locator('#connect-role').waitFor();
    await pane.getByRole('tab', { name: '重复' }).click();
    const panel = pane.locator('[aria-labelledby="tab-duplicates"]');
    await panel.getByRole('button', { name: '查看重复报送' }).click();
    const card = panel.locator('#duplicate-0');
    await expect
      .poll(() => card.locator('#duplicate-0-counted').textContent())
      .toBe('计入：花木街道（团区委指定）');
    expect(await card.textContent()).toContain(`指定理由：${REASON}`);
    await card.getByRole('button', { name: '撤销指定，恢复默认' }).click();
    expect((await card.getByRole('group').textContent()) ?? '').toContain('张江青年社工服务社');
    await pane.screenshot({ path: join(SCREENSHOTS, 'desk-duplicates-05-pane-revoke.png'), fullPage: true });
    await card.getByRole('button', { name: '确认撤销' }).click();
    await expect
      .poll(() => card.locator('#duplicate-0-counted').textContent())
      .toBe('计入：张江镇（默认：建团时间最早）');
    expect(await counted()).toEqual({ ZJ: 2, HM: 0 });
    await pane.screenshot({ path: join(SCREENSHOTS, 'desk-duplicates-06-pane-default.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
