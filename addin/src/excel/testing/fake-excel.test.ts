import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeExcel, parseAddress } from './fake-excel';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the fake Excel host', () => {
  it('keeps office-addin-mock load semantics: unloaded, then unsynced, then the value', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['数据'] });
    excel.sheet('数据').setValues('B2', [[1, 2]]);
    const seen: unknown[] = [];
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('数据').getRange('B2:C2');
      seen.push(range.values);
      range.load('values');
      seen.push(range.values);
      await context.sync();
      seen.push(range.values);
    });
    expect(seen).toEqual([
      'Error, property was not loaded',
      'Error, context.sync() was not called',
      [[1, 2]],
    ]);
  });

  it('gives collection items only after load and sync', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['甲', '乙'] });
    const names = await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      expect(sheets.items).toBeUndefined();
      await context.sync();
      return sheets.items.map((sheet) => sheet.name);
    });
    expect(names).toEqual(['甲', '乙']);
    expect(excel.syncCount).toBe(1);
  });

  it('records writes into the cell grid and rejects arrays of the wrong shape', async () => {
    const excel = installFakeExcel(vi.stubGlobal);
    await expect(
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        sheet.getRange('A1:B1').values = [['x', 'y']];
        sheet.getRange('A2:B2').values = [['too short']];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(excel.sheet('Sheet1').valuesOf('A1:B1')).toEqual([['x', 'y']]);
  });

  it('parses cell, range and whole-column addresses', () => {
    expect(parseAddress("'通报'!$C$7")).toEqual({ top: 7, left: 3, bottom: 7, right: 3 });
    expect(parseAddress('K:L')).toEqual({ top: 1, left: 11, bottom: 1_048_576, right: 12 });
    expect(parseAddress('A4:P5')).toEqual({ top: 4, left: 1, bottom: 5, right: 16 });
  });
});
