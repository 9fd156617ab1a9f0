// Fingerprints of ledger records: what tells a changed organization from an unchanged one without
// comparing whole rows (the worker stores one per version; the bench's raw baseline computes the same).
import { COLUMN_KEYS, type ColumnKey } from './columns';
import type { TrackingRecord } from './schemas';

/**
 * Fields compared for the diff: every column in sheet order but 所属单位 (an upload is one unit's);
 * row numbers and first-report times are not content.
 */
export const COMPARED_FIELDS = COLUMN_KEYS.filter(
  (key): key is Exclude<ColumnKey, 'unit'> => key !== 'unit',
) satisfies readonly (keyof TrackingRecord)[];

/**
 * A 64-bit hash (16 hex digits) of a text, from two independent 32-bit multiply-xorshift lanes: fast
 * enough to run on every row of every upload. Not cryptographic: used to notice change, not tampering.
 * @example hash64('浦东青年志愿者协会').length // => 16
 */
export function hash64(text: string): string {
  let a = 0x811c9dc5 ^ text.length;
  let b = 0x9e3779b9;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x85ebca6b);
    b ^= b >>> 13;
  }
  a = Math.imul(a ^ (a >>> 16), 0x7feb352d);
  a ^= a >>> 15;
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35);
  b ^= b >>> 16;
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * A record's fingerprint: the hash of its compared fields' canonical JSON. Finds changed rows without
 * reading them; a collision would have to hit the same organization's old and new state.
 */
export function fingerprint(record: TrackingRecord): string {
  return hash64(JSON.stringify(COMPARED_FIELDS.map((field) => record[field])));
}

/**
 * A sheet row's fingerprint: the hash of its cells as read (column order, an absent cell as null), before
 * any validation. The worker stores one per version; a client compares its sheet's rows with the
 * ledger's (GET /ledger/fingerprints) and sends only those that differ (an upload patch).
 * @example rowFingerprint({ orgName: '浦东青年志愿者协会' }) === rowFingerprint({ orgName: '浦东青年志愿者协会', note: null }) // => true
 */
export function rowFingerprint(cells: Readonly<Partial<Record<ColumnKey, unknown>>>): string {
  return hash64(JSON.stringify(COLUMN_KEYS.map((key) => cells[key] ?? null)));
}
