// The monthly bulletin (月度通报): title, tables and a deterministic Chinese narrative from a Summary.

import { activityNewsSentence, activityNewsTable } from './activities';
import { MODES } from './columns';
import { formatGap, formatPercent, formatPoints, formatYuan } from './format';
import type { Bulletin, BulletinTable, Summary, UnitSummary } from './schemas';
import { workNewsSentence, workNewsTable } from './work-records';

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

/** Above this many units a list names the first three, the exact total, and points to the tables. */
const NAMED_IN_FULL = 5;

/**
 * Units as the bulletin lists them (SPEC §9): one by name; up to five all named with their total
 * (「A、B等2家单位」); more as the first three with the exact total, the full list in the tables
 * (「A、B、C等12家单位（名单见附表）」). Never a bare 等.
 */
export function unitList(names: readonly string[]): string {
  if (names.length === 1) return names[0] ?? '';
  if (names.length <= NAMED_IN_FULL) return `${names.join('、')}等${names.length}家单位`;
  return `${names.slice(0, 3).join('、')}等${names.length}家单位（名单见附表）`;
}

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

/** A percentage in running text: one decimal, a trailing .0 dropped (475%, 101.5%). */
function prosePercent(rate: number): string {
  return formatPercent(rate).replace('.0%', '%');
}

/** Percentage points in running text, a trailing .0 dropped (9.9个百分点, 9个百分点). */
function prosePoints(points: number): string {
  return formatPoints(points).replace('.0个', '个');
}

/**
 * Where the district stands against the year's task and the time progress (M/12):
 * 「已提前超额完成全年任务，超出时序进度9.9个百分点」, 「低于时序进度26.5个百分点」, 「与时序进度持平」.
 */
function progressClause(summary: Summary): string {
  const { counted, quota } = summary.totals;
  const { month } = summary;
  // rate − M/12 in percentage points; the sign is decided exactly, in integers.
  const points = ((counted * 12 - quota * month) / (quota * 12)) * 100;
  const timeProgress =
    formatPoints(points) === formatPoints(0)
      ? '与时序进度持平'
      : `${points > 0 ? '超出' : '低于'}时序进度${prosePoints(points)}`;
  if (counted < quota) return timeProgress;
  // The year's task done: before December it is done ahead of time, and the time progress still says by how much.
  if (month === 12) return counted > quota ? '已超额完成全年任务' : '已完成全年任务';
  return `${counted > quota ? '已提前超额完成全年任务' : '已提前完成全年任务'}，${timeProgress}`;
}

/** The month's new organizations, the month named: 「其中11月份新建13家」. */
function monthClause(summary: Summary): string {
  const count = summary.totals.newThisMonth;
  return count > 0 ? `其中${summary.month}月份新建${count}家` : `${summary.month}月份无新建`;
}

function openingSentence(summary: Summary): string {
  const { year, month, totals } = summary;
  const counted = `截至${year}年${month}月底，全区今年以来累计在青年社会组织中新建团组织${totals.counted}家`;
  if (totals.rate === null) return `${counted}（本年度尚未下达建团指标）；${monthClause(summary)}。`;
  return `${counted}，完成年度指标的${prosePercent(totals.rate)}，${progressClause(summary)}；${monthClause(summary)}。`;
}

function topUnitsClause(summary: Summary): string | null {
  const top = summary.units.filter((unit) => unit.rank === 1);
  const first = top[0];
  if (!first || first.rate === null || first.counted === 0) return null;
  const rate = prosePercent(first.rate);
  if (top.length === 1) return `${first.unitName}完成率达${rate}，居全区首位`;
  return `${unitList(top.map((unit) => unit.unitName))}完成率均为${rate}，并列全区首位`;
}

function laggingClause(lagging: readonly string[]): string | null {
  if (lagging.length === 0) return null;
  const who = lagging.length === 1 ? '请加大工作力度' : '请相关单位加大工作力度';
  return `${unitList(lagging)}进度滞后于时序要求，${who}，抓紧推进`;
}

function notStartedClause(notStarted: readonly string[]): string | null {
  if (notStarted.length === 0) return null;
  return `${unitList(notStarted)}尚未实现零的突破，请抓紧启动`;
}

/** 「从各单位看，A完成率达475%，居全区首位；B、C等12家单位进度滞后…；D尚未实现零的突破，请抓紧启动。」 */
function unitsSentence(summary: Summary): string | null {
  const clauses = [
    topUnitsClause(summary),
    laggingClause(summary.lagging),
    notStartedClause(summary.notStarted),
  ].filter((clause) => clause !== null);
  return clauses.length === 0 ? null : `从各单位看，${clauses.join('；')}。`;
}

/**
 * The month's spot checks and what follows from them:
 * 「11月份电话抽查已建团组织3家，其中属实1家、不属实1家、无法联系1家；经核查不属实的，不计入完成数，
 * 不予拨付补贴；无法联系的，请所在单位核实后报团区委。」, or 「…3家，均属实。」
 */
function spotCheckSentence(summary: Summary): string | null {
  const checks = summary.spotChecks.month;
  if (checks.done === 0) return null;
  const opening = `${summary.month}月份电话抽查已建团组织${checks.done}家`;
  if (checks.属实 === checks.done) return `${opening}，均属实。`;
  const parts = (['属实', '不属实', '无法联系'] as const)
    .filter((result) => checks[result] > 0)
    .map((result) => `${result}${checks[result]}家`);
  const consequences = [
    checks.不属实 > 0 ? '经核查不属实的，不计入完成数，不予拨付补贴' : null,
    checks.无法联系 > 0 ? '无法联系的，请所在单位核实后报团区委' : null,
  ].filter((clause) => clause !== null);
  return `${opening}，其中${parts.join('、')}${consequences.map((clause) => `；${clause}`).join('')}。`;
}

/**
 * The subsidy with its basis and scope: 「按市、区两级每家共600元的补贴标准，全年累计应拨付建团补贴11.94万元。」
 */
function subsidySentence(summary: Summary): string | null {
  const { city, district } = summary.subsidyRate;
  const perOrganization = city + district;
  if (perOrganization <= 0) return null;
  const basis =
    city > 0 && district > 0
      ? `按市、区两级每家共${formatYuan(perOrganization)}的补贴标准`
      : `按${city > 0 ? '市级' : '区级'}每家${formatYuan(perOrganization)}的补贴标准`;
  return `${basis}，全年累计应拨付建团补贴${formatYuan(summary.totals.subsidy)}。`;
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
/**
 * Units in brackets after their count (SPEC §9): all of them up to five, else the first three and where the
 * rest are (the 报送情况 table lists every one).
 * @example namedInBrackets(['甲', '乙']) // => '甲、乙'
 */
function namedInBrackets(names: readonly string[]): string {
  if (names.length <= NAMED_IN_FULL) return names.join('、');
  return `${names.slice(0, 3).join('、')}等，名单见附表`;
}

export function reportingSentence(summary: Pick<Summary, 'month' | 'reporting'>): string | null {
  const { onTime, late, missing } = summary.reporting;
  if (onTime.length + late.length + missing.length === 0) return null;
  const period = `${summary.month}月份台账`;
  if (late.length === 0 && missing.length === 0) return `${period}各单位均按时报送。`;
  const parts = [
    onTime.length > 0 ? ['按时报送', onTime.length, ''] : null,
    late.length > 0 ? ['逾期报送', late.length, `（${namedInBrackets(late)}）`] : null,
    missing.length > 0 ? ['尚未报送', missing.length, `（${namedInBrackets(missing)}）`] : null,
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

/** The narrative in the house style of a 通报 (SPEC §9): deterministic, one paragraph. */
function narrative(summary: Summary): string {
  return [
    openingSentence(summary),
    unitsSentence(summary),
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
    work: summary.work
      ? { sentence: workNewsSentence(summary.work), table: workNewsTable(summary.work) }
      : null,
    activities: summary.activities
      ? { sentence: activityNewsSentence(summary.activities), table: activityNewsTable(summary.activities) }
      : null,
  };
}
