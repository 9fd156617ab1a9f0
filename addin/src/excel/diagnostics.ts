// Marks diagnosed cells in the sheet (fill colour, and a comment where ExcelApi 1.10 allows) and clears old marks.
// Which cells and how they look is pure (sheet/marks.ts); this module only paints them.
import type { ColumnKey, Diagnostic } from '@tuanjian/shared';
import { qualified } from '../sheet/address';
import {
  COMMENT_PREFIX,
  cellsFromDiagnostics,
  ERROR_FILL,
  type MarkedCell,
  WARNING_FILL,
} from '../sheet/marks';
import { ExcelLayerError, isItemNotFound } from './errors';
import { supportsExcelApi } from './requirements';

/** Workbook setting recording which cells carry marks, per sheet: { [sheetName]: ['C7', …] }. */
export const MARKS_SETTING = 'tuanjian.diagnosticMarks';

export interface MarkResult {
  sheetName: string;
  /** One entry per marked cell, in sheet order (row, then column): the pane's jump list. */
  cells: MarkedCell[];
  /** Cells that got a comment (0 where comments are unsupported or the cell already had someone's comment). */
  commented: number;
  /** Diagnostics with no cell to mark (sheet-level, or a column missing from the sheet). */
  unplaced: Diagnostic[];
}

type MarksRecord = Record<string, string[]>;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** The stored record, or an empty one when there is none or it is not in the shape this code writes. */
function parseMarksRecord(value: unknown): MarksRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const record: MarksRecord = {};
  for (const [sheetName, addresses] of Object.entries(value)) {
    if (isStringArray(addresses)) record[sheetName] = addresses;
  }
  return record;
}

/** The cell address part of 'Sheet'!C7 or Sheet!$C$7, upper-cased and without $. */
function localAddress(address: string): string {
  const bang = address.lastIndexOf('!');
  return address
    .slice(bang + 1)
    .replace(/\$/g, '')
    .toUpperCase();
}

/**
 * Replaces the add-in's marks on `sheetName` with `cells`: at most three syncs whatever the count
 * (read the record and comments; locate other people's comments, only when there are any; write).
 */
async function replaceMarks(sheetName: string, cells: readonly MarkedCell[]): Promise<number> {
  const withComments = supportsExcelApi('1.10');
  try {
    return await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      const stored = context.workbook.settings.getItemOrNullObject(MARKS_SETTING);
      stored.load('value');
      const comments = withComments ? sheet.comments : null;
      comments?.load('items/content');
      await context.sync();

      const record = stored.isNullObject ? {} : parseMarksRecord(stored.value);
      const ours = comments?.items.filter((comment) => comment.content.startsWith(COMMENT_PREFIX)) ?? [];
      const others = comments?.items.filter((comment) => !comment.content.startsWith(COMMENT_PREFIX)) ?? [];
      const occupied = new Set<string>();
      if (others.length > 0) {
        const locations = others.map((comment) => comment.getLocation().load('address'));
        await context.sync();
        for (const location of locations) occupied.add(localAddress(location.address));
      }

      for (const address of record[sheetName] ?? []) sheet.getRange(address).format.fill.clear();
      for (const comment of ours) comment.delete();
      let commented = 0;
      for (const cell of cells) {
        sheet.getRange(cell.address).format.fill.color =
          cell.severity === 'error' ? ERROR_FILL : WARNING_FILL;
        if (withComments && !occupied.has(cell.address)) {
          context.workbook.comments.add(
            qualified(sheetName, cell.address),
            `${COMMENT_PREFIX}${cell.messages.join('\n')}`,
          );
          commented++;
        }
      }
      const next: MarksRecord = { ...record, [sheetName]: cells.map((cell) => cell.address) };
      if (cells.length === 0) delete next[sheetName];
      context.workbook.settings.add(MARKS_SETTING, next);
      await context.sync();
      return commented;
    });
  } catch (error) {
    if (isItemNotFound(error)) {
      throw new ExcelLayerError('SHEET_NOT_FOUND', `找不到工作表“${sheetName}”`, { cause: error });
    }
    throw error;
  }
}

/**
 * Marks every diagnosed cell — errors light red, warnings yellow, the messages in a comment — after removing
 * the marks of the previous run on that sheet. `columnIndexByKey` gives each column's offset within the
 * values that were read (0 = the column at `firstColumn`); rows are the sheet's own row numbers.
 * @example
 * const { cells } = await markDiagnostics(sheet.sheetName, sheet.firstRow, sheet.firstColumn, columns, diagnostics);
 */
export async function markDiagnostics(
  sheetName: string,
  firstRow: number,
  firstColumn: number,
  columnIndexByKey: Partial<Record<ColumnKey, number>>,
  diagnostics: readonly Diagnostic[],
): Promise<MarkResult> {
  const { cells, unplaced } = cellsFromDiagnostics(firstRow, firstColumn, columnIndexByKey, diagnostics);
  const commented = await replaceMarks(sheetName, cells);
  return { sheetName, cells, commented, unplaced };
}

/** Removes the add-in's fills and comments from `sheetName` (the cells of the last markDiagnostics run). */
export async function clearDiagnostics(sheetName: string): Promise<void> {
  await replaceMarks(sheetName, []);
}

/** Shows a cell: activates its sheet and selects it (the pane's jump list). */
export async function selectCell(sheetName: string, address: string): Promise<void> {
  try {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(address).select();
      await context.sync();
    });
  } catch (error) {
    if (isItemNotFound(error)) {
      throw new ExcelLayerError('SHEET_NOT_FOUND', `找不到工作表“${sheetName}”`, { cause: error });
    }
    throw error;
  }
}
