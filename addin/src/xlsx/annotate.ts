// Marks a tracking sheet's problems in an exceljs workbook, as the add-in marks them in Excel: filled cells with
// a note, and a 问题清单 sheet listing every finding. The web page's stand-in for marking cells (WPS, no add-in).
import type { Diagnostic, Severity, SheetColumn } from '@tuanjian/shared';
import type ExcelJS from 'exceljs';
import {
  COMMENT_PREFIX,
  cellsFromDiagnostics,
  columnIndexByKey,
  ERROR_FILL,
  type MarkedCell,
  PROBLEMS_HEADERS,
  PROBLEMS_SHEET,
  WARNING_FILL,
} from '../sheet/marks';
import { guardFormulaText } from './formula-guard';

export { PROBLEMS_SHEET } from '../sheet/marks';

/** One line of the 问题清单 sheet. */
export interface LedgerFinding {
  /** The sheet's own row number; null for a problem with the whole sheet. */
  row: number | null;
  /** The column's header as the user sees it; null for a row or sheet problem. */
  header: string | null;
  /** A1 address of the marked cell, when the finding has one. */
  address: string | null;
  severity: Severity;
  message: string;
}

export interface AnnotateResult {
  /** Cells filled (one per marked cell). */
  marked: number;
  /** Cells that got a note (not those already holding someone's note). */
  noted: number;
  /** Earlier marks of this function removed (cells fixed since the last download). */
  cleared: number;
  /** The 问题清单 sheet: written with the findings, removed (nothing left to list), or never there. */
  problemsSheet: 'written' | 'removed' | 'none';
}

/** What an earlier marking left in a workbook: notes of ours on the sheet, and a 问题清单 sheet. */
export interface OldMarks {
  notes: number;
  problemsSheet: boolean;
}

/** The ARGB exceljs wants for the add-in's '#FFC7CE'. */
function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

const ERROR_ARGB = argb(ERROR_FILL);
const WARNING_ARGB = argb(WARNING_FILL);
const HEADER_FILL = 'FFD9E1F2';
const SEVERITY_TEXT: Record<Severity, string> = { error: '错误', warning: '警告' };

function solid(color: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: color } };
}

/**
 * Sets one cell's fill (or removes it). A loaded workbook shares one style object among the cells of a style,
 * so the cell gets its own copy first: setting `cell.fill` would paint every cell sharing it.
 */
function setFill(cell: ExcelJS.Cell, fill: ExcelJS.Fill | null): void {
  const { fill: _old, ...rest } = cell.style;
  cell.style = fill ? { ...rest, fill } : rest;
}

/** The text of a cell's note, whether exceljs holds it as a string or as rich text. */
function noteText(note: ExcelJS.Cell['note'] | undefined): string {
  if (note === undefined) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((run) => run.text).join('');
}

/**
 * exceljs 4.4 cannot remove a note: it lives in the cell's `_comment` and, once the cell was read from a file
 * or written, also in its value's model. Both go.
 */
function removeNote(cell: ExcelJS.Cell): void {
  Reflect.set(cell, '_comment', undefined);
  const value: unknown = Reflect.get(cell, '_value');
  const model: unknown =
    typeof value === 'object' && value !== null ? Reflect.get(value, 'model') : undefined;
  if (typeof model === 'object' && model !== null) Reflect.deleteProperty(model, 'comment');
}

function fillColor(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill;
  return fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
}

/**
 * Removes what an earlier run left on the sheet: notes that start with COMMENT_PREFIX, and the error or
 * warning fill of those cells. People's own notes and fills are left alone.
 */
function clearOldMarks(sheet: ExcelJS.Worksheet): number {
  let cleared = 0;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (!noteText(cell.note).startsWith(COMMENT_PREFIX)) return;
      const color = fillColor(cell);
      if (color === ERROR_ARGB || color === WARNING_ARGB) setFill(cell, null);
      removeNote(cell);
      cleared++;
    });
  });
  return cleared;
}

function problemsSheetOf(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  const wanted = PROBLEMS_SHEET.toLocaleLowerCase();
  return workbook.worksheets.find((sheet) => sheet.name.toLocaleLowerCase() === wanted);
}

/**
 * What an earlier run left in the workbook, so a screen can say a fixed file still carries old marks.
 * @example oldMarks(workbook, '团建台账') // => { notes: 2, problemsSheet: true }
 */
export function oldMarks(workbook: ExcelJS.Workbook, sheetName: string): OldMarks {
  let notes = 0;
  workbook.getWorksheet(sheetName)?.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (noteText(cell.note).startsWith(COMMENT_PREFIX)) notes++;
    });
  });
  return { notes, problemsSheet: problemsSheetOf(workbook) !== undefined };
}

/** A sheet name as a formula names it: quoted, its quotes doubled. */
function quotedSheet(name: string): string {
  return `'${name.replace(/'/gu, "''")}'`;
}

/**
 * A fresh 问题清单 sheet (an old one is replaced at its position), header frozen and filterable, each
 * address a link to its cell, printable one page wide on A4.
 */
function writeProblemsSheet(
  workbook: ExcelJS.Workbook,
  sheetName: string,
  findings: readonly LedgerFinding[],
): void {
  const existing = problemsSheetOf(workbook);
  const position: unknown = existing ? Reflect.get(existing, 'orderNo') : undefined;
  if (existing) workbook.removeWorksheet(existing.id);
  const sheet = workbook.addWorksheet(PROBLEMS_SHEET);
  if (typeof position === 'number') Reflect.set(sheet, 'orderNo', position);

  sheet.columns = [
    { header: PROBLEMS_HEADERS[0], key: 'row', width: 8 },
    { header: PROBLEMS_HEADERS[1], key: 'header', width: 18 },
    { header: PROBLEMS_HEADERS[2], key: 'address', width: 10 },
    { header: PROBLEMS_HEADERS[3], key: 'severity', width: 8 },
    { header: PROBLEMS_HEADERS[4], key: 'message', width: 56 },
  ];
  for (const finding of findings) {
    const row = sheet.addRow({
      row: finding.row,
      header: finding.header ?? (finding.row === null ? `整张表（${sheetName}）` : '整行'),
      address: finding.address,
      severity: SEVERITY_TEXT[finding.severity],
      message: finding.message,
    });
    setFill(row.getCell('severity'), solid(finding.severity === 'error' ? ERROR_ARGB : WARNING_ARGB));
    row.getCell('message').alignment = { wrapText: true, vertical: 'top' };
    // Rows do not grow to wrapped text by themselves everywhere (LibreOffice, WPS): ~30 CJK a line of 说明.
    const lines = Math.ceil(finding.message.length / 30);
    if (lines > 1) row.height = 16 * lines + 2;
    for (const key of ['row', 'header', 'address', 'severity'])
      row.getCell(key).alignment = { vertical: 'top' };
    // The address jumps to its cell (a formula of ours: the address is A1, the sheet name quoted).
    if (finding.address && /^[A-Z]{1,3}\d{1,7}$/u.test(finding.address)) {
      const target = `#${quotedSheet(sheetName)}!${finding.address}`.replace(/"/gu, '""');
      row.getCell('address').value = {
        formula: `HYPERLINK("${target}","${finding.address}")`,
        result: finding.address,
      };
      row.getCell('address').font = { color: { argb: 'FF0563C1' }, underline: true };
    }
  }
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => setFill(cell, solid(HEADER_FILL)));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: 'A1', to: 'E1' };
  guardFormulaText(sheet);
  Object.assign(sheet.pageSetup, {
    paperSize: 9,
    orientation: 'portrait',
    // One page wide (the 说明 column wraps), as many tall as needed, the header on every page.
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
  } satisfies Partial<ExcelJS.PageSetup>);
}

/**
 * Marks `cells` on the sheet `sheetName` — errors light red, warnings yellow, the messages in a note (unless
 * the cell already has someone's note) — after clearing this function's marks of an earlier run, and writes
 * the 问题清单 sheet from `findings`, or removes it when nothing is left to list (the file is clean again).
 * Every other cell and sheet is left as it is.
 * @example
 * const { cells } = cellsFromDiagnostics(1, 1, check.columnIndexByKey, diagnostics);
 * annotateLedger(workbook, { sheetName: '团建台账', cells, findings });
 */
export function annotateLedger(
  workbook: ExcelJS.Workbook,
  options: { sheetName: string; cells: readonly MarkedCell[]; findings: readonly LedgerFinding[] },
): AnnotateResult {
  const sheet = workbook.getWorksheet(options.sheetName);
  if (!sheet) throw new Error(`no sheet named ${options.sheetName}`);
  const cleared = clearOldMarks(sheet);
  let noted = 0;
  for (const marked of options.cells) {
    const cell = sheet.getCell(marked.address);
    setFill(cell, solid(marked.severity === 'error' ? ERROR_ARGB : WARNING_ARGB));
    if (noteText(cell.note) === '') {
      cell.note = `${COMMENT_PREFIX}${marked.messages.join('\n')}`;
      noted++;
    }
  }
  let problemsSheet: AnnotateResult['problemsSheet'] = 'written';
  if (options.findings.length > 0) writeProblemsSheet(workbook, options.sheetName, options.findings);
  else {
    const old = problemsSheetOf(workbook);
    if (old) workbook.removeWorksheet(old.id);
    problemsSheet = old ? 'removed' : 'none';
  }
  return { marked: options.cells.length, noted, cleared, problemsSheet };
}

/**
 * Marks a sheet read from A1 again from its diagnostics (see annotateLedger): what the refresh command does
 * to a file an earlier download marked, so marks of fixed cells and a stale 问题清单 do not stay.
 * @example annotateFromDiagnostics(workbook, { sheetName: '团建台账', columns: read.columns, diagnostics: [] })
 */
export function annotateFromDiagnostics(
  workbook: ExcelJS.Workbook,
  options: { sheetName: string; columns: readonly SheetColumn[]; diagnostics: readonly Diagnostic[] },
): AnnotateResult {
  const { cells } = cellsFromDiagnostics(1, 1, columnIndexByKey(options.columns), options.diagnostics);
  const addressOf = new Map(cells.map((cell) => [`${cell.row}|${cell.column}`, cell.address]));
  const findings = [...options.diagnostics]
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
    .map((diagnostic) => ({
      row: diagnostic.row,
      header: diagnostic.header,
      address: addressOf.get(`${diagnostic.row}|${diagnostic.column}`) ?? null,
      severity: diagnostic.severity,
      message: diagnostic.message,
    }));
  return annotateLedger(workbook, { sheetName: options.sheetName, cells, findings });
}
