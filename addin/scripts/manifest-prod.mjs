// Writes the production manifest (dist/manifest.xml) from manifest.xml, the development manifest:
// - every https://localhost:3000 becomes the deployed origin;
// - <Id> becomes the production add-in's: a name-based UUID (version 5, SHA-1) of the origin in the development Id's
//   namespace. The same origin always gets the same Id, so every release updates the one add-in Office knows; the
//   development add-in (a random version-4 Id) and any other deployment (a staging origin, another district) never
//   share it. ADDIN_ID keeps an earlier Id, e.g. after moving to a new origin;
// - <DisplayName> loses the development marker (团建台账（开发） → 团建台账, "(dev)" in English);
// - <Version> becomes the release's (Office caches an add-in by Id and Version): --version or ADDIN_VERSION, four
//   numeric parts; else addin/package.json's x.y.z as x.y.z.0 (bump it with `npm version patch -w addin`).
// Usage: node scripts/manifest-prod.mjs https://tuanjian.example.org [--version 1.2.0.0] [--out FILE]
//        (or ADDIN_ORIGIN=https://… ADDIN_VERSION=1.2.0.0 node scripts/manifest-prod.mjs)
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const DEV_ORIGIN = 'https://localhost:3000';
/** What the development manifest's display names end with, and the production one's must not. */
const DEV_MARKERS = ['（开发）', ' (dev)'];
/** Office takes one to four numeric parts of at most 5 digits each; a release always gives all four. */
const FOUR_PART_VERSION = /^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/u;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const here = dirname(fileURLToPath(import.meta.url));
const source = resolve(here, '../../manifest.xml');
const defaultTarget = resolve(here, '../dist/manifest.xml');
const packageJson = resolve(here, '../package.json');

/** The origin to deploy to: https, no path, query or trailing slash. */
export function productionOrigin(input) {
  if (!input)
    throw new Error(
      'give the deployed origin as an argument or in ADDIN_ORIGIN, e.g. https://tuanjian.example.org',
    );
  const url = new URL(input);
  if (url.protocol !== 'https:') throw new Error(`Office loads add-ins over https only: ${input}`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new Error(`expected an origin without a path: ${input}`);
  }
  return url.origin;
}

/**
 * The manifest <Version>: `explicit` (--version or ADDIN_VERSION) as given, else the package's semver x.y.z as
 * x.y.z.0. Anything else (three parts given explicitly, a pre-release, letters, over 5 digits) is refused.
 */
export function productionVersion(explicit, packageVersion) {
  if (explicit !== undefined && explicit !== '') return checkedVersion(explicit);
  const match = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})$/u.exec(packageVersion ?? '');
  if (!match) {
    throw new Error(
      `addin/package.json's version ${JSON.stringify(packageVersion)} is not x.y.z with numbers only; ` +
        'give --version n.n.n.n or ADDIN_VERSION instead',
    );
  }
  return `${match[1]}.${match[2]}.${match[3]}.0`;
}

function checkedVersion(version) {
  if (typeof version !== 'string' || !FOUR_PART_VERSION.test(version)) {
    throw new Error(`the add-in version must be four numbers of up to 5 digits, n.n.n.n: ${version}`);
  }
  return version;
}

/** A version-5 (name-based, SHA-1) UUID of `name` in `namespace` (RFC 9562 §5.5). */
export function nameBasedUuid(namespace, name) {
  if (!GUID.test(namespace)) throw new Error(`not a GUID: ${namespace}`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The development manifest's <Id>. */
export function manifestId(xml) {
  const id = /<Id>([^<]*)<\/Id>/u.exec(xml)?.[1]?.trim();
  if (!id || !GUID.test(id)) throw new Error(`manifest.xml has no GUID <Id>: ${id}`);
  return id;
}

/** The production add-in's Id: `override` (ADDIN_ID) when given, else derived from the origin. */
export function productionId(xml, origin, override) {
  if (override !== undefined && override !== '') {
    if (!GUID.test(override)) throw new Error(`ADDIN_ID is not a GUID: ${override}`);
    if (override.toLowerCase() === manifestId(xml).toLowerCase()) {
      throw new Error('ADDIN_ID is the development add-in’s Id: production needs its own');
    }
    return override.toLowerCase();
  }
  return nameBasedUuid(manifestId(xml), origin);
}

function replaceOnce(xml, pattern, replacement, what) {
  const matches = xml.match(new RegExp(pattern.source, `${pattern.flags}g`)) ?? [];
  if (matches.length !== 1) throw new Error(`manifest.xml has ${matches.length} ${what}, expected one`);
  return xml.replace(pattern, replacement);
}

/** The production manifest: `origin` for the development URLs, the given Id and Version, the name unmarked. */
export function productionManifest(xml, { origin, version, id }) {
  if (!xml.includes(DEV_ORIGIN)) throw new Error(`manifest.xml has no ${DEV_ORIGIN} URL to replace`);
  checkedVersion(version);
  if (!GUID.test(id)) throw new Error(`not a GUID: ${id}`);
  let out = xml.replaceAll(DEV_ORIGIN, origin);
  out = replaceOnce(out, /<Id>[^<]*<\/Id>/u, `<Id>${id}</Id>`, '<Id> elements');
  out = replaceOnce(out, /<Version>[^<]*<\/Version>/u, `<Version>${version}</Version>`, '<Version> elements');
  out = replaceOnce(
    out,
    /<DisplayName\b[\s\S]*?<\/DisplayName>/u,
    (element) => {
      let unmarked = element;
      for (const marker of DEV_MARKERS) unmarked = unmarked.replaceAll(`${marker}"`, '"');
      if (unmarked === element) throw new Error('the display name carries no development marker to remove');
      return unmarked;
    },
    '<DisplayName> elements',
  );
  // The header comment describes the development manifest: say what this one is instead.
  return out.replace(
    /<!--[\s\S]*?-->/u,
    `<!-- 团建台账 (League Building Tracker) production manifest for ${origin}, version ${version}: written by\n` +
      '     addin/scripts/manifest-prod.mjs from manifest.xml (the development manifest). Do not edit; regenerate. -->',
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { version: { type: 'string' }, out: { type: 'string' } },
    });
    const origin = productionOrigin(positionals[0] ?? process.env.ADDIN_ORIGIN);
    const version = productionVersion(
      values.version ?? process.env.ADDIN_VERSION,
      JSON.parse(readFileSync(packageJson, 'utf8')).version,
    );
    const xml = readFileSync(source, 'utf8');
    const id = productionId(xml, origin, process.env.ADDIN_ID);
    const target = values.out ? resolve(values.out) : defaultTarget;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, productionManifest(xml, { origin, version, id }));
    console.log(`wrote ${target} for ${origin}: Id ${id}, Version ${version}`);
  } catch (error) {
    console.error(`manifest-prod: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
