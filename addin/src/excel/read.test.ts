import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExcelLayerError } from './errors';
import { READ_CHUNK_CELLS, readActiveSheet, readTable } from './read';
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
