// The 电话抽查 call sheet as an .xlsx sheet (the web page's download): the same rows as the pane writes,
// 抽查结果 a drop-down, 抽查日期 a date column, texts as text, the keys hidden, printable on A4.
import {
  CALL_SHEET_COLUMNS,
  CALL_SHEET_FIRST_DATA_ROW,
  CALL_SHEET_HEADER_ROW,
  CALL_SHEET_INDEX,
  type CallSheetCell,
  CHECK_RESULTS,
} from '@tuanjian/shared';
import type ExcelJS from 'exceljs';
import { guardFormulaText } from './formula-guard';

/** Points to Excel's character-width units (as the bulletin sheet converts them). */
function characters(points: number): number {
  return Math.max(4, Math.round(((points * 4) / 3 - 5) / 7));
}

const HEADER_FILL = 'FFD9E1F2';
const FILL_IN_FILL = 'FFFFF2CC';

/**
 * Adds the call sheet `rows` (shared callSheetRows) to `workbook` as `sheetName`.
 * @example writeCallSheetXlsx(workbook, callSheetRows(2026, 11, units), '抽查2026年11月');
 */
export function writeCallSheetXlsx(
  workbook: ExcelJS.Workbook,
  rows: readonly (readonly CallSheetCell[])[],
  sheetName: string,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: CALL_SHEET_HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  CALL_SHEET_COLUMNS.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = characters(column.width);
    if (index === CALL_SHEET_INDEX.unitCode || index === CALL_SHEET_INDEX.orgKey) sheetColumn.hidden = true;
  });
  rows.forEach((cells, rowIndex) => {
    const row = sheet.getRow(rowIndex + 1);
    cells.forEach((value, columnIndex) => {
      if (value === null) return;
      const cell = row.getCell(columnIndex + 1);
      cell.value = value;
      // Text stays text when someone types over it or opens it in another program.
      if (typeof value === 'string') cell.numFmt = '@';
    });
  });
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').font = { color: { argb: 'FF595959' } };
  const header = sheet.getRow(CALL_SHEET_HEADER_ROW);
  for (let column = 1; column <= CALL_SHEET_COLUMNS.length; column++) {
    const cell = header.getCell(column);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  }
  for (let rowNumber = CALL_SHEET_FIRST_DATA_ROW; rowNumber <= rows.length; rowNumber++) {
    const row = sheet.getRow(rowNumber);
    const result = row.getCell(CALL_SHEET_INDEX.checkResult + 1);
    result.dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${CHECK_RESULTS.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '抽查结果无效',
      error: `请从下拉列表中选择：${CHECK_RESULTS.join('、')}`,
    };
    const date = row.getCell(CALL_SHEET_INDEX.checkedOn + 1);
    date.numFmt = 'yyyy-mm-dd';
    row.getCell(CALL_SHEET_INDEX.note + 1).numFmt = '@';
    for (const index of [CALL_SHEET_INDEX.checkResult, CALL_SHEET_INDEX.checkedOn, CALL_SHEET_INDEX.note]) {
      row.getCell(index + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_IN_FILL } };
    }
  }
  sheet.pageSetup.printArea = `A1:${String.fromCharCode(64 + CALL_SHEET_INDEX.note + 1)}${Math.max(rows.length, CALL_SHEET_HEADER_ROW)}`;
  sheet.pageSetup.printTitlesRow = `${CALL_SHEET_HEADER_ROW}:${CALL_SHEET_HEADER_ROW}`;
  guardFormulaText(sheet);
  return sheet;
}
