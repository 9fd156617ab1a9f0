// Summary as CSV for Power Query and Excel: UTF-8 with BOM, RFC 4180 quoting, no formula injection.
import { csvSafeText, type Summary } from '@tuanjian/shared';

const BOM = '\uFEFF';

/** Text that Excel would read as a formula gets a leading apostrophe; numbers stay numbers. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = csvSafeText(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: (string | number | null)[][]): string {
  return `${BOM}${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

export const SUMMARY_CSV_HEADERS = [
  '统计截止',
  '单位代码',
  '单位',
  '年度指标',
  '本月新建',
  '累计完成',
  '完成率(%)',
  '时序进度',
  '时序进度差',
  '排名',
  '状态',
  '青年社会组织数',
  '已建团数',
  '覆盖率(%)',
  '应拨补贴(元)',
  '报送情况',
];

/** A unit's 报送情况 by its name (按时报送, 逾期报送, 未报送); empty for units not required to report. */
function reportingOf(summary: Summary, unitName: string): string | null {
  const { onTime, late, missing } = summary.reporting;
  if (onTime.includes(unitName)) return '按时报送';
  if (late.includes(unitName)) return '逾期报送';
  if (missing.includes(unitName)) return '未报送';
  return null;
}

/** One row per unit, then the district total. */
export function summaryCsv(summary: Summary): string {
  const rows: (string | number | null)[][] = [SUMMARY_CSV_HEADERS];
  for (const unit of summary.units) {
    rows.push([
      summary.periodEnd,
      unit.unitCode,
      unit.unitName,
      unit.quota,
      unit.newThisMonth,
      unit.counted,
      round(unit.rate === null ? null : unit.rate * 100, 1),
      round(unit.expected, 2),
      round(unit.gap, 2),
      unit.rank,
      unit.state,
      unit.organizations,
      unit.established,
      round(unit.coverage === null ? null : unit.coverage * 100, 1),
      unit.subsidy,
      reportingOf(summary, unit.unitName),
    ]);
  }
  const totals = summary.totals;
  rows.push([
    summary.periodEnd,
    '',
    '全区合计',
    totals.quota,
    totals.newThisMonth,
    totals.counted,
    round(totals.rate === null ? null : totals.rate * 100, 1),
    round(totals.expected, 2),
    round(totals.gap, 2),
    null,
    null,
    totals.organizations,
    totals.established,
    round(totals.coverage === null ? null : totals.coverage * 100, 1),
    totals.subsidy,
    null,
  ]);
  return toCsv(rows);
}
