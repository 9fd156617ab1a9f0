// The monthly bulletin (月度通报): title, tables and a deterministic Chinese narrative from a Summary.
import { MODES } from './columns';
import { formatGap, formatPercent, formatPoints, formatYuan } from './format';
import type { Bulletin, BulletinTable, Summary, UnitSummary } from './schemas';

export interface BulletinMeta {
  /** null for a live (unpublished) bulletin. */
  issueNumber: number | null;
  /** YYYY-MM-DD */
  date: string;
  issuer: string;
  /** For a correction: the issue it corrects. */
  corrects?: number | null;
}

export const UNIT_TABLE_HEADERS = [
  '单位',
  '年度指标',
  '本月新建',
  '累计完成',
  '完成率',
  '时序进度差',
  '排名',
  '状态',
  '应拨补贴',
] as const;

/** At most three names, then 等: 'A、B、C等'. */
function someNames(names: readonly string[]): string {
  const shown = names.slice(0, 3).join('、');
  return names.length > 3 ? `${shown}等` : shown;
}

/** Ranked units by rank (ties in table order), then the unranked in table order: the bulletin's order. */
export function byRank(units: readonly UnitSummary[]): UnitSummary[] {
  const ranked = units.filter((unit) => unit.rank !== null);
  const unranked = units.filter((unit) => unit.rank === null);
  return [...ranked.sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)), ...unranked];
}

function unitTable(summary: Summary): BulletinTable {
  return {
    headers: [...UNIT_TABLE_HEADERS],
    rows: byRank(summary.units).map((unit) => [
      unit.unitName,
      unit.quota,
      unit.newThisMonth,
      unit.counted,
      unit.rate === null ? null : formatPercent(unit.rate),
      unit.gap === null ? null : formatGap(unit.gap),
      unit.rank,
      unit.state ?? '无指标',
      unit.subsidy,
    ]),
  };
}

function progressClause(summary: Summary): string {
  const { counted, quota } = summary.totals;
  // rate − M/12 in percentage points; the sign is decided exactly, in integers.
  const points = ((counted * 12 - quota * summary.month) / (quota * 12)) * 100;
  const magnitude = formatPoints(points);
  if (magnitude === formatPoints(0)) return '与时序进度持平';
  return `${points > 0 ? '高于' : '低于'}时序进度${magnitude}`;
}

function topUnitsSentence(summary: Summary): string | null {
  const top = summary.units.filter((unit) => unit.rank === 1);
  const first = top[0];
  if (!first || first.rate === null || first.counted === 0) return null;
  const rate = formatPercent(first.rate);
  if (top.length === 1) return `${first.unitName}完成率${rate}，居全区首位。`;
  return `${someNames(top.map((unit) => unit.unitName))}完成率均为${rate}，并列全区首位。`;
}

function laggingSentence(lagging: readonly string[]): string | null {
  if (lagging.length === 0) return null;
  if (lagging.length === 1) return `${lagging[0]}进度滞后，请抓紧推进。`;
  const shown = lagging.slice(0, 3).join('、');
  return `${shown}等${lagging.length}家单位进度滞后，请抓紧推进。`;
}

function notStartedSentence(notStarted: readonly string[]): string | null {
  if (notStarted.length === 0) return null;
  return `尚有${notStarted.length}家单位未实现零的突破（${someNames(notStarted)}）。`;
}

function spotCheckSentence(summary: Summary): string | null {
  const checks = summary.spotChecks.month;
  if (checks.done === 0) return null;
  const parts = (['属实', '不属实', '无法联系'] as const)
    .filter((result) => checks[result] > 0)
    .map((result) => `${result}${checks[result]}家`);
  const detail = parts.length > 0 ? `，其中${parts.join('、')}` : '';
  const consequence = checks.不属实 > 0 ? '，不属实的不计入完成数、不予补贴' : '';
  return `本月电话抽查${checks.done}家${detail}${consequence}。`;
}

function subsidySentence(summary: Summary): string | null {
  const perOrganization = summary.subsidyRate.city + summary.subsidyRate.district;
  if (perOrganization <= 0) return null;
  return `按每家${formatYuan(perOrganization)}标准，应拨付补贴${formatYuan(summary.totals.subsidy)}。`;
}

/** 核减 since the last issue, per unit: 「自第7期通报以来，经核查不属实核减3家（花木街道2家、张江镇1家），不计入完成数。」 */
function deductionSentence(summary: Summary): string | null {
  const deductions = summary.deductions;
  if (!deductions || deductions.organizations === 0) return null;
  const perUnit = deductions.units.map((unit) => `${unit.unitName}${unit.organizations}家`).join('、');
  return (
    `自第${deductions.sinceIssue}期通报以来，经核查不属实核减${deductions.organizations}家` +
    `（${perUnit}），不计入完成数。`
  );
}

/** Each unit's reporting status as the bulletin words it. */
export const REPORTING_LABELS = { onTime: '按时报送', late: '逾期报送', missing: '未报送' } as const;

/**
 * 报送情况 for the month, every late and missing unit named (never cut short):
 * 「11月份台账按时报送3家单位，逾期报送2家（花木街道、张江镇），尚未报送1家（高桥镇）。」
 */
export function reportingSentence(summary: Pick<Summary, 'month' | 'reporting'>): string | null {
  const { onTime, late, missing } = summary.reporting;
  if (onTime.length + late.length + missing.length === 0) return null;
  const period = `${summary.month}月份台账`;
  if (late.length === 0 && missing.length === 0) return `${period}各单位均按时报送。`;
  const parts = [
    onTime.length > 0 ? ['按时报送', onTime.length, ''] : null,
    late.length > 0 ? ['逾期报送', late.length, `（${late.join('、')}）`] : null,
    missing.length > 0 ? ['尚未报送', missing.length, `（${missing.join('、')}）`] : null,
  ]
    .filter((part) => part !== null)
    // The first count says 家单位, the ones after it 家: 「按时报送3家单位，逾期报送1家（…）」.
    .map(([label, count, names], index) => `${label}${count}家${index === 0 ? '单位' : ''}${names}`);
  return `${period}${parts.join('，')}。`;
}

/** 报送情况 as a table: one row per status, its count and every unit in it. */
function reportingTable(summary: Summary): BulletinTable {
  return {
    headers: ['报送情况', '单位数', '单位'],
    rows: (['onTime', 'late', 'missing'] as const).map((status) => [
      REPORTING_LABELS[status],
      summary.reporting[status].length,
      summary.reporting[status].join('、'),
    ]),
  };
}

function narrative(summary: Summary): string {
  const { year, month, totals } = summary;
  const period = `截至${year}年${month}月底`;
  const opening =
    totals.rate !== null
      ? `${period}，全区累计在青年社会组织中新建团组织${totals.counted}家，` +
        `完成年度指标的${formatPercent(totals.rate)}，${progressClause(summary)}。`
      : `${period}，全区累计在青年社会组织中新建团组织${totals.counted}家（本年度尚未下达建团指标）。`;
  return [
    opening,
    `本月新建${totals.newThisMonth}家。`,
    topUnitsSentence(summary),
    laggingSentence(summary.lagging),
    notStartedSentence(summary.notStarted),
    spotCheckSentence(summary),
    deductionSentence(summary),
    subsidySentence(summary),
    reportingSentence(summary),
  ]
    .filter((sentence) => sentence !== null)
    .join('');
}

function totalsList(summary: Summary): Bulletin['totals'] {
  const { totals, month } = summary;
  return [
    { label: '年度指标合计', value: `${totals.quota}家` },
    { label: '累计完成', value: `${totals.counted}家` },
    { label: '完成率', value: totals.rate === null ? '—' : formatPercent(totals.rate) },
    { label: '时序进度', value: formatPercent(month / 12) },
    { label: '本月新建', value: `${totals.newThisMonth}家` },
    { label: '覆盖率', value: totals.coverage === null ? '—' : formatPercent(totals.coverage) },
    { label: '应拨补贴', value: formatYuan(totals.subsidy) },
  ];
}

/**
 * The bulletin for a summary's month: title, issue line, totals, the three tables and the narrative.
 * @example
 * const bulletin = renderBulletin(summary, { issueNumber: 3, date: '2026-04-01', issuer: '共青团浦东新区委员会' });
 * bulletin.title; // => '浦东新区青年社会组织团建工作月度通报（2026年3月）'
 * bulletin.issueLine; // => '第3期'
 */
export function renderBulletin(summary: Summary, meta: BulletinMeta): Bulletin {
  const { spotChecks, modes } = summary;
  return {
    title: `${summary.district}青年社会组织团建工作月度通报（${summary.year}年${summary.month}月）`,
    issueLine:
      meta.issueNumber === null
        ? '实时数据（未发布）'
        : meta.corrects
          ? `第${meta.issueNumber}期（更正第${meta.corrects}期）`
          : `第${meta.issueNumber}期`,
    issueNumber: meta.issueNumber,
    date: meta.date,
    issuer: meta.issuer,
    year: summary.year,
    month: summary.month,
    narrative: narrative(summary),
    totals: totalsList(summary),
    unitTable: unitTable(summary),
    modeTable: {
      headers: ['建团模式', '本月', '累计'],
      rows: MODES.map((mode) => [mode, modes.month[mode], modes.toDate[mode]]),
    },
    spotCheckTable: {
      headers: ['抽查', '本月', '累计'],
      rows: [
        ['已抽查', spotChecks.month.done, spotChecks.toDate.done],
        ['属实', spotChecks.month.属实, spotChecks.toDate.属实],
        ['不属实', spotChecks.month.不属实, spotChecks.toDate.不属实],
        ['无法联系', spotChecks.month.无法联系, spotChecks.toDate.无法联系],
      ],
    },
    lagging: [...summary.lagging],
    notStarted: [...summary.notStarted],
    reportingTable: reportingTable(summary),
  };
}
