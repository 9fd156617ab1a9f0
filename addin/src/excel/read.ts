// Reads a sheet's or a table's cells as plain values, with where they sit, for the shared sheet reader.
import { qualified } from '../sheet/address';
import { ExcelLayerError, isItemNotFound } from './errors';

export interface SheetValues {
  sheetName: string;
  /** The read range, sheet-qualified as Excel reports it ('团建台账'!A1:P120). */
  address: string;
  /** 1-based sheet row of values[0]. */
  firstRow: number;
  /** 1-based sheet column of values[n][0]. */
  firstColumn: number;
  /**
   * Cell values as Excel gives them: numbers, strings ('' when empty), booleans; dates as serials of the
   * 1900 date system whatever the workbook's (see DATE_1904_OFFSET).
   */
  values: unknown[][];
}

/**
 * Days between the two date systems: a serial of a 1904-system workbook (Excel for Mac's old default,
 * day 0 = 1904-01-01) plus this is the 1900-system serial of the same date (day 0 = 1899-12-30).
 */
export const DATE_1904_OFFSET = 1462;

/**
 * Queues the question "does this workbook use the 1904 date system?"; the answer is readable after the
 * next sync. Office.js's Workbook.use1904DateSystem is a preview API (ExcelApi BETA, not in the released
 * type declarations) that a released host may not know, so this asks the worksheet function DATE
 * (Workbook.functions, ExcelApi 1.2, below the manifest's 1.8): DATE(1904,1,1) is 0 in the 1904 system and
 * 1462 in the 1900 system. Anything else, an error included, counts as the 1900 system — Excel's default.
 */
function queueDateSystem(context: Excel.RequestContext): () => boolean {
  const probe = context.workbook.functions.date(1904, 1, 1);
  probe.load('value,error');
  return () => !probe.error && probe.value === 0;
}

/**
 * Whether an Excel number format shows a date: it has a year or day code, or a month code without hours or
 * seconds (h:mm, mm:ss and [h]:mm are times). Quoted text, escapes, [colour]/[$-locale] brackets and _/* padding
 * are ignored; General and @ are no date.
 * @example isDateFormat('yyyy"年"m"月"d"日"') // => true
 * @example isDateFormat('0.0%') // => false
 */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string') return false;
  // [h]:mm, [mm]:ss: elapsed time, a duration.
  if (/\[(h+|m+|s+)\]/iu.test(format)) return false;
  const codes = (format.split(';')[0] ?? '')
    .replace(/"[^"]*"/gu, '')
    .replace(/\\./gu, '')
    .replace(/[_*]./gu, '')
    .replace(/\[[^\]]*\]/gu, '')
    .toLowerCase();
  if (codes.includes('general')) return false;
  return /[yd]/u.test(codes) || (codes.includes('m') && !/[hs]/u.test(codes));
}

/** 1904-system date cells (numbers under a date format) moved to the 1900 system; other cells as they are. */
function toDate1900(values: unknown[][], formats: unknown[][]): unknown[][] {
  return values.map((cells, row) =>
    cells.map((cell, column) =>
      typeof cell === 'number' && isDateFormat(formats[row]?.[column]) ? cell + DATE_1904_OFFSET : cell,
    ),
  );
}

/** Cells per request when loading values: ~100 bytes of JSON a cell at worst stays under the 5 MB limit. */
export const READ_CHUNK_CELLS = 40_000;

/**
 * Loads the values of `range` (dimensions already loaded): one request when small, row slices of at most
 * READ_CHUNK_CELLS cells otherwise, one sync each, so no response exceeds Excel on the web's 5 MB.
 * In a 1904-system workbook the number formats come too (half the cells a slice), to move date cells to
 * the 1900 system.
 */
async function loadValues(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  range: Excel.Range,
  date1904: boolean,
): Promise<unknown[][]> {
  const { rowIndex, columnIndex, rowCount, columnCount } = range;
  const properties = date1904 ? 'values,numberFormat' : 'values';
  const chunkCells = date1904 ? READ_CHUNK_CELLS / 2 : READ_CHUNK_CELLS;
  const read = (loaded: Excel.Range) =>
    date1904 ? toDate1900(loaded.values, loaded.numberFormat) : loaded.values;
  if (rowCount * columnCount <= chunkCells) {
    range.load(properties);
    await context.sync();
    return read(range);
  }
  const rowsPerChunk = Math.max(1, Math.floor(chunkCells / columnCount));
  const values: unknown[][] = [];
  for (let offset = 0; offset < rowCount; offset += rowsPerChunk) {
    const slice = sheet.getRangeByIndexes(
      rowIndex + offset,
      columnIndex,
      Math.min(rowsPerChunk, rowCount - offset),
      columnCount,
    );
    slice.load(properties);
    await context.sync();
    values.push(...read(slice));
  }
  return values;
}

const DIMENSIONS = ['address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount'];

/**
 * The active sheet's used range (cells with values only; formatting alone does not count), dates as
 * 1900-system serials even in a 1904-system workbook.
 * An empty sheet gives `values: []` at A1. Two syncs for a normal sheet, more for very large ones.
 * @example
 * const { sheetName, firstRow, values } = await readActiveSheet();
 */
export async function readActiveSheet(): Promise<SheetValues> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load('name');
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load(DIMENSIONS);
    const date1904 = queueDateSystem(context);
    await context.sync();
    if (used.isNullObject) {
      return {
        sheetName: sheet.name,
        address: qualified(sheet.name, 'A1'),
        firstRow: 1,
        firstColumn: 1,
        values: [],
      };
    }
    const values = await loadValues(context, sheet, used, date1904());
    return {
      sheetName: sheet.name,
      address: used.address,
      firstRow: used.rowIndex + 1,
      firstColumn: used.columnIndex + 1,
      values,
    };
  });
}

/**
 * An Excel table's header and body (a totals row, when shown, is left out), by table name; dates as
 * 1900-system serials even in a 1904-system workbook.
 * @throws ExcelLayerError TABLE_NOT_FOUND when the workbook has no table of that name.
 */
export async function readTable(tableName: string): Promise<SheetValues> {
  try {
    return await Excel.run(async (context) => {
      const table = context.workbook.tables.getItem(tableName);
      table.load('showTotals');
      const sheet = table.worksheet;
      sheet.load('name');
      const range = table.getRange();
      range.load(DIMENSIONS);
      const date1904 = queueDateSystem(context);
      await context.sync();
      const values = await loadValues(context, sheet, range, date1904());
      return {
        sheetName: sheet.name,
        address: range.address,
        firstRow: range.rowIndex + 1,
        firstColumn: range.columnIndex + 1,
        values: table.showTotals ? values.slice(0, -1) : values,
      };
    });
  } catch (error) {
    if (isItemNotFound(error)) {
      throw new ExcelLayerError('TABLE_NOT_FOUND', `找不到名为“${tableName}”的表格`, { cause: error });
    }
    throw error;
  }
}
