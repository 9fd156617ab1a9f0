// Offline checks of manifest.xml (the development manifest): it parses, its identity fields are well-formed, and every
// URL it names exists; and of the production manifest scripts/manifest-prod.mjs writes from it (own Id, name, Version).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { ManifestHandlerXml } from 'office-addin-manifest/lib/manifestHandler/manifestHandlerXml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customFunctionsMetadata } from '../src/functions/metadata';

const addinDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = resolve(addinDir, '../manifest.xml');
const DEV_ORIGIN = 'https://localhost:3000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
/**
 * Files the Vite build writes to the site root, from their sources under src/ (see vite.config.ts), by the URL the
 * worker serves them at (taskpane.html at /taskpane).
 */
const BUILT_PAGES: Record<string, string> = {
  taskpane: 'src/taskpane/taskpane.html',
  // Generated from the JSDoc by the custom-functions-metadata plugin.
  'functions.json': 'src/functions/functions.ts',
};

// xml2js trees: elements are arrays under their tag name, attributes under `$`, text under `_` or as a string.
function children(node: unknown, name: string): unknown[] {
  if (typeof node !== 'object' || node === null) return [];
  const value: unknown = Reflect.get(node, name);
  return Array.isArray(value) ? value : [];
}

function child(node: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((current, name) => children(current, name)[0], node);
}

function attribute(node: unknown, name: string): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const attributes: unknown = Reflect.get(node, '$');
  if (typeof attributes !== 'object' || attributes === null) return undefined;
  const value: unknown = Reflect.get(attributes, name);
  return typeof value === 'string' ? value : undefined;
}

function text(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (typeof node !== 'object' || node === null) return undefined;
  const value: unknown = Reflect.get(node, '_');
  return typeof value === 'string' ? value : undefined;
}

/** The file a dev URL is served from: a page the build produces, or a file in public/ (NAME.html at /NAME). */
function servedFile(url: string): string {
  const path = url.slice(DEV_ORIGIN.length).replace(/^\//u, '');
  const page = BUILT_PAGES[path];
  if (page) return join(addinDir, page);
  const html = join(addinDir, 'public', `${path}.html`);
  return /^[\w/-]+$/u.test(path) && existsSync(html) ? html : join(addinDir, 'public', path);
}

/** The DefaultValue of a bt:Url resource. */
function resourceUrl(id: string): string | undefined {
  const urls = children(child(officeApp, 'VersionOverrides', 'Resources', 'bt:Urls'), 'bt:Url');
  return attribute(
    urls.find((url) => attribute(url, 'id') === id),
    'DefaultValue',
  );
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

let officeApp: unknown;

beforeAll(async () => {
  const xml: unknown = await new ManifestHandlerXml(manifestPath).parseXmlAsync();
  // The root element is the one element not wrapped in an array.
  officeApp = typeof xml === 'object' && xml !== null ? Reflect.get(xml, 'OfficeApp') : undefined;
});

describe('manifest.xml', () => {
  it('is a well-formed Excel task-pane manifest with a GUID id and a four-part version', async () => {
    const info = await OfficeAddinManifest.readManifestFile(manifestPath);

    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.id).toMatch(GUID);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/u);
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.defaultLocale).toBe('zh-CN');
    // The development add-in says so, beside the production one in the same Office.
    expect(info.displayName).toBe('团建台账（开发）');
    expect(attribute(child(child(officeApp, 'DisplayName'), 'Override'), 'Value')).toBe(
      'League Building Tracker (dev)',
    );
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.defaultSettings?.sourceLocation).toBe(`${DEV_ORIGIN}/taskpane`);
    expect(info.appDomains).toEqual([DEV_ORIGIN]);
  });

  it('rejects malformed XML with the same parser (so the check above means something)', async () => {
    const broken = new ManifestHandlerXml(manifestPath);
    broken.readFromManifestFile = async () => '<OfficeApp><Id>x</OfficeApp>';
    await expect(broken.parseXmlAsync()).rejects.toThrow(/Unable to parse/u);
  });

  it('overrides the display name and description in en-US', () => {
    for (const element of ['DisplayName', 'Description']) {
      const override = children(child(officeApp, element), 'Override').find(
        (node) => attribute(node, 'Locale') === 'en-US',
      );
      expect(attribute(override, 'Value'), element).toBeTruthy();
    }
  });

  it('requires ExcelApi 1.8', () => {
    const sets = children(child(officeApp, 'Requirements', 'Sets'), 'Set');
    expect(sets.map((set) => [attribute(set, 'Name'), attribute(set, 'MinVersion')])).toEqual([
      ['ExcelApi', '1.8'],
    ]);
  });

  it('adds a ShowTaskpane button to a group on the Home tab, with 16/32/80 icons', () => {
    const host = child(officeApp, 'VersionOverrides', 'Hosts', 'Host');
    expect(attribute(child(officeApp, 'VersionOverrides'), 'xsi:type')).toBe('VersionOverridesV1_0');
    const tab = child(host, 'DesktopFormFactor', 'ExtensionPoint', 'OfficeTab');
    expect(attribute(tab, 'id')).toBe('TabHome');
    const button = child(tab, 'Group', 'Control');
    expect(attribute(button, 'xsi:type')).toBe('Button');
    expect(attribute(child(button, 'Action'), 'xsi:type')).toBe('ShowTaskpane');
    expect(children(child(button, 'Icon'), 'bt:Image').map((image) => attribute(image, 'size'))).toEqual([
      '16',
      '32',
      '80',
    ]);
  });

  it('labels the ribbon in zh-CN with en-US overrides for every string', () => {
    const resources = child(officeApp, 'VersionOverrides', 'Resources');
    const strings = [
      ...children(child(resources, 'bt:ShortStrings'), 'bt:String'),
      ...children(child(resources, 'bt:LongStrings'), 'bt:String'),
      // The functions' namespace is the same in every language (see below).
    ].filter((string) => attribute(string, 'id') !== 'Functions.Namespace');
    expect(strings.length).toBeGreaterThanOrEqual(5);
    for (const string of strings) {
      expect(attribute(string, 'DefaultValue')).toMatch(/\p{Script=Han}/u);
      const override = child(string, 'bt:Override');
      expect(attribute(override, 'Locale')).toBe('en-US');
      expect(attribute(override, 'Value')).toBeTruthy();
    }
  });

  it('names pages without .html (the worker answers /taskpane.html with a redirect, see wrangler.toml)', () => {
    const urls = readFileSync(manifestPath, 'utf8').match(/https:\/\/localhost:3000[^"<\s]*/gu) ?? [];
    expect(urls.filter((url) => url.endsWith('.html'))).toEqual([]);
  });

  it('points every development URL at a file the build serves', () => {
    const urls = readFileSync(manifestPath, 'utf8').match(/https:\/\/localhost:3000[^"<\s]*/gu) ?? [];
    expect(urls.length).toBeGreaterThan(5);
    for (const url of new Set(urls)) {
      if (url === DEV_ORIGIN) continue;
      expect(existsSync(servedFile(url)), url).toBe(true);
    }
  });

  it('uses PNG icons of the sizes it declares', () => {
    const iconUrl = attribute(child(officeApp, 'IconUrl'), 'DefaultValue') ?? '';
    const highResolution = attribute(child(officeApp, 'HighResolutionIconUrl'), 'DefaultValue') ?? '';
    expect(pngSize(servedFile(iconUrl))).toEqual({ width: 32, height: 32 });
    expect(pngSize(servedFile(highResolution))).toEqual({ width: 64, height: 64 });

    const images = children(child(officeApp, 'VersionOverrides', 'Resources', 'bt:Images'), 'bt:Image');
    const sizeById = new Map([
      ['Icon.16x16', 16],
      ['Icon.32x32', 32],
      ['Icon.80x80', 80],
    ]);
    expect(images.map((image) => attribute(image, 'id'))).toEqual([...sizeById.keys()]);
    for (const image of images) {
      const size = sizeById.get(attribute(image, 'id') ?? '');
      expect(pngSize(servedFile(attribute(image, 'DefaultValue') ?? ''))).toEqual({
        width: size,
        height: size,
      });
    }
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(join(addinDir, 'public/assets', `icon-${size}.png`))).toEqual({
        width: size,
        height: size,
      });
    }
  });

  it('runs the pane, the ribbon and the custom functions in one long-lived shared runtime', () => {
    const versionOverrides = child(officeApp, 'VersionOverrides');
    const host = child(versionOverrides, 'Hosts', 'Host');
    // The schema fixes the order of these elements.
    expect(Object.keys(Object(versionOverrides)).filter((key) => key !== '$')).toEqual([
      'Requirements',
      'Hosts',
      'Resources',
    ]);
    expect(Object.keys(Object(host)).filter((key) => key !== '$')).toEqual([
      'Runtimes',
      'AllFormFactors',
      'DesktopFormFactor',
    ]);
    const runtimes = children(child(host, 'Runtimes'), 'Runtime');
    expect(runtimes.map((runtime) => [attribute(runtime, 'resid'), attribute(runtime, 'lifetime')])).toEqual([
      ['Taskpane.Url', 'long'],
    ]);
    // Every part names the same page, or Office starts a second runtime.
    const desktop = child(host, 'DesktopFormFactor');
    expect(attribute(child(desktop, 'FunctionFile'), 'resid')).toBe('Taskpane.Url');
    const action = child(desktop, 'ExtensionPoint', 'OfficeTab', 'Group', 'Control', 'Action');
    expect(attribute(child(action, 'SourceLocation'), 'resid')).toBe('Taskpane.Url');
    expect(resourceUrl('Taskpane.Url')).toBe(`${DEV_ORIGIN}/taskpane`);
  });

  it('needs SharedRuntime 1.1 for the overrides only: without it the add-in still installs as a plain pane', () => {
    const sets = children(child(officeApp, 'VersionOverrides', 'Requirements', 'bt:Sets'), 'bt:Set');
    expect(sets.map((set) => [attribute(set, 'Name'), attribute(set, 'MinVersion')])).toEqual([
      ['SharedRuntime', '1.1'],
    ]);
    const baseSets = children(child(officeApp, 'Requirements', 'Sets'), 'Set');
    expect(baseSets.map((set) => attribute(set, 'Name'))).not.toContain('SharedRuntime');
    expect(attribute(child(officeApp, 'DefaultSettings', 'SourceLocation'), 'DefaultValue')).toBe(
      resourceUrl('Taskpane.Url'),
    );
  });

  it('declares the custom functions under TUANJIAN, with metadata the build generates', async () => {
    const extension = children(
      child(officeApp, 'VersionOverrides', 'Hosts', 'Host', 'AllFormFactors'),
      'ExtensionPoint',
    )[0];
    expect(attribute(extension, 'xsi:type')).toBe('CustomFunctions');
    expect(attribute(child(extension, 'Script', 'SourceLocation'), 'resid')).toBe('Taskpane.Url');
    expect(attribute(child(extension, 'Page', 'SourceLocation'), 'resid')).toBe('Taskpane.Url');
    const metadataUrl = resourceUrl(attribute(child(extension, 'Metadata', 'SourceLocation'), 'resid') ?? '');
    expect(metadataUrl).toBe(`${DEV_ORIGIN}/functions.json`);

    const namespaceId = attribute(child(extension, 'Namespace'), 'resid');
    const strings = children(
      child(officeApp, 'VersionOverrides', 'Resources', 'bt:ShortStrings'),
      'bt:String',
    );
    const namespace = strings.find((string) => attribute(string, 'id') === namespaceId);
    expect(attribute(namespace, 'DefaultValue')).toBe('TUANJIAN');
    expect(child(namespace, 'bt:Override')).toBeUndefined();

    const metadata: unknown = JSON.parse(await customFunctionsMetadata());
    const ids = children(metadata, 'functions').map((fn) => Reflect.get(Object(fn), 'id'));
    expect(ids).toEqual(['RATE', 'COUNTED', 'QUOTA', 'RANK', 'STATE', 'NEWTHISMONTH', 'DISTRICT']);
  });

  it('has a text node for its Id (no stray attributes)', () => {
    expect(text(child(officeApp, 'Id'))).toMatch(/^[0-9a-f-]{36}$/u);
  });
});

/** scripts/manifest-prod.mjs (plain JavaScript, run by node in a release). */
interface ManifestProd {
  productionOrigin(input: string | undefined): string;
  productionVersion(explicit: string | undefined, packageVersion?: string): string;
  productionId(xml: string, origin: string, override?: string): string;
  productionManifest(xml: string, options: { origin: string; version: string; id: string }): string;
  nameBasedUuid(namespace: string, name: string): string;
}

describe('the production manifest (scripts/manifest-prod.mjs)', () => {
  const script = join(addinDir, 'scripts/manifest-prod.mjs');
  const ORIGIN = 'https://tuanjian.example.org';
  const devXml = readFileSync(manifestPath, 'utf8');
  const node = process.execPath;
  let prod: ManifestProd;
  let workDir: string;

  beforeAll(async () => {
    prod = await import(script);
    workDir = mkdtempSync(join(tmpdir(), 'tuanjian-manifest-'));
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  /** Writes the production manifest for `origin` and reads it back as office-addin-manifest does. */
  async function written(origin: string, version: string) {
    const xml = prod.productionManifest(devXml, { origin, version, id: prod.productionId(devXml, origin) });
    const file = join(workDir, `manifest-${version}.xml`);
    writeFileSync(file, xml);
    return { xml, info: await OfficeAddinManifest.readManifestFile(file) };
  }

  it('has its own Id, derived from the origin: stable, never the development one, another per origin', async () => {
    const { info } = await written(ORIGIN, '1.2.0.0');
    const devId = (await OfficeAddinManifest.readManifestFile(manifestPath)).id;
    expect(info.id).toMatch(GUID);
    expect(info.id).not.toBe(devId);
    // A name-based (version 5) UUID in the development Id's namespace: the development Id is a random version 4.
    expect(info.id?.[14]).toBe('5');
    expect(devId?.[14]).toBe('4');
    expect(info.id).toBe(prod.nameBasedUuid(devId ?? '', ORIGIN));
    expect(prod.productionId(devXml, ORIGIN)).toBe(info.id);
    expect(prod.productionId(devXml, 'https://staging.example.org')).not.toBe(info.id);
  });

  it('computes version-5 UUIDs as RFC 9562 does', () => {
    // The DNS namespace and www.example.com, as published by the uuid tools.
    expect(prod.nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('keeps an earlier Id given in ADDIN_ID (a move to a new origin), but never the development one', () => {
    const kept = 'A1B2C3D4-0000-4000-8000-000000000001';
    expect(prod.productionId(devXml, 'https://new.example.org', kept)).toBe(kept.toLowerCase());
    const devId = /<Id>([^<]+)<\/Id>/u.exec(devXml)?.[1] ?? '';
    expect(() => prod.productionId(devXml, ORIGIN, devId)).toThrow(/development/u);
    expect(() => prod.productionId(devXml, ORIGIN, 'not-a-guid')).toThrow(/GUID/u);
  });

  it('drops the development marker from the display name and points every URL at the origin', async () => {
    const { xml, info } = await written(ORIGIN, '1.2.0.0');
    expect(info.displayName).toBe('团建台账');
    expect(xml).toContain('<Override Locale="en-US" Value="League Building Tracker"/>');
    expect(xml).not.toMatch(/开发|\(dev\)|localhost/u);
    expect(info.appDomains).toEqual([ORIGIN]);
    expect(info.defaultSettings?.sourceLocation).toBe(`${ORIGIN}/taskpane`);
    // Nothing else changes: the same URLs, strings and structure with the development origin put back.
    const back = xml
      .split(ORIGIN)
      .join(DEV_ORIGIN)
      .replace(/<Id>[^<]*<\/Id>/u, '')
      .replace(/<Version>[^<]*<\/Version>/u, '')
      .replace(/<DisplayName[\s\S]*?<\/DisplayName>/u, '')
      .replace(/<!--[\s\S]*?-->/u, '');
    const dev = devXml
      .replace(/<Id>[^<]*<\/Id>/u, '')
      .replace(/<Version>[^<]*<\/Version>/u, '')
      .replace(/<DisplayName[\s\S]*?<\/DisplayName>/u, '')
      .replace(/<!--[\s\S]*?-->/u, '');
    expect(back).toBe(dev);
  });

  it('writes the release version, and refuses one that is not four numeric parts', async () => {
    expect((await written(ORIGIN, '2.10.0.3')).info.version).toBe('2.10.0.3');
    for (const bad of [
      '1.2.3',
      '1.2.3.4.5',
      '1.2.3.x',
      '1.2.3.4-beta',
      '123456.0.0.0',
      'v1.2.3.4',
      ' 1.2.3.4',
    ]) {
      expect(() => prod.productionVersion(bad, '0.1.0'), bad).toThrow(/n\.n\.n\.n/u);
      expect(
        () =>
          prod.productionManifest(devXml, {
            origin: ORIGIN,
            version: bad,
            id: prod.productionId(devXml, ORIGIN),
          }),
        bad,
      ).toThrow(/n\.n\.n\.n/u);
    }
  });

  it("takes addin/package.json's x.y.z as x.y.z.0 when no version is given, and refuses a pre-release", () => {
    expect(prod.productionVersion(undefined, '0.1.0')).toBe('0.1.0.0');
    expect(prod.productionVersion('', '3.4.5')).toBe('3.4.5.0');
    expect(prod.productionVersion('7.0.0.1', '3.4.5')).toBe('7.0.0.1');
    expect(() => prod.productionVersion(undefined, '1.0.0-rc.1')).toThrow(/package\.json/u);
    const packageVersion: unknown = JSON.parse(readFileSync(join(addinDir, 'package.json'), 'utf8')).version;
    expect(prod.productionVersion(undefined, String(packageVersion))).toMatch(/^\d+\.\d+\.\d+\.0$/u);
  });

  it('runs as the release runs it: origin argument, --version or ADDIN_VERSION, --out', async () => {
    const out = join(workDir, 'cli.xml');
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(node, [script, ...args], {
        encoding: 'utf8',
        env: { ...process.env, ADDIN_VERSION: '', ADDIN_ID: '', ADDIN_ORIGIN: '', ...env },
      });

    const ok = run([ORIGIN, '--version', '3.1.4.1', '--out', out]);
    expect(ok.status, ok.stderr).toBe(0);
    const info = await OfficeAddinManifest.readManifestFile(out);
    expect([info.version, info.displayName, info.id]).toEqual([
      '3.1.4.1',
      '团建台账',
      prod.productionId(devXml, ORIGIN),
    ]);

    const fromEnv = run(['--out', out], { ADDIN_ORIGIN: ORIGIN, ADDIN_VERSION: '3.1.4.2' });
    expect(fromEnv.status, fromEnv.stderr).toBe(0);
    expect((await OfficeAddinManifest.readManifestFile(out)).version).toBe('3.1.4.2');

    const refused = run([ORIGIN, '--version', '3.1.4', '--out', join(workDir, 'refused.xml')]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/n\.n\.n\.n: 3\.1\.4/u);
    expect(existsSync(join(workDir, 'refused.xml'))).toBe(false);

    const plainHttp = run(['http://tuanjian.example.org', '--out', out]);
    expect(plainHttp.status).toBe(1);
    expect(plainHttp.stderr).toMatch(/https only/u);
  });
});
