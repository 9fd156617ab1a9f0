// The HTML bulletin of a 40-unit district printed by Chromium to an A4 PDF, as a committee prints it from
// the browser: how many pages, colours kept, every section heading on the page of its content. The PDF
// and a picture of the page are kept as test output.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWorker, startWorker } from '../support/worker';
import { E2E_NOW, e2eDistrict, launchChromium, SCREENSHOTS, seedDistrict } from './harness';

const district = e2eDistrict(40, 0);
const { period } = district;
let worker: RunningWorker;
let browser: Browser;
let page: Page;
let pdf: Buffer;

beforeAll(async () => {
  worker = await startWorker({ pinnedNow: E2E_NOW });
  await seedDistrict(worker, district, '打印测试');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 900, height: 1200 }, locale: 'zh-CN' });
  await page.setExtraHTTPHeaders({ Authorization: `Bearer ${worker.adminToken}` });
  await page.goto(`${worker.url}/api/v1/summary?year=${period.year}&month=${period.month}&format=html`);
  pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, 'bulletin-print-40-units.pdf'), pdf);
  await page.screenshot({ path: join(SCREENSHOTS, 'bulletin-print-40-units.png'), fullPage: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
}, 30_000);

/** The pages of a PDF Chromium wrote: one /Type /Page object each (the tree's node is /Type /Pages). */
function pageCount(bytes: Buffer): number {
  return bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}

describe('the HTML bulletin printed to A4', { timeout: 60_000 }, () => {
  it('fits 40 units on two pages (it took three)', () => {
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(1);
    expect(pageCount(pdf)).toBeLessThanOrEqual(2);
  });

  it('keeps every section heading with its content and the rows’ colours in print', async () => {
    await page.emulateMedia({ media: 'print' });
    const sections = await page.evaluate(() =>
      [...document.querySelectorAll('section')].map((section) => ({
        heading: section.querySelector('h2')?.textContent ?? '',
        // The heading is the section's first child: a page break can only come before it or after all of it.
        first: section.firstElementChild?.tagName,
        inside: getComputedStyle(section).breakInside,
        afterHeading: getComputedStyle(section.querySelector('h2') as Element).breakAfter,
      })),
    );
    expect(sections.map((section) => section.heading)).toEqual([
      '一、主要指标',
      '二、各单位完成情况',
      '三、建团模式与电话抽查',
      '四、报送情况',
      '五、各单位完成率',
    ]);
    for (const section of sections) {
      expect(section.first).toBe('H2');
      expect(section.afterHeading).toBe('avoid');
    }
    // Printed whole, but for the unit table and the chart, which may run on (the table repeats its header).
    expect(sections.map((section) => section.inside)).toEqual(['avoid', 'auto', 'avoid', 'avoid', 'auto']);
    const colours = await page.evaluate(() => ({
      adjust: getComputedStyle(document.documentElement).getPropertyValue('print-color-adjust'),
      lagging: getComputedStyle(document.querySelector('tr.lagging td') as Element).backgroundColor,
    }));
    expect(colours.adjust).toBe('exact');
    expect(colours.lagging).toBe('rgb(255, 199, 206)');
    await page.emulateMedia({ media: 'screen' });
  });
});
