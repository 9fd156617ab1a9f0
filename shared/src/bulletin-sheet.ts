// What a bulletin sheet shows and how it is named: shared by the add-in and the headless .xlsx refresh.

/** What a bulletin sheet shows: a refresh when the workbook opens reads it back from a hidden cell. */
export interface BulletinSource {
  year: number;
  month: number;
  /** null for the live (unpublished) figures. */
  issueNumber: number | null;
}

/** Label of the hidden cell pair holding the source (K1 = label, L1 = formatBulletinSource). */
export const SOURCE_LABEL = '团建台账通报来源';

/**
 * Default sheet name: 通报第5期, or 通报2026-03 for live figures.
 * @example bulletinSheetName({ year: 2026, month: 3, issueNumber: null }) // => '通报2026-03'
 */
export function bulletinSheetName(source: BulletinSource): string {
  if (source.issueNumber !== null) return `通报第${source.issueNumber}期`;
  return `通报${source.year}-${String(source.month).padStart(2, '0')}`;
}

/**
 * The text stored in the hidden source cell.
 * @example formatBulletinSource({ year: 2026, month: 3, issueNumber: 5 }) // => 'year=2026;month=3;issue=5'
 */
export function formatBulletinSource(source: BulletinSource): string {
  return `year=${source.year};month=${source.month};issue=${source.issueNumber ?? 'live'}`;
}

/** Reads the hidden source cell back; null when the text is not one formatBulletinSource wrote. */
export function parseBulletinSource(value: unknown): BulletinSource | null {
  if (typeof value !== 'string') return null;
  const match = /^year=(\d{4});month=(\d{1,2});issue=(\d+|live)$/u.exec(value.trim());
  if (!match) return null;
  const [, year, month, issue] = match;
  const monthNumber = Number(month);
  if (monthNumber < 1 || monthNumber > 12) return null;
  return { year: Number(year), month: monthNumber, issueNumber: issue === 'live' ? null : Number(issue) };
}

/**
 * A bulletin's percentage text as a number, for charts.
 * @example percentValue('51.7%') // => 0.517
 */
export function percentValue(text: unknown): number | null {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string') return null;
  const match = /^(-?\d+(?:\.\d+)?)%$/u.exec(text.trim());
  return match ? Number(match[1]) / 100 : null;
}
