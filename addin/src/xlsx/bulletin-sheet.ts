// Writes a monthly bulletin (月度通报) into its own printable sheet of an exceljs workbook: it paints the
// shared layout (bulletinLayout) that the add-in's Excel writer paints too, numbers as numbers.
import {
  BULLETIN_COLORS,
  type Bulletin,
  type BulletinLayout,
  type BulletinSource,
  bulletinLayout,
  bulletinSheetName,
  type LayoutTable,
  type LayoutText,
  type Summary,
} from '@tuanjian/shared';
import type ExcelJS from 'exceljs';
import { guardFormulaText } from './formula-guard';

export interface BulletinSheetResult {
  sheetName: string;
  /** True when a sheet of that name existed and was replaced at the same position. */
  replaced: boolean;
  /** 1-based sheet rows of the per-unit table's header and last unit (the 全区合计 row follows it). */
  unitTableRows: { header: number; last: number };
}

/** The layout's colours as ARGB, for exceljs. */
function argb(hex: string): string {
  return `FF${hex.slice(1).toUpperCase()}`;
}

export const LAGGING_FILL = argb(BULLETIN_COLORS.laggingFill);
export const LAGGING_FONT = argb(BULLETIN_COLORS.laggingFont);
export const DONE_FILL = argb(BULLETIN_COLORS.doneFill);
export const DONE_FONT = argb(BULLETIN_COLORS.doneFont);
/** Points to Excel's character-width units (Calibri 11: ~7 px a unit, +5 px padding; 1 pt = 4/3 px). */
function characters(points: number): number {
  return Math.round(((points * 4) / 3 - 5) / 7);
}
const A4 = 9;

const thin = { style: 'thin', color: { argb: argb(BULLETIN_COLORS.border) } } as const;
const grid: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

function solid(color: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: color } };
}

function paintText(sheet: ExcelJS.Worksheet, text: LayoutText): void {
  if (text.columns > 1) sheet.mergeCells(text.row, text.column, text.row, text.column + text.columns - 1);
  const cell = sheet.getCell(text.row, text.column);
  cell.value = text.text;
  if (text.height !== undefined) sheet.getRow(text.row).height = text.height;
  switch (text.style) {
    case 'title':
      cell.font = { bold: true, size: 16 };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      break;
    case 'issueLine':
      cell.alignment = { horizontal: 'center' };
      break;
    case 'date':
      cell.alignment = { horizontal: 'right' };
      break;
    case 'section':
      cell.font = { bold: true, size: 12 };
      break;
    case 'narrative':
    case 'line':
      cell.alignment = { wrapText: true, vertical: 'top' };
      break;
    case 'issuer':
      break;
  }
}

/** A table with (when it has one) a filled bold header row, grid borders and each cell's number format. */
function paintTable(sheet: ExcelJS.Worksheet, table: LayoutTable): void {
  const width = Math.max(table.headers?.length ?? 0, ...table.rows.map((cells) => cells.length));
  let row = table.row;
  if (table.headers) {
    table.headers.forEach((header, index) => {
      const cell = sheet.getCell(row, table.column + index);
      cell.value = header;
      cell.border = grid;
      cell.font = { bold: true };
      cell.fill = solid(argb(BULLETIN_COLORS.headerFill));
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    if (table.headerHeight !== undefined) sheet.getRow(row).height = table.headerHeight;
    row++;
  }
  table.rows.forEach((cells, offset) => {
    for (let index = 0; index < width; index++) {
      const cell = sheet.getCell(row + offset, table.column + index);
      cell.value = cells[index] ?? null;
      cell.border = grid;
      const format = table.formats[offset]?.[index];
      if (format) cell.numFmt = format;
      if (table.total && offset === table.rows.length - 1) {
        cell.font = { bold: true };
        cell.border = { ...grid, top: { style: 'double', color: thin.color } };
      }
    }
  });
}

/** 完成率 as data bars from 0 to 100% (a rate above 100% fills the cell). */
function paintDataBars(sheet: ExcelJS.Worksheet, bars: NonNullable<BulletinLayout['dataBars']>): void {
  const column = sheet.getColumn(bars.column).letter;
  sheet.addConditionalFormatting({
    ref: `${column}${bars.row}:${column}${bars.row + bars.rows - 1}`,
    rules: [
      {
        type: 'dataBar',
        priority: 1,
        gradient: false,
        cfvo: [
          { type: 'num', value: 0 },
          { type: 'num', value: 1 },
        ],
        // exceljs writes the colour, though its typings leave it out.
        ...{ color: { argb: argb(BULLETIN_COLORS.dataBar) } },
      },
    ],
  });
}

/** 状态 filled as the add-in's conditional formats show it (static fills: exceljs writes no conditional format here). */
function paintStatus(sheet: ExcelJS.Worksheet, status: NonNullable<BulletinLayout['status']>): void {
  for (let offset = 0; offset < status.rows; offset++) {
    const cell = sheet.getCell(status.row + offset, status.column);
    const text = typeof cell.value === 'string' ? cell.value : '';
    if (text.includes('滞后')) {
      cell.fill = solid(LAGGING_FILL);
      cell.font = { color: { argb: LAGGING_FONT } };
    } else if (text.includes('已完成')) {
      cell.fill = solid(DONE_FILL);
      cell.font = { color: { argb: DONE_FONT } };
    }
  }
}

/** The sheet named `name` (Excel compares sheet names case-insensitively), if any. */
function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const wanted = name.toLocaleLowerCase();
  return workbook.worksheets.find((sheet) => sheet.name.toLocaleLowerCase() === wanted);
}

/** exceljs orders sheets by an `orderNo` its typings leave out. */
function orderNo(sheet: ExcelJS.Worksheet): number | undefined {
  const value: unknown = Reflect.get(sheet, 'orderNo');
  return typeof value === 'number' ? value : undefined;
}

/**
 * Writes the bulletin into the sheet `sheetName` (default as the add-in names it): created at the end, or, when
 * it exists, replaced by a fresh sheet at the same position so no old cell, merge or format survives. Every
 * other sheet is left as it is. The shared layout for A4 portrait, numbers as numbers (完成率 0.517 shown as
 * 51.7%); the hidden K:L cells hold the source and the rates, so the add-in recognizes the sheet. No chart:
 * exceljs cannot write one (the add-in adds it when it next rewrites the sheet).
 * @example
 * writeBulletinSheet(workbook, { summary, bulletin }, { source: { year: 2026, month: 10, issueNumber: null } });
 */
export function writeBulletinSheet(
  workbook: ExcelJS.Workbook,
  issue: { summary: Summary; bulletin: Bulletin },
  options: { source: BulletinSource; sheetName?: string },
): BulletinSheetResult {
  const sheetName = options.sheetName ?? bulletinSheetName(options.source);
  const existing = findSheet(workbook, sheetName);
  const position = existing ? orderNo(existing) : undefined;
  if (existing) workbook.removeWorksheet(existing.id);
  const sheet = workbook.addWorksheet(sheetName);
  if (position !== undefined) Reflect.set(sheet, 'orderNo', position);

  const layout = bulletinLayout(issue, options.source, { chart: false });
  for (const text of layout.texts) paintText(sheet, text);
  for (let column = 1; column <= layout.width; column++)
    sheet.getCell(layout.ruleRow, column).border = {
      bottom: { style: 'thick', color: { argb: argb(BULLETIN_COLORS.rule) } },
    };
  for (const table of layout.tables) paintTable(sheet, table);
  if (layout.status) paintStatus(sheet, layout.status);
  if (layout.dataBars) paintDataBars(sheet, layout.dataBars);

  const { helper } = layout;
  sheet.getCell(1, helper.column).value = helper.source[0];
  sheet.getCell(1, helper.column + 1).value = helper.source[1];
  helper.rates.forEach((cells, offset) => {
    sheet.getCell(helper.row + offset, helper.column).value = cells[0] ?? null;
    const rate = sheet.getCell(helper.row + offset, helper.column + 1);
    rate.value = cells[1] ?? null;
    if (offset > 0) rate.numFmt = '0.0%';
  });

  sheet.getColumn(1).width = characters(layout.columnWidths.first);
  for (let column = 2; column <= layout.width; column++)
    sheet.getColumn(column).width = characters(layout.columnWidths.other);
  sheet.getColumn(helper.column).hidden = true;
  sheet.getColumn(helper.column + 1).hidden = true;
  Object.assign(sheet.pageSetup, {
    paperSize: A4,
    orientation: 'portrait',
    horizontalCentered: true,
    // One page wide, as many tall as needed.
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printArea: `A1:${sheet.getColumn(layout.width).letter}${layout.lastRow}`,
  } satisfies Partial<ExcelJS.PageSetup>);

  guardFormulaText(sheet);
  const units = layout.tables.find((table) => table.id === 'units');
  const header = units?.row ?? 0;
  return {
    sheetName,
    replaced: existing !== undefined,
    unitTableRows: { header, last: header + (units?.rows.length ?? 1) - 1 },
  };
}
