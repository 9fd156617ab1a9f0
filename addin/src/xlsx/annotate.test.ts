// The marked ledger the web page hands back: fills and notes on the bad cells, a 问题清单 sheet, nothing else touched.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { COMMENT_PREFIX, type MarkedCell } from '../sheet/marks';
import { annotateLedger, type LedgerFinding, oldMarks, PROBLEMS_SHEET } from './annotate';

const ERROR_ARGB = 'FFFFC7CE';
const WARNING_ARGB = 'FFFFEB9C';

function ledger(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('说明').getCell('A1').value = '填表说明';
  const sheet = workbook.addWorksheet('团建台账');
  sheet.addRow(['组织名称', '统一社会信用代码', '建团时间']);
  sheet.addRow(['浦东青年志愿者协会', '51310115MJ4985610', '2030-01-15']);
  sheet.addRow(['张江青年创客社', '', '']);
  // Cells of one style share one style object once the file is read back: marking one must not paint the rest.
  for (const address of ['B2', 'B3', 'C2', 'C3']) sheet.getCell(address).numFmt = '@';
  return workbook;
}

async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(await workbook.xlsx.writeBuffer());
  return read;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  return cell.fill?.type === 'pattern' ? cell.fill.fgColor?.argb : undefined;
}

function noteOf(cell: ExcelJS.Cell): string {
  const note = cell.note;
  if (note === undefined) return '';
  return typeof note === 'string' ? note : (note.texts ?? []).map((run) => run.text).join('');
}

const cells: MarkedCell[] = [
  { address: 'B2', row: 2, column: 'creditCode', severity: 'error', messages: ['校验位不正确'] },
  { address: 'C2', row: 2, column: 'establishedOn', severity: 'error', messages: ['建团时间晚于今天'] },
  { address: 'A3', row: 3, column: 'orgName', severity: 'warning', messages: ['名称过短'] },
];
const findings: LedgerFinding[] = [
  { row: null, header: null, address: null, severity: 'warning', message: '未识别的列：备注2' },
  { row: 2, header: '统一社会信用代码', address: 'B2', severity: 'error', message: '校验位不正确' },
  { row: 2, header: '建团时间', address: 'C2', severity: 'error', message: '建团时间晚于今天' },
  { row: 3, header: '组织名称', address: 'A3', severity: 'warning', message: '名称过短' },
];

describe('annotateLedger', () => {
  it('fills the bad cells (errors red, warnings yellow) with a note, and lists every finding', async () => {
    const workbook = await roundTrip(ledger());
    expect(annotateLedger(workbook, { sheetName: '团建台账', cells, findings })).toEqual({
      marked: 3,
      noted: 3,
      cleared: 0,
      problemsSheet: 'written',
    });
    const read = await roundTrip(workbook);
    const sheet = sheetOf(read, '团建台账');
    expect(fillOf(sheet.getCell('B2'))).toBe(ERROR_ARGB);
    expect(fillOf(sheet.getCell('C2'))).toBe(ERROR_ARGB);
    expect(fillOf(sheet.getCell('A3'))).toBe(WARNING_ARGB);
    expect(fillOf(sheet.getCell('A2'))).toBeUndefined();
    expect(fillOf(sheet.getCell('B3'))).toBeUndefined();
    expect(sheet.getCell('B3').numFmt).toBe('@');
    expect(noteOf(sheet.getCell('C2'))).toBe(`${COMMENT_PREFIX}建团时间晚于今天`);
    expect(sheet.getCell('B2').value).toBe('51310115MJ4985610');

    expect(read.worksheets.map((each) => each.name)).toEqual(['说明', '团建台账', PROBLEMS_SHEET]);
    const problems = sheetOf(read, PROBLEMS_SHEET);
    expect(problems.getRow(1).values).toEqual([undefined, '行', '列', '单元格', '级别', '说明']);
    expect(problems.getRow(2).values).toEqual([
      undefined,
      undefined,
      '整张表（团建台账）',
      undefined,
      '警告',
      '未识别的列：备注2',
    ]);
    expect(problems.getRow(3).values).toEqual([
      undefined,
      2,
      '统一社会信用代码',
      // The address links to its cell.
      { formula: `HYPERLINK("#'团建台账'!B2","B2")`, result: 'B2' },
      '错误',
      '校验位不正确',
    ]);
    expect(fillOf(problems.getCell('D3'))).toBe(ERROR_ARGB);
    expect(problems.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // Printed one page wide on A4, the header repeated.
    expect(problems.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    });
    expect(oldMarks(read, '团建台账')).toEqual({ notes: 3, problemsSheet: true });
  });

  it('clears its own marks of an earlier run, keeps people’s notes, and replaces the 问题清单 sheet', async () => {
    const workbook = ledger();
    const sheet = sheetOf(workbook, '团建台账');
    sheet.getCell('A2').note = '负责人：王老师';
    annotateLedger(workbook, { sheetName: '团建台账', cells, findings });
    const fixed = await roundTrip(workbook);
    // B2 and A3 were fixed in WPS; C2 is still wrong; A2 now has a problem but keeps its own note.
    const again = annotateLedger(fixed, {
      sheetName: '团建台账',
      cells: [
        { address: 'C2', row: 2, column: 'establishedOn', severity: 'error', messages: ['建团时间晚于今天'] },
        { address: 'A2', row: 2, column: 'orgName', severity: 'warning', messages: ['名称重复'] },
      ],
      findings: [],
    });
    expect(again).toEqual({ marked: 2, noted: 1, cleared: 3, problemsSheet: 'removed' });
    const read = await roundTrip(fixed);
    const marked = sheetOf(read, '团建台账');
    expect(fillOf(marked.getCell('B2'))).toBeUndefined();
    expect(noteOf(marked.getCell('B2'))).toBe('');
    expect(fillOf(marked.getCell('A3'))).toBeUndefined();
    expect(fillOf(marked.getCell('C2'))).toBe(ERROR_ARGB);
    expect(fillOf(marked.getCell('A2'))).toBe(WARNING_ARGB);
    expect(noteOf(marked.getCell('A2'))).toBe('负责人：王老师');
    // Nothing left to list: the 问题清单 sheet goes.
    expect(read.worksheets.map((each) => each.name)).toEqual(['说明', '团建台账']);
    expect(oldMarks(read, '团建台账')).toEqual({ notes: 1, problemsSheet: false });

    // Everything fixed: no mark and no 问题清单 is left, people's notes stay.
    const clean = annotateLedger(read, { sheetName: '团建台账', cells: [], findings: [] });
    expect(clean).toEqual({ marked: 0, noted: 0, cleared: 1, problemsSheet: 'none' });
    const cleaned = await roundTrip(read);
    expect(oldMarks(cleaned, '团建台账')).toEqual({ notes: 0, problemsSheet: false });
    expect(fillOf(sheetOf(cleaned, '团建台账').getCell('C2'))).toBeUndefined();
    expect(noteOf(sheetOf(cleaned, '团建台账').getCell('A2'))).toBe('负责人：王老师');
  });

  it('links an address on a sheet whose name has a quote', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("王'S 台账").addRow(['组织名称']);
    annotateLedger(workbook, {
      sheetName: "王'S 台账",
      cells: [],
      findings: [{ row: 2, header: '组织名称', address: 'A2', severity: 'error', message: '必填' }],
    });
    const read = await roundTrip(workbook);
    expect(sheetOf(read, PROBLEMS_SHEET).getCell('C2').value).toEqual({
      formula: `HYPERLINK("#'王''S 台账'!A2","A2")`,
      result: 'A2',
    });
  });
});
