// Old webviews end to end: the built pane and web page, served by the real worker, in headless Chromium made to
// look like Edge Legacy 18 (Office 2016/2019 retail without WebView2) and Internet Explorer 11 (volume-licensed
// Office 2016/2019). Both must say what to do instead of 「正在加载…」 forever; a current Chromium must not; and the
// load watchdog of public/compat.js must speak up when the bundle fails or never starts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningWorker, startWorker } from '../support/worker';
import { buildPane, clearScreenshots, E2E_NOW, launchChromium, SCREENSHOTS } from './harness';

const COMPAT_SOURCE = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/compat.js');

/**
 * What Edge Legacy 18 lacks of what the bundle evaluates: each is deletable in Chromium, `globalThis` included
 * (it is a configurable property of the window), so the simulation leaves none out.
 */
const EDGE_18 = `
  delete Object.fromEntries;
  delete Array.prototype.flatMap;
  delete window.BigInt;
  delete window.TextEncoder;
  delete Element.prototype.replaceChildren;
  delete window.globalThis;
`;

/**
 * Internet Explorer 11 lacks all that and module scripts, fetch and Promise too. It ignores
 * `<script type="module">`, which Chromium cannot be told to do: the page is served without those tags.
 */
const IE_11 = `${EDGE_18}
  delete HTMLScriptElement.prototype.noModule;
  delete window.fetch;
  delete window.Promise;
`;

const PANE_TITLE =
  '此 Excel 使用的是旧版浏览器内核（Internet Explorer 11 或旧版 Edge），无法运行团建台账任务窗格。';
const WEB_TITLE = '此浏览器版本过旧（如 Internet Explorer 11 或旧版 Edge），无法运行团建台账网页版。';

const PAGES = {
  pane: { path: '/taskpane', viewport: { width: 320, height: 720 } },
  web: { path: '/app/', viewport: { width: 1024, height: 720 } },
} as const;
type PageName = keyof typeof PAGES;

let workDir: string;
let worker: RunningWorker;
let browser: Browser;
let builtCompat: string;

beforeAll(async () => {
  clearScreenshots((name) => name.startsWith('old-webview-'));
  workDir = mkdtempSync(join(tmpdir(), 'tuanjian-old-webview-'));
  const assets = join(workDir, 'public');
  await buildPane(assets);
  builtCompat = readFileSync(join(assets, 'compat.js'), 'utf8');
  worker = await startWorker({ assetsDir: assets });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

/** A page in its own context, with `init` run before any of the page's scripts; what it throws goes into `errors`. */
async function openPage(
  name: PageName,
  options: { init?: string; withoutModules?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[]; strippedTags: () => number }> {
  const context = await browser.newContext({ viewport: PAGES[name].viewport, locale: 'zh-CN' });
  context.setDefaultTimeout(15_000);
  if (options.init) await context.addInitScript({ content: options.init });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  let stripped = 0;
  if (options.withoutModules) {
    await page.route(
      (url) => url.pathname === PAGES[name].path,
      async (route) => {
        const response = await route.fetch();
        const html = await response.text();
        const modern = /<script type="module"[^>]*><\/script>\s*|<link rel="modulepreload"[^>]*>\s*/g;
        stripped = html.match(modern)?.length ?? 0;
        await route.fulfill({ response, body: html.replace(modern, '') });
      },
    );
  }
  return { context, page, errors, strippedTags: () => stripped };
}

/** The compat message once shown: its kind (old-webview, load-error, timeout) and text. */
async function compatMessage(page: Page): Promise<{ kind: string | null; text: string }> {
  const message = page.locator('#compat-message');
  await message.waitFor();
  return { kind: await message.getAttribute('data-kind'), text: (await message.textContent())?.trim() ?? '' };
}

async function expectNoLoadingMessage(page: Page): Promise<void> {
  expect(await page.getByText('正在加载').count()).toBe(0);
}

/** The pane links to the web page on its own origin; the web page shows its own address as text to copy. */
async function expectWebPageAddress(page: Page, name: PageName): Promise<void> {
  const address = page.locator('#compat-address');
  expect(await address.textContent()).toBe(`${worker.url}/app/`);
  // Tag names by selector: evaluating in the page needs the globalThis the simulations delete.
  if (name === 'pane') {
    expect(await page.locator('a#compat-address').count()).toBe(1);
    expect(await address.getAttribute('href')).toBe(`${worker.url}/app/`);
  } else {
    expect(await page.locator('span#compat-address').count()).toBe(1);
  }
}

describe('in an old webview the pages say what to do instead of loading forever', { timeout: 60_000 }, () => {
  const edgeMissing =
    'Object.fromEntries, Array.prototype.flatMap, BigInt, globalThis, TextEncoder, Element.prototype.replaceChildren';
  for (const [webview, init, withoutModules, missing] of [
    ['edge18', EDGE_18, false, edgeMissing],
    ['ie11', IE_11, true, `<script type="module">, Promise, fetch, ${edgeMissing}`],
  ] as const) {
    for (const name of ['pane', 'web'] as const) {
      it(`${webview === 'edge18' ? 'Edge Legacy 18' : 'Internet Explorer 11'}: the ${name === 'pane' ? 'task pane' : 'web page'} shows the old-webview message`, async () => {
        const { context, page, errors, strippedTags } = await openPage(name, { init, withoutModules });
        try {
          await page.goto(`${worker.url}${PAGES[name].path}`);
          const { kind, text } = await compatMessage(page);
          expect(kind).toBe('old-webview');
          if (name === 'pane') {
            expect(text).toContain(PANE_TITLE);
            expect(text).toContain('请在 Chrome 或新版 Edge 中打开团建台账网页版');
            expect(text).toContain('Microsoft Edge WebView2 Runtime');
          } else {
            expect(text).toContain(WEB_TITLE);
            expect(text).toContain('请在 Chrome 或新版 Edge 中打开此地址');
          }
          expect(text).toContain('Open');
          // What compat.js found missing: every built-in the simulation deleted, and nothing else.
          expect(text).toContain(`缺少 / missing: ${missing}`);
          // Nothing to reload: this webview will never run the bundle.
          expect(await page.getByRole('button', { name: /重新加载/ }).count()).toBe(0);
          await expectWebPageAddress(page, name);
          if (webview === 'edge18') {
            // The bundle is still fetched and fails as it evaluates; the message stays the old-webview one.
            await expect.poll(() => errors.length).toBeGreaterThan(0);
            expect(errors.join('\n')).toMatch(
              /fromEntries|flatMap|BigInt|globalThis|TextEncoder|replaceChildren/,
            );
            expect(await page.locator('#compat-message').getAttribute('data-kind')).toBe('old-webview');
          } else {
            expect(strippedTags()).toBeGreaterThan(0);
          }
          await expectNoLoadingMessage(page);
          await page.screenshot({ path: join(SCREENSHOTS, `old-webview-${webview}-${name}.png`) });
        } finally {
          await context.close();
        }
      });
    }
  }
});

describe('in a current Chromium the pages start and the watchdog stays quiet', { timeout: 60_000 }, () => {
  for (const name of ['pane', 'web'] as const) {
    it(`the ${name === 'pane' ? 'task pane' : 'web page'} mounts, marks #app data-started and shows no message`, async () => {
      const { context, page, errors } = await openPage(name);
      try {
        await page.clock.install();
        await page.goto(`${worker.url}${PAGES[name].path}`);
        await page.getByLabel('访问令牌').waitFor();
        expect(await page.locator('#app').getAttribute('data-started')).toBe('');
        await page.clock.runFor(20_000);
        expect(await page.locator('#compat-message').count()).toBe(0);
        await expectNoLoadingMessage(page);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

describe('the load watchdog', { timeout: 60_000 }, () => {
  it('a bundle that throws while it evaluates: says the pane did not start and 重新加载 loads it', async () => {
    const { context, page } = await openPage('pane');
    const entry = (url: URL) => /^\/assets\/taskpane-[^/]+\.js$/.test(url.pathname);
    try {
      await page.route(entry, (route) =>
        route.fulfill({
          contentType: 'text/javascript',
          body: "throw new Error('simulated evaluation failure');",
        }),
      );
      await page.goto(`${worker.url}/taskpane`);
      const { kind, text } = await compatMessage(page);
      expect(kind).toBe('load-error');
      expect(text).toContain('团建台账任务窗格未能启动。');
      expect(text).toContain('simulated evaluation failure');
      await expectWebPageAddress(page, 'pane');
      await expectNoLoadingMessage(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'old-webview-load-error.png') });

      await page.unroute(entry);
      await page.getByRole('button', { name: '重新加载 / Reload' }).click();
      await page.getByLabel('访问令牌').waitFor();
      expect(await page.locator('#compat-message').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('a bundle that cannot be fetched: says the web page did not start', async () => {
    const { context, page } = await openPage('web');
    try {
      await page.route(/\/assets\/app\/index-[^/]+\.js$/, (route) => route.abort('connectionfailed'));
      await page.goto(`${worker.url}/app/`);
      const { kind, text } = await compatMessage(page);
      expect(kind).toBe('load-error');
      expect(text).toContain('团建台账网页版未能启动。');
      expect(text).toContain('could not be loaded');
      expect(await page.getByRole('button', { name: '重新加载 / Reload' }).count()).toBe(1);
      await expectNoLoadingMessage(page);
    } finally {
      await context.close();
    }
  });

  it('a bundle that never starts: after 15 s says so instead of 「正在加载…」', async () => {
    const { context, page, strippedTags } = await openPage('pane', { withoutModules: true });
    try {
      // Paused: only runFor moves the page's clock, however long the page takes to load here.
      await page.clock.install({ time: new Date(E2E_NOW) });
      await page.clock.pauseAt(new Date(new Date(E2E_NOW).getTime() + 1_000));
      await page.goto(`${worker.url}/taskpane`);
      expect(strippedTags()).toBeGreaterThan(0);
      await page.clock.runFor(14_000);
      expect(await page.getByText('正在加载').count()).toBe(1);
      await page.clock.runFor(1_500);
      const { kind, text } = await compatMessage(page);
      expect(kind).toBe('timeout');
      expect(text).toContain('已等待 15 秒');
      expect(await page.getByRole('button', { name: '重新加载 / Reload' }).count()).toBe(1);
      await expectNoLoadingMessage(page);
      await page.screenshot({ path: join(SCREENSHOTS, 'old-webview-timeout.png') });
    } finally {
      await context.close();
    }
  });
});

/** ES2015+ syntax by the TypeScript node kind that carries it. */
const LATER_SYNTAX: ReadonlyMap<ts.SyntaxKind, string> = new Map([
  [ts.SyntaxKind.ArrowFunction, 'arrow function'],
  [ts.SyntaxKind.TemplateExpression, 'template string'],
  [ts.SyntaxKind.NoSubstitutionTemplateLiteral, 'template string'],
  [ts.SyntaxKind.TaggedTemplateExpression, 'tagged template'],
  [ts.SyntaxKind.ClassDeclaration, 'class'],
  [ts.SyntaxKind.ClassExpression, 'class'],
  [ts.SyntaxKind.SpreadElement, 'spread'],
  [ts.SyntaxKind.SpreadAssignment, 'object spread'],
  [ts.SyntaxKind.ShorthandPropertyAssignment, 'shorthand property'],
  [ts.SyntaxKind.ComputedPropertyName, 'computed property name'],
  [ts.SyntaxKind.MethodDeclaration, 'method shorthand'],
  [ts.SyntaxKind.ObjectBindingPattern, 'destructuring'],
  [ts.SyntaxKind.ArrayBindingPattern, 'destructuring'],
  [ts.SyntaxKind.ForOfStatement, 'for…of'],
  [ts.SyntaxKind.AwaitExpression, 'await'],
  [ts.SyntaxKind.YieldExpression, 'yield'],
  [ts.SyntaxKind.ImportDeclaration, 'import'],
  [ts.SyntaxKind.ExportDeclaration, 'export'],
  [ts.SyntaxKind.ExportAssignment, 'export'],
  [ts.SyntaxKind.MetaProperty, 'new.target or import.meta'],
  [ts.SyntaxKind.ImportKeyword, 'import()'],
  [ts.SyntaxKind.BigIntLiteral, 'BigInt literal'],
  [ts.SyntaxKind.QuestionDotToken, 'optional chaining'],
  [ts.SyntaxKind.QuestionQuestionToken, '??'],
  [ts.SyntaxKind.QuestionQuestionEqualsToken, '??='],
  [ts.SyntaxKind.BarBarEqualsToken, '||='],
  [ts.SyntaxKind.AmpersandAmpersandEqualsToken, '&&='],
  [ts.SyntaxKind.AsteriskAsteriskToken, '**'],
  [ts.SyntaxKind.AsteriskAsteriskEqualsToken, '**='],
]);

/** Where `source` is not ES5 (what Internet Explorer 11 parses): syntax errors, then ES2015+ syntax, by line. */
function es5Violations(source: string): string[] {
  const transpiled = ts.transpileModule(source, {
    fileName: 'compat.js',
    reportDiagnostics: true,
    compilerOptions: { allowJs: true },
  });
  const found = (transpiled.diagnostics ?? []).map((diagnostic) =>
    ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
  );
  const file = ts.createSourceFile('compat.js', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const report = (node: ts.Node, what: string) =>
    found.push(`line ${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}: ${what}`);
  const visit = (node: ts.Node): void => {
    const later = LATER_SYNTAX.get(node.kind);
    if (later) report(node, later);
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) !== 0) {
      report(node, 'let or const');
    }
    if (ts.isFunctionLike(node)) {
      if ('asteriskToken' in node && node.asteriskToken) report(node, 'generator');
      if (
        ts.canHaveModifiers(node) &&
        ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)
      ) {
        report(node, 'async function');
      }
      if (node.parameters.hasTrailingComma) report(node, 'trailing comma after parameters');
      for (const parameter of node.parameters) {
        if (parameter.initializer) report(parameter, 'default parameter');
        if (parameter.dotDotDotToken) report(parameter, 'rest parameter');
      }
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.hasTrailingComma) {
      report(node, 'trailing comma after arguments');
    }
    if (ts.isNumericLiteral(node) && /^0[bBoO]/.test(node.getText(file)))
      report(node, 'binary or octal literal');
    if (ts.isRegularExpressionLiteral(node) && /\/[a-z]*[suy][a-z]*$/.test(node.text))
      report(node, 'regex flag');
    if (ts.isStringLiteral(node) && /\\u\{/.test(node.getText(file))) report(node, '\\u{…} escape');
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('public/compat.js', () => {
  it('is ES5, which Internet Explorer 11 parses', () => {
    expect(es5Violations(readFileSync(COMPAT_SOURCE, 'utf8'))).toEqual([]);
  });

  it('the ES5 check rejects what Internet Explorer 11 cannot parse', () => {
    const later = [
      'var f = () => 1;',
      'let a = 1;',
      'const a = 1;',
      'var s = `x`;',
      'class A {}',
      'var o = { f() {} };',
      'var o = { a };',
      'var { a } = o;',
      'f(...a);',
      'for (var x of a) {}',
      'var b = a?.b;',
      'var b = a ?? 1;',
      'function f(a = 1) {}',
      'f(\n  1,\n  2,\n);',
      'function f(a,) {}',
      'async function f() {}',
      'function* f() {}',
      'var r = /a/u;',
      'var n = 0b1;',
      'var n = 2 ** 3;',
    ];
    for (const source of later) expect(es5Violations(source), source).not.toEqual([]);
    expect(
      es5Violations("var o = { a: 1, 'b': [1, 2,], get c() { return 1; } }; f(function () {}, o);"),
    ).toEqual([]);
  });

  it('is served as built, as a classic script that runs while both pages parse', async () => {
    expect(builtCompat).toBe(readFileSync(COMPAT_SOURCE, 'utf8'));
    for (const name of ['pane', 'web'] as const) {
      const html = await (await fetch(`${worker.url}${PAGES[name].path}`)).text();
      expect(html).toContain('<script src="/compat.js"></script>');
    }
    const served = await fetch(`${worker.url}/compat.js`);
    expect(served.headers.get('content-type')).toMatch(/javascript/);
    expect(await served.text()).toBe(builtCompat);
  });
});
