// Form sheets in the workbook (issue 15): a 工作记录 kind's sheet — 走访记录, 例会记录 or 领导联系 — and 活动台账,
// written with their records and room for more, and read back as raw values (readCallSheetValues reads any
// used range).
import {
  ACTIVITY_COLUMNS,
  ACTIVITY_HEADER_ROW,
  WORK_SHEET_HEADER_ROW,
  WORK_SHEETS,
  type WorkSheetCell,
  type WorkSheetKind,
} from '@tuanjian/shared';
import { columnLetter, rangeAddress } from '../sheet/address';
import { emptySheet } from './sheets';
import { writeValues } from './values';

const HEADER_FILL = '#D9E1F2';
/** Rows below the records formatted for filling in: text stays text, dates in the date column. */
const ROOM = 200;

export interface WorkSheet {
  sheetName: string;
  /** Records written (one row each). */
  rowCount: number;
}

/** A form sheet's columns: each one's width (points) and the number format of the rows to fill in. */
export interface FormColumn {
  width: number;
  format: string;
}

const DATE_FORMAT = 'yyyy"年"m"月"d"日"';

/** A 工作记录 kind's columns: the date column (visits, meetings) as a date, every other as text. */
export function workFormColumns(kind: WorkSheetKind): FormColumn[] {
  return WORK_SHEETS[kind].columns.map((column, index) => ({
    width: column.width,
    format: index === 0 && kind !== 'leaders' ? DATE_FORMAT : '@',
  }));
}

/** 活动台账's columns: 活动日期 a date, 服务青年人次 a whole number, every other text. */
export function activityFormColumns(): FormColumn[] {
  return ACTIVITY_COLUMNS.map((column) => ({
    width: column.width,
    format: column.key === 'heldOn' ? DATE_FORMAT : column.key === 'served' ? '0' : '@',
  }));
}

/**
 * Writes `rows` (title, how to fill it in, header on `headerRow`, the records) into `sheetName`, created or
 * cleared: headers bold on a fill, the columns' widths and formats down to ROOM rows below the records,
 * frozen under the header; the sheet is activated. Two syncs. The 工作记录 sheets and 活动台账 use it.
 * @example await writeFormSheet(workFormColumns('visits'), 3, workSheetRows('visits', 2026, records, units), '2026年走访记录');
 */
export async function writeFormSheet(
  columns: readonly FormColumn[],
  headerRow: number,
  rows: readonly (readonly WorkSheetCell[])[],
  sheetName: string,
): Promise<WorkSheet> {
  const records = Math.max(0, rows.length - headerRow);
  return Excel.run(async (context) => {
    const sheet = await emptySheet(context, sheetName);
    const firstData = headerRow + 1;
    const height = records + ROOM;
    columns.forEach((column, index) => {
      const letter = columnLetter(index + 1);
      sheet.getRange(`${letter}:${letter}`).format.columnWidth = column.width;
      sheet.getRange(rangeAddress(firstData, index + 1, height, 1)).numberFormat = Array.from(
        { length: height },
        () => [column.format],
      );
    });
    await writeValues(context, sheet, 1, 1, rows);
    sheet.getRange('A1').format.font.bold = true;
    sheet.getRange('A1').format.font.size = 14;
    sheet.getRange('A2').format.font.color = '#595959';
    const header = sheet.getRange(rangeAddress(headerRow, 1, 1, columns.length));
    header.format.font.bold = true;
    header.format.fill.color = HEADER_FILL;
    sheet.freezePanes.freezeRows(headerRow);
    sheet.activate();
    await context.sync();
    return { sheetName, rowCount: records };
  });
}

/** A 工作记录 kind's sheet (shared workSheetRows) written into `sheetName`. */
export function writeWorkSheet(
  kind: WorkSheetKind,
  rows: readonly (readonly WorkSheetCell[])[],
  sheetName: string,
): Promise<WorkSheet> {
  return writeFormSheet(workFormColumns(kind), WORK_SHEET_HEADER_ROW, rows, sheetName);
}

/** 活动台账 (shared activitySheetRows) written into `sheetName`: the unit's activities and room for more. */
export function writeActivitySheet(
  rows: readonly (readonly WorkSheetCell[])[],
  sheetName: string,
): Promise<WorkSheet> {
  return writeFormSheet(activityFormColumns(), ACTIVITY_HEADER_ROW, rows, sheetName);
}
