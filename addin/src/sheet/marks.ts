// Which cells a list of diagnostics marks, and how a mark looks (fills, comment prefix): pure, shared by
// the Excel painter (excel/diagnostics.ts) and the .xlsx annotator (xlsx/annotate.ts).
import type { ColumnKey, Diagnostic, Severity, SheetColumn } from '@tuanjian/shared';
import { cellAddress } from './address';

export const ERROR_FILL = '#FFC7CE';
export const WARNING_FILL = '#FFEB9C';
/** Starts every comment the add-in writes, so it can find and remove its own and leave people's alone. */
export const COMMENT_PREFIX = '【团建台账】';
/** The sheet the web page's marked download lists its findings in, and that sheet's header. */
export const PROBLEMS_SHEET = '问题清单';
export const PROBLEMS_HEADERS = ['行', '列', '单元格', '级别', '说明'] as const;
export interface MarkedCell {
  /** A1 address on the marked sheet, e.g. 'C7'. */
  address: string;
  row: number;
  /** The diagnosed column; null for a problem with the whole row (marked on its first cell). */
  column: ColumnKey | null;
  /** The worst severity among the cell's diagnostics. */
  severity: Severity;
  /** zh-CN messages, one per diagnostic, in input order. */
  messages: string[];
}

/** Where each recognized column sits, counted from the sheet's first column (0-based). */
export function columnIndexByKey(columns: readonly SheetColumn[]): Partial<Record<ColumnKey, number>> {
  const index: Partial<Record<ColumnKey, number>> = {};
  for (const column of columns) index[column.key] = column.index;
  return index;
}

/** Groups diagnostics by the cell they point at; a cell takes the worst severity of its diagnostics. */
export function cellsFromDiagnostics(
  firstRow: number,
  firstColumn: number,
  columnIndexByKey: Partial<Record<ColumnKey, number>>,
  diagnostics: readonly Diagnostic[],
  /** For sheets whose columns are not the ledger's (工作记录): a diagnostic without a column, by its header. */
  columnIndexByHeader: ReadonlyMap<string, number> = new Map(),
): { cells: MarkedCell[]; unplaced: Diagnostic[] } {
  const byAddress = new Map<string, MarkedCell & { sheetColumn: number }>();
  const unplaced: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const offset =
      diagnostic.column === null
        ? (columnIndexByHeader.get(diagnostic.header ?? '') ?? 0)
        : columnIndexByKey[diagnostic.column];
    if (diagnostic.row === null || diagnostic.row < firstRow || offset === undefined) {
      unplaced.push(diagnostic);
      continue;
    }
    const sheetColumn = firstColumn + offset;
    const address = cellAddress(diagnostic.row, sheetColumn);
    const cell = byAddress.get(address);
    if (cell) {
      cell.messages.push(diagnostic.message);
      if (diagnostic.severity === 'error') cell.severity = 'error';
    } else {
      byAddress.set(address, {
        address,
        row: diagnostic.row,
        column: diagnostic.column,
        severity: diagnostic.severity,
        messages: [diagnostic.message],
        sheetColumn,
      });
    }
  }
  const cells = [...byAddress.values()]
    .sort((a, b) => a.row - b.row || a.sheetColumn - b.sheetColumn)
    .map(({ sheetColumn: _, ...cell }) => cell);
  return { cells, unplaced };
}
