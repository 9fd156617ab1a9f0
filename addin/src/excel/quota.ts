// Writes the yearly quota sheet (单位, 年度, 指标) for admins to fill in, and reads one back for upload.
import { normalizeHeader, type Quota, type Unit } from '@tuanjian/shared';
import { rangeAddress } from '../sheet/address';
import { ExcelLayerError, isItemNotFound } from './errors';
import { emptySheet } from './sheets';
import { type CellInput, writeValues } from './values';

export const QUOTA_HEADERS = ['单位', '年度', '指标'] as const;
type QuotaField = 'unit' | 'year' | 'quota';
const FIELD_BY_HEADER: ReadonlyMap<string, QuotaField> = new Map([
  ['单位', 'unit'],
  ['单位名称', 'unit'],
  ['单位代码', 'unit'],
  ['直属团组织', 'unit'],
  ['年度', 'year'],
  ['年份', 'year'],
  ['指标', 'quota'],
  ['年度指标', 'quota'],
  ['建团指标', 'quota'],
]);
/** The header is looked for in the first rows only. */
const HEADER_SCAN_ROWS = 10;

export interface QuotaSheetRow {
  /** 1-based sheet row. */
  row: number;
  /** Raw cells, to be parsed by the caller (a name or code; a year; a non-negative integer). */
  unit: unknown;
  year: unknown;
  quota: unknown;
}

export interface QuotaSheet {
  sheetName: string;
  rows: QuotaSheetRow[];
}

/** Default sheet name for a year's quotas: 2026年度指标. */
export function quotaSheetName(year: number): string {
  return `${year}年度指标`;
}

/**
 * Writes one row per unit (active units, and inactive ones that still hold a quota for `year`) with its
 * quota for `year`, blank where none is set; an existing sheet of that name is cleared and rewritten.
 * Unit names and headers are written as text (writeValues formats them @), so a unit named '=1+1' or
 * '2026年4月1日' reads back as written; 年度 and 指标 stay numbers, and what an admin types under 指标 too.
 * Two syncs.
 * @example
 * await writeQuotaSheet(units, quotas, 2026);
 */
export async function writeQuotaSheet(
  units: readonly Unit[],
  quotas: readonly Quota[],
  year: number,
  options: { sheetName?: string } = {},
): Promise<{ sheetName: string; rowCount: number }> {
  const sheetName = options.sheetName ?? quotaSheetName(year);
  const quotaByUnit = new Map(
    quotas.filter((quota) => quota.year === year).map((quota) => [quota.unitCode, quota.quota]),
  );
  const rows: CellInput[][] = units
    .filter((unit) => unit.active || quotaByUnit.has(unit.code))
    .map((unit) => [unit.name, year, quotaByUnit.get(unit.code) ?? null]);
  return Excel.run(async (context) => {
    const sheet = await emptySheet(context, sheetName);
    await writeValues(context, sheet, 1, 1, [[...QUOTA_HEADERS], ...rows]);
    const header = sheet.getRange('A1:C1');
    header.format.font.bold = true;
    header.format.fill.color = '#D9E1F2';
    sheet.getRange('A:A').format.columnWidth = 140;
    sheet.getRange('B:C').format.columnWidth = 60;
    if (rows.length > 0) {
      const quotaCells = sheet.getRange(rangeAddress(2, 3, rows.length, 1));
      quotaCells.dataValidation.clear();
      quotaCells.dataValidation.rule = { wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } };
      quotaCells.dataValidation.errorAlert = {
        showAlert: true,
        style: 'Stop',
        title: '指标无效',
        message: '请填写不小于0的整数',
      };
    }
    sheet.freezePanes.freezeRows(1);
    sheet.activate();
    await context.sync();
    return { sheetName, rowCount: rows.length };
  });
}

/** The header row (0-based within values) and where each field sits in it, or null. */
function findHeader(
  values: readonly unknown[][],
): { index: number; columns: Map<QuotaField, number> } | null {
  for (let index = 0; index < Math.min(HEADER_SCAN_ROWS, values.length); index++) {
    const columns = new Map<QuotaField, number>();
    (values[index] ?? []).forEach((cell, column) => {
      const field = typeof cell === 'string' ? FIELD_BY_HEADER.get(normalizeHeader(cell)) : undefined;
      if (field && !columns.has(field)) columns.set(field, column);
    });
    if (columns.has('unit') && columns.has('quota')) return { index, columns };
  }
  return null;
}

function isBlank(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/**
 * Reads a quota sheet — the given one, or the active sheet — as raw rows under its 单位 / 年度 / 指标 header
 * (found by name in the first rows; 年度 may be missing, then `year` is null). Blank rows are skipped.
 * @throws ExcelLayerError HEADER_NOT_FOUND without a 单位 and 指标 header; SHEET_NOT_FOUND for an unknown name.
 */
export async function readQuotaSheet(sheetName?: string): Promise<QuotaSheet> {
  try {
    return await Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      const sheet = sheetName === undefined ? worksheets.getActiveWorksheet() : worksheets.getItem(sheetName);
      sheet.load('name');
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load('values,rowIndex,columnIndex');
      await context.sync();
      const values: unknown[][] = used.isNullObject ? [] : used.values;
      const header = findHeader(values);
      if (!header) {
        throw new ExcelLayerError('HEADER_NOT_FOUND', `工作表“${sheet.name}”中找不到“单位”“指标”表头`);
      }
      const cellOf = (cells: readonly unknown[], field: QuotaField): unknown => {
        const column = header.columns.get(field);
        return column === undefined ? null : (cells[column] ?? null);
      };
      const rows: QuotaSheetRow[] = [];
      values.slice(header.index + 1).forEach((cells, offset) => {
        const unit = cellOf(cells, 'unit');
        const year = cellOf(cells, 'year');
        const quota = cellOf(cells, 'quota');
        if (isBlank(unit) && isBlank(year) && isBlank(quota)) return;
        rows.push({ row: used.rowIndex + header.index + 2 + offset, unit, year, quota });
      });
      return { sheetName: sheet.name, rows };
    });
  } catch (error) {
    if (isItemNotFound(error)) {
      throw new ExcelLayerError('SHEET_NOT_FOUND', `找不到工作表“${sheetName ?? ''}”`, { cause: error });
    }
    throw error;
  }
}
