// The blank tracking sheet (团建台账) both writers make — the pane in Excel (excel/template.ts) and the web
// page as an .xlsx (xlsx/template-sheet.ts): title, instructions, the header, and per column its width,
// number format and drop-down or whole-number rule. Pure: the writers only paint it.
import { COLUMNS, type ColumnDef } from '@tuanjian/shared';

export const TRACKING_SHEET_NAME = '团建台账';
/** The header row sits under the title and two instruction lines. */
export const TEMPLATE_HEADER_ROW = 4;
/** Rows below the header that get drop-downs and formats ahead of data. */
export const TEMPLATE_FORMATTED_ROWS = 1000;
/** Text cells are text (@): what a user types stays as typed. */
const TEXT_FORMAT = '@';

export const TEMPLATE_INSTRUCTIONS = [
  '填写说明：每行填写一个青年社会组织；黄色表头的列必须填写；请勿修改表头文字（系统按表头名称识别各列）；带下拉箭头的列请从列表中选择。',
  '建团状态为“已建团”时，建团时间、建团模式、团组织类型、团组织书记、联系电话必须填写；日期格式为 yyyy-mm-dd；未登记的组织可不填统一社会信用代码。',
] as const;

const YES_NO = ['是', '否'] as const;

/** Column widths in points, by kind; the organization name and 备注 get more room. */
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

/** A column's rule for typed values: a drop-down list, or whole numbers from 0. */
export type TemplateRule =
  | { kind: 'list'; options: readonly string[]; strict: boolean; title: string; message: string }
  | { kind: 'wholeNumber'; min: 0; title: string; message: string };

export interface TemplateColumn {
  key: ColumnDef['key'];
  header: string;
  required: boolean;
  /** Width in points. */
  width: number;
  /** Number format of the data cells; null = General. */
  format: string | null;
  rule: TemplateRule | null;
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

function rule(column: ColumnDef): TemplateRule | null {
  const list = column.kind === 'yesNo' ? YES_NO : column.kind === 'enum' ? column.options : undefined;
  if (list)
    return {
      kind: 'list',
      options: list,
      // 是/否 also accepts Y/N/√/× on upload, so a typed variant only warns.
      strict: column.kind !== 'yesNo',
      title: `${column.header}无效`,
      message: `请从下拉列表中选择：${list.join('、')}`,
    };
  if (column.kind === 'integer')
    return { kind: 'wholeNumber', min: 0, title: `${column.header}无效`, message: '请填写不小于0的整数' };
  return null;
}

/** The template's title: 「{unitName}青年社会组织团建台账」. */
export function templateTitle(unitName?: string): string {
  return `${unitName ?? ''}青年社会组织团建台账`;
}

/** Every column of the template in sheet order. */
export function templateColumns(): TemplateColumn[] {
  return COLUMNS.map((column) => ({
    key: column.key,
    header: column.header,
    required: column.required,
    width: WIDTH_BY_KEY[column.key] ?? WIDTH_BY_KIND[column.kind],
    format: numberFormat(column),
    rule: rule(column),
  }));
}
