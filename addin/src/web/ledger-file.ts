// An .xlsx opened in the web page: which sheet holds the ledger, its check with the shared rules (as the pane
// checks a sheet), and the findings as table rows with their cells.
import {
  COLUMNS,
  type ColumnKey,
  type Diagnostic,
  readTrackingSheet,
  type Severity,
  type Unit,
} from '@tuanjian/shared';
import { qualified, rangeAddress } from '../sheet/address';
import { cellsFromDiagnostics, type MarkedCell } from '../sheet/marks';
import { cellFinder, checkSheet, type SheetCheck } from '../ui/ledger-check';
import type { LedgerFinding } from '../xlsx/annotate';
import { type MergedRange, mergedCellProblems } from '../xlsx/worksheet-values';

/** One sheet of an opened workbook, as Excel's range.values would give it from A1 (see worksheetValues). */
export interface WorkbookSheet {
  name: string;
  values: unknown[][];
  merges: MergedRange[];
  /** Notes an earlier marked download left on this sheet (【团建台账】…). */
  oldNotes?: number;
  /** The workbook holds a 问题清单 sheet from an earlier marked download. */
  problemsSheet?: boolean;
}

/** A finding as the table shows it: the diagnostic, the cell it points at, and where its column sits. */
export interface Finding {
  diagnostic: Diagnostic;
  /** A1 address ('H7'); null for sheet-level problems and columns the sheet lacks. */
  address: string | null;
  /** The column's position in the sheet (-1 for a whole row or sheet), for sorting. */
  columnOrder: number;
}

export type SortKey = 'row' | 'column' | 'severity';

export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

/**
 * The sheet to check first: the first whose values have a tracking-sheet header, else the first sheet; null
 * for a workbook without sheets.
 * @example trackingSheetName([{ name: '说明', … }, { name: '团建台账', … }]) // => '团建台账'
 */
export function trackingSheetName(sheets: readonly WorkbookSheet[]): string | null {
  const withHeader = sheets.find((sheet) => readTrackingSheet(sheet.values).headerRow !== null);
  return (withHeader ?? sheets[0])?.name ?? null;
}

/**
 * Checks a workbook sheet exactly as the pane checks the active sheet (shared reader and rules), plus merged
 * cells in the data, which only a file shows, as sheet problems that block the upload.
 * @example checkWorkbookSheet(sheet, { units, unitCode: 'WF', today: '2026-11-02' }).errorCount
 */
export function checkWorkbookSheet(
  sheet: WorkbookSheet,
  options: { units: Unit[]; unitCode: string | null; today: string },
): SheetCheck {
  const height = sheet.values.length;
  const width = sheet.values.reduce((widest, row) => Math.max(widest, row.length), 1);
  const check = checkSheet(
    {
      sheetName: sheet.name,
      address: qualified(sheet.name, rangeAddress(1, 1, Math.max(1, height), width)),
      firstRow: 1,
      firstColumn: 1,
      values: sheet.values,
    },
    options,
  );
  const merged = mergedCellProblems(sheet.merges, check.read.headerRow);
  if (merged.length === 0) return check;
  return {
    ...check,
    problems: [...check.problems, ...merged],
    errorCount: check.errorCount + merged.length,
    blocked: true,
  };
}

/** The cells to mark for `diagnostics` on the checked sheet (a cell takes its worst severity). */
export function markedCells(check: SheetCheck, diagnostics: readonly Diagnostic[]): MarkedCell[] {
  return cellsFromDiagnostics(check.firstRow, check.firstColumn, check.columnIndexByKey, diagnostics).cells;
}

function columnOrder(check: SheetCheck, column: ColumnKey | null): number {
  if (column === null) return -1;
  return check.columnIndexByKey[column] ?? COLUMNS.length + COLUMNS.findIndex((each) => each.key === column);
}

/**
 * The table rows for `diagnostics` found on the checked sheet, each with the cell it points at.
 * @example findingsOf(check, check.diagnostics).map((finding) => finding.address) // => ['C7', 'H12']
 */
export function findingsOf(check: SheetCheck, diagnostics: readonly Diagnostic[]): Finding[] {
  const addressOf = cellFinder(markedCells(check, diagnostics));
  return diagnostics.map((diagnostic) => ({
    diagnostic,
    address: addressOf(diagnostic),
    columnOrder: columnOrder(check, diagnostic.column),
  }));
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1 };

/**
 * Findings in table order: by row (then column), by column (then row), or errors first (then row); sheet-level
 * problems lead when ascending. The sort is stable, so equal findings keep the rules' order.
 */
export function sortFindings(findings: readonly Finding[], order: SortOrder): Finding[] {
  const byRow = (a: Finding, b: Finding) =>
    (a.diagnostic.row ?? 0) - (b.diagnostic.row ?? 0) || a.columnOrder - b.columnOrder;
  const compare: Record<SortKey, (a: Finding, b: Finding) => number> = {
    row: byRow,
    column: (a, b) => a.columnOrder - b.columnOrder || byRow(a, b),
    severity: (a, b) =>
      SEVERITY_RANK[a.diagnostic.severity] - SEVERITY_RANK[b.diagnostic.severity] || byRow(a, b),
  };
  const sign = order.descending ? -1 : 1;
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => sign * compare[order.key](a.finding, b.finding) || a.index - b.index)
    .map(({ finding }) => finding);
}

/**
 * `a` then the diagnostics of `b` that `a` lacks (same row, column and code): the local check and what the
 * server found, without saying anything twice.
 */
export function mergeDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): Diagnostic[] {
  const key = (diagnostic: Diagnostic) => `${diagnostic.row}|${diagnostic.column}|${diagnostic.code}`;
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((diagnostic) => !seen.has(key(diagnostic)))];
}

/** The lines of the 问题清单 sheet: sheet problems first, then by row and column; messages in zh-CN. */
export function problemLines(findings: readonly Finding[]): LedgerFinding[] {
  return sortFindings(findings, { key: 'row', descending: false }).map(({ diagnostic, address }) => ({
    row: diagnostic.row,
    header: diagnostic.header,
    address,
    severity: diagnostic.severity,
    message: diagnostic.message,
  }));
}
