// Writes a month's 报送情况 as a sheet: each unit on time, late or missing with its last upload and
// contact, grouped as the 报送 tab shows them, and the 催报 text under the table to copy from.
import { chineseDate, chineseDateTime, type ReportingDetail, reminderText } from '@tuanjian/shared';
import { emptySheet } from './sheets';
import { type CellInput, writeValues } from './values';

export const REPORTING_HEADERS = ['单位', '报送情况', '最后上传时间', '联系人', '联系电话'] as const;
const STATUS_LABELS = { onTime: '按时报送', late: '逾期报送', missing: '未报送' } as const;
const STATUS_ORDER = ['onTime', 'late', 'missing'] as const;
/** The header row: under the title and the counts. */
const HEADER_ROW = 4;

/** Default sheet name for a month's reporting: 2026年11月报送情况. */
export function reportingSheetName(year: number, month: number): string {
  return `${year}年${month}月报送情况`;
}

/**
 * Writes (or clears and rewrites) the month's 报送情况 sheet. Every cell is text, written as text
 * (a unit named '=1+1' or a phone '021-5861 0000' stays as written). Two syncs.
 * @example
 * await writeReportingSheet(await client.reporting(2026, 11));
 */
export async function writeReportingSheet(
  reporting: ReportingDetail,
  options: { sheetName?: string } = {},
): Promise<{ sheetName: string; rowCount: number }> {
  const sheetName = options.sheetName ?? reportingSheetName(reporting.year, reporting.month);
  const units = STATUS_ORDER.flatMap((status) => reporting.units.filter((unit) => unit.status === status));
  const count = (status: (typeof STATUS_ORDER)[number]) => reporting[status].length;
  const rows: CellInput[][] = [
    [
      `${reporting.year}年${reporting.month}月份台账报送情况（截至${chineseDate(reporting.today)}；` +
        `${chineseDate(reporting.deadline)}及以前上传为按时）`,
    ],
    [`按时报送${count('onTime')}家，逾期报送${count('late')}家，未报送${count('missing')}家`],
    [null],
    [...REPORTING_HEADERS],
    ...units.map((unit) => [
      unit.unitName,
      STATUS_LABELS[unit.status],
      unit.lastUploadAt === null ? '—' : chineseDateTime(unit.lastUploadAt),
      unit.contact ?? '',
      unit.phone ?? '',
    ]),
    [null],
    ['催报'],
    [reminderText(reporting)],
  ];
  // Every row as wide as the table, so the block is one rectangle.
  const block = rows.map((cells) => [
    ...cells,
    ...Array<CellInput>(REPORTING_HEADERS.length - cells.length).fill(null),
  ]);
  return Excel.run(async (context) => {
    const sheet = await emptySheet(context, sheetName);
    await writeValues(context, sheet, 1, 1, block);
    sheet.getRange('A1').format.font.bold = true;
    sheet.getRange('A1').format.font.size = 14;
    const header = sheet.getRange(`A${HEADER_ROW}:E${HEADER_ROW}`);
    header.format.font.bold = true;
    header.format.fill.color = '#D9E1F2';
    const reminderRow = HEADER_ROW + units.length + 3;
    sheet.getRange(`A${reminderRow - 1}`).format.font.bold = true;
    const reminder = sheet.getRange(`A${reminderRow}:E${reminderRow}`);
    reminder.merge(false);
    reminder.format.wrapText = true;
    reminder.format.rowHeight = 60;
    sheet.getRange('A:A').format.columnWidth = 140;
    sheet.getRange('B:B').format.columnWidth = 70;
    sheet.getRange('C:C').format.columnWidth = 130;
    sheet.getRange('D:E').format.columnWidth = 90;
    sheet.freezePanes.freezeRows(HEADER_ROW);
    sheet.activate();
    await context.sync();
    return { sheetName, rowCount: units.length };
  });
}
