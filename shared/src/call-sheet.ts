// 电话抽查 call sheet (SPEC §7): the drawn sample as rows for staff to phone, and the filled sheet read back
// as results. One model for the task pane (an Excel sheet) and the web page (an .xlsx file).

import { z } from 'zod';
import { CHECK_RESULTS, type ColumnKey } from './columns';
import { chineseDate, isCalendarDate } from './dates';
import { parseDateCell } from './normalize';
import { type CheckResult, CheckResultSchema, type Diagnostic } from './schemas';

/** One organization of a drawn sample, as POST /spot-checks/sample answers it. */
export interface CallSheetOrg {
  orgKey: string;
  orgName: string;
  establishedOn: string | null;
  leagueOrgType: string | null;
  /** Personal data: only an admin's sample carries it. */
  secretary: string | null;
  phone: string | null;
}

/** POST /spot-checks/sample's answer: the API contract (worker) and the client's parsing are this one schema. */
export const SpotCheckSampleSchema = z.object({
  unitCode: z.string(),
  seed: z.string(),
  population: z.number().int(),
  sample: z.array(
    z.object({
      orgKey: z.string(),
      orgName: z.string(),
      creditCode: z.string().nullable(),
      establishedOn: z.string().nullable(),
      leagueOrgType: z.string().nullable(),
      secretary: z.string().nullable(),
      phone: z.string().nullable(),
      row: z.number().int(),
    }),
  ),
});

/** POST /spot-checks's answer: the checks it recorded, and how many of the request were recorded before. */
export const RecordedSpotChecksSchema = z.object({
  checks: z.array(
    z.object({
      id: z.string(),
      unitCode: z.string(),
      orgKey: z.string(),
      checkedOn: z.string(),
      result: CheckResultSchema,
      note: z.string().nullable(),
      recordedBy: z.string(),
      recordedAt: z.string(),
    }),
  ),
  alreadyRecorded: z.number().int(),
});

export type SpotCheckSample = z.infer<typeof SpotCheckSampleSchema>;

export interface CallSheetUnit {
  unitCode: string;
  unitName: string;
  sample: readonly CallSheetOrg[];
}

type CallField =
  | 'unit'
  | 'orgName'
  | 'leagueOrgType'
  | 'secretary'
  | 'phone'
  | 'establishedOn'
  | 'checkResult'
  | 'checkedOn'
  | 'note'
  | 'unitCode'
  | 'orgKey';

/** The call sheet's columns in order (SPEC §7); the last two identify the organization and are hidden. */
export const CALL_SHEET_COLUMNS: readonly { field: CallField; header: string; width: number }[] = [
  { field: 'unit', header: '单位', width: 110 },
  { field: 'orgName', header: '组织名称', width: 200 },
  { field: 'leagueOrgType', header: '团组织类型', width: 70 },
  { field: 'secretary', header: '团组织书记', width: 70 },
  { field: 'phone', header: '联系电话', width: 100 },
  { field: 'establishedOn', header: '建团时间', width: 80 },
  { field: 'checkResult', header: '抽查结果', width: 70 },
  { field: 'checkedOn', header: '抽查日期', width: 80 },
  { field: 'note', header: '备注', width: 160 },
  { field: 'unitCode', header: '单位代码', width: 60 },
  { field: 'orgKey', header: '组织标识', width: 60 },
];

const COLUMN_OF = new Map(CALL_SHEET_COLUMNS.map((column, index) => [column.field, index]));

function columnIndex(field: CallField): number {
  const index = COLUMN_OF.get(field);
  if (index === undefined) throw new Error(`no call-sheet column ${field}`);
  return index;
}

/** 0-based positions of the columns staff fill in and of the hidden keys, for writers. */
export const CALL_SHEET_INDEX = {
  checkResult: columnIndex('checkResult'),
  checkedOn: columnIndex('checkedOn'),
  note: columnIndex('note'),
  establishedOn: columnIndex('establishedOn'),
  unitCode: columnIndex('unitCode'),
  orgKey: columnIndex('orgKey'),
} as const;

/** Sheet rows: the title, a line on how to fill it in, the header, then one row per organization. */
export const CALL_SHEET_HEADER_ROW = 3;
export const CALL_SHEET_FIRST_DATA_ROW = 4;

/** The sample's seed for a month: the same month, units and size draw the same organizations. */
export function callSheetSeed(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function callSheetName(year: number, month: number): string {
  return `抽查${year}年${month}月`;
}

export type CallSheetCell = string | number | null;

/**
 * The call sheet as rows of cells, from sheet row 1: title, how to fill it in, header, one row per sampled
 * organization (units in the order given). Dates are text in Chinese form; staff type 抽查日期 as a date.
 * @example callSheetRows(2026, 11, [{ unitCode: 'LJZ', unitName: '陆家嘴街道', sample }])
 */
export function callSheetRows(
  year: number,
  month: number,
  units: readonly CallSheetUnit[],
): CallSheetCell[][] {
  const total = units.reduce((sum, unit) => sum + unit.sample.length, 0);
  const width = CALL_SHEET_COLUMNS.length;
  const line = (text: string): CallSheetCell[] => [text, ...Array<CallSheetCell>(width - 1).fill(null)];
  const rows: CallSheetCell[][] = [
    line(`电话抽查表：${year}年${month}月（${units.length}家单位，抽取${total}家组织）`),
    line(
      `逐一电话核实后，在“抽查结果”中选择${CHECK_RESULTS.join('、')}，填写抽查日期，再点“提交抽查结果”。未填抽查结果的行不提交，可下次再填。`,
    ),
    CALL_SHEET_COLUMNS.map((column) => column.header),
  ];
  for (const unit of units) {
    for (const org of unit.sample) {
      rows.push([
        unit.unitName,
        org.orgName,
        org.leagueOrgType,
        org.secretary,
        org.phone,
        org.establishedOn ? chineseDate(org.establishedOn) : null,
        null,
        null,
        null,
        unit.unitCode,
        org.orgKey,
      ]);
    }
  }
  return rows;
}

/** A result read from a filled call sheet, ready for POST /spot-checks. */
export interface CallSheetCheck {
  unitCode: string;
  orgKey: string;
  checkedOn: string;
  result: CheckResult;
  note?: string;
  /** The sheet row it came from (1-based, as Excel shows it). */
  row: number;
}

export interface CallSheetReading {
  checks: CallSheetCheck[];
  /** Rows of the sample whose 抽查结果 is still blank (not phoned yet). */
  pending: number;
  diagnostics: Diagnostic[];
  /** The header row's sheet row number, and each ledger column's 0-based offset from the first value column. */
  headerRow: number;
  columnIndexByKey: Partial<Record<ColumnKey, number>>;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

function problem(
  row: number,
  column: ColumnKey | null,
  header: string | null,
  code: string,
  message: string,
  messageEn: string,
): Diagnostic {
  return { row, column, header, severity: 'error', code, message, messageEn };
}

/** The header row (0-based in `values`) and where each column sits, found by its text in the first rows. */
function findHeader(
  values: readonly (readonly unknown[])[],
): { index: number; at: Map<CallField, number> } | null {
  for (let index = 0; index < Math.min(20, values.length); index++) {
    const at = new Map<CallField, number>();
    (values[index] ?? []).forEach((cell, column) => {
      const found = CALL_SHEET_COLUMNS.find((candidate) => candidate.header === text(cell));
      if (found && !at.has(found.field)) at.set(found.field, column);
    });
    if (at.has('orgKey') && at.has('unitCode') && at.has('checkResult') && at.has('checkedOn'))
      return { index, at };
  }
  return null;
}

function isCheckResult(value: string): value is CheckResult {
  return (CHECK_RESULTS as readonly string[]).includes(value);
}

/**
 * Reads a filled call sheet: `values` are the sheet's cells from sheet row `firstRow` (1-based). Rows whose
 * 抽查结果 is blank are pending; a filled row needs a valid 抽查结果 and a 抽查日期 that is a real day not
 * after `today` (YYYY-MM-DD), else it gets a located diagnostic. Returns null without the call sheet's header.
 */
export function readCallSheet(
  values: readonly (readonly unknown[])[],
  firstRow: number,
  today: string,
): CallSheetReading | null {
  const header = findHeader(values);
  if (!header) return null;
  const cell = (cells: readonly unknown[], field: CallField): unknown => {
    const column = header.at.get(field);
    return column === undefined ? null : cells[column];
  };
  const checks: CallSheetCheck[] = [];
  const diagnostics: Diagnostic[] = [];
  let pending = 0;
  values.slice(header.index + 1).forEach((cells, offset) => {
    const row = firstRow + header.index + 1 + offset;
    const unitCode = text(cell(cells, 'unitCode'));
    const orgKey = text(cell(cells, 'orgKey'));
    if (unitCode === '' || orgKey === '') return;
    const result = text(cell(cells, 'checkResult'));
    const rawDate = cell(cells, 'checkedOn');
    const note = text(cell(cells, 'note'));
    if (result === '') {
      pending++;
      if (text(rawDate) !== '') {
        diagnostics.push({
          ...problem(
            row,
            'checkResult',
            '抽查结果',
            'checkResult.missing',
            '填了抽查日期，但没有选择抽查结果',
            'A check date is filled in but no check result is chosen',
          ),
          severity: 'warning',
        });
      }
      return;
    }
    let ok = isCheckResult(result);
    if (!isCheckResult(result)) {
      diagnostics.push(
        problem(
          row,
          'checkResult',
          '抽查结果',
          'checkResult.invalid',
          `抽查结果“${result}”无效，应为${CHECK_RESULTS.join('、')}之一`,
          `Check result “${result}” is not one of ${CHECK_RESULTS.join(', ')}`,
        ),
      );
    }
    const parsed = parseDateCell(rawDate);
    let checkedOn = '';
    if (text(rawDate) === '') {
      ok = false;
      diagnostics.push(
        problem(
          row,
          'checkedOn',
          '抽查日期',
          'checkedOn.missing',
          '已填抽查结果，请填写抽查日期',
          'A check result needs its check date',
        ),
      );
    } else if (!parsed.ok || !isCalendarDate(parsed.date)) {
      ok = false;
      diagnostics.push(
        problem(
          row,
          'checkedOn',
          '抽查日期',
          'checkedOn.invalid',
          `抽查日期“${text(rawDate)}”不是有效日期，请写成2026-11-20或2026年11月20日`,
          `Check date “${text(rawDate)}” is not a date: write 2026-11-20 or 2026年11月20日`,
        ),
      );
    } else if (parsed.date > today) {
      ok = false;
      diagnostics.push(
        problem(
          row,
          'checkedOn',
          '抽查日期',
          'checkedOn.future',
          `抽查日期${chineseDate(parsed.date)}晚于今天（${chineseDate(today)}）`,
          `Check date ${parsed.date} is after today (${today})`,
        ),
      );
    } else {
      checkedOn = parsed.date;
    }
    if (ok && isCheckResult(result)) {
      checks.push({
        unitCode,
        orgKey,
        checkedOn,
        result,
        ...(note === '' ? {} : { note: note.slice(0, 500) }),
        row,
      });
    }
  });
  const columnIndexByKey: Partial<Record<ColumnKey, number>> = {};
  for (const key of ['checkResult', 'checkedOn', 'note', 'orgName'] as const) {
    const column = header.at.get(key);
    if (column !== undefined) columnIndexByKey[key] = column;
  }
  return { checks, pending, diagnostics, headerRow: firstRow + header.index, columnIndexByKey };
}
