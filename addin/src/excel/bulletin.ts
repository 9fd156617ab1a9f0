// Writes a monthly bulletin (月度通报) into its own printable sheet: text, tables, status colours and a chart.
import {
  type Bulletin,
  type BulletinSource,
  type BulletinTable,
  bulletinSheetName,
  chineseDate,
  formatBulletinSource,
  parseBulletinSource,
  percentValue,
  SOURCE_LABEL,
} from '@tuanjian/shared';
import { columnLetter, columnsAddress, rangeAddress } from '../sheet/address';
import { supportsExcelApi } from './requirements';
import { type CellInput, writeValues } from './values';

export interface WriteBulletinOptions {
  /** Defaults to 通报第N期 for a published issue, 通报YYYY-MM for live figures. */
  sheetName?: string;
  source: BulletinSource;
  /** Bring the sheet to the front when written (default); a refresh of every sheet leaves the user where they are. */
  activate?: boolean;
}

export interface BulletinSheet {
  sheetName: string;
  /** True when an existing sheet of that name was cleared and rewritten. */
  replaced: boolean;
  /** 1-based sheet rows of the per-unit table's header and last row. */
  unitTableRows: { header: number; last: number };
  /** Syncs this write took (≤ 3 unless the unit table is larger than one request can carry). */
  syncs: number;
}

export const LAGGING_FILL = '#FFC7CE';
export const LAGGING_FONT = '#9C0006';
export const DONE_FILL = '#C6EFCE';
export const DONE_FONT = '#006100';
export const CHART_NAME = 'CompletionByUnit';
/** Hidden helper columns (K:L): the source cell and the numeric completion rates the chart plots. */
const HELPER_COLUMN = 11;

const HEADER_FILL = '#D9E1F2';
const BORDER_COLOR = '#BFBFBF';
const FIRST_COLUMN_WIDTH = 110;
const OTHER_COLUMN_WIDTH = 62;

function padRow(cells: readonly CellInput[], width: number): CellInput[] {
  return [...cells, ...Array<CellInput>(Math.max(0, width - cells.length)).fill('')];
}

function gridBorders(range: Excel.Range): void {
  for (const edge of [
    'EdgeTop',
    'EdgeBottom',
    'EdgeLeft',
    'EdgeRight',
    'InsideVertical',
    'InsideHorizontal',
  ] as const) {
    const border = range.format.borders.getItem(edge);
    border.style = 'Continuous';
    border.color = BORDER_COLOR;
  }
}

/** Writes a table with a filled bold header row and grid borders; returns the syncs writeValues needed. */
async function writeTable(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  row: number,
  column: number,
  table: BulletinTable,
): Promise<number> {
  const width = table.headers.length;
  const rows = [table.headers, ...table.rows].map((cells) => padRow(cells, width));
  const syncs = await writeValues(context, sheet, row, column, rows);
  const header = sheet.getRange(rangeAddress(row, column, 1, width));
  header.format.font.bold = true;
  header.format.fill.color = HEADER_FILL;
  header.format.horizontalAlignment = 'Center';
  header.format.wrapText = true;
  gridBorders(sheet.getRange(rangeAddress(row, column, rows.length, width)));
  return syncs;
}

function mergedLine(sheet: Excel.Worksheet, row: number, width: number, text: string): Excel.Range {
  const range = sheet.getRange(rangeAddress(row, 1, 1, width));
  range.values = [padRow([text], width)];
  range.merge(false);
  return range;
}

/**
 * Row height (points) for wrapped text in a merged row: merged cells do not autofit, so it is estimated
 * from ~48 CJK characters per line across the A4 table width; 409 is Excel's maximum.
 */
function wrappedHeight(text: string): number {
  return Math.min(409, 18 * Math.max(1, Math.ceil(text.length / 48)) + 4);
}

function sectionTitle(sheet: Excel.Worksheet, row: number, text: string): void {
  const cell = sheet.getRange(rangeAddress(row, 1));
  cell.values = [[text]];
  cell.format.font.bold = true;
  cell.format.font.size = 12;
}

/**
 * Writes `bulletin` into its own sheet — created, or cleared and rewritten in place when it exists — laid out
 * for A4 portrait: title, issue line, issuer and date, narrative, totals, the per-unit table with 滞后 / 已完成
 * coloured, the mode and spot-check tables, the lagging units, and a bar chart of completion by unit.
 * At most three syncs (look up the sheet; list its old charts when it exists; write), whatever the unit count.
 * @example
 * await writeBulletinSheet(bulletin, { source: { year: 2026, month: 3, issueNumber: 5 } });
 */
export async function writeBulletinSheet(
  bulletin: Bulletin,
  options: WriteBulletinOptions,
): Promise<BulletinSheet> {
  const sheetName = options.sheetName ?? bulletinSheetName(options.source);
  const pageLayout = supportsExcelApi('1.9');
  return Excel.run(async (context) => {
    let syncs = 0;
    const worksheets = context.workbook.worksheets;
    const existing = worksheets.getItemOrNullObject(sheetName);
    existing.load('name');
    await context.sync();
    syncs++;

    const replaced = !existing.isNullObject;
    let sheet: Excel.Worksheet;
    if (replaced) {
      sheet = existing;
      sheet.charts.load('items/name');
      await context.sync();
      syncs++;
      for (const chart of sheet.charts.items) chart.delete();
      const everything = sheet.getRange();
      everything.conditionalFormats.clearAll();
      everything.unmerge();
      everything.clear('All');
      everything.columnHidden = false;
      // clear() keeps row heights: the old layout's wrapped rows would stay tall.
      everything.format.useStandardHeight = true;
    } else {
      sheet = worksheets.add(sheetName);
    }

    const unitTable = bulletin.unitTable;
    const width = Math.max(unitTable.headers.length, 7);
    const lastColumn = columnLetter(width);

    // Title block.
    const title = mergedLine(sheet, 1, width, bulletin.title);
    title.format.font.bold = true;
    title.format.font.size = 16;
    title.format.horizontalAlignment = 'Center';
    title.format.wrapText = true;
    title.format.rowHeight = 42;
    const issue = mergedLine(sheet, 2, width, bulletin.issueLine);
    issue.format.horizontalAlignment = 'Center';
    const issuerWidth = Math.ceil(width / 2);
    const issuer = sheet.getRange(rangeAddress(3, 1, 1, issuerWidth));
    issuer.values = [padRow([bulletin.issuer], issuerWidth)];
    issuer.merge(false);
    const date = sheet.getRange(rangeAddress(3, issuerWidth + 1, 1, width - issuerWidth));
    date.values = [padRow([chineseDate(bulletin.date)], width - issuerWidth)];
    date.merge(false);
    date.format.horizontalAlignment = 'Right';
    const rule = sheet.getRange(`A3:${lastColumn}3`).format.borders.getItem('EdgeBottom');
    rule.style = 'Continuous';
    rule.weight = 'Thick';
    rule.color = '#C00000';

    const narrative = mergedLine(sheet, 5, width, bulletin.narrative);
    narrative.format.wrapText = true;
    narrative.format.verticalAlignment = 'Top';
    narrative.format.rowHeight = wrappedHeight(bulletin.narrative);

    // 一、totals.
    let row = 7;
    sectionTitle(sheet, row, '一、主要指标');
    row++;
    const totals = bulletin.totals.map((item) => [item.label, item.value]);
    syncs += await writeValues(context, sheet, row, 1, totals);
    if (totals.length > 0) gridBorders(sheet.getRange(rangeAddress(row, 1, totals.length, 2)));
    row += totals.length + 1;

    // 二、per-unit table.
    sectionTitle(sheet, row, '二、各单位完成情况');
    row++;
    const unitHeaderRow = row;
    syncs += await writeTable(context, sheet, unitHeaderRow, 1, unitTable);
    const firstUnitRow = unitHeaderRow + 1;
    const unitCount = unitTable.rows.length;
    const lastUnitRow = unitHeaderRow + unitCount;
    const statusIndex = unitTable.headers.indexOf('状态');
    if (statusIndex >= 0 && unitCount > 0) {
      const status = sheet.getRange(rangeAddress(firstUnitRow, statusIndex + 1, unitCount, 1));
      for (const [text, fill, font] of [
        ['滞后', LAGGING_FILL, LAGGING_FONT],
        ['已完成', DONE_FILL, DONE_FONT],
      ] as const) {
        const format = status.conditionalFormats.add('ContainsText');
        format.textComparison.rule = { operator: 'Contains', text };
        format.textComparison.format.fill.color = fill;
        format.textComparison.format.font.color = font;
      }
    }
    const subsidyIndex = unitTable.headers.indexOf('应拨补贴');
    if (subsidyIndex >= 0 && unitCount > 0) {
      const subsidy = sheet.getRange(rangeAddress(firstUnitRow, subsidyIndex + 1, unitCount, 1));
      subsidy.numberFormat = Array.from({ length: unitCount }, () => ['#,##0']);
    }
    row = lastUnitRow + 2;

    // 三、mode and spot-check tables side by side, then the lagging and not-started units.
    sectionTitle(sheet, row, '三、建团模式与电话抽查');
    row++;
    syncs += await writeTable(context, sheet, row, 1, bulletin.modeTable);
    const spotColumn = bulletin.modeTable.headers.length + 2;
    syncs += await writeTable(context, sheet, row, spotColumn, bulletin.spotCheckTable);
    row += Math.max(bulletin.modeTable.rows.length, bulletin.spotCheckTable.rows.length) + 2;
    for (const [label, names] of [
      ['进度滞后单位', bulletin.lagging],
      ['未启动单位', bulletin.notStarted],
    ] as const) {
      const text = `${label}（${names.length}家）：${names.join('、') || '无'}`;
      const line = mergedLine(sheet, row, width, text);
      line.format.wrapText = true;
      line.format.rowHeight = wrappedHeight(text);
      row++;
    }
    row++;

    // 四、chart of completion by unit, from hidden numeric helper cells (the table shows '51.7%' as text).
    sectionTitle(sheet, row, '四、各单位完成率');
    row++;
    const rateIndex = unitTable.headers.indexOf('完成率');
    const nameIndex = Math.max(0, unitTable.headers.indexOf('单位'));
    const helper: CellInput[][] = [
      ['单位', '完成率'],
      ...unitTable.rows.map((cells) => [cells[nameIndex] ?? '', percentValue(cells[rateIndex])]),
    ];
    syncs += await writeValues(context, sheet, unitHeaderRow, HELPER_COLUMN, helper);
    sheet.getRange(rangeAddress(firstUnitRow, HELPER_COLUMN + 1, Math.max(1, unitCount), 1)).numberFormat =
      Array.from({ length: Math.max(1, unitCount) }, () => ['0.0%']);
    sheet.getRange(rangeAddress(1, HELPER_COLUMN, 1, 2)).values = [
      [SOURCE_LABEL, formatBulletinSource(options.source)],
    ];
    const chartRows = Math.max(14, Math.ceil(unitCount * 1.2) + 4);
    if (unitCount > 0) {
      const chart = sheet.charts.add(
        'BarClustered',
        sheet.getRange(rangeAddress(unitHeaderRow, HELPER_COLUMN, unitCount + 1, 2)),
        'Columns',
      );
      chart.name = CHART_NAME;
      chart.title.text = '各单位完成率';
      chart.legend.visible = false;
      chart.plotVisibleOnly = false;
      chart.axes.categoryAxis.reversePlotOrder = true;
      chart.axes.valueAxis.numberFormat = '0%';
      chart.dataLabels.showValue = true;
      chart.dataLabels.numberFormat = '0.0%';
      chart.setPosition(rangeAddress(row, 1), rangeAddress(row + chartRows - 1, width));
    }
    const lastRow = row + chartRows - 1;

    // Columns, helper cells hidden, page setup.
    sheet.getRange('A:A').format.columnWidth = FIRST_COLUMN_WIDTH;
    sheet.getRange(`B:${lastColumn}`).format.columnWidth = OTHER_COLUMN_WIDTH;
    sheet.getRange(columnsAddress(HELPER_COLUMN, 2)).columnHidden = true;
    if (pageLayout) {
      sheet.pageLayout.paperSize = 'A4';
      sheet.pageLayout.orientation = 'Portrait';
      sheet.pageLayout.centerHorizontally = true;
      // One page wide, as many tall as needed (0 = automatic).
      sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      sheet.pageLayout.setPrintArea(`A1:${lastColumn}${lastRow}`);
    }
    if (options.activate !== false) sheet.activate();
    await context.sync();
    syncs++;
    return { sheetName, replaced, unitTableRows: { header: unitHeaderRow, last: lastUnitRow }, syncs };
  });
}

export interface BulletinSheetInfo {
  sheetName: string;
  source: BulletinSource;
}

/**
 * Every bulletin sheet in the workbook with what it shows (from its hidden source cell), for a refresh
 * when the workbook opens. Two syncs whatever the sheet count.
 */
export async function findBulletinSheets(): Promise<BulletinSheetInfo[]> {
  return Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name');
    await context.sync();
    const cells = worksheets.items.map((sheet) => {
      const range = sheet.getRange(rangeAddress(1, HELPER_COLUMN, 1, 2));
      range.load('values');
      return { sheetName: sheet.name, range };
    });
    await context.sync();
    const found: BulletinSheetInfo[] = [];
    for (const { sheetName, range } of cells) {
      const [label, text] = range.values[0] ?? [];
      const source = label === SOURCE_LABEL ? parseBulletinSource(text) : null;
      if (source) found.push({ sheetName, source });
    }
    return found;
  });
}
