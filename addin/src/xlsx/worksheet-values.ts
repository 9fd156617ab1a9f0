// An exceljs worksheet as the plain values Excel's range.values gives the add-in, for the shared sheet reader
// (the headless refresh in Node and the web page in the browser).
import type { Diagnostic } from '@tuanjian/shared';
import type ExcelJS from 'exceljs';
import { rangeAddress } from '../sheet/address';

/** A merged range, 1-based and inclusive, with its A1 address. */
export interface MergedRange {
  address: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface WorksheetValues {
  /** Rows from sheet row 1, columns from A, up to the last cell holding a value; empty cells are ''. */
  values: unknown[][];
  merges: MergedRange[];
}

const DAY_MS = 86_400_000;
/** 1899-12-30: day 0 of Excel's 1900 date system, counted from 1900-03-01 on. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const LOTUS_LEAP_DAY_MS = Date.UTC(1900, 2, 1);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The Excel serial (1900 date system) of a Date whose UTC fields are the wall-clock date and time, as
 * exceljs reads them; before 1900-03-01 one less, for Lotus's fictitious 1900-02-29.
 * @example dateToExcelSerial(new Date(Date.UTC(2011, 5, 28))) // => 40722
 */
export function dateToExcelSerial(date: Date): number {
  const time = date.getTime();
  const serial = (time - SERIAL_EPOCH_MS) / DAY_MS;
  return time < LOTUS_LEAP_DAY_MS ? serial - 1 : serial;
}

function richTextOf(value: unknown): string | undefined {
  if (!isRecord(value) || !Array.isArray(value.richText)) return undefined;
  return value.richText
    .map((run) => (isRecord(run) && typeof run.text === 'string' ? run.text : ''))
    .join('');
}

/**
 * What Excel's range.values holds for one exceljs cell value: formulas give their cached result, rich
 * text and hyperlinks their text, errors their code ('#N/A'), dates their serial number, empty ''.
 * @example plainCellValue({ formula: 'A1+1', result: 3 }) // => 3
 * @example plainCellValue({ richText: [{ text: '浦东' }, { text: '青年' }] }) // => '浦东青年'
 */
export function plainCellValue(value: unknown): string | number | boolean {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : '#NUM!';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '#VALUE!' : dateToExcelSerial(value);
  if (!isRecord(value)) return '';
  const richText = richTextOf(value);
  if (richText !== undefined) return richText;
  if (typeof value.error === 'string') return value.error;
  // A formula without a cached result (never calculated, e.g. written by a library) shows nothing here.
  if ('formula' in value || 'sharedFormula' in value) return plainCellValue(value.result);
  if ('hyperlink' in value) return plainCellValue(value.text);
  return '';
}

/**
 * The sheet's values from A1 to its last non-empty row and column, as Excel's range.values would give
 * them (see plainCellValue); a merged range's value sits in its top-left cell only, the other cells are ''.
 * @example
 * const { values, merges } = worksheetValues(workbook.getWorksheet('团建台账')!);
 * const sheet = readTrackingSheet(values);
 */
export function worksheetValues(worksheet: ExcelJS.Worksheet): WorksheetValues {
  const cells: { row: number; column: number; value: string | number | boolean }[] = [];
  const mergeBounds = new Map<string, MergedRange>();
  let height = 0;
  let width = 0;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      if (cell.isMerged) {
        const master = cell.master;
        // The master may be empty (and so not visited): bounds start from it, not from this cell.
        const bounds = mergeBounds.get(master.address) ?? {
          address: master.address,
          top: master.fullAddress.row,
          left: master.fullAddress.col,
          bottom: master.fullAddress.row,
          right: master.fullAddress.col,
        };
        bounds.top = Math.min(bounds.top, rowNumber);
        bounds.left = Math.min(bounds.left, columnNumber);
        bounds.bottom = Math.max(bounds.bottom, rowNumber);
        bounds.right = Math.max(bounds.right, columnNumber);
        mergeBounds.set(master.address, bounds);
        if (master.address !== cell.address) return;
      }
      const value = plainCellValue(cell.value);
      if (value === '') return;
      cells.push({ row: rowNumber, column: columnNumber, value });
      height = Math.max(height, rowNumber);
      width = Math.max(width, columnNumber);
    });
  });
  const values: unknown[][] = Array.from({ length: height }, () => Array<unknown>(width).fill(''));
  for (const { row, column, value } of cells) {
    const target = values[row - 1];
    if (target) target[column - 1] = value;
  }
  const merges = [...mergeBounds.values()]
    .filter((merge) => merge.bottom > merge.top || merge.right > merge.left)
    .map((merge) => ({
      ...merge,
      address: rangeAddress(
        merge.top,
        merge.left,
        merge.bottom - merge.top + 1,
        merge.right - merge.left + 1,
      ),
    }))
    .sort((a, b) => a.top - b.top || a.left - b.left);
  return { values, merges };
}

/**
 * Merged cells below the header row, as sheet problems: a merge spreads one value over rows that each need
 * their own. Nothing before the header is found (`headerRow` null).
 * @example mergedCellProblems(worksheetValues(sheet).merges, readTrackingSheet(values).headerRow)
 */
export function mergedCellProblems(merges: readonly MergedRange[], headerRow: number | null): Diagnostic[] {
  if (headerRow === null) return [];
  return merges
    .filter((merge) => merge.bottom > headerRow)
    .map((merge) => ({
      row: Math.max(merge.top, headerRow + 1),
      column: null,
      header: null,
      severity: 'error' as const,
      code: 'sheet.mergedCells',
      message: `数据区有合并单元格 ${merge.address}：请取消合并，每行单独填写`,
      messageEn: `Merged cells ${merge.address} in the data: unmerge them and fill in every row`,
    }));
}
