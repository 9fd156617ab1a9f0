import { COLUMNS, parseDateCell } from '@tuanjian/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { columnLetter } from '../sheet/address';
import { ExcelLayerError } from './errors';
import { DATE_1904_OFFSET, isDateFormat, READ_CHUNK_CELLS, readActiveSheet, readTable } from './read';
import { createTrackingTemplate } from './template';
import { installFakeExcel } from './testing/fake-excel';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readActiveSheet', () => {
  it('returns the used range values with their 1-based position', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['台账'] });
    excel.sheet('台账').setValues('B3', [
      ['组织名称', '青年人数'],
      ['浦东青年志愿者协会', 35],
      ['', ''],
      ['陆家嘴金融青年联谊会', 120],
    ]);

    const sheet = await readActiveSheet();

    expect(sheet).toEqual({
      sheetName: '台账',
      address: '台账!B3:C6',
      firstRow: 3,
      firstColumn: 2,
      values: [
        ['组织名称', '青年人数'],
        ['浦东青年志愿者协会', 35],
        ['', ''],
        ['陆家嘴金融青年联谊会', 120],
      ],
    });
    expect(excel.syncCount).toBe(2);
  });

  it('gives an empty sheet as no values at A1', async () => {
    installFakeExcel(vi.stubGlobal, { sheets: ['空白'] });
    expect(await readActiveSheet()).toEqual({
      sheetName: '空白',
      address: "'空白'!A1",
      firstRow: 1,
      firstColumn: 1,
      values: [],
    });
  });

  it('loads a sheet too big for one response in row slices', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['大表'] });
    const rows = Array.from({ length: 10_000 }, (_, index) => [
      `组织${index + 1}`,
      '社会团体',
      index,
      index % 7,
      '已建团',
      45_000 + index,
      '独立建团',
      '团支部',
    ]);
    excel.sheet('大表').setValues('A1', rows);

    const sheet = await readActiveSheet();

    expect(sheet.values).toEqual(rows);
    const slices = Math.ceil(rows.length / Math.floor(READ_CHUNK_CELLS / 8));
    expect(slices).toBeGreaterThan(1);
    expect(excel.syncCount).toBe(1 + slices);
  });
});

describe('the 1904 date system', () => {
  /** A sheet with a date (2011-06-28) as `date1904` Excel holds it, under a date format, beside plain numbers. */
  function ledgerIn(date1904: boolean) {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['台账'], date1904 });
    const serial = 40722 - (date1904 ? DATE_1904_OFFSET : 0);
    const sheet = excel.sheet('台账');
    sheet.setValues('A1', [
      ['组织名称', '青年人数', '建团时间', '抽查日期'],
      ['浦东青年志愿者协会', 35, serial, serial + 0.75],
    ]);
    sheet.setCellFormat({ top: 2, left: 3, bottom: 2, right: 3 }, 'numberFormat', 'yyyy"年"m"月"d"日"');
    sheet.setCellFormat({ top: 2, left: 4, bottom: 2, right: 4 }, 'numberFormat', 'yyyy-mm-dd hh:mm');
    return excel;
  }

  it('reads a 1904 workbook’s date cell as the same calendar date as a 1900 workbook’s, in as many syncs', async () => {
    const excel1900 = ledgerIn(false);
    const in1900 = await readActiveSheet();
    const syncs1900 = excel1900.syncCount;
    const excel1904 = ledgerIn(true);
    const in1904 = await readActiveSheet();

    expect(in1904).toEqual(in1900);
    expect(in1904.values[1]).toEqual(['浦东青年志愿者协会', 35, 40722, 40722.75]);
    expect(parseDateCell(in1904.values[1]?.[2])).toEqual({ ok: true, date: '2011-06-28' });
    expect(excel1904.syncCount).toBe(syncs1900);
  });

  it('moves the dates of a table and of a sheet read in slices too', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { date1904: true });
    await createTrackingTemplate();
    const sheet = excel.sheet('团建台账');
    const established = COLUMNS.findIndex((column) => column.key === 'establishedOn');
    const cell = `${columnLetter(established + 1)}5`;
    sheet.setValues('A5', [['浦东青年志愿者协会']]);
    sheet.setValues(cell, [[40722 - DATE_1904_OFFSET]]);
    expect(sheet.format(cell, 'numberFormat')).toBe('yyyy-mm-dd');

    const table = await readTable('TrackingTable');
    expect(table.values[1]?.[established]).toBe(40722);
    expect(table.values[1]?.[0]).toBe('浦东青年志愿者协会');

    const big = installFakeExcel(vi.stubGlobal, { sheets: ['大表'], date1904: true });
    const rows = Array.from({ length: 8_000 }, (_, index) => [
      `组织${index + 1}`,
      index,
      40722 - DATE_1904_OFFSET,
    ]);
    big.sheet('大表').setValues('A1', rows);
    big.sheet('大表').setCellFormat({ top: 1, left: 3, bottom: 8_000, right: 3 }, 'numberFormat', 'yyyy/m/d');
    const read = await readActiveSheet();
    expect(read.values).toEqual(rows.map(([name, index]) => [name, index, 40722]));
    // 24,000 cells with their formats: two slices of at most READ_CHUNK_CELLS / 2.
    expect(big.syncCount).toBe(3);
  });
});

describe('isDateFormat', () => {
  it('tells date formats from number, text and time formats', () => {
    for (const format of [
      'yyyy-mm-dd',
      'yyyy/m/d',
      'm/d/yyyy',
      'yyyy"年"m"月"d"日"',
      '[$-zh-CN]yyyy年m月d日;@',
      'mmm-yy',
      'yyyy-mm-dd hh:mm',
      'd-mmm',
    ])
      expect(isDateFormat(format), format).toBe(true);
    for (const format of [
      'General',
      '@',
      '0',
      '0.0%',
      '#,##0"元"',
      '0"家"',
      '+0.0;-0.0;0.0',
      'h:mm',
      'mm:ss',
      '[h]:mm',
      'h:mm AM/PM',
      '"day"0',
      null,
    ])
      expect(isDateFormat(format), String(format)).toBe(false);
  });
});

describe('readTable', () => {
  it('reads a table by name from its own sheet, whichever sheet is active', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['说明'] });
    await createTrackingTemplate();
    const sheet = excel.sheet('团建台账');
    sheet.setValues('A5', [['浦东青年志愿者协会']]);
    excel.active = excel.sheet('说明');

    const table = await readTable('TrackingTable');

    expect(table.sheetName).toBe('团建台账');
    expect(table.firstRow).toBe(4);
    expect(table.firstColumn).toBe(1);
    expect(table.values[0]?.[0]).toBe('组织名称');
    expect(table.values[1]?.[0]).toBe('浦东青年志愿者协会');
    expect(table.values).toHaveLength(2);
  });

  it('rejects an unknown table name with TABLE_NOT_FOUND', async () => {
    installFakeExcel(vi.stubGlobal);
    const failure = readTable('NoSuchTable');
    await expect(failure).rejects.toBeInstanceOf(ExcelLayerError);
    await expect(failure).rejects.toMatchObject({ code: 'TABLE_NOT_FOUND' });
  });
});
