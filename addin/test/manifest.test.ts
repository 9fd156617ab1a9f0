// Offline checks of manifest.xml: it parses, its identity fields are well-formed, and every URL it names exists.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { ManifestHandlerXml } from 'office-addin-manifest/lib/manifestHandler/manifestHandlerXml';
import { beforeAll, describe, expect, it } from 'vitest';
import { customFunctionsMetadata } from '../src/functions/metadata';

const addinDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = resolve(addinDir, '../manifest.xml');
const DEV_ORIGIN = 'https://localhost:3000';
/** Files the Vite build writes to the site root, from their sources under src/ (see vite.config.ts). */
const BUILT_PAGES: Record<string, string> = {
  'taskpane.html': 'src/taskpane/taskpane.html',
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

/** The file a dev URL is served from: a page the build produces, or a file in public/. */
function servedFile(url: string): string {
  const path = url.slice(DEV_ORIGIN.length).replace(/^\//u, '');
  const page = BUILT_PAGES[path];
  return page ? join(addinDir, page) : join(addinDir, 'public', path);
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
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/u);
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.defaultLocale).toBe('zh-CN');
    expect(info.displayName).toBe('团建台账');
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.defaultSettings?.sourceLocation).toBe(`${DEV_ORIGIN}/taskpane.html`);
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
    expect(resourceUrl('Taskpane.Url')).toBe(`${DEV_ORIGIN}/taskpane.html`);
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
