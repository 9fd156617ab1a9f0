// The bulletin sheet's plan, computed once from the figures: which text goes where, the tables with
// numbers as numbers and their number formats, merges, row heights, status colours, the hidden helper
// cells, the chart's data and the print area. The Office.js writer and the exceljs writer only paint it.
import { byRank } from './bulletin';
import { type BulletinSource, formatBulletinSource, SOURCE_LABEL } from './bulletin-sheet';
import { chineseDate } from './dates';
import type { Bulletin, Summary } from './schemas';

export type LayoutValue = string | number | null;

/** A merged line of text across columns `column`..`column + columns - 1` of one row. */
export interface LayoutText {
  row: number;
  column: number;
  columns: number;
  text: string;
  style: 'title' | 'issueLine' | 'issuer' | 'date' | 'narrative' | 'section' | 'line';
  /** Row height in points, where the text wraps (merged cells do not autofit). */
  height?: number;
}

/** A table: an optional bold header row, then rows of values, each cell with its number format (or null). */
export interface LayoutTable {
  id: 'totals' | 'units' | 'modes' | 'spotChecks' | 'reporting' | 'work' | 'activities';
  row: number;
  column: number;
  headers: string[] | null;
  rows: LayoutValue[][];
  /** Excel number formats, the same shape as `rows`; null = General. */
  formats: (string | null)[][];
  /** The last row is a total (全区合计): bold, a rule above it. */
  total?: boolean;
  /** Height in points of the header row, where headers wrap onto two lines. */
  headerHeight?: number;
}

export interface BulletinLayout {
  /** Columns of the printed part (A.. the last one). */
  width: number;
  /** Column widths in points: the first (unit names) and the others. */
  columnWidths: { first: number; other: number };
  texts: LayoutText[];
  /** The row under which a thick red rule runs (the issuer and date line). */
  ruleRow: number;
  tables: LayoutTable[];
  /** The 状态 cells of the unit table, coloured by what they say (滞后 red, 已完成 green). */
  status: { row: number; column: number; rows: number } | null;
  /** The units' 完成率 cells (not the total), drawn with data bars from 0 to 100%. */
  dataBars: { row: number; column: number; rows: number } | null;
  /** Hidden helper columns: the source cell pair, and the unit names and rates the chart plots. */
  helper: {
    column: number;
    source: [string, string];
    /** Written from the unit table's header row down: ['单位', '完成率'], then one row per unit. */
    row: number;
    rates: LayoutValue[][];
  };
  /** The bar chart of completion by unit (the data is `helper.rates`), placed under its section title. */
  chart: { titleRow: number; firstRow: number; rows: number; title: string } | null;
  /** The print area ends here (A1 to the last column of this row). */
  lastRow: number;
}

export const BULLETIN_COLORS = {
  laggingFill: '#FFC7CE',
  laggingFont: '#9C0006',
  doneFill: '#C6EFCE',
  doneFont: '#006100',
  headerFill: '#D9E1F2',
  border: '#BFBFBF',
  rule: '#C00000',
  dataBar: '#5B9BD5',
} as const;

/** Hidden helper columns K:L. */
export const BULLETIN_HELPER_COLUMN = 11;

const PERCENT = '0.0%';
const SIGNED = '+0.0;-0.0;0.0';
const COUNT = '0"家"';
const ACTIVITY_COUNT = '0"场"';
const SERVED = '0"人次"';
const YUAN = '#,##0"元"';

/**
 * Row height (points) for wrapped text in a merged row: ~48 CJK characters a line across the A4 table
 * width; 409 is Excel's maximum.
 */
export function wrappedHeight(text: string): number {
  return Math.min(409, 18 * Math.max(1, Math.ceil(text.length / 48)) + 4);
}

/**
 * The headers as a sheet prints them: the month named where the bulletin says 本月, and the unit of each
 * measure (SPEC §9). Published issues keep their stored headers; this only labels them.
 * @example sheetHeader('时序进度差', 11) // => '较时序进度\n（家）'
 */
export function sheetHeader(header: string, month: number): string {
  // The unit on a line of its own, so a narrow column breaks the header there and not inside （家）.
  switch (header) {
    case '本月新建':
      return `${month}月新建\n（家）`;
    case '本月':
      return `${month}月`;
    case '年度指标':
    case '累计完成':
      return `${header}\n（家）`;
    case '时序进度差':
      return '较时序进度\n（家）';
    case '应拨补贴':
      return '应拨补贴\n（元）';
    default:
      return header;
  }
}

/** The district total row under the units (SPEC §3's totals, in the unit table's columns). */
export const TOTAL_LABEL = '全区合计';

/**
 * The unit table from the figures: 完成率 a fraction shown as 0.0%, 时序进度差 a signed number of
 * organizations, 补贴 in 元; the district total as its last row.
 */
function unitRows(summary: Summary): { rows: LayoutValue[][]; formats: (string | null)[][] } {
  const units = byRank(summary.units);
  const { totals } = summary;
  const format = [null, null, null, null, PERCENT, SIGNED, null, null, '#,##0'];
  return {
    rows: [
      ...units.map((unit): LayoutValue[] => [
        unit.unitName,
        unit.quota,
        unit.newThisMonth,
        unit.counted,
        unit.rate,
        unit.gap,
        unit.rank,
        unit.state ?? '无指标',
        unit.subsidy,
      ]),
      [
        TOTAL_LABEL,
        totals.quota,
        totals.newThisMonth,
        totals.counted,
        totals.rate,
        totals.gap,
        null,
        null,
        totals.subsidy,
      ],
    ],
    formats: [...units.map(() => format), format],
  };
}

/** 主要指标 from the figures: counts in 家, rates as percentages, the subsidy in 元. */
function totalsRows(summary: Summary): { rows: LayoutValue[][]; formats: (string | null)[][] } {
  const { totals, month } = summary;
  const items: [string, number | null, string][] = [
    ['年度指标合计', totals.quota, COUNT],
    ['累计完成', totals.counted, COUNT],
    ['完成率', totals.rate, PERCENT],
    ['时序进度', month / 12, PERCENT],
    [`${month}月新建`, totals.newThisMonth, COUNT],
    ['覆盖率', totals.coverage, PERCENT],
    ['应拨补贴', totals.subsidy, YUAN],
  ];
  return {
    rows: items.map(([label, value]) => [label, value ?? '—']),
    formats: items.map(([, value, format]) => [null, value === null ? null : format]),
  };
}

function plain(rows: LayoutValue[][]): (string | null)[][] {
  return rows.map((cells) => cells.map(() => null));
}

/**
 * The sheet plan of a bulletin and the summary it was rendered from (the texts come from the bulletin,
 * the figures from the summary). `chart: false` leaves the chart out (exceljs cannot draw one).
 * @example
 * const layout = bulletinLayout({ summary, bulletin }, { year: 2026, month: 3, issueNumber: 5 });
 * layout.tables.find((table) => table.id === 'units')?.rows[0]?.[4]; // => 0.517 (shown as 51.7%)
 */
export function bulletinLayout(
  issue: { summary: Summary; bulletin: Bulletin },
  source: BulletinSource,
  options: { chart?: boolean } = {},
): BulletinLayout {
  const { summary, bulletin } = issue;
  const units = unitRows(summary);
  const headers = bulletin.unitTable.headers.map((header) => sheetHeader(header, summary.month));
  const width = Math.max(headers.length, 7);
  const issuerWidth = Math.ceil(width / 2);
  const texts: LayoutText[] = [
    { row: 1, column: 1, columns: width, text: bulletin.title, style: 'title', height: 42 },
    { row: 2, column: 1, columns: width, text: bulletin.issueLine, style: 'issueLine' },
    { row: 3, column: 1, columns: issuerWidth, text: bulletin.issuer, style: 'issuer' },
    {
      row: 3,
      column: issuerWidth + 1,
      columns: width - issuerWidth,
      text: chineseDate(bulletin.date),
      style: 'date',
    },
    {
      row: 5,
      column: 1,
      columns: width,
      text: bulletin.narrative,
      style: 'narrative',
      height: wrappedHeight(bulletin.narrative),
    },
  ];
  const tables: LayoutTable[] = [];
  const section = (row: number, text: string) =>
    texts.push({ row, column: 1, columns: 1, text, style: 'section' });

  // 一、主要指标.
  let row = 7;
  section(row, '一、主要指标');
  row++;
  const totals = totalsRows(summary);
  tables.push({ id: 'totals', row, column: 1, headers: null, ...totals });
  row += totals.rows.length + 1;

  // 二、各单位完成情况.
  section(row, '二、各单位完成情况');
  row++;
  const unitHeaderRow = row;
  tables.push({
    id: 'units',
    row: unitHeaderRow,
    column: 1,
    headers,
    ...units,
    total: true,
    headerHeight: 30,
  });
  const statusIndex = headers.indexOf('状态');
  const rateIndex = headers.indexOf('完成率');
  const unitCount = units.rows.length - 1;
  row = unitHeaderRow + units.rows.length + 2;

  // 三、建团模式与电话抽查: two tables side by side, then the lagging and not-started units.
  section(row, '三、建团模式与电话抽查');
  row++;
  const modes = bulletin.modeTable;
  const spots = bulletin.spotCheckTable;
  tables.push({
    id: 'modes',
    row,
    column: 1,
    headers: modes.headers.map((header) => sheetHeader(header, summary.month)),
    rows: modes.rows,
    formats: plain(modes.rows),
  });
  tables.push({
    id: 'spotChecks',
    row,
    column: modes.headers.length + 2,
    headers: spots.headers.map((header) => sheetHeader(header, summary.month)),
    rows: spots.rows,
    formats: plain(spots.rows),
  });
  row += Math.max(modes.rows.length, spots.rows.length) + 2;
  for (const [label, names] of [
    ['进度滞后单位', bulletin.lagging],
    ['未启动单位', bulletin.notStarted],
  ] as const) {
    const text = `${label}（${names.length}家）：${names.join('、') || '无'}`;
    texts.push({ row, column: 1, columns: width, text, style: 'line', height: wrappedHeight(text) });
    row++;
  }
  let lastRow = row - 1;
  const sectionNumbers = ['四', '五', '六', '七'];

  // 四、报送情况: the count per status, then every unit in it (issues published before it have none).
  const reporting = bulletin.reportingTable;
  if (reporting) {
    row++;
    section(row, `${sectionNumbers.shift()}、报送情况`);
    row++;
    const rows = reporting.rows.map((cells) => [cells[0] ?? null, cells[1] ?? null]);
    tables.push({
      id: 'reporting',
      row,
      column: 1,
      headers: reporting.headers.slice(0, 2),
      rows,
      formats: rows.map(() => [null, COUNT]),
    });
    row += rows.length + 2;
    for (const cells of reporting.rows) {
      const text = `${cells[0]}单位（${cells[1]}家）：${cells[2] || '无'}`;
      texts.push({ row, column: 1, columns: width, text, style: 'line', height: wrappedHeight(text) });
      row++;
    }
    lastRow = row - 1;
  }

  // Then 工作动态: the committee's visits, meeting and leaders' visits (issues published before it have none).
  const work = bulletin.work;
  if (work) {
    row++;
    section(row, `${sectionNumbers.shift()}、工作动态`);
    row++;
    texts.push({
      row,
      column: 1,
      columns: width,
      text: work.sentence,
      style: 'line',
      height: wrappedHeight(work.sentence),
    });
    row += 2;
    tables.push({
      id: 'work',
      row,
      column: 1,
      headers: work.table.headers,
      rows: work.table.rows,
      formats: plain(work.table.rows),
    });
    row += work.table.rows.length + 1;
    lastRow = row - 1;
  }

  // Then 活动开展: the League organizations' activities and 人次 (years without an activity ledger have none).
  const activities = bulletin.activities;
  if (activities) {
    row++;
    section(row, `${sectionNumbers.shift()}、活动开展`);
    row++;
    texts.push({
      row,
      column: 1,
      columns: width,
      text: activities.sentence,
      style: 'line',
      height: wrappedHeight(activities.sentence),
    });
    row += 2;
    const rows = activities.table.rows;
    tables.push({
      id: 'activities',
      row,
      column: 1,
      headers: activities.table.headers,
      rows,
      formats: rows.map((cells) =>
        cells.map((_, index) => (index === 0 ? null : index % 2 === 1 ? ACTIVITY_COUNT : SERVED)),
      ),
    });
    row += rows.length + 1;
    lastRow = row - 1;
  }

  // Last, 各单位完成率: a bar chart of the helper cells.
  let chart: BulletinLayout['chart'] = null;
  if (options.chart !== false) {
    row++;
    section(row, `${sectionNumbers.shift()}、各单位完成率`);
    row++;
    const rows = Math.max(14, Math.ceil(unitCount * 1.2) + 4);
    chart = unitCount > 0 ? { titleRow: row - 1, firstRow: row, rows, title: '各单位完成率' } : null;
    lastRow = row + rows - 1;
  }

  // 落款: the issuer and the date, right-aligned under everything (SPEC §9).
  row = lastRow + 2;
  texts.push({ row, column: 1, columns: width, text: bulletin.issuer, style: 'date' });
  texts.push({ row: row + 1, column: 1, columns: width, text: chineseDate(bulletin.date), style: 'date' });
  lastRow = row + 1;

  return {
    width,
    columnWidths: { first: 110, other: 62 },
    texts,
    ruleRow: 3,
    tables,
    status:
      statusIndex >= 0 && unitCount > 0
        ? { row: unitHeaderRow + 1, column: statusIndex + 1, rows: unitCount }
        : null,
    dataBars:
      rateIndex >= 0 && unitCount > 0
        ? { row: unitHeaderRow + 1, column: rateIndex + 1, rows: unitCount }
        : null,
    helper: {
      column: BULLETIN_HELPER_COLUMN,
      source: [SOURCE_LABEL, formatBulletinSource(source)],
      row: unitHeaderRow,
      rates: [
        ['单位', '完成率'],
        ...units.rows.slice(0, unitCount).map((cells) => [cells[0] ?? '', cells[4] ?? null]),
      ],
    },
    chart,
    lastRow,
  };
}
