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
import { applyOptional, type SkippedSetting } from './requirements';
import { type CellInput, TEXT_FORMAT, writeValues } from './values';

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
  /** 1-based sheet rows of the per-unit table's header and last unit (the 全区合计 row follows it). */
  unitTableRows: { header: number; last: number };
  /**
   * Syncs this write took: at most 3 for a new sheet, 4 when rewriting one (look up the sheet; list its old
   * charts when it exists; write the content; page setup on its own), more only when the unit table is
   * larger than one request can carry.
   */
  syncs: number;
  /** Optional settings not applied — page setup where ExcelApi 1.9 is missing or the host refused it. */
  skipped: SkippedSetting[];
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

/**
 * A text of the layout: its (merged) cells, formatted as text before the value is written so Excel keeps
 * it as written (the date 2026年4月1日 is a label, not a date serial), font, alignment and row height.
 */
function paintText(sheet: Excel.Worksheet, text: LayoutText): void {
  const range = sheet.getRange(rangeAddress(text.row, text.column, 1, text.columns));
  range.numberFormat = [Array<string>(text.columns).fill(TEXT_FORMAT)];
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

/**
 * A table of the layout: values (numbers as numbers with their number formats, text as text), header
 * style and grid; returns the syncs.
 */
async function paintTable(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  table: LayoutTable,
): Promise<number> {
  const width = Math.max(table.headers?.length ?? 0, ...table.rows.map((cells) => cells.length));
  const body = table.rows.map((cells) => padRow(cells, width));
  const rows = table.headers ? [padRow(table.headers, width), ...body] : body;
  if (rows.length === 0) return 0;
  const bodyFormats = table.rows.map((_, row) =>
    Array.from({ length: width }, (_, index) => table.formats[row]?.[index] ?? null),
  );
  const formats = table.headers ? [Array<null>(width).fill(null), ...bodyFormats] : bodyFormats;
  const syncs = await writeValues(context, sheet, table.row, table.column, rows, { formats });
  if (table.headers) {
    const header = sheet.getRange(rangeAddress(table.row, table.column, 1, width));
    header.format.font.bold = true;
    header.format.fill.color = BULLETIN_COLORS.headerFill;
    header.format.horizontalAlignment = 'Center';
    header.format.wrapText = true;
  }
  if (table.headers && table.headerHeight !== undefined)
    sheet.getRange(rangeAddress(table.row, table.column, 1, width)).format.rowHeight = table.headerHeight;
  gridBorders(sheet.getRange(rangeAddress(table.row, table.column, rows.length, width)));
  if (table.total) {
    const total = sheet.getRange(rangeAddress(table.row + rows.length - 1, table.column, 1, width));
    total.format.font.bold = true;
    const rule = total.format.borders.getItem('EdgeTop');
    rule.style = 'Double';
    rule.color = BULLETIN_COLORS.border;
  }
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

/** 完成率 as data bars from 0 to 100% (a rate above 100% fills the cell). */
function paintDataBars(sheet: Excel.Worksheet, bars: NonNullable<BulletinLayout['dataBars']>): void {
  const format = sheet
    .getRange(rangeAddress(bars.row, bars.column, bars.rows, 1))
    .conditionalFormats.add('DataBar');
  format.dataBar.lowerBoundRule = { type: 'Number', formula: '0' };
  format.dataBar.upperBoundRule = { type: 'Number', formula: '1' };
  format.dataBar.positiveFormat.fillColor = BULLETIN_COLORS.dataBar;
  format.dataBar.positiveFormat.gradientFill = false;
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

/** Page setup (ExcelApi 1.9): A4 portrait, one page wide, the bulletin's print area. The print area goes first. */
function pageSetup(sheet: Excel.Worksheet, printArea: string): void {
  sheet.pageLayout.setPrintArea(printArea);
  // One page wide, as many tall as needed (0 = automatic).
  sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  sheet.pageLayout.orientation = 'Portrait';
  sheet.pageLayout.centerHorizontally = true;
  // Last: which paper sizes exist depends on the printer, so this is the likeliest to be refused.
  sheet.pageLayout.paperSize = 'A4';
}

/**
 * Writes the bulletin into its own sheet — created, or cleared and rewritten in place when it exists — by
 * painting the shared layout (bulletinLayout): title, issue line, issuer and date, narrative, totals, the
 * per-unit table with numbers as numbers and 滞后 / 已完成 coloured, the mode and spot-check tables, the
 * lagging units, and a bar chart of completion by unit. Every text cell is formatted as text before it is
 * written, so a unit named '=1+1' or '51.7%' and the date 2026年4月1日 stay as written.
 * Page setup (ExcelApi 1.9) follows in its own request once the content is synced: a host that lacks or
 * refuses it loses only the page setup, listed in `skipped`.
 * Syncs: look up the sheet; list its old charts when it exists; write; page setup — at most 3 for a new
 * sheet, 4 for a rewrite, whatever the unit count (unless one table outgrows a request).
 * @example
 * await writeBulletinSheet({ summary, bulletin }, { source: { year: 2026, month: 3, issueNumber: 5 } });
 */
export async function writeBulletinSheet(
  issue: { summary: Summary; bulletin: Bulletin },
  options: WriteBulletinOptions,
): Promise<BulletinSheet> {
  const sheetName = options.sheetName ?? bulletinSheetName(options.source);
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
    if (layout.dataBars) paintDataBars(sheet, layout.dataBars);

    // Hidden helper cells: the source, and the rates the chart plots.
    const { helper } = layout;
    syncs += await writeValues(context, sheet, helper.row, helper.column, helper.rates, {
      formats: helper.rates.map((_, index) => [null, index === 0 ? null : '0.0%']),
    });
    syncs += await writeValues(context, sheet, 1, helper.column, [[...helper.source]]);
    paintChart(sheet, layout);

    // Columns, helper cells hidden.
    sheet.getRange('A:A').format.columnWidth = layout.columnWidths.first;
    sheet.getRange(`B:${lastColumn}`).format.columnWidth = layout.columnWidths.other;
    sheet.getRange(columnsAddress(helper.column, 2)).columnHidden = true;
    if (options.activate !== false) sheet.activate();
    await context.sync();
    syncs++;

    // Optional: page setup, on its own so a refusal loses nothing else.
    const skipped: SkippedSetting[] = [];
    const page = await applyOptional(context, 'pageLayout', '1.9', () =>
      pageSetup(sheet, `A1:${lastColumn}${layout.lastRow}`),
    );
    if (page.synced) syncs++;
    if (page.skipped) skipped.push(page.skipped);
    const units = layout.tables.find((table) => table.id === 'units');
    const header = units?.row ?? 0;
    return {
      sheetName,
      replaced,
      unitTableRows: { header, last: header + (units?.rows.length ?? 1) - 1 },
      syncs,
      skipped,
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
