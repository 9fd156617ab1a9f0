// Everything the web page does with exceljs: read an opened .xlsx, make the bulletin and the marked ledger.
// Loaded with a dynamic import the first time a file is opened or made, so the page itself stays small.
import type {
  Bulletin,
  BulletinSource,
  CallSheetCell,
  SheetPlan,
  Summary,
  WorkSheetCell,
  WorkSheetKind,
} from '@tuanjian/shared';
import ExcelJS from 'exceljs';
import type { MarkedCell } from '../sheet/marks';
import { annotateLedger, type LedgerFinding, oldMarks } from '../xlsx/annotate';
import { writeBulletinSheet } from '../xlsx/bulletin-sheet';
import { writeCallSheetXlsx } from '../xlsx/call-sheet';
import { writePlanXlsx } from '../xlsx/subsidy-sheet';
import { writeTemplateSheet } from '../xlsx/template-sheet';
import { writeActivitySheetXlsx, writeWorkSheetXlsx } from '../xlsx/work-sheet';
import { worksheetValues } from '../xlsx/worksheet-values';
import type { WorkbookSheet } from './ledger-file';

/** What a workbook is saved as: a fresh copy of its bytes (exceljs gives a Buffer polyfill in the browser). */
async function save(workbook: ExcelJS.Workbook): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function load(bytes: ArrayBuffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  return workbook;
}

/**
 * Every sheet of an .xlsx as plain values (as Excel's range.values gives them) with its merged ranges, and
 * what an earlier marked download left on it. Rejects when the bytes are not a readable .xlsx.
 */
export async function readWorkbook(bytes: ArrayBuffer): Promise<WorkbookSheet[]> {
  const workbook = await load(bytes);
  return workbook.worksheets.map((sheet) => {
    const marks = oldMarks(workbook, sheet.name);
    return {
      name: sheet.name,
      ...worksheetValues(sheet),
      oldNotes: marks.notes,
      problemsSheet: marks.problemsSheet,
    };
  });
}

/** A workbook holding one bulletin sheet, laid out as the add-in and the refresh command write it. */
export async function bulletinWorkbook(
  figures: { summary: Summary; bulletin: Bulletin },
  source: BulletinSource,
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '团建台账';
  writeBulletinSheet(workbook, figures, { source });
  return save(workbook);
}

/** A workbook holding the blank tracking sheet (团建台账), as the pane's 新建台账模板 lays it out. */
export async function templateWorkbook(unitName?: string): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '团建台账';
  writeTemplateSheet(workbook, unitName ? { unitName } : {});
  return save(workbook);
}

/** A workbook holding the 电话抽查 call sheet (shared callSheetRows), to phone from and submit back. */
export async function callSheetWorkbook(
  rows: readonly (readonly CallSheetCell[])[],
  sheetName: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '团建台账';
  writeCallSheetXlsx(workbook, rows, sheetName);
  return save(workbook);
}

/** A workbook holding a 工作记录 sheet (shared workSheetRows), to fill in and submit back. */
export async function workSheetWorkbook(
  kind: WorkSheetKind,
  rows: readonly (readonly WorkSheetCell[])[],
  sheetName: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '团建台账';
  writeWorkSheetXlsx(workbook, kind, rows, sheetName);
  return save(workbook);
}

/** A workbook holding a unit's 活动台账 sheet (its activities and room for more). */
export async function activitySheetWorkbook(
  rows: readonly (readonly WorkSheetCell[])[],
  sheetName: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '团建台账';
  writeActivitySheetXlsx(workbook, rows, sheetName);
  return save(workbook);
}

/** A workbook holding one sheet per plan (补贴: the year's subsidy ledger, a unit's 拨付明细). */
export async function planWorkbook(plans: readonly SheetPlan[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '团建台账';
  for (const plan of plans) writePlanXlsx(workbook, plan);
  return save(workbook);
}

/** The opened workbook with the problems of `sheetName` marked and listed (see annotateLedger). */
export async function markedLedgerWorkbook(
  bytes: ArrayBuffer,
  options: { sheetName: string; cells: readonly MarkedCell[]; findings: readonly LedgerFinding[] },
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = await load(bytes);
  annotateLedger(workbook, options);
  return save(workbook);
}
