import type { ReportingDetail } from '@tuanjian/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeReportingSheet } from './reporting';
import { installFakeExcel } from './testing/fake-excel';

afterEach(() => {
  vi.unstubAllGlobals();
});

const reporting: ReportingDetail = {
  year: 2026,
  month: 11,
  deadline: '2026-12-05',
  today: '2026-12-08',
  onTime: ['花木街道'],
  late: ['=1+1'],
  missing: ['高桥镇'],
  units: [
    // Table order; the sheet groups them 按时, 逾期, 未报送.
    {
      unitCode: 'GQ',
      unitName: '高桥镇',
      status: 'missing',
      lastUploadAt: null,
      contact: '王芳',
      phone: '021-5861 0000',
    },
    {
      unitCode: 'HM',
      unitName: '花木街道',
      status: 'onTime',
      lastUploadAt: '2026-12-05T15:59:00.000Z',
      contact: null,
      phone: '13900000000',
    },
    {
      unitCode: 'X',
      unitName: '=1+1',
      status: 'late',
      lastUploadAt: '2026-12-06T01:00:00.000Z',
      contact: null,
      phone: null,
    },
  ],
};

describe('writeReportingSheet', () => {
  it('writes the units grouped by status with upload time and contact, and the 催报 text, in two syncs', async () => {
    const excel = installFakeExcel(vi.stubGlobal);

    const written = await writeReportingSheet(reporting);

    expect(written).toEqual({ sheetName: '2026年11月报送情况', rowCount: 3 });
    expect(excel.syncCount).toBe(2);
    const sheet = excel.sheet('2026年11月报送情况');
    expect(sheet.value('A1')).toBe(
      '2026年11月份台账报送情况（截至2026年12月8日；2026年12月5日及以前上传为按时）',
    );
    expect(sheet.value('A2')).toBe('按时报送1家，逾期报送1家，未报送1家');
    expect(sheet.valuesOf('A4:E7')).toEqual([
      ['单位', '报送情况', '最后上传时间', '联系人', '联系电话'],
      ['花木街道', '按时报送', '2026年12月5日 23:59', '', '13900000000'],
      ['=1+1', '逾期报送', '2026年12月6日 09:00', '', ''],
      ['高桥镇', '未报送', '—', '王芳', '021-5861 0000'],
    ]);
    expect(sheet.value('A9')).toBe('催报');
    expect(sheet.value('A10')).toBe(
      '截至2026年12月8日，以下1家单位尚未报送2026年11月份台账：高桥镇。报送期限（2026年12月5日）已过，请尽快报送。',
    );
    expect(sheet.merges).toContain('A10:E10');
    // Text stays text: the unit named like a formula, and a phone number that looks like a number.
    expect(sheet.formulas.size).toBe(0);
    expect(sheet.format('A6', 'numberFormat')).toBe('@');
    expect(sheet.format('E5', 'numberFormat')).toBe('@');
    expect(sheet.frozenRows).toBe(4);
  });

  it('clears an existing sheet of the month before writing it again', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['2026年11月报送情况'] });
    excel.sheet('2026年11月报送情况').setValues('A20', [['旧内容']]);

    await writeReportingSheet(reporting);

    expect(excel.sheet('2026年11月报送情况').value('A20')).toBe('');
    expect(excel.syncCount).toBe(2);
  });
});
