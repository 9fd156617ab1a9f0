import { CALL_SHEET_FIRST_DATA_ROW, CALL_SHEET_INDEX, callSheetRows, readCallSheet } from '@tuanjian/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeCallSheetXlsx } from './call-sheet';
import { worksheetValues } from './worksheet-values';

const sample = ['=1+1', '浦东青年创业协会', '陆家嘴读书会'].map((orgName, index) => ({
  orgKey: `n:${orgName}`,
  orgName,
  establishedOn: '2026-03-12',
  leagueOrgType: '团支部',
  secretary: '王晓',
  phone: index === 0 ? '02158880001' : null,
}));

describe('the call sheet as .xlsx', () => {
  it('keeps the drop-down, the date format, texts as text and hidden keys through a save and a reload', async () => {
    const workbook = new ExcelJS.Workbook();
    writeCallSheetXlsx(
      workbook,
      callSheetRows(2026, 11, [{ unitCode: 'LJZ', unitName: '陆家嘴街道', sample }]),
      '抽查2026年11月',
    );
    const reloaded = new ExcelJS.Workbook();
    await reloaded.xlsx.load(await workbook.xlsx.writeBuffer());
    const sheet = reloaded.getWorksheet('抽查2026年11月');
    if (!sheet) throw new Error('no sheet');
    const first = CALL_SHEET_FIRST_DATA_ROW;
    const result = sheet.getRow(first).getCell(CALL_SHEET_INDEX.checkResult + 1);
    expect(result.dataValidation).toMatchObject({ type: 'list', formulae: ['"属实,不属实,无法联系"'] });
    expect(sheet.getRow(first).getCell(CALL_SHEET_INDEX.checkedOn + 1).numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getRow(first).getCell(2).value).toBe('=1+1');
    expect(sheet.getRow(first).getCell(2).numFmt).toBe('@');
    expect(sheet.getRow(first).getCell(5).value).toBe('02158880001');
    expect(sheet.getColumn(CALL_SHEET_INDEX.orgKey + 1).hidden).toBe(true);
    expect(sheet.getColumn(CALL_SHEET_INDEX.checkResult + 1).hidden).toBe(false);

    // Staff fill it in; the page reads it back as the pane does.
    sheet.getRow(first).getCell(CALL_SHEET_INDEX.checkResult + 1).value = '不属实';
    sheet.getRow(first).getCell(CALL_SHEET_INDEX.checkedOn + 1).value = new Date(Date.UTC(2026, 10, 20));
    const values = worksheetValues(sheet);
    const reading = readCallSheet(values.values, 1, '2026-12-01');
    expect(reading?.checks).toEqual([
      { unitCode: 'LJZ', orgKey: 'n:=1+1', checkedOn: '2026-11-20', result: '不属实', row: first },
    ]);
    expect(reading?.pending).toBe(2);
  });
});
