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
  /** Cell values as Excel gives them: numbers (dates as serials), strings ('' when empty), booleans. */
  values: unknown[][];
}

/** Cells per request when loading values: ~100 bytes of JSON a cell at worst stays under the 5 MB limit. */
export const READ_CHUNK_CELLS = 40_000;

/**
 * Loads the values of `range` (dimensions already loaded): one request when small, row slices of at most
 * READ_CHUNK_CELLS cells otherwise, one sync each, so no response exceeds Excel on the web's 5 MB.
 */
async function loadValues(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  range: Excel.Range,
): Promise<unknown[][]> {
  const { rowIndex, columnIndex, rowCount, columnCount } = range;
  if (rowCount * columnCount <= READ_CHUNK_CELLS) {
    range.load('values');
    await context.sync();
    return range.values;
  }
  const rowsPerChunk = Math.max(1, Math.floor(READ_CHUNK_CELLS / columnCount));
  const values: unknown[][] = [];
  for (let offset = 0; offset < rowCount; offset += rowsPerChunk) {
    const slice = sheet.getRangeByIndexes(
      rowIndex + offset,
      columnIndex,
      Math.min(rowsPerChunk, rowCount - offset),
      columnCount,
    );
    slice.load('values');
    await context.sync();
    values.push(...slice.values);
  }
  return values;
}

const DIMENSIONS = ['address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount'];

/**
 * The active sheet's used range (cells with values only; formatting alone does not count).
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
    const values = await loadValues(context, sheet, used);
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
 * An Excel table's header and body (a totals row, when shown, is left out), by table name.
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
      await context.sync();
      const values = await loadValues(context, sheet, range);
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
