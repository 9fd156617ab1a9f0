// Checks a read sheet with the shared rules (the same the server runs) and indexes the findings for the pane.
import {
  type ColumnKey,
  type Diagnostic,
  hasErrors,
  readTrackingSheet,
  resolveUnit,
  type SheetReadResult,
  type SheetRow,
  type Unit,
  validateRows,
} from '@tuanjian/shared';
import type { MarkedCell, SheetValues } from '../excel';
import { columnIndexByKey } from '../sheet/marks';

export interface SheetCheck {
  sheetName: string;
  firstRow: number;
  firstColumn: number;
  read: SheetReadResult;
  /** The unit the rows were checked for: the token's, the admin's choice, or the one the sheet names most. */
  unitCode: string | null;
  /** Each recognized column's offset within the read values, for marking cells. */
  columnIndexByKey: Partial<Record<ColumnKey, number>>;
  /** Findings in the data, one per cell and rule, in sheet order. */
  diagnostics: Diagnostic[];
  /** Findings about the sheet itself (no header, missing or repeated columns), shown apart. */
  problems: Diagnostic[];
  /** Rows that became records (no errors). */
  validRows: number;
  errorCount: number;
  warningCount: number;
  /** True when no unit could be settled on (an admin with a sheet naming no known unit). */
  unitMissing: boolean;
  /** Errors, a sheet problem that is an error, or no unit: nothing may be uploaded. */
  blocked: boolean;
}

/**
 * The unit most rows name in 所属单位 (by name or code), or null when none names a known unit.
 * @example guessUnitCode([{ row: 4, cells: { unit: '花木街道' } }], units) // => 'HM'
 */
export function guessUnitCode(rows: readonly SheetRow[], units: Unit[]): string | null {
  const tally = new Map<string, number>();
  for (const row of rows) {
    const cell = row.cells.unit;
    if (typeof cell !== 'string' && typeof cell !== 'number') continue;
    const unit = resolveUnit(String(cell), units);
    if (unit) tally.set(unit.code, (tally.get(unit.code) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [code, count] of tally) {
    if (count > bestCount) {
      best = code;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Reads and validates a sheet's values exactly as an upload would be validated on the server.
 * @example
 * const check = checkSheet(await readActiveSheet(), { units, unitCode: me.unitCode, today: '2026-05-15' });
 */
export function checkSheet(
  sheet: SheetValues,
  options: { units: Unit[]; unitCode: string | null; today: string },
): SheetCheck {
  const read = readTrackingSheet(sheet.values, { firstRow: sheet.firstRow });
  const unitCode = options.unitCode ?? guessUnitCode(read.rows, options.units);
  const { records, diagnostics } = validateRows(read.rows, {
    units: options.units,
    uploaderUnitCode: unitCode,
    today: options.today,
  });
  const all = [...read.problems, ...diagnostics];
  const errorCount = all.filter((diagnostic) => diagnostic.severity === 'error').length;
  const unitMissing = unitCode === null && read.rows.length > 0;
  return {
    sheetName: sheet.sheetName,
    firstRow: sheet.firstRow,
    firstColumn: sheet.firstColumn,
    read,
    unitCode,
    columnIndexByKey: columnIndexByKey(read.columns),
    diagnostics,
    problems: read.problems,
    validRows: records.length,
    errorCount,
    warningCount: all.length - errorCount,
    unitMissing,
    blocked: hasErrors(all) || unitMissing || read.headerRow === null,
  };
}

/** Finds the marked cell of a diagnostic (by row and column), for the jump list. */
export function cellFinder(cells: readonly MarkedCell[]): (diagnostic: Diagnostic) => string | null {
  const byKey = new Map(cells.map((cell) => [`${cell.row}:${cell.column ?? ''}`, cell.address]));
  return (diagnostic) =>
    diagnostic.row === null ? null : (byKey.get(`${diagnostic.row}:${diagnostic.column ?? ''}`) ?? null);
}

/** Whether two reads of a sheet hold the same rows (same row numbers, same normalized cells). */
export function sameRows(a: readonly SheetRow[], b: readonly SheetRow[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
