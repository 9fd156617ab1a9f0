// 补贴 sheets as .xlsx (the web page's downloads): paints a shared SheetPlan — the year's subsidy ledger or a
// unit's 拨付明细 — as the pane paints it: numbers as numbers (amounts #,##0), texts as text, the 本次拨付
// drop-down kept, hidden keys, A4 page setup with the print area and title row.

import { MONEY_FORMAT, type SheetPlan } from '@tuanjian/shared';
import type ExcelJS from 'exceljs';
import { columnLetter } from '../sheet/address';
import { guardFormulaText } from './formula-guard';

const HEADER_FILL = 'FFD9E1F2';
const FILL_IN_FILL = 'FFFFF2CC';

/** Points to Excel's character-width units (as the call sheet converts them). */
function characters(points: number): number {
  return Math.max(4, Math.round(((points * 4) / 3 - 5) / 7));
}

/**
 * Adds `plan` to `workbook` as its own sheet.
 * @example writePlanXlsx(workbook, subsidySheetPlan(ledger));
 */
export function writePlanXlsx(workbook: ExcelJS.Workbook, plan: SheetPlan): ExcelJS.Worksheet {
  const lastRow = Math.max(plan.rows.length, 1);
  const sheet = workbook.addWorksheet(plan.sheetName, {
    views: plan.freezeRows > 0 ? [{ state: 'frozen', ySplit: plan.freezeRows }] : [],
    pageSetup: {
      paperSize: 9,
      orientation: plan.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
    },
  });
  plan.columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = characters(column.width);
    if (column.hidden) sheetColumn.hidden = true;
  });
  const money = new Set(
    plan.money.flatMap((range) =>
      Array.from(
        { length: range.lastRow - range.firstRow + 1 },
        (_, offset) => `${range.firstRow + offset}:${range.column}`,
      ),
    ),
  );
  plan.rows.forEach((cells, rowIndex) => {
    const row = sheet.getRow(rowIndex + 1);
    cells.forEach((value, columnIndex) => {
      if (value === null || value === '') return;
      const cell = row.getCell(columnIndex + 1);
      cell.value = value;
      // Text stays text when someone types over it or opens it in another program.
      if (typeof value === 'string') cell.numFmt = '@';
      else if (money.has(`${rowIndex + 1}:${columnIndex}`)) cell.numFmt = MONEY_FORMAT;
    });
  });
  sheet.getCell('A1').font = { bold: true, size: 14 };
  for (const row of plan.noteRows) sheet.getCell(`A${row}`).font = { color: { argb: 'FF595959' } };
  for (const rowNumber of plan.headerRows) {
    const row = sheet.getRow(rowNumber);
    for (let column = 1; column <= plan.printColumns; column++) {
      const cell = row.getCell(column);
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
    }
  }
  for (const rowNumber of plan.totalRows) {
    const row = sheet.getRow(rowNumber);
    for (let column = 1; column <= plan.printColumns; column++) {
      const cell = row.getCell(column);
      cell.font = { bold: true };
      cell.border = { top: { style: 'thin' } };
    }
  }
  for (const cells of plan.centered) {
    for (let rowNumber = cells.firstRow; rowNumber <= cells.lastRow; rowNumber++) {
      sheet.getRow(rowNumber).getCell(cells.column + 1).alignment = { horizontal: 'center' };
    }
  }
  const fillIn = plan.fillIn;
  if (fillIn) {
    for (let rowNumber = fillIn.firstRow; rowNumber <= fillIn.lastRow; rowNumber++) {
      const cell = sheet.getRow(rowNumber).getCell(fillIn.column + 1);
      cell.dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${fillIn.choices.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '本次拨付',
        error: `要拨付请选择“${fillIn.choices.join('、')}”，否则留空`,
      };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_IN_FILL } };
    }
  }
  sheet.pageSetup.printArea = `A1:${columnLetter(plan.printColumns)}${lastRow}`;
  if (plan.printTitleRow !== null)
    sheet.pageSetup.printTitlesRow = `${plan.printTitleRow}:${plan.printTitleRow}`;
  guardFormulaText(sheet);
  return sheet;
}
