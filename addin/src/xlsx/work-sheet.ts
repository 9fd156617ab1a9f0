// 工作记录 sheets as .xlsx (the web page's download, issue 15): the same rows as the pane writes — title, how to
// fill it in, header, the year's records — with room below formatted for filling in, texts as text.
import { WORK_SHEET_HEADER_ROW, WORK_SHEETS, type WorkSheetCell, type WorkSheetKind } from '@tuanjian/shared';
import type ExcelJS from 'exceljs';
import { guardFormulaText } from './formula-guard';

const HEADER_FILL = 'FFD9E1F2';
const ROOM = 200;

/** Points to Excel's character-width units (as the other sheets convert them). */
function characters(points: number): number {
  return Math.max(4, Math.round(((points * 4) / 3 - 5) / 7));
}

export function writeWorkSheetXlsx(
  workbook: ExcelJS.Workbook,
  kind: WorkSheetKind,
  rows: readonly (readonly WorkSheetCell[])[],
  sheetName: string,
): ExcelJS.Worksheet {
  const columns = WORK_SHEETS[kind].columns;
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: WORK_SHEET_HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = characters(column.width);
    sheetColumn.alignment = { vertical: 'top', wrapText: index > 0 };
  });
  // The rows to fill in: text columns as text, the date column as a date.
  const last = rows.length + ROOM;
  for (let rowNumber = WORK_SHEET_HEADER_ROW + 1; rowNumber <= last; rowNumber++) {
    const row = sheet.getRow(rowNumber);
    columns.forEach((_, index) => {
      row.getCell(index + 1).numFmt = index === 0 && kind !== 'leaders' ? 'yyyy"年"m"月"d"日"' : '@';
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
  const header = sheet.getRow(WORK_SHEET_HEADER_ROW);
  for (let column = 1; column <= columns.length; column++) {
    const cell = header.getCell(column);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  }
  sheet.pageSetup.printTitlesRow = `${WORK_SHEET_HEADER_ROW}:${WORK_SHEET_HEADER_ROW}`;
  guardFormulaText(sheet);
  return sheet;
}
