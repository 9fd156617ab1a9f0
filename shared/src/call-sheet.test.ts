import { describe, expect, it } from 'vitest';
import {
  CALL_SHEET_COLUMNS,
  CALL_SHEET_FIRST_DATA_ROW,
  CALL_SHEET_HEADER_ROW,
  CALL_SHEET_INDEX,
  callSheetRows,
  callSheetSeed,
  readCallSheet,
} from './call-sheet';

const sample = [
  {
    orgKey: 'c:91310115MA1K4ABC1X',
    orgName: '浦东青年创业协会',
    establishedOn: '2026-03-12',
    leagueOrgType: '团支部',
    secretary: '王晓',
    phone: '13800000001',
  },
  {
    orgKey: 'n:陆家嘴读书会',
    orgName: '陆家嘴读书会',
    establishedOn: null,
    leagueOrgType: '联合团支部',
    secretary: null,
    phone: null,
  },
];

function filled(rows: (string | number | null)[][], edits: Record<number, [unknown, unknown, unknown]>) {
  return rows.map((cells, index) => {
    const edit = edits[index + 1];
    if (!edit) return cells as unknown[];
    const copy: unknown[] = [...cells];
    copy[CALL_SHEET_INDEX.checkResult] = edit[0];
    copy[CALL_SHEET_INDEX.checkedOn] = edit[1];
    copy[CALL_SHEET_INDEX.note] = edit[2];
    return copy;
  });
}

describe('the call sheet (电话抽查表)', () => {
  it('lays out the title, how to fill it in, the SPEC §7 header and one row per organization', () => {
    const rows = callSheetRows(2026, 11, [{ unitCode: 'LJZ', unitName: '陆家嘴街道', sample }]);
    expect(rows[0]?.[0]).toBe('电话抽查表：2026年11月（1家单位，抽取2家组织）');
    expect(rows[CALL_SHEET_HEADER_ROW - 1]).toEqual(CALL_SHEET_COLUMNS.map((column) => column.header));
    expect(rows[CALL_SHEET_HEADER_ROW - 1]?.slice(0, 9)).toEqual([
      '单位',
      '组织名称',
      '团组织类型',
      '团组织书记',
      '联系电话',
      '建团时间',
      '抽查结果',
      '抽查日期',
      '备注',
    ]);
    expect(rows[CALL_SHEET_FIRST_DATA_ROW - 1]).toEqual([
      '陆家嘴街道',
      '浦东青年创业协会',
      '团支部',
      '王晓',
      '13800000001',
      '2026年3月12日',
      null,
      null,
      null,
      'LJZ',
      'c:91310115MA1K4ABC1X',
    ]);
    expect(rows).toHaveLength(CALL_SHEET_FIRST_DATA_ROW - 1 + sample.length);
    expect(callSheetSeed(2026, 3)).toBe('2026-03');
  });

  it('reads filled rows as checks, leaves blank results pending, and locates every bad cell', () => {
    const rows = callSheetRows(2026, 11, [
      { unitCode: 'LJZ', unitName: '陆家嘴街道', sample: [...sample, ...sample, ...sample] },
    ]);
    const values = filled(rows, {
      4: ['不属实', 46346, '电话核实：已解散'],
      5: ['属实', '2026年11月20日', null],
      6: ['不知道', '2026-11-20', null],
      7: ['属实', null, null],
      8: ['无法联系', '2026-12-25', null],
      9: [null, '2026-11-20', null],
    });
    const reading = readCallSheet(values, 1, '2026-12-01');
    expect(reading?.checks).toEqual([
      {
        unitCode: 'LJZ',
        orgKey: 'c:91310115MA1K4ABC1X',
        checkedOn: '2026-11-20',
        result: '不属实',
        note: '电话核实：已解散',
        row: 4,
      },
      { unitCode: 'LJZ', orgKey: 'n:陆家嘴读书会', checkedOn: '2026-11-20', result: '属实', row: 5 },
    ]);
    expect(reading?.pending).toBe(1);
    expect(reading?.diagnostics.map((d) => [d.row, d.column, d.severity, d.code])).toEqual([
      [6, 'checkResult', 'error', 'checkResult.invalid'],
      [7, 'checkedOn', 'error', 'checkedOn.missing'],
      [8, 'checkedOn', 'error', 'checkedOn.future'],
      [9, 'checkResult', 'warning', 'checkResult.missing'],
    ]);
    expect(reading?.diagnostics[2]?.message).toBe('抽查日期2026年12月25日晚于今天（2026年12月1日）');
    expect(reading?.headerRow).toBe(CALL_SHEET_HEADER_ROW);
    expect(reading?.columnIndexByKey.checkResult).toBe(CALL_SHEET_INDEX.checkResult);
  });

  it('finds the header wherever the sheet starts, and answers null for a sheet that is not a call sheet', () => {
    const rows = callSheetRows(2026, 11, [{ unitCode: 'LJZ', unitName: '陆家嘴街道', sample }]);
    const values = filled(rows, { 4: ['属实', '2026-11-02', null] }).slice(1);
    const reading = readCallSheet(values, 2, '2026-12-01');
    expect(reading?.checks.map((check) => check.row)).toEqual([4]);
    expect(
      readCallSheet(
        [
          ['组织名称', '统一社会信用代码'],
          ['浦东', 'x'],
        ],
        1,
        '2026-12-01',
      ),
    ).toBeNull();
  });
});
