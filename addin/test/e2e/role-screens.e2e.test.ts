// The role × screen matrix (issue 12): which screens each role sees in the pane and on the web page, that
// visiting every one of them as that role gets no 401/403 from the worker, and that every route of the API
// is used by a screen (or is named below with the surface that uses it instead).
// Screenshots: role-screens-*.png.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TAB_IDS, type TabId } from '../../src/ui/context';
import { callApi, type RunningWorker, startWorker } from '../support/worker';
import {
  buildPane,
  bundleFakeExcel,
  clearScreenshots,
  collectPageErrors,
  E2E_NOW,
  launchChromium,
  SCREENSHOTS,
} from './harness';

type Role = 'admin' | 'unit' | 'reader';
const ROLES: readonly Role[] = ['admin', 'unit', 'reader'];

/**
 * What each role sees in the pane (SPEC §1, §7): the desk is the committee's; history and the activity ledger
 * are not a reader's.
 */
const PANE_SCREENS: Record<Role, readonly TabId[]> = {
  admin: TAB_IDS,
  unit: ['connect', 'ledger', 'upload', 'bulletin', 'history', 'activities'],
  reader: ['connect', 'ledger', 'upload', 'bulletin'],
};
/** The web page has every pane screen but 配额 (quotas are set in Excel, with the sheet beside them). */
const WEB_SCREENS: Record<Role, readonly TabId[]> = {
  admin: TAB_IDS.filter((tab) => tab !== 'quota'),
  unit: PANE_SCREENS.unit,
  reader: PANE_SCREENS.reader,
};

const here = dirname(fileURLToPath(import.meta.url));
const src = resolve(here, '../../src');
const repo = resolve(here, '../../..');

/** The source of each screen, shared view first: what it can call is what these files call. */
const SCREEN_FILES: Record<TabId, readonly string[]> = {
  connect: ['ui/connect.ts', 'ui/unit-desk.ts'],
  ledger: ['ui/ledger-view.ts', 'ui/ledger-check.ts', 'taskpane/views/ledger.ts', 'web/views/ledger.ts'],
  upload: ['ui/upload-flow.ts', 'ui/upload-view.ts', 'taskpane/views/upload.ts', 'web/views/upload.ts'],
  bulletin: ['ui/bulletin-choice.ts', 'taskpane/views/bulletin.ts', 'web/views/bulletin.ts'],
  quota: ['taskpane/views/quota.ts'],
  history: ['ui/history-view.ts'],
  units: ['ui/units-view.ts'],
  reporting: ['ui/reporting-view.ts'],
  duplicates: ['ui/duplicate-view.ts'],
  checks: ['ui/spot-check-view.ts', 'web/views/spot-checks.ts'],
  subsidies: ['ui/subsidy-view.ts', 'web/views/subsidies.ts'],
  work: [
    'ui/work-view.ts',
    'ui/work-state.ts',
    'ui/work-sheets-view.ts',
    'ui/centre-view.ts',
    'web/views/work.ts',
  ],
  activities: ['ui/activity-view.ts', 'web/views/activities.ts'],
  assessment: ['ui/assessment-view.ts', 'ui/annual-report-view.ts'],
};
/** The surfaces that are not screens, and what they call: custom functions, refresh on open, the command. */
const OTHER_SURFACES: Record<string, string> = {
  'custom functions': 'addin/src/functions/figures.ts',
  'refresh on open': 'addin/src/taskpane/refresh.ts',
  'npm run refresh': 'scripts/refresh/refresh.ts',
};
/** Routes no screen calls, each with who does: the API serves more than the screens (SPEC §4). */
const NOT_FROM_A_SCREEN: Record<string, string> = {
  'GET /health': 'uptime checks and the tests wait on it',
  'GET /upload-drafts/{}':
    'API clients ask which parts of a draft arrived (ApiClient sends them again instead)',
  'GET /ledger': 'API clients page through organizations (the pane reads the sheet itself)',
  'GET /ledger/history': 'API clients read one organization’s versions (history screens show uploads)',
  'GET /activities/uploads/{}':
    'API clients read one activity upload’s diff (the 活动 screen lists uploads and restores them)',
};

/** Screen ids read from the page, each one the UI knows. */
function asScreens(ids: readonly string[]): TabId[] {
  return ids.map((id) => {
    const screen = TAB_IDS.find((known) => known === id);
    if (screen === undefined) throw new Error(`the page shows a screen the UI does not know: ${id}`);
    return screen;
  });
}

/** `client.x(` calls in some files. */
function clientCalls(files: readonly string[]): Set<string> {
  const calls = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/client\.(\w+)\(/g)) calls.add(match[1] ?? '');
  }
  return calls;
}

/** A route as the API document names it, parameters as {}: `GET /uploads/{}/restore`. */
function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`;
}

/**
 * The routes each ApiClient method requests, read from its source: every method/path literal pair in the
 * method, and those of the methods it calls on itself. Query strings and suffixes are not the route.
 */
function clientRoutes(): Map<string, Set<string>> {
  const source = readFileSync(join(src, 'api/client.ts'), 'utf8');
  const starts = [...source.matchAll(/^ {2}(?:private )?(?:async )?(\w+)\(/gm)];
  const direct = new Map<string, { routes: Set<string>; calls: Set<string> }>();
  starts.forEach((start, index) => {
    const body = source.slice(start.index, starts[index + 1]?.index ?? source.length);
    const routes = new Set<string>();
    for (const match of body.matchAll(/'(GET|POST|PUT|PATCH|DELETE)',\s*(?:'(\/[^']*)'|`(\/[^`]*)`)/g)) {
      const path = (match[2] ?? match[3] ?? '')
        .replace(/\/\$\{[^}]*\}/g, '/{}')
        .replace(/\$\{.*$/, '')
        .replace(/\?.*$/, '');
      routes.add(routeKey(match[1] ?? '', path));
    }
    const calls = new Set([...body.matchAll(/this\.(\w+)\(/g)].map((match) => match[1] ?? ''));
    direct.set(start[1] ?? '', { routes, calls });
  });
  const resolved = new Map<string, Set<string>>();
  const resolve = (method: string, seen: Set<string>): Set<string> => {
    const known = resolved.get(method);
    if (known) return known;
    const entry = direct.get(method);
    const routes = new Set(entry?.routes ?? []);
    for (const callee of entry?.calls ?? []) {
      if (seen.has(callee) || callee === 'request') continue;
      for (const route of resolve(callee, new Set([...seen, callee]))) routes.add(route);
    }
    resolved.set(method, routes);
    return routes;
  };
  for (const method of direct.keys()) resolve(method, new Set([method]));
  return resolved;
}

let workDir: string;
let worker: RunningWorker;
let browser: Browser;
let fakeExcel: string;
const tokens: Record<Role, string> = { admin: '', unit: '', reader: '' };
const pageErrors: string[] = [];

beforeAll(async () => {
  clearScreenshots((name) => name.startsWith('role-screens-'));
  workDir = mkdtempSync(join(tmpdir(), 'tuanjian-roles-e2e-'));
  const assets = join(workDir, 'public');
  [fakeExcel] = await Promise.all([bundleFakeExcel(), buildPane(assets)]);
  worker = await startWorker({ assetsDir: assets, pinnedNow: E2E_NOW });
  await callApi(worker, 'POST', '/units', { body: { code: 'huamu', name: '花木街道', kind: '街道' } });
  const row = (index: number) => ({
    row: index + 4,
    cells: {
      orgName: `花木青年组织${index + 1}号`,
      orgType: '社会团体',
      unit: '花木街道',
      youthCount: 20,
      memberCount: 3,
      status: '已建团',
      establishedOn: '2026-05-10',
      mode: '独立建团',
      leagueOrgType: '团支部',
      secretary: '王书记',
      phone: '13812345678',
    },
  });
  await callApi(worker, 'POST', '/uploads', {
    body: { unitCode: 'huamu', rows: [row(0), row(1)], reportYear: 2026, reportMonth: 10 },
  });
  const issued = z.object({ token: z.string() });
  tokens.admin = worker.adminToken;
  tokens.unit = issued.parse(
    await callApi(worker, 'POST', '/tokens', { body: { role: 'unit', unitCode: 'huamu', label: '花木' } }),
  ).token;
  tokens.reader = issued.parse(
    await callApi(worker, 'POST', '/tokens', { body: { role: 'reader', unitCode: null, label: '大屏' } }),
  ).token;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

/** API requests in flight, per page. */
const inFlight = new WeakMap<Page, number>();

/** Every API answer a page gets (`GET /summary 200`), and the requests still in flight. */
function recordAnswers(page: Page, answers: string[]): void {
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/v1/');
  inFlight.set(page, 0);
  page.on('request', (request) => {
    if (isApi(request.url())) inFlight.set(page, (inFlight.get(page) ?? 0) + 1);
  });
  const done = (url: string) => {
    if (isApi(url)) inFlight.set(page, (inFlight.get(page) ?? 1) - 1);
  };
  page.on('requestfailed', (request) => done(request.url()));
  page.on('response', (response) => {
    done(response.url());
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/v1/')) return;
    answers.push(
      `${response.request().method()} ${url.pathname.slice('/api/v1'.length)} ${response.status()}`,
    );
  });
}

/** Waits until the page has had no API request in flight for 300 ms (a screen's reads are done). */
async function settle(page: Page): Promise<void> {
  let quietSince = Date.now();
  const deadline = Date.now() + 15_000;
  while (Date.now() - quietSince < 300) {
    if (Date.now() > deadline) throw new Error('API requests still in flight after 15 s');
    if ((inFlight.get(page) ?? 0) > 0) quietSince = Date.now();
    await page.waitForTimeout(50);
  }
}

/**
 * What a screen reads only when asked, by button: clicked in turn (an admin first picks the unit on 历史).
 * Writes (publish, pay, assign, record, issue) are not clicked here: they are the desk stories' (desk-*.e2e).
 */
const READ_ACTIONS: Partial<Record<TabId, readonly string[]>> = {
  bulletin: ['bulletin-load-issues', 'bulletin-write', 'bulletin-download'],
  quota: ['quota-write'],
  history: ['history-load'],
  reporting: ['reporting-load'],
  duplicates: ['duplicates-load'],
  checks: ['checks-draw'],
  subsidies: ['subsidies-write'],
};

/** The read actions that end in a file on the web page. */
const WEB_DOWNLOADS = new Set(['bulletin-download', 'checks-draw', 'subsidies-write']);

async function readScreen(page: Page, screen: TabId, scope: string, downloads: boolean): Promise<void> {
  const picker = page.locator(`${scope} #history-unit`);
  if (screen === 'history' && (await picker.count()) > 0) await picker.selectOption('huamu');
  for (const id of READ_ACTIONS[screen] ?? []) {
    const button = page.locator(`${scope} #${id}`);
    if ((await button.count()) === 0) continue;
    // The web page hands its sheets over as downloads; the pane writes them into the workbook.
    const download = downloads && WEB_DOWNLOADS.has(id) ? page.waitForEvent('download') : null;
    await button.click();
    await settle(page);
    await download;
  }
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'zh-CN' });
  context.setDefaultTimeout(15_000);
  await context.clock.setFixedTime(new Date(E2E_NOW));
  const page = await context.newPage();
  collectPageErrors(page, pageErrors);
  return page;
}

async function connect(page: Page, role: Role): Promise<void> {
  await page.getByLabel('访问令牌').fill(tokens[role]);
  await page.getByRole('button', { name: '连接', exact: true }).click();
  await page.locator('#connect-role').waitFor();
  await settle(page);
}

const answersBy: Record<'pane' | 'web', Record<Role, string[]>> = {
  pane: { admin: [], unit: [], reader: [] },
  web: { admin: [], unit: [], reader: [] },
};

describe('the role × screen matrix', { timeout: 60_000 }, () => {
  for (const role of ROLES) {
    it(`shows a ${role} token its screens in the pane, and visiting each gets no 401 or 403`, async () => {
      const pane = await newPage();
      recordAnswers(pane, answersBy.pane[role]);
      await pane.addInitScript({ content: fakeExcel });
      await pane.goto(`${worker.url}/taskpane`);
      await connect(pane, role);
      const tabs = asScreens(
        await pane.getByRole('tab').evaluateAll((found) => found.map((tab) => tab.id.slice('tab-'.length))),
      );
      expect(tabs).toEqual(PANE_SCREENS[role]);
      for (const tab of tabs) {
        await pane.locator(`#tab-${tab}`).click();
        await pane.locator(`#panel-${tab}, [aria-labelledby="tab-${tab}"]`).first().waitFor();
        await settle(pane);
        await readScreen(pane, tab, `[aria-labelledby="tab-${tab}"]`, false);
      }
      await pane.screenshot({ path: join(SCREENSHOTS, `role-screens-pane-${role}.png`), fullPage: true });
      expect(answersBy.pane[role].filter((answer) => / 40[13]$/.test(answer))).toEqual([]);
      expect(answersBy.pane[role].length).toBeGreaterThan(1);
      await pane.context().close();
    });

    it(`shows a ${role} token its sections on the web page, and none gets a 401 or 403`, async () => {
      const web = await newPage();
      recordAnswers(web, answersBy.web[role]);
      await web.goto(`${worker.url}/app/`);
      await connect(web, role);
      const sections = asScreens(
        await web
          .locator('section[id^="section-"]')
          .evaluateAll((found) => found.map((section) => section.id.slice('section-'.length))),
      );
      expect([...sections].sort()).toEqual([...WEB_SCREENS[role]].sort());
      // Every section is on the one page: what they read on connect has been read once the page settles.
      await settle(web);
      await expect.poll(() => web.locator('#section-connect').textContent()).not.toContain('正在处理');
      for (const section of sections) await readScreen(web, section, `#section-${section}`, true);
      await web.screenshot({ path: join(SCREENSHOTS, `role-screens-web-${role}.png`), fullPage: true });
      expect(answersBy.web[role].filter((answer) => / 40[13]$/.test(answer))).toEqual([]);
      await web.context().close();
    });
  }

  it('tells a reader on 上传 that its token cannot upload, before any request is made', async () => {
    const pane = await newPage();
    const answers: string[] = [];
    recordAnswers(pane, answers);
    await pane.addInitScript({ content: fakeExcel });
    await pane.goto(`${worker.url}/taskpane`);
    await connect(pane, 'reader');
    await pane.locator('#tab-upload').click();
    await pane.getByText('只读令牌不能上传台账').first().waitFor();
    expect(answers.filter((answer) => answer.startsWith('POST /uploads'))).toEqual([]);
    await pane.context().close();
  });

  it('uses every route of the API from a screen, or names the surface that uses it', async () => {
    const document = z
      .object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) })
      .parse(await (await fetch(`${worker.url}/api/v1/openapi.json`)).json());
    const api = new Set(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => routeKey(method, path)),
      ),
    );
    const routesOf = clientRoutes();
    const fromScreens = new Map<string, TabId[]>();
    for (const screen of TAB_IDS) {
      const files = SCREEN_FILES[screen].map((file) => join(src, file));
      for (const method of clientCalls(files)) {
        const routes = routesOf.get(method);
        expect(
          routes,
          `client.${method} (called by the ${screen} screen) is an ApiClient method`,
        ).toBeDefined();
        for (const route of routes ?? []) fromScreens.set(route, [...(fromScreens.get(route) ?? []), screen]);
      }
    }
    const fromOthers = new Set(
      [...clientCalls(Object.values(OTHER_SURFACES).map((file) => join(repo, file)))].flatMap((method) => [
        ...(routesOf.get(method) ?? []),
      ]),
    );
    // Every route the client requests exists in the API document.
    for (const route of [...fromScreens.keys(), ...fromOthers]) expect(api, route).toContain(route);
    const unused = [...api].filter((route) => !fromScreens.has(route) && !fromOthers.has(route));
    expect(unused.sort()).toEqual(Object.keys(NOT_FROM_A_SCREEN).sort());
    // The matrix as the browser saw it: what each role's screens read, route by route.
    const desk = [
      'GET /tokens',
      'GET /reporting',
      'GET /duplicates',
      'POST /spot-checks/sample',
      'GET /subsidies',
    ];
    const unitDesk = ['GET /spot-checks', 'GET /duplicates', 'GET /subsidies'];
    const expected: Record<'pane' | 'web', Record<Role, string[]>> = {
      pane: {
        admin: ['GET /me', 'GET /units', 'GET /summary', 'GET /quotas/2026', 'GET /uploads', ...desk],
        unit: ['GET /me', 'GET /units', 'GET /summary', 'GET /uploads', ...unitDesk],
        reader: ['GET /me', 'GET /units', 'GET /summary'],
      },
      web: {
        admin: ['GET /me', 'GET /units', 'GET /summary', 'GET /uploads', ...desk],
        unit: ['GET /me', 'GET /units', 'GET /summary', 'GET /uploads', ...unitDesk],
        reader: ['GET /me', 'GET /units', 'GET /summary'],
      },
    };
    for (const surface of ['pane', 'web'] as const) {
      for (const role of ROLES) {
        const seen = new Set(
          answersBy[surface][role].map((answer) => answer.split(' ').slice(0, 2).join(' ')),
        );
        expect([...seen].sort(), `${surface} as ${role}`).toEqual([...expected[surface][role]].sort());
      }
    }
    // And what the browser saw the screens request is among what their source says they call.
    for (const surface of ['pane', 'web'] as const) {
      for (const role of ROLES) {
        for (const answer of answersBy[surface][role]) {
          const [method, path] = answer.split(' ');
          const route = [...fromScreens.keys()].find((known) => {
            const [knownMethod, template] = known.split(' ');
            const pattern = new RegExp(`^${(template ?? '').replace(/\{\}/g, '[^/]+')}$`);
            return knownMethod === method && pattern.test(path ?? '');
          });
          expect(route, `${surface}/${role}: ${answer}`).toBeDefined();
        }
      }
    }
  });

  it('names every screen’s source, and no screen file calls the client without being named', () => {
    const named = new Set(Object.values(SCREEN_FILES).flat());
    for (const file of named) expect(() => readFileSync(join(src, file))).not.toThrow();
    const calling = [
      ...readdirSync(join(src, 'ui')).map((file) => `ui/${file}`),
      ...readdirSync(join(src, 'taskpane/views')).map((file) => `taskpane/views/${file}`),
      ...readdirSync(join(src, 'web/views')).map((file) => `web/views/${file}`),
    ].filter(
      (file) => !file.endsWith('.test.ts') && file.endsWith('.ts') && clientCalls([join(src, file)]).size > 0,
    );
    expect(calling.filter((file) => !named.has(file))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
