import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXCEL_WEB_REQUEST_LIMIT, excelParse, installFakeExcel, parseAddress } from './fake-excel';

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

describe('the fake Excel host, as Excel reads written strings and sizes requests', () => {
  it('parses strings into formulas, numbers, percentages, dates and booleans unless the cell is text (@)', async () => {
    const excel = installFakeExcel(vi.stubGlobal);
    const texts = ['=1+1', '+2.5', '51.7%', '2026年4月1日', '2026-04-01', '1,234', 'TRUE', "'=1+1", '浦东'];
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange('A1:I1').values = [texts];
      const asText = sheet.getRange('A2:I2');
      asText.numberFormat = [texts.map(() => '@')];
      asText.values = [texts];
      await context.sync();
    });
    const sheet = excel.sheet('Sheet1');
    expect(sheet.valuesOf('A1:I1')).toEqual([
      ['#NAME?', 2.5, 0.517, 46113, 46113, 1234, true, '=1+1', '浦东'],
    ]);
    expect(sheet.formulas.get('1,1')).toBe('=1+1');
    expect(sheet.valuesOf('A2:I2')).toEqual([texts]);
    expect(excelParse('2026年2月30日')).toEqual({ value: '2026年2月30日', formula: null });
  });

  it('sizes each sync’s request and refuses one over Excel on the web’s 5 MB', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { requestLimitBytes: 50_000 });
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange('A1:A100').values = Array.from({ length: 100 }, () => ['四十个字节的中文文本']);
      await context.sync();
    });
    expect(excel.requestBytes).toHaveLength(1);
    expect(excel.maxRequestBytes).toBeGreaterThan(100 * 30);
    expect(excel.maxRequestBytes).toBeLessThan(50_000);
    await expect(
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        for (let row = 1; row <= 500; row++) sheet.getRange(`B${row}`).format.fill.color = '#FFC7CE';
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(EXCEL_WEB_REQUEST_LIMIT).toBe(5_000_000);
  });
});
