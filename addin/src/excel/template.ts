// Creates a blank tracking sheet (团建台账): title, instructions, an Excel table with drop-downs and formats.
import { COLUMNS, type ColumnDef } from '@tuanjian/shared';
import { columnLetter, rangeAddress } from '../sheet/address';
import { TEXT_FORMAT } from './values';

export const TRACKING_SHEET_NAME = '团建台账';
export const TRACKING_TABLE_NAME = 'TrackingTable';
/** The header row sits under the title and two instruction lines. */
export const TEMPLATE_HEADER_ROW = 4;
/** Rows below the header that get drop-downs and formats ahead of data (the table itself grows as rows are typed). */
export const TEMPLATE_FORMATTED_ROWS = 1000;

const YES_NO = ['是', '否'] as const;
const INSTRUCTIONS = [
  '填写说明：每行填写一个青年社会组织；黄色表头的列必须填写；请勿修改表头文字（系统按表头名称识别各列）；带下拉箭头的列请从列表中选择。',
  '建团状态为“已建团”时，建团时间、建团模式、团组织类型、团组织书记、联系电话必须填写；日期格式为 yyyy-mm-dd；未登记的组织可不填统一社会信用代码。',
];
/** Column widths in points, by kind; the organization name gets more room. */
const WIDTH_BY_KIND: Record<ColumnDef['kind'], number> = {
  text: 110,
  creditCode: 140,
  enum: 95,
  integer: 60,
  date: 80,
  yesNo: 70,
  phone: 100,
};
const WIDTH_BY_KEY: Partial<Record<ColumnDef['key'], number>> = { orgName: 200, note: 160 };

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

function validationRule(
  column: ColumnDef,
): { rule: Excel.DataValidationRule; alert: Excel.DataValidationErrorAlert } | null {
  const list = column.kind === 'yesNo' ? YES_NO : column.kind === 'enum' ? column.options : undefined;
  if (list) {
    return {
      rule: { list: { inCellDropDown: true, source: list.join(',') } },
      alert: {
        showAlert: true,
        // 是/否 also accepts Y/N/√/× on upload, so a typed variant only warns.
        style: column.kind === 'yesNo' ? 'Warning' : 'Stop',
        title: `${column.header}无效`,
        message: `请从下拉列表中选择：${list.join('、')}`,
      },
    };
  }
  if (column.kind === 'integer') {
    return {
      rule: { wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } },
      alert: {
        showAlert: true,
        style: 'Stop',
        title: `${column.header}无效`,
        message: '请填写不小于0的整数',
      },
    };
  }
  return null;
}

/**
 * The number format a data column gets ahead of data. Text columns are text (@), so what a user types stays
 * as typed: a credit code or phone number keeps its leading zeros and does not become 1.2E+17, a name
 * starting with '=' is no formula. Dates are dates (yyyy-mm-dd), so 建团时间 typed as 2026/4/1 is a date the
 * reader gets as a serial; counts stay General (numbers); drop-downs (enum, 是/否) keep General too — their
 * options are words Excel reads as text anyway.
 */
function numberFormat(column: ColumnDef): string | null {
  switch (column.kind) {
    case 'date':
      return 'yyyy-mm-dd';
    case 'text':
    case 'creditCode':
    case 'phone':
      return TEXT_FORMAT;
    default:
      return null;
  }
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
    const width = COLUMNS.length;
    const lastColumn = columnLetter(width);
    const headerRow = TEMPLATE_HEADER_ROW;
    const firstDataRow = headerRow + 1;
    const sheet = worksheets.add(sheetName);

    const title = sheet.getRange(`A1:${lastColumn}1`);
    writeTextRow(title, [
      `${options.unitName ?? ''}青年社会组织团建台账`,
      ...Array<string>(width - 1).fill(''),
    ]);
    title.merge(false);
    title.format.font.bold = true;
    title.format.font.size = 16;
    title.format.horizontalAlignment = 'Center';
    title.format.rowHeight = 28;
    INSTRUCTIONS.forEach((text, index) => {
      const line = sheet.getRange(`A${2 + index}:${lastColumn}${2 + index}`);
      writeTextRow(line, [text, ...Array<string>(width - 1).fill('')]);
      line.merge(false);
      line.format.wrapText = true;
      line.format.font.color = '#595959';
      line.format.rowHeight = 30;
    });

    writeTextRow(
      sheet.getRange(rangeAddress(headerRow, 1, 1, width)),
      COLUMNS.map((column) => column.header),
    );
    const table = sheet.tables.add(rangeAddress(headerRow, 1, 2, width), true);
    table.name = tableName;
    table.style = 'TableStyleMedium2';

    COLUMNS.forEach((column, index) => {
      const letter = columnLetter(index + 1);
      sheet.getRange(`${letter}:${letter}`).format.columnWidth =
        WIDTH_BY_KEY[column.key] ?? WIDTH_BY_KIND[column.kind];
      if (column.required) sheet.getRange(`${letter}${headerRow}`).format.font.color = '#FFFF00';
      const body = sheet.getRange(rangeAddress(firstDataRow, index + 1, TEMPLATE_FORMATTED_ROWS, 1));
      const format = numberFormat(column);
      if (format) body.numberFormat = Array.from({ length: TEMPLATE_FORMATTED_ROWS }, () => [format]);
      const validation = validationRule(column);
      if (validation) {
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
