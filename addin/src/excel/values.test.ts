import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeExcel } from './testing/fake-excel';
import { writeValues } from './values';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('writeValues', () => {
  it('queues a small block as one range write and no sync', async () => {
    const excel = installFakeExcel(vi.stubGlobal);
    const syncs = await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      const made = await writeValues(context, sheet, 2, 3, [
        ['单位', null],
        ['花木街道', 0.5],
      ]);
      await context.sync();
      return made;
    });
    expect(syncs).toBe(0);
    expect(excel.syncCount).toBe(1);
    expect(excel.sheet('Sheet1').valuesOf('C2:D3')).toEqual([
      ['单位', ''],
      ['花木街道', 0.5],
    ]);
  });

  it('writes text as text (its cells @ before the values), numbers as numbers with their formats', async () => {
    const excel = installFakeExcel(vi.stubGlobal);
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      await writeValues(
        context,
        sheet,
        1,
        1,
        [
          ['=1+1', '+2.5', '51.7%', '2026年4月1日'],
          ['1,234', 'TRUE', 0.517, null],
          ['', 46113, 2.5, true],
        ],
        { formats: [[], [null, null, '0.0%', '0.0%'], ['0.0%', 'yyyy-mm-dd', null, null]] },
      );
      await context.sync();
    });
    const sheet = excel.sheet('Sheet1');
    expect(sheet.valuesOf('A1:D3')).toEqual([
      ['=1+1', '+2.5', '51.7%', '2026年4月1日'],
      ['1,234', 'TRUE', 0.517, ''],
      ['', 46113, 2.5, true],
    ]);
    expect(sheet.formulas.size).toBe(0);
    expect(sheet.format('A1', 'numberFormat')).toBe('@');
    expect(sheet.format('B2', 'numberFormat')).toBe('@');
    expect(sheet.format('C2', 'numberFormat')).toBe('0.0%');
    // An empty cell takes the format given for it, a number its own, none where none is given.
    expect(sheet.format('D2', 'numberFormat')).toBe('0.0%');
    expect(sheet.format('A3', 'numberFormat')).toBe('0.0%');
    expect(sheet.format('B3', 'numberFormat')).toBe('yyyy-mm-dd');
    expect(sheet.format('C3', 'numberFormat')).toBeUndefined();
  });

  it('sends no number formats for a block of numbers without any', async () => {
    const excel = installFakeExcel(vi.stubGlobal);
    await Excel.run(async (context) => {
      await writeValues(context, context.workbook.worksheets.getActiveWorksheet(), 1, 1, [
        [1, 2],
        [3, null],
      ]);
      await context.sync();
    });
    const sheet = excel.sheet('Sheet1');
    expect(sheet.cellFormats.size).toBe(0);
    expect(sheet.valuesOf('A1:B2')).toEqual([
      [1, 2],
      [3, ''],
    ]);
  });

  it('cuts a block over the request budget into row slices, flushing before each would overflow', async () => {
    const excel = installFakeExcel(vi.stubGlobal);
    // ~9.2 MB of JSON: 12,000 rows of 16 cells of 16 CJK characters (3 bytes each in UTF-8).
    const text = '青'.repeat(16);
    const rows = Array.from({ length: 12_000 }, (_, row) =>
      Array.from({ length: 16 }, (_, column) => (column === 0 ? row : text)),
    );
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      const made = await writeValues(context, sheet, 1, 1, rows);
      await context.sync();
      expect(made).toBe(2);
    });
    expect(excel.syncCount).toBe(3);
    // Values and their text formats together stay under Excel on the web's 5 MB in every request.
    expect(excel.maxRequestBytes).toBeLessThan(5_000_000);
    const sheet = excel.sheet('Sheet1');
    expect(sheet.format('B12000', 'numberFormat')).toBe('@');
    expect(sheet.format('A12000', 'numberFormat')).toBeUndefined();
    expect(sheet.valuesOf('A1:A1')).toEqual([[0]]);
    expect(sheet.valuesOf('A12000:B12000')).toEqual([[11_999, text]]);
    expect(sheet.usedBox()).toEqual({ top: 1, left: 1, bottom: 12_000, right: 16 });
  });

  it('rejects a ragged block instead of writing part of it', async () => {
    installFakeExcel(vi.stubGlobal);
    await expect(
      Excel.run(async (context) => {
        await writeValues(context, context.workbook.worksheets.getActiveWorksheet(), 1, 1, [
          ['a', 'b'],
          ['c'],
        ]);
      }),
    ).rejects.toThrow(RangeError);
  });
});
