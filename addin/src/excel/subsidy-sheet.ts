// 补贴 in the workbook: paints a shared SheetPlan (the year's subsidy ledger, a unit's 拨付明细) into its own
// sheet, and reads the ledger sheet back with the rows the user selected, for shared/subsidy-sheet.ts.
import { MONEY_FORMAT, type RowSpan, type SheetPlan } from '@tuanjian/shared';
import { columnLetter, rangeAddress } from '../sheet/address';
import { applyOptional, type SkippedSetting, supportsExcelApi } from './requirements';
import { emptySheet } from './sheets';
import { writeValues } from './values';

const HEADER_FILL = '#D9E1F2';
const FILL_IN_FILL = '#FFF2CC';

export interface PlanSheet {
  sheetName: string;
  /** Rows written (title and tables). */
  rowCount: number;
  syncs: number;
  /** Page setup left out (a host without ExcelApi 1.9, or one that refused it). */
  skipped: SkippedSetting[];
}

/** The number formats of the plan's cells: amounts `#,##0`, everything else as writeValues decides. */
function planFormats(plan: SheetPlan): (string | null)[][] {
  const formats = plan.rows.map((cells) => cells.map((): string | null => null));
  for (const money of plan.money) {
    for (let row = money.firstRow; row <= money.lastRow; row++) {
      const cells = formats[row - 1];
      if (cells) cells[money.column] = MONEY_FORMAT;
    }
  }
  return formats;
}

/**
 * Writes `plan` into its sheet (created, or cleared and rewritten in place): numbers as numbers (amounts
 * `#,##0`), texts as text, bold headers and totals, the fill-in column a shaded drop-down, hidden key columns,
 * then the page setup (A4, one page wide, the plan's print area and title row) in a request of its own.
 * Syncs: look up the sheet; write; page setup — 3 whatever the row count (plus one per 4 MB of values).
 * @example await writePlanSheet(subsidySheetPlan(await client.subsidies(2026)));
 */
export async function writePlanSheet(plan: SheetPlan): Promise<PlanSheet> {
  const lastRow = plan.rows.length;
  return Excel.run(async (context) => {
    let syncs = 0;
    const sheet = await emptySheet(context, plan.sheetName);
    syncs++;
    sheet.getRange().dataValidation.clear();
    syncs += await writeValues(context, sheet, 1, 1, plan.rows, { formats: planFormats(plan) });
    sheet.getRange('A1').format.font.bold = true;
    sheet.getRange('A1').format.font.size = 14;
    for (const row of plan.noteRows) sheet.getRange(`A${row}`).format.font.color = '#595959';
    for (const row of plan.headerRows) {
      const header = sheet.getRange(rangeAddress(row, 1, 1, plan.printColumns));
      header.format.font.bold = true;
      header.format.fill.color = HEADER_FILL;
      header.format.horizontalAlignment = 'Center';
    }
    for (const row of plan.totalRows) {
      const total = sheet.getRange(rangeAddress(row, 1, 1, plan.printColumns));
      total.format.font.bold = true;
      total.format.borders.getItem('EdgeTop').style = 'Continuous';
    }
    plan.columns.forEach((column, index) => {
      const letter = columnLetter(index + 1);
      const whole = sheet.getRange(`${letter}:${letter}`);
      whole.format.columnWidth = column.width;
      if (column.hidden) whole.columnHidden = true;
    });
    for (const cells of plan.centered) {
      sheet.getRange(
        rangeAddress(cells.firstRow, cells.column + 1, cells.lastRow - cells.firstRow + 1, 1),
      ).format.horizontalAlignment = 'Center';
    }
    const fillIn = plan.fillIn;
    if (fillIn) {
      const cells = sheet.getRange(
        rangeAddress(fillIn.firstRow, fillIn.column + 1, fillIn.lastRow - fillIn.firstRow + 1, 1),
      );
      cells.dataValidation.rule = { list: { inCellDropDown: true, source: fillIn.choices.join(',') } };
      cells.format.fill.color = FILL_IN_FILL;
    }
    if (plan.freezeRows > 0) sheet.freezePanes.freezeRows(plan.freezeRows);
    sheet.activate();
    await context.sync();
    syncs++;

    const skipped: SkippedSetting[] = [];
    const page = await applyOptional(context, 'pageLayout', '1.9', () => {
      sheet.pageLayout.setPrintArea(`A1:${columnLetter(plan.printColumns)}${Math.max(lastRow, 1)}`);
      if (plan.printTitleRow !== null)
        sheet.pageLayout.setPrintTitleRows(`$${plan.printTitleRow}:$${plan.printTitleRow}`);
      sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      sheet.pageLayout.orientation = plan.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      sheet.pageLayout.centerHorizontally = true;
      sheet.pageLayout.paperSize = 'A4';
    });
    if (page.synced) syncs++;
    if (page.skipped) skipped.push(page.skipped);
    return { sheetName: plan.sheetName, rowCount: lastRow, syncs, skipped };
  });
}

export interface SubsidySheetValues {
  sheetName: string;
  /** The used range's values, from sheet row `firstRow` and column `firstColumn` (1-based). */
  values: unknown[][];
  firstRow: number;
  firstColumn: number;
  /** The sheet rows each area of the selection spans (rows picked with Ctrl are several areas). */
  selectedRows: RowSpan[];
}

/**
 * Reads the active sheet as raw values with the rows of the current selection — every area of it where the host
 * has ExcelApi 1.9 (getSelectedRanges), else the one range (getSelectedRange): one sync.
 * @example const read = await readSubsidySheetValues(); readSubsidySheet(read.values, read.firstRow, read.selectedRows)
 */
export async function readSubsidySheetValues(): Promise<SubsidySheetValues> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load('name');
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load('values,rowIndex,columnIndex');
    const areas = supportsExcelApi('1.9') ? context.workbook.getSelectedRanges().areas : null;
    const single = areas ? null : context.workbook.getSelectedRange();
    areas?.load('items/rowIndex,items/rowCount');
    single?.load('rowIndex,rowCount');
    await context.sync();
    const selectedRows = (areas ? areas.items : single ? [single] : []).map((range) => ({
      first: range.rowIndex + 1,
      last: range.rowIndex + range.rowCount,
    }));
    return used.isNullObject
      ? { sheetName: sheet.name, values: [], firstRow: 1, firstColumn: 1, selectedRows }
      : {
          sheetName: sheet.name,
          values: used.values,
          firstRow: used.rowIndex + 1,
          firstColumn: used.columnIndex + 1,
          selectedRows,
        };
  });
}
