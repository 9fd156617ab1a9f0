import { describe, expect, it } from 'vitest';
import { isoDateToExcelSerial } from './demo';
import { readWorkSheet, WORK_SHEET_HEADER_ROW, workSheetRows } from './work-sheet';

const units = [
  { code: 'LJZ', name: '陆家嘴街道' },
  { code: 'GQ', name: '高桥镇' },
];
const context = { today: '2026-11-20', units };

describe('work record sheets', () => {
  it('writes a kind’s sheet with the year’s records, and reads it back unchanged', () => {
    const visits = [
      {
        visitedOn: '2026-11-19',
        visitors: ['刘洋', '王建华'],
        organizations: ['浦东青年公益社'],
        unitCodes: ['LJZ'],
        notes: '了解需求',
      },
    ];
    const rows = workSheetRows('visits', 2026, { visits }, units);
    expect(rows[0]?.[0]).toBe('2026年走访记录');
    expect(rows[WORK_SHEET_HEADER_ROW - 1]).toEqual([
      '走访日期',
      '走访人',
      '走访组织',
      '走访单位',
      '情况记录',
    ]);
    expect(rows[3]).toEqual(['2026年11月19日', '刘洋、王建华', '浦东青年公益社', '陆家嘴街道', '了解需求']);
    const reading = readWorkSheet(rows, 1, context);
    expect(reading).toMatchObject({ kind: 'visits', visits, diagnostics: [], headerRow: 3, rows: 1 });

    const links = [{ leader: '王建华', title: '团区委书记', unitCodes: ['LJZ', 'GQ'], centre: true }];
    expect(readWorkSheet(workSheetRows('leaders', 2026, { links }, units), 1, context)?.links).toEqual(links);
    const meetings = [{ heldOn: '2026-10-20', attendingUnits: ['GQ'], topics: '部署', decisions: '' }];
    expect(readWorkSheet(workSheetRows('meetings', 2026, { meetings }, units), 1, context)?.meetings).toEqual(
      meetings,
    );
  });

  it('locates each problem by row and column, and keeps only the good rows', () => {
    const values = [
      ['2026年走访记录'],
      ['说明'],
      ['走访日期', '走访人', '走访组织', '走访单位', '情况记录'],
      [isoDateToExcelSerial('2026-11-05'), '刘洋', '彩虹中心', '', ''],
      ['2026/11/21', '刘洋', '', '', ''],
      ['2026年2月30日', '', '', '不存在的镇、高桥镇', ''],
      [null, null, null, null, null],
      ['2026-11-12', '陈静', '', 'GQ', ''],
    ];
    const reading = readWorkSheet(values, 5, context);
    expect(reading?.visits.map((visit) => [visit.visitedOn, visit.unitCodes])).toEqual([
      ['2026-11-05', []],
      ['2026-11-12', ['GQ']],
    ]);
    expect(reading?.diagnostics.map((each) => [each.row, each.header, each.code])).toEqual([
      [9, '走访日期', 'date.future'],
      [10, '走访日期', 'date.invalid'],
      [10, '走访人', 'required'],
      [10, '走访单位', 'unit.unknown'],
    ]);
    expect(reading?.diagnostics[0]?.message).toBe('走访日期2026年11月21日晚于今天（2026年11月20日）');
    expect(reading?.diagnostics[3]?.message).toBe('走访单位中“不存在的镇”不是已有的单位');
    expect(reading?.columnIndexByHeader.get('走访单位')).toBe(3);
    expect(reading?.rows).toBe(4);
  });

  it('reads 全部 as every unit, refuses a leader twice and a 是/否 that is neither', () => {
    const meetings = readWorkSheet(
      [
        ['例会日期', '参会单位', '议题', '议定事项'],
        ['2026-09-15', '全部', '传达要求', ''],
        ['2026-09-16', '', '', ''],
      ],
      1,
      context,
    );
    expect(meetings?.meetings[0]?.attendingUnits).toEqual(['LJZ', 'GQ']);
    expect(meetings?.diagnostics.map((each) => [each.row, each.header])).toEqual([[3, '议题']]);
    const leaders = readWorkSheet(
      [
        ['领导姓名', '职务', '联系单位', '联系支持中心'],
        ['王建华', '书记', '陆家嘴街道', '是'],
        ['王建华', '书记', '高桥镇', '可能'],
      ],
      1,
      context,
    );
    expect(leaders?.diagnostics.map((each) => each.code)).toEqual(['leader.duplicate', 'yesNo.invalid']);
    expect(readWorkSheet([['单位', '组织名称']], 1, context)).toBeNull();
  });
});
