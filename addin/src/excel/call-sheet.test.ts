import { CALL_SHEET_FIRST_DATA_ROW, CALL_SHEET_INDEX, callSheetRows, readCallSheet } from '@tuanjian/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { columnLetter } from '../sheet/address';
import { readCallSheetValues, writeCallSheet } from './call-sheet';
import { installFakeExcel } from './testing/fake-excel';

afterEach(() => {
  vi.unstubAllGlobals();
});

function sampleOf(count: number, prefix: string) {
  return Array.from({ length: count }, (_, index) => ({
    orgKey: `n:${prefix}${index}`,
    orgName: index === 0 ? '=1+1' : `${prefix}青年组织${index}`,
    establishedOn: '2026-03-12',
    leagueOrgType: '团支部',
    secretary: '王晓',
    phone: '021-58880001',
  }));
}

const letter = (index: number) => columnLetter(index + 1);

describe('the call sheet in Excel', () => {
  it('writes the sample with a drop-down for 抽查结果, a date column, hidden keys, texts as text, in 2 syncs', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { excelApi: '1.10' });
    const units = [
      { unitCode: 'LJZ', unitName: '陆家嘴街道', sample: sampleOf(3, '陆家嘴') },
      { unitCode: 'HM', unitName: '花木街道', sample: sampleOf(2, '花木') },
    ];
    const written = await writeCallSheet(callSheetRows(2026, 11, units), '抽查2026年11月');
    expect(written).toEqual({ sheetName: '抽查2026年11月', rowCount: 5, syncs: 2 });
    expect(excel.syncCount).toBe(2);
    const sheet = excel.sheet('抽查2026年11月');
    expect(sheet.value(`B${CALL_SHEET_FIRST_DATA_ROW}`)).toBe('=1+1');
    expect(sheet.value(`E${CALL_SHEET_FIRST_DATA_ROW}`)).toBe('021-58880001');
    expect(sheet.value(`F${CALL_SHEET_FIRST_DATA_ROW}`)).toBe('2026年3月12日');
    const results = `${letter(CALL_SHEET_INDEX.checkResult)}${CALL_SHEET_FIRST_DATA_ROW}:${letter(CALL_SHEET_INDEX.checkResult)}${CALL_SHEET_FIRST_DATA_ROW + 4}`;
    expect(sheet.validations.find((validation) => validation.address === results)?.props.rule).toEqual({
      list: { inCellDropDown: true, source: '属实,不属实,无法联系' },
    });
    expect(
      sheet.format(`${letter(CALL_SHEET_INDEX.checkedOn)}${CALL_SHEET_FIRST_DATA_ROW}`, 'numberFormat'),
    ).toBe('yyyy-mm-dd');
    expect(sheet.hiddenColumns).toEqual(
      new Set([CALL_SHEET_INDEX.unitCode + 1, CALL_SHEET_INDEX.orgKey + 1]),
    );
    expect(excel.active.name).toBe('抽查2026年11月');
  });

  it('reads back what staff filled in, in one sync, as checks the API takes', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { excelApi: '1.10' });
    const rows = callSheetRows(2026, 11, [
      { unitCode: 'LJZ', unitName: '陆家嘴街道', sample: sampleOf(3, '陆家嘴') },
    ]);
    await writeCallSheet(rows, '抽查2026年11月');
    const sheet = excel.sheet('抽查2026年11月');
    // Staff pick from the drop-down and type a date (Excel stores the serial), and a note.
    sheet.setValues(`${letter(CALL_SHEET_INDEX.checkResult)}${CALL_SHEET_FIRST_DATA_ROW}`, [
      ['不属实', 46346, '已解散'],
    ]);
    sheet.setValues(`${letter(CALL_SHEET_INDEX.checkResult)}${CALL_SHEET_FIRST_DATA_ROW + 1}`, [
      ['属实', 46346, ''],
    ]);
    const before = excel.syncCount;
    const read = await readCallSheetValues();
    expect(excel.syncCount - before).toBe(1);
    const reading = readCallSheet(read.values, read.firstRow, '2026-12-01');
    expect(reading?.checks).toEqual([
      {
        unitCode: 'LJZ',
        orgKey: 'n:陆家嘴0',
        checkedOn: '2026-11-20',
        result: '不属实',
        note: '已解散',
        row: 4,
      },
      { unitCode: 'LJZ', orgKey: 'n:陆家嘴1', checkedOn: '2026-11-20', result: '属实', row: 5 },
    ]);
    expect(reading?.pending).toBe(1);
  });

  it('rewrites an existing call sheet in place', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { excelApi: '1.10' });
    await writeCallSheet(
      callSheetRows(2026, 11, [{ unitCode: 'LJZ', unitName: '陆家嘴街道', sample: sampleOf(5, 'a') }]),
      '抽查',
    );
    await writeCallSheet(
      callSheetRows(2026, 11, [{ unitCode: 'LJZ', unitName: '陆家嘴街道', sample: sampleOf(2, 'b') }]),
      '抽查',
    );
    const sheet = excel.sheet('抽查');
    expect(sheet.value(`B${CALL_SHEET_FIRST_DATA_ROW + 1}`)).toBe('b青年组织1');
    expect(sheet.value(`B${CALL_SHEET_FIRST_DATA_ROW + 2}`)).toBe('');
    expect(excel.sheets.filter((each) => each.name === '抽查')).toHaveLength(1);
  });
});
