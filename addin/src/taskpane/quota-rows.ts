// Turns the raw rows of a quota sheet (单位, 年度, 指标) into quotas for PUT /quotas/{year}, with located problems.
import { normalizeText, parseIntegerCell, resolveUnit, type Unit } from '@tuanjian/shared';
import type { QuotaSheetRow } from '../excel';
import type { Messages } from '../ui/i18n';

export interface QuotaEntry {
  row: number;
  unitCode: string;
  quota: number;
}

export interface QuotaProblem {
  row: number;
  /** The message in the pane's current language. */
  text: (m: Messages['quota']) => string;
}

function cellText(cell: unknown): string {
  if (typeof cell === 'string') return normalizeText(cell);
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return '';
}

/**
 * Parses quota rows for `year`: the unit by name or code, the year blank or `year`, the quota a whole number ≥ 0.
 * A row with an empty 指标 is skipped (that unit keeps its quota); a unit twice is a problem.
 * @example parseQuotaRows([{ row: 2, unit: '花木街道', year: 2026, quota: 12 }], units, 2026).quotas
 * // => [{ row: 2, unitCode: 'HM', quota: 12 }]
 */
export function parseQuotaRows(
  rows: readonly QuotaSheetRow[],
  units: Unit[],
  year: number,
): { quotas: QuotaEntry[]; problems: QuotaProblem[] } {
  const quotas: QuotaEntry[] = [];
  const problems: QuotaProblem[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, unit: unitCell, year: yearCell, quota: quotaCell } of rows) {
    const quotaText = cellText(quotaCell);
    if (quotaText === '') continue;
    const unitText = cellText(unitCell);
    const unit = unitText === '' ? null : resolveUnit(unitText, units);
    if (unitText === '') problems.push({ row, text: (m) => m.missingUnit });
    else if (!unit) problems.push({ row, text: (m) => m.unknownUnit(unitText) });
    const yearText = cellText(yearCell);
    if (yearText !== '' && parseIntegerCell(yearCell) !== year) {
      problems.push({ row, text: (m) => m.wrongYear(yearText, year) });
    }
    const quota = parseIntegerCell(quotaCell);
    if (quota === null || quota < 0 || quota > 100_000) {
      problems.push({ row, text: (m) => m.badQuota(quotaText) });
    }
    if (!unit) continue;
    const first = firstRowOf.get(unit.code);
    if (first !== undefined) {
      problems.push({ row, text: (m) => m.duplicateUnit(unit.name, first) });
      continue;
    }
    firstRowOf.set(unit.code, row);
    if (quota !== null && quota >= 0 && quota <= 100_000) quotas.push({ row, unitCode: unit.code, quota });
  }
  problems.sort((a, b) => a.row - b.row);
  return { quotas, problems };
}
