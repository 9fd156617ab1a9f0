// Form sheets as .xlsx (the web page's downloads, issue 15): the 工作记录 sheets and 活动台账, the same rows as
// the pane writes — title, how to fill it in, header, the records — with room below formatted for filling in.
import {
  ACTIVITY_COLUMNS,
  ACTIVITY_HEADER_ROW,
  WORK_SHEET_HEADER_ROW,
  WORK_SHEETS,
  type WorkSheetCell,
  type WorkSheetKind,
} from '@tuanjian/shared';
import type ExcelJS from 'exceljs';
import { guardFormulaText } from './formula-guard';

const HEADER_FILL = 'FFD9E1F2';
const ROOM = 200;

/** Points to Excel's character-width units (as the other sheets convert them). */
function characters(points: number): number {
  return Math.max(4, Math.round(((points * 4) / 3 - 5) / 7));
}

export interface FormColumnXlsx {
  width: number;
  format: string;
}

const DATE_FORMAT = 'yyyy"年"m"月"d"日"';

/**
 * A form sheet (title, how to fill it in, header on `headerRow`, the records) with room below formatted for
 * filling in: the 工作记录 sheets and 活动台账.
 */
export function writeFormSheetXlsx(
  workbook: ExcelJS.Workbook,
  columns: readonly FormColumnXlsx[],
  headerRow: number,
  rows: readonly (readonly WorkSheetCell[])[],
  sheetName: string,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = characters(column.width);
    sheetColumn.alignment = { vertical: 'top', wrapText: index > 0 };
  });
  // The rows to fill in: each column in its format (text stays text, dates are dates).
  const last = rows.length + ROOM;
  for (let rowNumber = headerRow + 1; rowNumber <= last; rowNumber++) {
    const row = sheet.getRow(rowNumber);
    columns.forEach((column, index) => {
      row.getCell(index + 1).numFmt = column.format;
    });
  }
  rows.forEach((cells, rowIndex) => {
    const row = sheet.getRow(rowIndex + 1);
    cells.forEach((value, columnIndex) => {
      if (value === null) return;
      const cell = row.getCell(columnIndex + 1);
      cell.value = value;
      if (typeof value === 'string') cell.numFmt = '@';
    });
  });
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').font = { color: { argb: 'FF595959' } };
  sheet.getCell('A1').alignment = { wrapText: false };
  sheet.getCell('A2').alignment = { wrapText: false };
  const header = sheet.getRow(headerRow);
  for (let column = 1; column <= columns.length; column++) {
    const cell = header.getCell(column);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  }
  sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  guardFormulaText(sheet);
  return sheet;
}

export function writeWorkSheetXlsx(
  workbook: ExcelJS.Workbook,
  kind: WorkSheetKind,
  rows: readonly (readonly WorkSheetCell[])[],
  sheetName: string,
): ExcelJS.Worksheet {
  const columns = WORK_SHEETS[kind].columns.map((column, index) => ({
    width: column.width,
    format: index === 0 && kind !== 'leaders' ? DATE_FORMAT : '@',
  }));
  return writeFormSheetXlsx(workbook, columns, WORK_SHEET_HEADER_ROW, rows, sheetName);
}

/** 活动台账 as the web page downloads it: the unit's activities, 活动日期 a date, 人次 a whole number. */
export function writeActivitySheetXlsx(
  workbook: ExcelJS.Workbook,
  rows: readonly (readonly WorkSheetCell[])[],
  sheetName: string,
): ExcelJS.Worksheet {
  const columns = ACTIVITY_COLUMNS.map((column) => ({
    width: column.width,
    format: column.key === 'heldOn' ? DATE_FORMAT : column.key === 'served' ? '0' : '@',
  }));
  return writeFormSheetXlsx(workbook, columns, ACTIVITY_HEADER_ROW, rows, sheetName);
}
