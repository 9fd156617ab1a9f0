// 补贴 sheets (SPEC §7): the year's subsidy ledger (per-unit totals, then one row per organization with a
// 本次拨付 column to mark payments) and a unit's 拨付明细 for the finance office, as plans of cells and formats
// that the pane (Office.js) and the web page (exceljs) paint alike; and the ledger sheet read back as the
// organizations to pay, with located diagnostics.

import { chineseDate, shanghaiDate } from './dates';
import { parseYesNo } from './normalize';
import type { Diagnostic, SubsidyLedger } from './schemas';

export type SubsidyCell = string | number | null;
type SubsidyItem = SubsidyLedger['organizations'][number];
export type SubsidyStatus = SubsidyItem['status'];

/** The words a sheet and a screen use for a subsidy's state (SPEC §10: one word for one thing). */
export const SUBSIDY_STATUS_LABELS: Readonly<Record<SubsidyStatus, string>> = {
  due: '应拨付',
  paid: '已拨付',
  withheld: '不予拨付',
};
/** 追回: paid, then found 不属实 by a spot check. */
export const RECOVER_LABEL = '应追回';
/** The number format of amounts in yuan, on both painters. */
export const MONEY_FORMAT = '#,##0';
/** What 本次拨付 offers in its drop-down. */
export const PAY_MARK = '是';

/**
 * A sheet as its painters need it: cells from A1 (every row as wide as `columns`), and what to format.
 * Row numbers are the sheet's own (1-based); columns are 0-based indexes into `columns`.
 */
export interface SheetPlan {
  sheetName: string;
  rows: SubsidyCell[][];
  /** Widths in points; hidden columns carry keys the reader needs and never print. */
  columns: { width: number; hidden?: boolean }[];
  /** Grey explanatory lines under the title. */
  noteRows: number[];
  headerRows: number[];
  totalRows: number[];
  /** Amounts in yuan: numbers formatted `#,##0`. */
  money: { column: number; firstRow: number; lastRow: number }[];
  /** Cells centred (dates, states, flags), so they do not run into the amounts beside them. */
  centered: { column: number; firstRow: number; lastRow: number }[];
  /** A column the user fills in: a drop-down of `choices` over the rows, shaded. */
  fillIn: { column: number; firstRow: number; lastRow: number; choices: string[] } | null;
  /** Rows kept in view on screen (0: none) and repeated atop each printed page (null: none). */
  freezeRows: number;
  printTitleRow: number | null;
  /** The printed block: rows 1..lastRow, columns 0..printColumns-1. */
  printColumns: number;
  orientation: 'portrait' | 'landscape';
}

/** The columns of the ledger sheet's organization table; the last two are hidden keys. */
export const SUBSIDY_ORG_HEADERS = [
  '单位',
  '组织名称',
  '建团时间',
  '状态',
  '金额（元）',
  '拨付日期',
  '追回',
  '本次拨付',
  '单位代码',
  '组织标识',
] as const;
const ORG_WIDTHS = [110, 200, 85, 70, 80, 90, 80, 60, 60, 60];
/** The per-unit totals above it, in the same columns. */
export const SUBSIDY_UNIT_HEADERS = [
  '单位',
  '应拨付（家）',
  '应拨付（元）',
  '已拨付（家）',
  '已拨付（元）',
  '不予拨付（家）',
  '不予拨付（元）',
  '应追回（元）',
] as const;
const PAY_COLUMN = SUBSIDY_ORG_HEADERS.indexOf('本次拨付');
const VISIBLE_COLUMNS = PAY_COLUMN + 1;
/** The unit table's header row: under the title, two notes and a blank line. */
export const SUBSIDY_UNIT_HEADER_ROW = 5;

/** 补贴2026年 */
export function subsidySheetName(year: number): string {
  return `补贴${year}年`;
}

/** The sheet name for a unit's 拨付明细, within Excel's 31 characters and without the characters it refuses. */
export function payoutSheetName(year: number, unitName: string): string {
  return `${unitName.replace(/[\\/?*[\]:]/gu, '')}${year}年拨付明细`.slice(0, 31);
}

/** A paid instant (ISO) as the Shanghai day it was paid, in Chinese. */
export function paidDate(paidAt: string | null): string | null {
  return paidAt === null ? null : chineseDate(shanghaiDate(new Date(paidAt)));
}

/** Paid, then found 不属实: the money is to be recovered. */
export function toRecover(item: SubsidyItem): boolean {
  return item.status === 'paid' && item.foundUntrue;
}

function padded(cells: SubsidyCell[], width: number): SubsidyCell[] {
  return [...cells, ...Array<SubsidyCell>(Math.max(0, width - cells.length)).fill(null)];
}

/** The organizations of the ledger in the units' order, then by 建团时间 and name. */
function orderedOrganizations(ledger: SubsidyLedger): SubsidyItem[] {
  const rank = new Map(ledger.units.map((unit, index) => [unit.unitCode, index]));
  return [...ledger.organizations].sort(
    (a, b) =>
      (rank.get(a.unitCode) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b.unitCode) ?? Number.MAX_SAFE_INTEGER) ||
      (a.establishedOn ?? '').localeCompare(b.establishedOn ?? '') ||
      a.orgName.localeCompare(b.orgName, 'zh-CN'),
  );
}

/**
 * The year's subsidy ledger as a sheet: title and notes, each unit's totals (due, paid, withheld and to recover,
 * in organizations and yuan) with a 合计 row, then one row per organization with its state, amount, paid date,
 * 追回 flag and a 本次拨付 drop-down; 单位代码 and 组织标识 hidden for reading the sheet back.
 * @example subsidySheetPlan(await client.subsidies(2026))
 */
export function subsidySheetPlan(ledger: SubsidyLedger): SheetPlan {
  const width = SUBSIDY_ORG_HEADERS.length;
  const line = (text: string) => padded([text], width);
  const organizations = orderedOrganizations(ledger);
  const through =
    ledger.throughMonth === 0
      ? `${ledger.year}年尚未开始`
      : `${ledger.year}年1月至${ledger.throughMonth}月建团的组织`;
  const rows: SubsidyCell[][] = [
    line(`${ledger.year}年青年社会组织建团补贴台账`),
    line(
      `${through}；按市、区两级每家${ledger.perOrganization}元。状态分应拨付、已拨付、不予拨付（抽查不属实）；“追回”为已拨付后经抽查不属实、应追回的补贴。`,
    ),
    line(
      `拨付：在“本次拨付”列选择“${PAY_MARK}”（在任务窗格中也可以选中这些行），再点“拨付预检”，核对后确认；已拨付的组织不会重复拨付。`,
    ),
    line(''),
    padded([...SUBSIDY_UNIT_HEADERS], width),
  ];
  const recoverOf = (unitCode: string) =>
    organizations
      .filter((item) => item.unitCode === unitCode && toRecover(item))
      .reduce((sum, item) => sum + item.amount, 0);
  const unitRows = ledger.units.map((unit) => [
    unit.unitName,
    unit.due,
    unit.dueAmount,
    unit.paid,
    unit.paidAmount,
    unit.withheld,
    unit.withheldAmount,
    recoverOf(unit.unitCode),
  ]);
  const firstUnitRow = SUBSIDY_UNIT_HEADER_ROW + 1;
  for (const cells of unitRows) rows.push(padded(cells, width));
  const unitTotalRow = rows.length + 1;
  const sum = (column: number) => unitRows.reduce((total, cells) => total + Number(cells[column] ?? 0), 0);
  rows.push(padded(['合计', ...[1, 2, 3, 4, 5, 6, 7].map(sum)], width));
  rows.push(line(''));
  const orgHeaderRow = rows.length + 1;
  rows.push([...SUBSIDY_ORG_HEADERS]);
  const unitName = new Map(ledger.units.map((unit) => [unit.unitCode, unit.unitName]));
  for (const item of organizations) {
    rows.push([
      unitName.get(item.unitCode) ?? item.unitCode,
      item.orgName,
      item.establishedOn === null ? null : chineseDate(item.establishedOn),
      SUBSIDY_STATUS_LABELS[item.status],
      item.amount,
      paidDate(item.paidAt),
      toRecover(item) ? RECOVER_LABEL : null,
      null,
      item.unitCode,
      item.orgKey,
    ]);
  }
  const lastOrgRow = rows.length;
  const firstOrgRow = orgHeaderRow + 1;
  const hasOrganizations = lastOrgRow >= firstOrgRow;
  return {
    sheetName: subsidySheetName(ledger.year),
    rows,
    columns: ORG_WIDTHS.map((points, index) =>
      index >= VISIBLE_COLUMNS ? { width: points, hidden: true } : { width: points },
    ),
    noteRows: [2, 3],
    headerRows: [SUBSIDY_UNIT_HEADER_ROW, orgHeaderRow],
    totalRows: [unitTotalRow],
    money: [
      ...[2, 4, 6, 7].map((column) => ({ column, firstRow: firstUnitRow, lastRow: unitTotalRow })),
      ...(hasOrganizations ? [{ column: 4, firstRow: firstOrgRow, lastRow: lastOrgRow }] : []),
    ],
    centered: hasOrganizations
      ? [2, 3, 5, 6, 7].map((column) => ({ column, firstRow: firstOrgRow, lastRow: lastOrgRow }))
      : [],
    fillIn: hasOrganizations
      ? { column: PAY_COLUMN, firstRow: firstOrgRow, lastRow: lastOrgRow, choices: [PAY_MARK] }
      : null,
    freezeRows: 0,
    printTitleRow: null,
    printColumns: VISIBLE_COLUMNS,
    orientation: 'landscape',
  };
}

export const PAYOUT_HEADERS = ['序号', '组织名称', '建团时间', '拨付日期', '金额（元）', '备注'] as const;
const PAYOUT_WIDTHS = [35, 180, 80, 80, 65, 100];
const PAYOUT_HEADER_ROW = 3;

/**
 * A unit's 拨付明细 for the finance office: its organizations paid in the year (by paid date, then name) with
 * amounts, a 合计 row, and lines for the signatures. `today` (YYYY-MM-DD) dates it.
 * @example payoutSheetPlan(ledger, 'HM', '2026-12-02')
 */
export function payoutSheetPlan(ledger: SubsidyLedger, unitCode: string, today: string): SheetPlan {
  const width = PAYOUT_HEADERS.length;
  const unitName = ledger.units.find((unit) => unit.unitCode === unitCode)?.unitName ?? unitCode;
  const paid = ledger.organizations
    .filter((item) => item.unitCode === unitCode && item.status === 'paid')
    .sort(
      (a, b) => (a.paidAt ?? '').localeCompare(b.paidAt ?? '') || a.orgName.localeCompare(b.orgName, 'zh-CN'),
    );
  const total = paid.reduce((sum, item) => sum + item.amount, 0);
  const line = (text: string) => padded([text], width);
  const rows: SubsidyCell[][] = [
    line(`${unitName}${ledger.year}年青年社会组织建团补贴拨付明细`),
    line(`截至${chineseDate(today)}，已拨付${paid.length}家，合计${total}元。`),
    [...PAYOUT_HEADERS],
    ...paid.map((item, index) => [
      index + 1,
      item.orgName,
      item.establishedOn === null ? null : chineseDate(item.establishedOn),
      paidDate(item.paidAt),
      item.amount,
      item.foundUntrue ? '抽查不属实，应追回' : null,
    ]),
  ];
  const totalRow = rows.length + 1;
  rows.push(padded(['合计', `${paid.length}家`, null, null, total], width));
  rows.push(line(''));
  rows.push(line('经办人：　　　　　　　　审核人：　　　　　　　　单位（盖章）：'));
  return {
    sheetName: payoutSheetName(ledger.year, unitName),
    rows,
    columns: PAYOUT_WIDTHS.map((points) => ({ width: points })),
    noteRows: [2],
    headerRows: [PAYOUT_HEADER_ROW],
    totalRows: [totalRow],
    money: [{ column: 4, firstRow: PAYOUT_HEADER_ROW + 1, lastRow: totalRow }],
    centered:
      paid.length === 0
        ? []
        : [0, 2, 3, 5].map((column) => ({ column, firstRow: PAYOUT_HEADER_ROW + 1, lastRow: totalRow - 1 })),
    fillIn: null,
    freezeRows: PAYOUT_HEADER_ROW,
    printTitleRow: PAYOUT_HEADER_ROW,
    printColumns: width,
    orientation: 'portrait',
  };
}

/** An organization chosen on a ledger sheet to be paid. */
export interface SubsidyPick {
  unitCode: string;
  orgKey: string;
  orgName: string;
  /** The sheet row it came from (1-based). */
  row: number;
}

export interface SubsidySheetReading {
  picks: SubsidyPick[];
  /** Organization rows on the sheet (chosen or not). */
  organizations: number;
  /** 'selection': the rows selected in the pane; 'marked': the rows with 本次拨付 = 是. */
  chosenBy: 'selection' | 'marked';
  diagnostics: Diagnostic[];
  /** The organization table's header row, and where 本次拨付 sits (0-based from the first value column). */
  headerRow: number;
  payColumn: number;
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

function findOrgHeader(
  values: readonly (readonly unknown[])[],
): { index: number; at: Map<string, number> } | null {
  for (let index = 0; index < values.length; index++) {
    const at = new Map<string, number>();
    (values[index] ?? []).forEach((cell, column) => {
      const header = text(cell);
      if ((SUBSIDY_ORG_HEADERS as readonly string[]).includes(header) && !at.has(header))
        at.set(header, column);
    });
    if (at.has('组织标识') && at.has('单位代码') && at.has('本次拨付')) return { index, at };
  }
  return null;
}

/** Sheet rows `first` to `last` (1-based, inclusive): one area of the pane's selection. */
export interface RowSpan {
  first: number;
  last: number;
}

/**
 * Reads a ledger sheet (or a 拨付表 made from it) as the organizations to pay: `values` are the sheet's cells
 * from sheet row `firstRow`. With `selectedRows` (the pane's selection: one or several areas, sheet rows), the
 * selected organization rows; otherwise the rows whose 本次拨付 is 是 (√, Y … as the ledger accepts). A 本次拨付 that is neither yes nor
 * no, or a marked row without its hidden keys, gets a located error. Null without the organization table's header.
 */
export function readSubsidySheet(
  values: readonly (readonly unknown[])[],
  firstRow: number,
  selectedRows: RowSpan | readonly RowSpan[] | null = null,
): SubsidySheetReading | null {
  const spans = selectedRows === null ? null : Array.isArray(selectedRows) ? selectedRows : [selectedRows];
  const selected = (row: number) => spans?.some((span) => row >= span.first && row <= span.last) === true;
  const header = findOrgHeader(values);
  if (!header) return null;
  const column = (name: string) => header.at.get(name) ?? -1;
  const payColumn = column('本次拨付');
  const picks: SubsidyPick[] = [];
  const diagnostics: Diagnostic[] = [];
  let organizations = 0;
  values.slice(header.index + 1).forEach((cells, offset) => {
    const row = firstRow + header.index + 1 + offset;
    const unitCode = text(cells[column('单位代码')]);
    const orgKey = text(cells[column('组织标识')]);
    const orgName = text(cells[column('组织名称')]);
    const known = unitCode !== '' && orgKey !== '';
    if (known) organizations++;
    if (spans) {
      if (known && selected(row)) picks.push({ unitCode, orgKey, orgName, row });
      return;
    }
    const mark = cells[payColumn];
    if (text(mark) === '') return;
    const yes = parseYesNo(mark);
    if (yes === null) {
      diagnostics.push({
        row,
        column: null,
        header: '本次拨付',
        severity: 'error',
        code: 'subsidy.payMark',
        message: `本次拨付“${text(mark)}”无效：要拨付请选择“${PAY_MARK}”，否则留空`,
        messageEn: `本次拨付 “${text(mark)}” is not valid: choose “${PAY_MARK}” to pay, or leave it empty`,
      });
      return;
    }
    if (!yes) return;
    if (!known) {
      diagnostics.push({
        row,
        column: null,
        header: '本次拨付',
        severity: 'error',
        code: 'subsidy.unknownRow',
        message: '这一行不是补贴台账中的组织（缺少单位代码或组织标识），不能拨付：请在台账工作表中标记',
        messageEn:
          'This row is not an organization of the subsidy ledger (no unit code or key): mark rows of the ledger sheet',
      });
      return;
    }
    picks.push({ unitCode, orgKey, orgName, row });
  });
  return {
    picks,
    organizations,
    chosenBy: spans ? 'selection' : 'marked',
    diagnostics,
    headerRow: firstRow + header.index,
    payColumn,
  };
}
