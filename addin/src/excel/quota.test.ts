import type { Quota, Unit } from '@tuanjian/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readQuotaSheet, writeQuotaSheet } from './quota';
import { installFakeExcel } from './testing/fake-excel';

afterEach(() => {
  vi.unstubAllGlobals();
});

const units: Unit[] = [
  { code: 'huamu', name: '花木街道', kind: '街道', active: true },
  { code: 'zhangjiang', name: '张江镇', kind: '镇', active: true },
  { code: 'jinqiao', name: '金桥经济技术开发区', kind: '园区', active: false },
  { code: 'old', name: '已撤并单位', kind: '其他', active: false },
];
const quotas: Quota[] = [
  { unitCode: 'huamu', year: 2026, quota: 8 },
  { unitCode: 'jinqiao', year: 2026, quota: 3 },
  { unitCode: 'zhangjiang', year: 2025, quota: 6 },
];

describe('writeQuotaSheet', () => {
  it('lists active units and those holding a quota, blank where the year has none, in two syncs', async () => {
    const excel = installFakeExcel(vi.stubGlobal);

    const written = await writeQuotaSheet(units, quotas, 2026);

    expect(written).toEqual({ sheetName: '2026年度指标', rowCount: 3 });
    expect(excel.syncCount).toBe(2);
    const sheet = excel.sheet('2026年度指标');
    expect(sheet.valuesOf('A1:C4')).toEqual([
      ['单位', '年度', '指标'],
      ['花木街道', 2026, 8],
      ['张江镇', 2026, ''],
      ['金桥经济技术开发区', 2026, 3],
    ]);
    expect(sheet.value('A5')).toBe('');
    expect(sheet.validations).toEqual([
      {
        address: 'C2:C4',
        props: {
          rule: { wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } },
          errorAlert: { showAlert: true, style: 'Stop', title: '指标无效', message: '请填写不小于0的整数' },
        },
      },
    ]);
    expect(sheet.frozenRows).toBe(1);
  });

  it('clears an existing quota sheet before writing it again', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['2026年度指标'] });
    excel.sheet('2026年度指标').setValues('A1', [['旧表'], ['旧行1'], ['旧行2'], ['旧行3'], ['旧行4']]);

    await writeQuotaSheet(units.slice(0, 1), quotas, 2026);

    expect(excel.sheet('2026年度指标').valuesOf('A1:A5')).toEqual([['单位'], ['花木街道'], [''], [''], ['']]);
  });

  it.each(['=1+1', '+2.5', '51.7%', '2026年4月1日', '2026-04-01', '1,234', 'TRUE', '007'])(
    'writes a unit named %s as text and reads the same text back',
    async (name) => {
      const excel = installFakeExcel(vi.stubGlobal);
      const named: Unit[] = [{ code: 'odd', name, kind: '其他', active: true }, ...units.slice(0, 1)];

      await writeQuotaSheet(named, quotas, 2026);

      const sheet = excel.sheet('2026年度指标');
      expect(sheet.valuesOf('A2:C3')).toEqual([
        [name, 2026, ''],
        ['花木街道', 2026, 8],
      ]);
      expect(sheet.format('A2', 'numberFormat')).toBe('@');
      expect(sheet.formulas.size).toBe(0);
      // 年度 and 指标 stay numbers, so what an admin types there is a number.
      expect(sheet.format('B2', 'numberFormat')).toBeUndefined();
      expect(sheet.format('C2', 'numberFormat')).toBeUndefined();
      expect((await readQuotaSheet('2026年度指标')).rows[0]).toEqual({
        row: 2,
        unit: name,
        year: 2026,
        quota: '',
      });
    },
  );
});

describe('readQuotaSheet', () => {
  it('reads raw rows under a header found by name, with sheet row numbers, skipping blank rows', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['指标'] });
    excel.sheet('指标').setValues('B2', [
      ['2026年建团指标', '', '', ''],
      ['备注', ' 单位名称 ', '年份', '年度指标'],
      ['', '花木街道', 2026, 8],
      ['', '', '', ''],
      ['', 'zhangjiang', '2026', '六'],
    ]);

    expect(await readQuotaSheet()).toEqual({
      sheetName: '指标',
      rows: [
        { row: 4, unit: '花木街道', year: 2026, quota: 8 },
        { row: 6, unit: 'zhangjiang', year: '2026', quota: '六' },
      ],
    });
  });

  it('round-trips the sheet writeQuotaSheet wrote', async () => {
    installFakeExcel(vi.stubGlobal);
    await writeQuotaSheet(units, quotas, 2026);
    const read = await readQuotaSheet('2026年度指标');
    expect(read.rows).toEqual([
      { row: 2, unit: '花木街道', year: 2026, quota: 8 },
      { row: 3, unit: '张江镇', year: 2026, quota: '' },
      { row: 4, unit: '金桥经济技术开发区', year: 2026, quota: 3 },
    ]);
  });

  it('reports a sheet without a 单位 / 指标 header as HEADER_NOT_FOUND', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['杂项'] });
    excel.sheet('杂项').setValues('A1', [['名称', '数量']]);
    await expect(readQuotaSheet()).rejects.toMatchObject({ code: 'HEADER_NOT_FOUND' });
    await expect(readQuotaSheet('不存在')).rejects.toMatchObject({ code: 'SHEET_NOT_FOUND' });
  });
});
