import type { Unit } from '@tuanjian/shared';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../ui/i18n';
import { parseQuotaRows } from './quota-rows';

const units: Unit[] = [
  { code: 'HM', name: '花木街道', kind: '街道', active: true },
  { code: 'ZJ', name: '张江镇', kind: '镇', active: true },
  { code: 'LJZ', name: '陆家嘴街道', kind: '街道', active: true },
  { code: 'TQ', name: '塘桥街道', kind: '街道', active: true },
];
const zh = messagesFor('zh-CN').quota;

describe('parseQuotaRows', () => {
  it('reads units by name or code, numbers as text, and skips rows without a quota', () => {
    const parsed = parseQuotaRows(
      [
        { row: 2, unit: '花木街道', year: 2026, quota: 12 },
        { row: 3, unit: ' zj ', year: '', quota: '８' },
        { row: 4, unit: '陆家嘴街道', year: 2026, quota: '' },
      ],
      units,
      2026,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.quotas).toEqual([
      { row: 2, unitCode: 'HM', quota: 12 },
      { row: 3, unitCode: 'ZJ', quota: 8 },
    ]);
  });

  it('locates every problem on its row: unknown unit, other year, bad quota, a unit twice', () => {
    const parsed = parseQuotaRows(
      [
        { row: 2, unit: '花木街道', year: 2026, quota: 12 },
        { row: 3, unit: '金桥镇', year: 2026, quota: 5 },
        { row: 4, unit: '张江镇', year: 2025, quota: 3 },
        { row: 5, unit: '陆家嘴街道', year: 2026, quota: '十个' },
        { row: 6, unit: 'HM', year: 2026, quota: 1 },
        { row: 7, unit: '', year: 2026, quota: 2 },
        { row: 8, unit: '塘桥街道', year: 2026, quota: -1 },
      ],
      units,
      2026,
    );
    expect(parsed.problems.map((problem) => [problem.row, problem.text(zh)])).toEqual([
      [3, '单位“金桥镇”不存在（请填写单位全称或代码）'],
      [4, '年度“2025”与所选年度2026不一致'],
      [5, '指标“十个”无效：应为不小于0的整数'],
      [6, '单位“花木街道”与第2行重复'],
      [7, '未填写单位'],
      [8, '指标“-1”无效：应为不小于0的整数'],
    ]);
  });
});
