// Writes dist/manifest.xml for production: every https://localhost:3000 in manifest.xml becomes the deployed origin.
// Usage: node scripts/manifest-prod.mjs https://tuanjian.example.org   (or ADDIN_ORIGIN=https://… node …)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEV_ORIGIN = 'https://localhost:3000';
const here = dirname(fileURLToPath(import.meta.url));
const source = resolve(here, '../../manifest.xml');
const target = resolve(here, '../dist/manifest.xml');

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

export function productionManifest(xml, origin) {
  if (!xml.includes(DEV_ORIGIN)) throw new Error(`manifest.xml has no ${DEV_ORIGIN} URL to replace`);
  return xml.replaceAll(DEV_ORIGIN, origin);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const origin = productionOrigin(process.argv[2] ?? process.env.ADDIN_ORIGIN);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, productionManifest(readFileSync(source, 'utf8'), origin));
    console.log(`wrote ${target} for ${origin}`);
  } catch (error) {
    console.error(`manifest-prod: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
