// 工作记录 sheets in the workbook (issue 15): a kind's sheet — 走访记录, 例会记录 or 领导联系 — written with the
// year's records and room for more, and read back as raw values (readCallSheetValues reads any used range).
import { WORK_SHEET_HEADER_ROW, WORK_SHEETS, type WorkSheetCell, type WorkSheetKind } from '@tuanjian/shared';
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

/**
 * Writes `rows` (shared workSheetRows: title, how to fill it in, header, the records) into `sheetName`,
 * created or cleared: headers bold on a fill, the widths of WORK_SHEETS, every column text (`@`) but the
 * date column, frozen under the header; the sheet is activated. Two syncs.
 * @example await writeWorkSheet('visits', workSheetRows('visits', 2026, records, units), '2026年走访记录');
 */
export async function writeWorkSheet(
  kind: WorkSheetKind,
  rows: readonly (readonly WorkSheetCell[])[],
  sheetName: string,
): Promise<WorkSheet> {
  const columns = WORK_SHEETS[kind].columns;
  const records = Math.max(0, rows.length - WORK_SHEET_HEADER_ROW);
  return Excel.run(async (context) => {
    const sheet = await emptySheet(context, sheetName);
    const firstData = WORK_SHEET_HEADER_ROW + 1;
    const height = records + ROOM;
    columns.forEach((column, index) => {
      const letter = columnLetter(index + 1);
      sheet.getRange(`${letter}:${letter}`).format.columnWidth = column.width;
      const format = index === 0 && kind !== 'leaders' ? 'yyyy"年"m"月"d"日"' : '@';
      sheet.getRange(rangeAddress(firstData, index + 1, height, 1)).numberFormat = Array.from(
        { length: height },
        () => [format],
      );
    });
    await writeValues(context, sheet, 1, 1, rows);
    sheet.getRange('A1').format.font.bold = true;
    sheet.getRange('A1').format.font.size = 14;
    sheet.getRange('A2').format.font.color = '#595959';
    const header = sheet.getRange(rangeAddress(WORK_SHEET_HEADER_ROW, 1, 1, columns.length));
    header.format.font.bold = true;
    header.format.fill.color = HEADER_FILL;
    sheet.freezePanes.freezeRows(WORK_SHEET_HEADER_ROW);
    sheet.activate();
    await context.sync();
    return { sheetName, rowCount: records };
  });
}
