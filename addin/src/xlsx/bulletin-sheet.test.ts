// The bulletin sheet as the refresh command and the web page write it, checked in a real .xlsx file read back with exceljs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Bulletin,
  bulletinSheetName,
  formatPercent,
  renderBulletin,
  SOURCE_LABEL,
  type Summary,
  sheetHeader,
  summarize,
} from '@tuanjian/shared';
import { generateDemoDistrict } from '@tuanjian/shared/demo';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DONE_FILL, LAGGING_FILL, LAGGING_FONT, writeBulletinSheet } from './bulletin-sheet';

const folder = mkdtempSync(path.join(tmpdir(), 'tj-bulletin-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const source = { year: 2026, month: 10, issueNumber: null };
let bulletin: Bulletin;
let summary: Summary;

beforeAll(() => {
  const demo = generateDemoDistrict({ year: 2026, throughMonth: 10 });
  const ledger = demo.records.map((record) => ({ ...record, firstReportedAt: '2026-11-02T00:00:00Z' }));
  summary = summarize(ledger, {
    district: demo.district,
    units: demo.units,
    quotas: demo.quotas,
    year: 2026,
    month: 10,
    today: '2026-11-25',
    subsidy: demo.subsidy,
  });
  bulletin = renderBulletin(summary, {
    issueNumber: null,
    date: '2026-11-25',
    issuer: '共青团浦东新区委员会',
  });
});

async function saveAndRead(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const file = path.join(folder, `${Math.random().toString(36).slice(2)}.xlsx`);
  await workbook.xlsx.writeFile(file);
  const read = new ExcelJS.Workbook();
  await read.xlsx.readFile(file);
  return read;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  return cell.fill?.type === 'pattern' ? cell.fill.fgColor?.argb : undefined;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

describe('writeBulletinSheet', () => {
  it('names the sheet as the add-in does', () => {
    expect(bulletinSheetName(source)).toBe('通报2026-10');
    expect(bulletinSheetName({ ...source, issueNumber: 7 })).toBe('通报第7期');
  });

  it('lays out title, issue line, narrative, totals and one table row per unit, printable on A4', async () => {
    const workbook = new ExcelJS.Workbook();
    const result = writeBulletinSheet(workbook, { summary, bulletin }, { source });
    expect(result).toMatchObject({ sheetName: '通报2026-10', replaced: false });
    const sheet = sheetOf(await saveAndRead(workbook), '通报2026-10');

    expect(sheet.getCell('A1').value).toBe('浦东新区青年社会组织团建工作月度通报（2026年10月）');
    expect(sheet.getCell('A1').font).toMatchObject({ bold: true, size: 16 });
    expect(sheet.getCell('I1').isMerged).toBe(true);
    expect(sheet.getCell('A2').value).toBe('实时数据（未发布）');
    expect(sheet.getCell('A3').value).toBe('共青团浦东新区委员会');
    expect(sheet.getCell('F3').value).toBe('2026年11月25日');
    expect(sheet.getCell('A5').value).toBe(bulletin.narrative);
    expect(sheet.getCell('A5').alignment).toMatchObject({ wrapText: true });
    expect(sheet.getCell('A7').value).toBe('一、主要指标');
    expect(sheet.getCell('A8').value).toBe('年度指标合计');
    expect(sheet.getCell('B8').value).toBe(summary.totals.quota);
    expect(sheet.getCell('B8').numFmt).toBe('0"家"');
    expect(sheet.getCell('A10').value).toBe('完成率');
    expect(sheet.getCell('B10').numFmt).toBe('0.0%');
    expect(sheet.getCell('B10').value).toBe(summary.totals.rate);

    const { header, last } = result.unitTableRows;
    expect(sheet.getRow(header).values).toEqual([
      undefined,
      ...bulletin.unitTable.headers.map((cell) => sheetHeader(cell, 10)),
      undefined,
      '单位',
      '完成率',
    ]);
    expect(last - header).toBe(40);
    const units = bulletin.unitTable.rows;
    let lagging = 0;
    let done = 0;
    units.forEach((cells, index) => {
      const row = header + 1 + index;
      expect(sheet.getCell(row, 1).value).toBe(cells[0]);
      const status = sheet.getCell(row, 8);
      if (status.value === '滞后') {
        lagging++;
        expect(fillOf(status)).toBe(LAGGING_FILL);
        expect(status.font?.color?.argb).toBe(LAGGING_FONT);
      } else if (status.value === '已完成') {
        done++;
        expect(fillOf(status)).toBe(DONE_FILL);
      } else {
        expect(fillOf(status)).toBeUndefined();
      }
      expect(sheet.getCell(row, 9).numFmt).toBe('#,##0');
      // Numbers stay numbers: 完成率 a fraction shown as 0.0% (the text the bulletin prints), 时序进度差 signed.
      const rate = sheet.getCell(row, 5);
      if (cells[4] === null) expect(rate.value).toBeNull();
      else {
        expect(typeof rate.value).toBe('number');
        expect(rate.numFmt).toBe('0.0%');
        expect(formatPercent(Number(rate.value))).toBe(cells[4]);
      }
      const gap = sheet.getCell(row, 6);
      expect(gap.value === null || typeof gap.value === 'number').toBe(true);
      if (gap.value !== null) expect(gap.numFmt).toBe('+0.0;-0.0;0.0');
    });
    expect(lagging).toBeGreaterThan(0);
    expect(done).toBeGreaterThan(0);
    expect(sheet.getCell(header, 1).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFD9E1F2' } });
    expect(sheet.getCell(header, 6).value).toBe('较时序进度\n（家）');
    expect(sheet.getCell(header, 9).value).toBe('应拨补贴\n（元）');
    expect(sheet.getRow(header).height).toBe(30);

    // The district total under the units: bold, numbers as numbers in the units' formats.
    const total = sheet.getRow(last + 1);
    expect(total.getCell(1).value).toBe('全区合计');
    expect([2, 3, 4, 5, 6, 9].map((column) => total.getCell(column).value)).toEqual([
      summary.totals.quota,
      summary.totals.newThisMonth,
      summary.totals.counted,
      summary.totals.rate,
      summary.totals.gap,
      summary.totals.subsidy,
    ]);
    expect(total.getCell(5).numFmt).toBe('0.0%');
    expect(total.getCell(1).font).toMatchObject({ bold: true });

    // 完成率 as data bars from 0 to 100%, on the units only.
    // exceljs reads them back into a field its typings leave out.
    const [bars] = Reflect.get(sheet, 'conditionalFormattings') as ExcelJS.ConditionalFormattingOptions[];
    expect(bars?.ref).toBe(`E${header + 1}:E${last}`);
    expect(bars?.rules[0]).toMatchObject({
      type: 'dataBar',
      cfvo: [
        { type: 'num', value: 0 },
        { type: 'num', value: 1 },
      ],
    });

    expect(sheet.getCell(last + 3, 1).value).toBe('三、建团模式与电话抽查');
    expect(sheet.getCell(last + 4, 1).value).toBe('建团模式');
    expect(sheet.getCell(last + 4, 2).value).toBe('10月');
    expect(sheet.getCell(last + 4, 5).value).toBe('抽查');

    expect(sheet.getCell('K1').value).toBe(SOURCE_LABEL);
    expect(sheet.getCell('L1').value).toBe('year=2026;month=10;issue=live');
    expect(sheet.getColumn(11).hidden).toBe(true);
    expect(sheet.getColumn(12).hidden).toBe(true);
    expect(sheet.getColumn(1).width).toBe(20);
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
    });
    expect(sheet.pageSetup.printArea).toMatch(/^A1:I\d+$/);
  });

  it('replaces an existing bulletin sheet at the same position, leaving nothing of the old one', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').getCell('A1').value = '说明';
    const old = workbook.addWorksheet('通报2026-10');
    old.getCell('Z99').value = 'stale';
    old.mergeCells('B20:D22');
    workbook.addWorksheet('团建台账').getCell('A1').value = '组织名称';
    const loaded = await saveAndRead(workbook);

    expect(writeBulletinSheet(loaded, { summary, bulletin }, { source }).replaced).toBe(true);
    const reread = await saveAndRead(loaded);
    expect(reread.worksheets.map((sheet) => sheet.name)).toEqual(['说明', '通报2026-10', '团建台账']);
    const sheet = sheetOf(reread, '通报2026-10');
    expect(sheet.getCell('Z99').value).toBeNull();
    expect(sheet.getCell('C21').isMerged).toBe(false);
    expect(sheet.getCell('A1').value).toBe(bulletin.title);
    expect(sheetOf(reread, '说明').getCell('A1').value).toBe('说明');
    expect(sheetOf(reread, '团建台账').getCell('A1').value).toBe('组织名称');
  });

  it('keeps a tracking sheet laid out like the add-in’s template: table, drop-down, frozen header', async () => {
    const workbook = new ExcelJS.Workbook();
    const ledger = workbook.addWorksheet('团建台账');
    ledger.getCell('A1').value = '青年社会组织团建工作台账';
    ledger.addTable({
      name: 'TuanjianLedger',
      ref: 'A3',
      headerRow: true,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: [
        { name: '组织名称', filterButton: true },
        { name: '组织类型', filterButton: true },
      ],
      rows: [['浦东青年志愿者协会', '社会团体']],
    });
    ledger.getCell('B4').dataValidation = { type: 'list', allowBlank: true, formulae: ['"社会团体,基金会"'] };
    ledger.views = [{ state: 'frozen', ySplit: 3 }];
    const loaded = await saveAndRead(workbook);

    writeBulletinSheet(loaded, { summary, bulletin }, { source });
    const bytes = new Uint8Array(await loaded.xlsx.writeBuffer());
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(bytes.buffer);
    const sheet = sheetOf(reread, '团建台账');
    // exceljs keeps a read table's model under `table` (its typings describe the options instead).
    const TableModelSchema = z.object({ name: z.string(), tableRef: z.string() });
    expect(sheet.getTables()).toHaveLength(1);
    expect(TableModelSchema.parse(Reflect.get(sheet.getTable('TuanjianLedger'), 'table'))).toMatchObject({
      name: 'TuanjianLedger',
      tableRef: 'A3:B4',
    });
    expect(sheet.getCell('B4').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"社会团体,基金会"'],
    });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.getCell('A4').value).toBe('浦东青年志愿者协会');
  });
});
