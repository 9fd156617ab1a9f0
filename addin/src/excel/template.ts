// Creates a blank tracking sheet (团建台账): title, instructions, an Excel table with drop-downs and formats.
import { columnLetter, rangeAddress } from '../sheet/address';
import {
  TEMPLATE_FORMATTED_ROWS,
  TEMPLATE_HEADER_ROW,
  TEMPLATE_INSTRUCTIONS,
  type TemplateRule,
  TRACKING_SHEET_NAME,
  templateColumns,
  templateTitle,
} from '../sheet/template-plan';
import { TEXT_FORMAT } from './values';

export { TEMPLATE_FORMATTED_ROWS, TEMPLATE_HEADER_ROW, TRACKING_SHEET_NAME } from '../sheet/template-plan';
export const TRACKING_TABLE_NAME = 'TrackingTable';

export interface TrackingTemplateOptions {
  /** Defaults to 团建台账; a free name is chosen ("团建台账 (2)") when the sheet already exists. */
  sheetName?: string;
  /** Shown in the title: "{unitName}青年社会组织团建台账". */
  unitName?: string;
}

export interface TrackingTemplate {
  sheetName: string;
  tableName: string;
  /** 1-based sheet row of the header. */
  headerRow: number;
  /** 1-based sheet row of the first data row. */
  firstDataRow: number;
}

/** `base`, or `base (2)`, `base (3)`, … whichever is free; Excel sheet names are case-insensitive, ≤ 31 chars. */
export function freeSheetName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((name) => name.toLowerCase()));
  for (let attempt = 1; ; attempt++) {
    const suffix = attempt === 1 ? '' : ` (${attempt})`;
    const candidate = base.slice(0, 31 - suffix.length) + suffix;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/** `base`, or `base2`, `base3`, … whichever table name is free in the workbook. */
function freeTableName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((name) => name.toLowerCase()));
  for (let attempt = 1; ; attempt++) {
    const candidate = attempt === 1 ? base : `${base}${attempt}`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

function validationRule(rule: TemplateRule): {
  rule: Excel.DataValidationRule;
  alert: Excel.DataValidationErrorAlert;
} {
  const alert = { showAlert: true, title: rule.title, message: rule.message };
  if (rule.kind === 'list')
    return {
      rule: { list: { inCellDropDown: true, source: rule.options.join(',') } },
      alert: { ...alert, style: rule.strict ? 'Stop' : 'Warning' },
    };
  return {
    rule: { wholeNumber: { formula1: rule.min, operator: 'GreaterThanOrEqualTo' } },
    alert: { ...alert, style: 'Stop' },
  };
}

/** A one-row range's texts, written as text: the format (@) goes before the values. */
function writeTextRow(range: Excel.Range, texts: readonly string[]): void {
  range.numberFormat = [texts.map(() => TEXT_FORMAT)];
  range.values = [[...texts]];
}

/**
 * Adds a tracking-sheet template: one Excel.run, two syncs (read the taken sheet and table names, then write).
 * @example
 * const { sheetName } = await createTrackingTemplate({ unitName: '花木街道' });
 */
export async function createTrackingTemplate(
  options: TrackingTemplateOptions = {},
): Promise<TrackingTemplate> {
  return Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    const tables = context.workbook.tables;
    worksheets.load('items/name');
    tables.load('items/name');
    await context.sync();

    const sheetName = freeSheetName(
      options.sheetName ?? TRACKING_SHEET_NAME,
      worksheets.items.map((sheet) => sheet.name),
    );
    const tableName = freeTableName(
      TRACKING_TABLE_NAME,
      tables.items.map((table) => table.name),
    );
    const columns = templateColumns();
    const width = columns.length;
    const lastColumn = columnLetter(width);
    const headerRow = TEMPLATE_HEADER_ROW;
    const firstDataRow = headerRow + 1;
    const sheet = worksheets.add(sheetName);

    const title = sheet.getRange(`A1:${lastColumn}1`);
    writeTextRow(title, [templateTitle(options.unitName), ...Array<string>(width - 1).fill('')]);
    title.merge(false);
    title.format.font.bold = true;
    title.format.font.size = 16;
    title.format.horizontalAlignment = 'Center';
    title.format.rowHeight = 28;
    TEMPLATE_INSTRUCTIONS.forEach((text, index) => {
      const line = sheet.getRange(`A${2 + index}:${lastColumn}${2 + index}`);
      writeTextRow(line, [text, ...Array<string>(width - 1).fill('')]);
      line.merge(false);
      line.format.wrapText = true;
      line.format.font.color = '#595959';
      line.format.rowHeight = 30;
    });

    writeTextRow(
      sheet.getRange(rangeAddress(headerRow, 1, 1, width)),
      columns.map((column) => column.header),
    );
    const table = sheet.tables.add(rangeAddress(headerRow, 1, 2, width), true);
    table.name = tableName;
    table.style = 'TableStyleMedium2';

    columns.forEach((column, index) => {
      const letter = columnLetter(index + 1);
      sheet.getRange(`${letter}:${letter}`).format.columnWidth = column.width;
      if (column.required) sheet.getRange(`${letter}${headerRow}`).format.font.color = '#FFFF00';
      const body = sheet.getRange(rangeAddress(firstDataRow, index + 1, TEMPLATE_FORMATTED_ROWS, 1));
      const format = column.format;
      if (format) body.numberFormat = Array.from({ length: TEMPLATE_FORMATTED_ROWS }, () => [format]);
      if (column.rule) {
        const validation = validationRule(column.rule);
        body.dataValidation.rule = validation.rule;
        body.dataValidation.errorAlert = validation.alert;
      }
    });

    sheet.freezePanes.freezeRows(headerRow);
    sheet.activate();
    await context.sync();
    return { sheetName, tableName, headerRow, firstDataRow };
  });
}
