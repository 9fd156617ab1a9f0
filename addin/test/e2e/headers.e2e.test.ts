// The static pages' headers as wrangler dev serves them from _headers (issue 14, point 2), and what they mean
// in Chromium: the task pane loads inside a frame of Office on the web; no other site can frame the pane,
// the web page or the docs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWorker, startWorker } from '../support/worker';
import { buildPane, launchChromium } from './harness';

let workDir: string;
let worker: RunningWorker;
let browser: Browser;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'tuanjian-headers-e2e-'));
  const assets = join(workDir, 'public');
  await buildPane(assets);
  worker = await startWorker({ assetsDir: assets });
  // Here the "Office" page is answered by the test and the worker is on 127.0.0.1: Chromium's local-network
  // checks would refuse a public page's frame of a loopback address (on Cloudflare both are public).
  browser = await launchChromium([
    '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessForNavigations,PrivateNetworkAccessForIframes,BlockInsecurePrivateNetworkRequests',
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

/**
 * A page of `origin` (answered by the test, no network) that frames `paths` of the worker; answers it with the
 * worker's URLs the page requested (a refused frame's document arrives, but nothing it would load is asked for).
 */
async function framedBy(
  origin: string,
  paths: readonly string[],
): Promise<{ page: Page; requested: string[] }> {
  const page = await browser.newPage();
  const requested: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(worker.url)) requested.push(request.url().slice(worker.url.length));
  });
  await page.route(`${origin}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>host</title>${paths
        .map((path) => `<iframe name="${path}" src="${worker.url}${path}" width="400" height="300"></iframe>`)
        .join('')}`,
    }),
  );
  await page.goto(`${origin}/host.html`);
  await page.waitForLoadState('load');
  return { page, requested };
}

describe('the static pages’ headers', { timeout: 60_000 }, () => {
  it('sends each page its policy: the pane frameable by Office on the web only, the rest by no one', async () => {
    const [app, pane, help] = await Promise.all(
      ['/app/', '/taskpane', '/help'].map((path) => fetch(`${worker.url}${path}`)),
    );
    for (const response of [app, pane, help]) {
      expect(response?.status).toBe(200);
      expect(response?.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
    const appPolicy = app?.headers.get('Content-Security-Policy') ?? '';
    expect(appPolicy).toContain("frame-ancestors 'none'");
    expect(appPolicy).toContain("script-src 'self'");
    expect(app?.headers.get('X-Frame-Options')).toBe('DENY');
    const panePolicy = pane?.headers.get('Content-Security-Policy') ?? '';
    expect(panePolicy).toContain("frame-ancestors 'self' https://*.officeapps.live.com");
    expect(panePolicy).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    // One policy each (a second one would also apply), and no X-Frame-Options to overrule frame-ancestors.
    expect(panePolicy).not.toContain("frame-ancestors 'none'");
    expect(pane?.headers.get('X-Frame-Options')).toBeNull();
    expect(help?.headers.get('X-Frame-Options')).toBeNull();
  });

  it('loads the pane inside a frame of Excel on the web: its scripts run there', async () => {
    const { page, requested } = await framedBy('https://excel.officeapps.live.com', ['/taskpane']);
    await expect
      .poll(() => requested.some((path) => /^\/assets\/taskpane-[\w-]+\.js$/u.test(path)))
      .toBe(true);
    expect(requested).toContain('/office-js/office.js');
    await page.close();
  });

  it('refuses a frame of the pane, the web page or the docs on any other site', async () => {
    const { page, requested } = await framedBy('https://evil.example', ['/taskpane', '/app/', '/docs']);
    // The documents were fetched and refused: none of their scripts or styles was asked for.
    expect(requested.sort()).toEqual(['/app/', '/docs', '/taskpane']);
    for (const path of ['/taskpane', '/app/', '/docs'])
      expect(page.frame({ name: path })?.url(), path).toBe('chrome-error://chromewebdata/');
    await page.close();
  });
});
