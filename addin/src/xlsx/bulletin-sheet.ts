// Writes a monthly bulletin (月度通报) into its own printable sheet of an exceljs workbook, laid out as the add-in does.
import {
  type Bulletin,
  type BulletinSource,
  type BulletinTable,
  bulletinSheetName,
  chineseDate,
  formatBulletinSource,
  percentValue,
  SOURCE_LABEL,
} from '@tuanjian/shared';
import type ExcelJS from 'exceljs';

export interface BulletinSheetResult {
  sheetName: string;
  /** True when a sheet of that name existed and was replaced at the same position. */
  replaced: boolean;
  /** 1-based sheet rows of the per-unit table's header and last row. */
  unitTableRows: { header: number; last: number };
}

// The add-in's colours and hidden source cell (addin/src/excel/bulletin.ts), as ARGB for exceljs.
export const LAGGING_FILL = 'FFFFC7CE';
export const LAGGING_FONT = 'FF9C0006';
export const DONE_FILL = 'FFC6EFCE';
export const DONE_FONT = 'FF006100';
const HEADER_FILL = 'FFD9E1F2';
const BORDER_COLOR = 'FFBFBFBF';
const RULE_COLOR = 'FFC00000';
/** Hidden helper columns K:L: the source cell (K1:L1) and the numeric completion rates beside the unit table. */
const HELPER_COLUMN = 11;
/** The add-in's 110 pt and 62 pt, in Excel's character-width units (Calibri 11: ~7 px a unit, +5 px padding). */
const FIRST_COLUMN_WIDTH = 20;
const OTHER_COLUMN_WIDTH = 11;
const A4 = 9;

/** Merged cells do not autofit: ~48 CJK characters a line across the A4 width; 409 pt is Excel's maximum. */
function wrappedHeight(text: string): number {
  return Math.min(409, 18 * Math.max(1, Math.ceil(text.length / 48)) + 4);
}

const thin = { style: 'thin', color: { argb: BORDER_COLOR } } as const;
const grid: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

function mergedLine(sheet: ExcelJS.Worksheet, row: number, width: number, text: string): ExcelJS.Cell {
  sheet.mergeCells(row, 1, row, width);
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  return cell;
}

function sectionTitle(sheet: ExcelJS.Worksheet, row: number, text: string): void {
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = { bold: true, size: 12 };
}

/** A table with a filled bold header row and grid borders; returns the number of rows written. */
function writeTable(sheet: ExcelJS.Worksheet, row: number, column: number, table: BulletinTable): number {
  const rows = [table.headers, ...table.rows];
  rows.forEach((cells, offset) => {
    for (let index = 0; index < table.headers.length; index++) {
      const cell = sheet.getCell(row + offset, column + index);
      cell.value = cells[index] ?? null;
      cell.border = grid;
      if (offset === 0) {
        cell.font = { bold: true };
        cell.fill = solid(HEADER_FILL);
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      }
    }
  });
  return rows.length;
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
 * Writes `bulletin` into the sheet `sheetName` (default as the add-in names it): created at the end, or, when
 * it exists, replaced by a fresh sheet at the same position so no old cell, merge or format survives. Every
 * other sheet is left as it is. Layout as the add-in's, for A4 portrait: title, issue line, issuer and date,
 * narrative, totals, the per-unit table with 滞后 / 已完成 filled (static fills, not conditional formats), the
 * mode and spot-check tables, the lagging and not-started units; the hidden K:L cells hold the source and the
 * rates, so the add-in recognizes the sheet. No chart: exceljs cannot write one (the add-in adds it when it
 * next rewrites the sheet).
 * @example
 * writeBulletinSheet(workbook, bulletin, { source: { year: 2026, month: 10, issueNumber: null } });
 */
export function writeBulletinSheet(
  workbook: ExcelJS.Workbook,
  bulletin: Bulletin,
  options: { source: BulletinSource; sheetName?: string },
): BulletinSheetResult {
  const sheetName = options.sheetName ?? bulletinSheetName(options.source);
  const existing = findSheet(workbook, sheetName);
  const position = existing ? orderNo(existing) : undefined;
  if (existing) workbook.removeWorksheet(existing.id);
  const sheet = workbook.addWorksheet(sheetName);
  if (position !== undefined) Reflect.set(sheet, 'orderNo', position);

  const unitTable = bulletin.unitTable;
  const width = Math.max(unitTable.headers.length, 7);

  const title = mergedLine(sheet, 1, width, bulletin.title);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  sheet.getRow(1).height = 42;
  mergedLine(sheet, 2, width, bulletin.issueLine).alignment = { horizontal: 'center' };
  const issuerWidth = Math.ceil(width / 2);
  sheet.mergeCells(3, 1, 3, issuerWidth);
  sheet.getCell(3, 1).value = bulletin.issuer;
  sheet.mergeCells(3, issuerWidth + 1, 3, width);
  const date = sheet.getCell(3, issuerWidth + 1);
  date.value = chineseDate(bulletin.date);
  date.alignment = { horizontal: 'right' };
  for (let column = 1; column <= width; column++)
    sheet.getCell(3, column).border = { bottom: { style: 'thick', color: { argb: RULE_COLOR } } };

  const narrative = mergedLine(sheet, 5, width, bulletin.narrative);
  narrative.alignment = { wrapText: true, vertical: 'top' };
  sheet.getRow(5).height = wrappedHeight(bulletin.narrative);

  // 一、totals.
  let row = 7;
  sectionTitle(sheet, row, '一、主要指标');
  row++;
  for (const item of bulletin.totals) {
    sheet.getCell(row, 1).value = item.label;
    sheet.getCell(row, 2).value = item.value;
    sheet.getCell(row, 1).border = grid;
    sheet.getCell(row, 2).border = grid;
    row++;
  }
  row++;

  // 二、per-unit table, 状态 filled as the add-in's conditional formats would show it.
  sectionTitle(sheet, row, '二、各单位完成情况');
  row++;
  const unitHeaderRow = row;
  writeTable(sheet, unitHeaderRow, 1, unitTable);
  const unitCount = unitTable.rows.length;
  const lastUnitRow = unitHeaderRow + unitCount;
  const statusIndex = unitTable.headers.indexOf('状态');
  const subsidyIndex = unitTable.headers.indexOf('应拨补贴');
  for (let offset = 1; offset <= unitCount; offset++) {
    if (statusIndex >= 0) {
      const status = sheet.getCell(unitHeaderRow + offset, statusIndex + 1);
      const text = typeof status.value === 'string' ? status.value : '';
      if (text.includes('滞后')) {
        status.fill = solid(LAGGING_FILL);
        status.font = { color: { argb: LAGGING_FONT } };
      } else if (text.includes('已完成')) {
        status.fill = solid(DONE_FILL);
        status.font = { color: { argb: DONE_FONT } };
      }
    }
    if (subsidyIndex >= 0) sheet.getCell(unitHeaderRow + offset, subsidyIndex + 1).numFmt = '#,##0';
  }
  row = lastUnitRow + 2;

  // 三、mode and spot-check tables side by side, then the lagging and not-started units.
  sectionTitle(sheet, row, '三、建团模式与电话抽查');
  row++;
  const modeRows = writeTable(sheet, row, 1, bulletin.modeTable);
  const spotRows = writeTable(sheet, row, bulletin.modeTable.headers.length + 2, bulletin.spotCheckTable);
  row += Math.max(modeRows, spotRows) + 1;
  for (const [label, names] of [
    ['进度滞后单位', bulletin.lagging],
    ['未启动单位', bulletin.notStarted],
  ] as const) {
    const text = `${label}（${names.length}家）：${names.join('、') || '无'}`;
    mergedLine(sheet, row, width, text).alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(row).height = wrappedHeight(text);
    row++;
  }
  const lastRow = row - 1;

  // Hidden helper cells: the source, and the rates as numbers (the table shows '51.7%' as text).
  sheet.getCell(1, HELPER_COLUMN).value = SOURCE_LABEL;
  sheet.getCell(1, HELPER_COLUMN + 1).value = formatBulletinSource(options.source);
  const rateIndex = unitTable.headers.indexOf('完成率');
  const nameIndex = Math.max(0, unitTable.headers.indexOf('单位'));
  sheet.getCell(unitHeaderRow, HELPER_COLUMN).value = '单位';
  sheet.getCell(unitHeaderRow, HELPER_COLUMN + 1).value = '完成率';
  unitTable.rows.forEach((cells, index) => {
    sheet.getCell(unitHeaderRow + 1 + index, HELPER_COLUMN).value = cells[nameIndex] ?? '';
    const rate = sheet.getCell(unitHeaderRow + 1 + index, HELPER_COLUMN + 1);
    rate.value = percentValue(cells[rateIndex]);
    rate.numFmt = '0.0%';
  });

  sheet.getColumn(1).width = FIRST_COLUMN_WIDTH;
  for (let column = 2; column <= width; column++) sheet.getColumn(column).width = OTHER_COLUMN_WIDTH;
  sheet.getColumn(HELPER_COLUMN).hidden = true;
  sheet.getColumn(HELPER_COLUMN + 1).hidden = true;
  Object.assign(sheet.pageSetup, {
    paperSize: A4,
    orientation: 'portrait',
    horizontalCentered: true,
    // One page wide, as many tall as needed.
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printArea: `A1:${sheet.getColumn(width).letter}${lastRow}`,
  } satisfies Partial<ExcelJS.PageSetup>);

  return {
    sheetName,
    replaced: existing !== undefined,
    unitTableRows: { header: unitHeaderRow, last: lastUnitRow },
  };
}
