// The 电话抽查 call sheet in the workbook: written from a drawn sample (抽查结果 a drop-down, 抽查日期 a
// date column, the keys hidden), and read back as raw values for shared/call-sheet.ts to turn into checks.
import {
  CALL_SHEET_COLUMNS,
  CALL_SHEET_FIRST_DATA_ROW,
  CALL_SHEET_HEADER_ROW,
  CALL_SHEET_INDEX,
  type CallSheetCell,
  CHECK_RESULTS,
} from '@tuanjian/shared';
import { columnLetter, rangeAddress } from '../sheet/address';
import { ExcelLayerError, isItemNotFound } from './errors';
import { emptySheet } from './sheets';
import { writeValues } from './values';

const HEADER_FILL = '#D9E1F2';
/** The columns staff fill in: a light yellow so they stand out on a printed sheet too. */
const FILL_IN_FILL = '#FFF2CC';

export interface CallSheet {
  sheetName: string;
  /** Organizations listed (one row each). */
  rowCount: number;
  syncs: number;
}

/**
 * Writes the call sheet `rows` (shared callSheetRows: title, how to fill it in, header, one row per
 * organization) into `sheetName`, created or cleared and rewritten. Texts stay text (writeValues); 抽查结果
 * gets a drop-down of 属实 / 不属实 / 无法联系, 抽查日期 a date format; 单位代码 and 组织标识 are hidden.
 * Two syncs (look up the sheet; write), plus one per 4 MB of values for a very large sample.
 * @example await writeCallSheet(callSheetRows(2026, 11, units), '抽查2026年11月');
 */
export async function writeCallSheet(
  rows: readonly (readonly CallSheetCell[])[],
  sheetName: string,
): Promise<CallSheet> {
  const width = CALL_SHEET_COLUMNS.length;
  const dataRows = Math.max(0, rows.length - (CALL_SHEET_FIRST_DATA_ROW - 1));
  return Excel.run(async (context) => {
    let syncs = 0;
    const sheet = await emptySheet(context, sheetName);
    syncs++;
    sheet.getRange().dataValidation.clear();
    syncs += await writeValues(context, sheet, 1, 1, rows);
    sheet.getRange('A1').format.font.bold = true;
    sheet.getRange('A1').format.font.size = 14;
    sheet.getRange('A2').format.font.color = '#595959';
    const header = sheet.getRange(rangeAddress(CALL_SHEET_HEADER_ROW, 1, 1, width));
    header.format.font.bold = true;
    header.format.fill.color = HEADER_FILL;
    CALL_SHEET_COLUMNS.forEach((column, index) => {
      const letter = columnLetter(index + 1);
      sheet.getRange(`${letter}:${letter}`).format.columnWidth = column.width;
    });
    if (dataRows > 0) {
      const column = (index: number) =>
        sheet.getRange(rangeAddress(CALL_SHEET_FIRST_DATA_ROW, index + 1, dataRows, 1));
      const results = column(CALL_SHEET_INDEX.checkResult);
      results.dataValidation.rule = { list: { inCellDropDown: true, source: CHECK_RESULTS.join(',') } };
      results.dataValidation.errorAlert = {
        showAlert: true,
        style: 'Stop',
        title: '抽查结果无效',
        message: `请从下拉列表中选择：${CHECK_RESULTS.join('、')}`,
      };
      const dates = column(CALL_SHEET_INDEX.checkedOn);
      dates.numberFormat = Array.from({ length: dataRows }, () => ['yyyy-mm-dd']);
      dates.dataValidation.rule = { date: { formula1: '2000-01-01', operator: 'GreaterThanOrEqualTo' } };
      dates.dataValidation.errorAlert = {
        showAlert: true,
        style: 'Stop',
        title: '抽查日期无效',
        message: '请填写日期，例如 2026-11-20',
      };
      column(CALL_SHEET_INDEX.note).numberFormat = Array.from({ length: dataRows }, () => ['@']);
      for (const index of [CALL_SHEET_INDEX.checkResult, CALL_SHEET_INDEX.checkedOn, CALL_SHEET_INDEX.note]) {
        column(index).format.fill.color = FILL_IN_FILL;
      }
    }
    const keys = `${columnLetter(CALL_SHEET_INDEX.unitCode + 1)}:${columnLetter(CALL_SHEET_INDEX.orgKey + 1)}`;
    sheet.getRange(keys).columnHidden = true;
    sheet.freezePanes.freezeRows(CALL_SHEET_HEADER_ROW);
    sheet.activate();
    await context.sync();
    syncs++;
    return { sheetName, rowCount: dataRows, syncs };
  });
}

export interface CallSheetValues {
  sheetName: string;
  /** The used range's values, from sheet row `firstRow` and its first column. */
  values: unknown[][];
  firstRow: number;
  firstColumn: number;
}

/**
 * Reads a call sheet (the named one, or the active sheet) as raw values: one sync.
 * @throws ExcelLayerError SHEET_NOT_FOUND for an unknown name.
 */
export async function readCallSheetValues(sheetName?: string): Promise<CallSheetValues> {
  try {
    return await Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      const sheet = sheetName === undefined ? worksheets.getActiveWorksheet() : worksheets.getItem(sheetName);
      sheet.load('name');
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load('values,rowIndex,columnIndex');
      await context.sync();
      return used.isNullObject
        ? { sheetName: sheet.name, values: [], firstRow: 1, firstColumn: 1 }
        : {
            sheetName: sheet.name,
            values: used.values,
            firstRow: used.rowIndex + 1,
            firstColumn: used.columnIndex + 1,
          };
    });
  } catch (error) {
    if (isItemNotFound(error)) {
      throw new ExcelLayerError('SHEET_NOT_FOUND', `找不到工作表“${sheetName ?? ''}”`, { cause: error });
    }
    throw error;
  }
}
