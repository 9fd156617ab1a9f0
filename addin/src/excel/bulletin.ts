// Writes a monthly bulletin (月度通报) into its own printable sheet by painting the shared layout
// (bulletinLayout, which the exceljs writer paints too): text, tables, status colours and a chart.
import {
  BULLETIN_COLORS,
  BULLETIN_HELPER_COLUMN,
  type Bulletin,
  type BulletinLayout,
  type BulletinSource,
  bulletinLayout,
  bulletinSheetName,
  type LayoutTable,
  type LayoutText,
  parseBulletinSource,
  SOURCE_LABEL,
  type Summary,
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

export const LAGGING_FILL = BULLETIN_COLORS.laggingFill;
export const LAGGING_FONT = BULLETIN_COLORS.laggingFont;
export const DONE_FILL = BULLETIN_COLORS.doneFill;
export const DONE_FONT = BULLETIN_COLORS.doneFont;
export const CHART_NAME = 'CompletionByUnit';
const HELPER_COLUMN = BULLETIN_HELPER_COLUMN;

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
    border.color = BULLETIN_COLORS.border;
  }
}

/** A text of the layout: its (merged) cells, font, alignment and row height. */
function paintText(sheet: Excel.Worksheet, text: LayoutText): void {
  const range = sheet.getRange(rangeAddress(text.row, text.column, 1, text.columns));
  range.values = [padRow([text.text], text.columns)];
  if (text.columns > 1) range.merge(false);
  if (text.height !== undefined) range.format.rowHeight = text.height;
  switch (text.style) {
    case 'title':
      range.format.font.bold = true;
      range.format.font.size = 16;
      range.format.horizontalAlignment = 'Center';
      range.format.wrapText = true;
      break;
    case 'issueLine':
      range.format.horizontalAlignment = 'Center';
      break;
    case 'date':
      range.format.horizontalAlignment = 'Right';
      break;
    case 'section':
      range.format.font.bold = true;
      range.format.font.size = 12;
      break;
    case 'narrative':
      range.format.wrapText = true;
      range.format.verticalAlignment = 'Top';
      break;
    case 'line':
      range.format.wrapText = true;
      break;
    case 'issuer':
      break;
  }
}

/** A table of the layout: values (numbers as numbers), number formats, header style and grid; returns the syncs. */
async function paintTable(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  table: LayoutTable,
): Promise<number> {
  const width = Math.max(table.headers?.length ?? 0, ...table.rows.map((cells) => cells.length));
  const body = table.rows.map((cells) => padRow(cells, width));
  const rows = table.headers ? [padRow(table.headers, width), ...body] : body;
  if (rows.length === 0) return 0;
  const syncs = await writeValues(context, sheet, table.row, table.column, rows);
  const firstBodyRow = table.row + (table.headers ? 1 : 0);
  if (body.length > 0 && table.formats.some((cells) => cells.some((format) => format !== null))) {
    sheet.getRange(rangeAddress(firstBodyRow, table.column, body.length, width)).numberFormat =
      table.formats.map((cells) => Array.from({ length: width }, (_, index) => cells[index] ?? 'General'));
  }
  if (table.headers) {
    const header = sheet.getRange(rangeAddress(table.row, table.column, 1, width));
    header.format.font.bold = true;
    header.format.fill.color = BULLETIN_COLORS.headerFill;
    header.format.horizontalAlignment = 'Center';
    header.format.wrapText = true;
  }
  gridBorders(sheet.getRange(rangeAddress(table.row, table.column, rows.length, width)));
  return syncs;
}

/** 状态 coloured by what it says, as conditional formats (a later edit of the cell recolours it). */
function paintStatus(sheet: Excel.Worksheet, status: NonNullable<BulletinLayout['status']>): void {
  const range = sheet.getRange(rangeAddress(status.row, status.column, status.rows, 1));
  for (const [text, fill, font] of [
    ['滞后', LAGGING_FILL, LAGGING_FONT],
    ['已完成', DONE_FILL, DONE_FONT],
  ] as const) {
    const format = range.conditionalFormats.add('ContainsText');
    format.textComparison.rule = { operator: 'Contains', text };
    format.textComparison.format.fill.color = fill;
    format.textComparison.format.font.color = font;
  }
}

/** The bar chart of completion by unit, from the hidden helper cells. */
function paintChart(sheet: Excel.Worksheet, layout: BulletinLayout): void {
  const { chart, helper } = layout;
  if (!chart) return;
  const added = sheet.charts.add(
    'BarClustered',
    sheet.getRange(rangeAddress(helper.row, helper.column, helper.rates.length, 2)),
    'Columns',
  );
  added.name = CHART_NAME;
  added.title.text = chart.title;
  added.legend.visible = false;
  added.plotVisibleOnly = false;
  added.axes.categoryAxis.reversePlotOrder = true;
  added.axes.valueAxis.numberFormat = '0%';
  added.dataLabels.showValue = true;
  added.dataLabels.numberFormat = '0.0%';
  added.setPosition(
    rangeAddress(chart.firstRow, 1),
    rangeAddress(chart.firstRow + chart.rows - 1, layout.width),
  );
}

/**
 * Writes the bulletin into its own sheet — created, or cleared and rewritten in place when it exists — by
 * painting the shared layout (bulletinLayout): title, issue line, issuer and date, narrative, totals, the
 * per-unit table with numbers as numbers and 滞后 / 已完成 coloured, the mode and spot-check tables, the
 * lagging units, and a bar chart of completion by unit.
 * At most three syncs (look up the sheet; list its old charts when it exists; write), whatever the unit count.
 * @example
 * await writeBulletinSheet({ summary, bulletin }, { source: { year: 2026, month: 3, issueNumber: 5 } });
 */
export async function writeBulletinSheet(
  issue: { summary: Summary; bulletin: Bulletin },
  options: WriteBulletinOptions,
): Promise<BulletinSheet> {
  const sheetName = options.sheetName ?? bulletinSheetName(options.source);
  const pageLayout = supportsExcelApi('1.9');
  const layout = bulletinLayout(issue, options.source);
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

    const lastColumn = columnLetter(layout.width);
    for (const text of layout.texts) paintText(sheet, text);
    const rule = sheet
      .getRange(`A${layout.ruleRow}:${lastColumn}${layout.ruleRow}`)
      .format.borders.getItem('EdgeBottom');
    rule.style = 'Continuous';
    rule.weight = 'Thick';
    rule.color = BULLETIN_COLORS.rule;
    for (const table of layout.tables) syncs += await paintTable(context, sheet, table);
    if (layout.status) paintStatus(sheet, layout.status);

    // Hidden helper cells: the source, and the rates the chart plots.
    const { helper } = layout;
    syncs += await writeValues(context, sheet, helper.row, helper.column, helper.rates);
    const rates = Math.max(1, helper.rates.length - 1);
    sheet.getRange(rangeAddress(helper.row + 1, helper.column + 1, rates, 1)).numberFormat = Array.from(
      { length: rates },
      () => ['0.0%'],
    );
    sheet.getRange(rangeAddress(1, helper.column, 1, 2)).values = [[...helper.source]];
    paintChart(sheet, layout);

    // Columns, helper cells hidden, page setup.
    sheet.getRange('A:A').format.columnWidth = layout.columnWidths.first;
    sheet.getRange(`B:${lastColumn}`).format.columnWidth = layout.columnWidths.other;
    sheet.getRange(columnsAddress(helper.column, 2)).columnHidden = true;
    if (pageLayout) {
      sheet.pageLayout.paperSize = 'A4';
      sheet.pageLayout.orientation = 'Portrait';
      sheet.pageLayout.centerHorizontally = true;
      // One page wide, as many tall as needed (0 = automatic).
      sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      sheet.pageLayout.setPrintArea(`A1:${lastColumn}${layout.lastRow}`);
    }
    if (options.activate !== false) sheet.activate();
    await context.sync();
    syncs++;
    const units = layout.tables.find((table) => table.id === 'units');
    const header = units?.row ?? 0;
    return {
      sheetName,
      replaced,
      unitTableRows: { header, last: header + (units?.rows.length ?? 0) },
      syncs,
    };
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
