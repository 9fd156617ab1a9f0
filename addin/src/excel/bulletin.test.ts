import {
  type Bulletin,
  parseBulletinSource,
  percentValue,
  renderBulletin,
  SOURCE_LABEL,
  type Summary,
  sheetHeader,
  type UnitSummary,
} from '@tuanjian/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHART_NAME, DONE_FILL, findBulletinSheets, LAGGING_FILL, writeBulletinSheet } from './bulletin';
import { installFakeExcel } from './testing/fake-excel';

afterEach(() => {
  vi.unstubAllGlobals();
});

const STATES = ['已完成', '正常', '滞后', '未启动'] as const;

/**
 * Figures for `unitCount` units (the last without a quota: no 完成率) and the bulletin the shared renderer
 * makes of them: unit i has counted i mod 6 of a quota of 5, so the rates run 0, 20 %, 40 % … 100 %.
 */
function figuresFor(unitCount: number, issueNumber: number | null): { summary: Summary; bulletin: Bulletin } {
  const units: UnitSummary[] = Array.from({ length: unitCount }, (_, index) => {
    const counted = index % 6;
    const noQuota = index === unitCount - 1;
    return {
      unitCode: `U${index + 1}`,
      unitName: `单位${index + 1}`,
      quota: noQuota ? null : 5,
      newThisMonth: noQuota ? 0 : index % 3,
      counted,
      expected: noQuota ? null : 1.25,
      gap: noQuota ? null : counted - 1.25,
      rate: noQuota ? null : counted / 5,
      state: noQuota ? null : (STATES[index % STATES.length] ?? '正常'),
      rank: noQuota ? null : index + 1,
      organizations: counted + 2,
      established: counted,
      coverage: null,
      subsidy: counted * 600,
    };
  });
  const quota = 5 * (unitCount - 1);
  const counted = units.reduce((sum, unit) => sum + unit.counted, 0);
  const summary: Summary = {
    district: '浦东新区',
    year: 2026,
    month: 3,
    periodEnd: '2026-03-31',
    today: '2026-04-01',
    subsidyRate: { city: 300, district: 300 },
    units,
    totals: {
      quota,
      newThisMonth: units.reduce((sum, unit) => sum + unit.newThisMonth, 0),
      counted,
      expected: quota / 4,
      gap: counted - quota / 4,
      rate: quota > 0 ? counted / quota : null,
      organizations: counted * 2,
      established: counted,
      coverage: null,
      subsidy: counted * 600,
      units: unitCount,
      rankedUnits: unitCount - 1,
    },
    modes: {
      month: { 独立建团: 3, 联合建团: 2, 楼宇建团: 1, 区域建团: 0 },
      toDate: { 独立建团: 20, 联合建团: 30, 楼宇建团: 8, 区域建团: 4 },
    },
    spotChecks: {
      month: { done: 4, 属实: 3, 不属实: 1, 无法联系: 0 },
      toDate: { done: 12, 属实: 10, 不属实: 1, 无法联系: 1 },
    },
    lagging: ['单位3', '单位7'],
    notStarted: ['单位4'],
    reporting: { onTime: [], late: [], missing: [] },
    duplicates: [],
    deductions: null,
    work: null,
    activities: null,
  };
  return {
    summary,
    bulletin: renderBulletin(summary, { issueNumber, date: '2026-04-01', issuer: '共青团浦东新区委员会' }),
  };
}

const source = (issueNumber: number | null) => ({ year: 2026, month: 3, issueNumber });

describe('writeBulletinSheet', () => {
  it('writes a 40-unit bulletin into a new sheet in at most 3 syncs (page setup its own), its tables equal to the bulletin', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { excelApi: '1.9' });
    const figures = figuresFor(40, 5);
    const { bulletin, summary } = figures;

    const written = await writeBulletinSheet(figures, { source: source(5) });

    expect(written.sheetName).toBe('通报第5期');
    expect(written.replaced).toBe(false);
    expect(excel.syncCount).toBeLessThanOrEqual(3);
    expect(written.syncs).toBe(excel.syncCount);
    expect(written.skipped).toEqual([]);
    const sheet = excel.sheet('通报第5期');
    expect(excel.active).toBe(sheet);

    expect(sheet.value('A1')).toBe(bulletin.title);
    expect(sheet.merges).toContain('A1:I1');
    expect(sheet.format('A1', 'format.font.size')).toBe(16);
    expect(sheet.format('A1', 'format.font.bold')).toBe(true);
    expect(sheet.value('A2')).toBe('第5期');
    expect(sheet.value('A3')).toBe('共青团浦东新区委员会');
    // The 落款 date is a label: text, not a date serial.
    expect(sheet.value('F3')).toBe('2026年4月1日');
    expect(sheet.format('F3', 'numberFormat')).toBe('@');
    expect(sheet.value('A5')).toBe(bulletin.narrative);
    expect(sheet.merges).toContain('A5:I5');
    expect(sheet.format('A5', 'format.wrapText')).toBe(true);
    // 主要指标 as numbers, each with its number format.
    expect(sheet.valuesOf('A8:B10')).toEqual([
      ['年度指标合计', 195],
      ['累计完成', summary.totals.counted],
      ['完成率', summary.totals.rate],
    ]);
    expect(sheet.format('B8', 'numberFormat')).toBe('0"家"');
    expect(sheet.format('B10', 'numberFormat')).toBe('0.0%');

    const { header, last } = written.unitTableRows;
    expect(last - header).toBe(40);
    // The table as the bulletin prints it, but numbers as numbers: 完成率 0.2 (shown 20.0%), 时序进度差 −0.25.
    const table = sheet.valuesOf(`A${header}:I${last}`);
    // Units in the headers and the month named (SPEC §9); the header row two lines high.
    expect(table[0]).toEqual(bulletin.unitTable.headers.map((cell) => sheetHeader(cell, 3)));
    expect(table[0]?.slice(2, 6)).toEqual([
      '3月新建\n（家）',
      '累计完成\n（家）',
      '完成率',
      '较时序进度\n（家）',
    ]);
    expect(sheet.rowHeights.get(header)).toBe(30);
    expect(table.slice(1).map((cells) => [cells[0], cells[3], cells[7], cells[8]])).toEqual(
      bulletin.unitTable.rows.map((cells) => [cells[0], cells[3], cells[7], cells[8]]),
    );
    expect(table[2]?.[4]).toBe(0.2);
    expect(percentValue(bulletin.unitTable.rows[1]?.[4])).toBe(0.2);
    expect(table[2]?.[5]).toBeCloseTo(-0.25, 10);
    expect(table[40]?.slice(4, 7)).toEqual(['', '', '']);
    expect(sheet.format(`E${header + 1}`, 'numberFormat')).toBe('0.0%');
    expect(sheet.format(`F${header + 1}`, 'numberFormat')).toBe('+0.0;-0.0;0.0');
    expect(sheet.format(`A${header}`, 'format.font.bold')).toBe(true);
    // The district total under the units, bold, numbers as numbers.
    expect(sheet.valuesOf(`A${last + 1}:I${last + 1}`)).toEqual([
      [
        '全区合计',
        195,
        summary.totals.newThisMonth,
        summary.totals.counted,
        summary.totals.rate,
        summary.totals.gap,
        '',
        '',
        summary.totals.subsidy,
      ],
    ]);
    expect(sheet.format(`A${last + 1}`, 'format.font.bold')).toBe(true);
    expect(sheet.format(`E${last + 1}`, 'numberFormat')).toBe('0.0%');

    const statusRange = `H${header + 1}:H${last}`;
    expect(sheet.conditionalFormats.map(({ address, type, props }) => ({ address, type, props }))).toEqual([
      {
        address: statusRange,
        type: 'ContainsText',
        props: {
          'textComparison.rule': { operator: 'Contains', text: '滞后' },
          'textComparison.format.fill.color': LAGGING_FILL,
          'textComparison.format.font.color': '#9C0006',
        },
      },
      {
        address: statusRange,
        type: 'ContainsText',
        props: {
          'textComparison.rule': { operator: 'Contains', text: '已完成' },
          'textComparison.format.fill.color': DONE_FILL,
          'textComparison.format.font.color': '#006100',
        },
      },
      {
        // 完成率 as data bars, 0 to 100%, the units only.
        address: `E${header + 1}:E${last}`,
        type: 'DataBar',
        props: {
          'dataBar.lowerBoundRule': { type: 'Number', formula: '0' },
          'dataBar.upperBoundRule': { type: 'Number', formula: '1' },
          'dataBar.positiveFormat.fillColor': '#5B9BD5',
          'dataBar.positiveFormat.gradientFill': false,
        },
      },
    ]);

    const modeRow = last + 4;
    expect(sheet.valuesOf(`A${modeRow}:C${modeRow + 4}`)).toEqual([
      ['建团模式', '3月', '累计'],
      ...bulletin.modeTable.rows,
    ]);
    expect(sheet.valuesOf(`E${modeRow}:G${modeRow + 4}`)).toEqual([
      ['抽查', '3月', '累计'],
      ...bulletin.spotCheckTable.rows,
    ]);
    expect(sheet.value(`A${modeRow + 6}`)).toBe('进度滞后单位（2家）：单位3、单位7');
    expect(sheet.value(`A${modeRow + 7}`)).toBe('未启动单位（1家）：单位4');

    // The chart plots hidden numeric rates beside the table.
    expect(sheet.liveCharts()).toHaveLength(1);
    const chart = sheet.liveCharts()[0];
    expect(chart).toMatchObject({ type: 'BarClustered', source: `K${header}:L${last}`, seriesBy: 'Columns' });
    expect(chart?.props).toMatchObject({
      name: CHART_NAME,
      'title.text': '各单位完成率',
      plotVisibleOnly: false,
    });
    expect(chart?.position?.[0]).toMatch(/^A\d+$/u);
    const rates = sheet.valuesOf(`L${header + 1}:L${last}`).map(([rate]) => rate);
    expect(rates.slice(0, 6)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(rates[39]).toBe('');
    expect(sheet.valuesOf(`K${header + 1}:K${header + 2}`)).toEqual([['单位1'], ['单位2']]);
    expect(sheet.hiddenColumns).toEqual(new Set([11, 12]));
    expect(sheet.valuesOf('K1:L1')).toEqual([[SOURCE_LABEL, 'year=2026;month=3;issue=5']]);

    expect(sheet.props).toMatchObject({
      'pageLayout.paperSize': 'A4',
      'pageLayout.orientation': 'Portrait',
      'pageLayout.zoom': { horizontalFitToPages: 1, verticalFitToPages: 0 },
    });
    expect(sheet.props['pageLayout.printArea']).toMatch(/^A1:I\d+$/u);
  });

  it('rewrites an existing bulletin sheet in place: old cells, formats and chart are gone', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { excelApi: '1.9' });
    await writeBulletinSheet(figuresFor(40, null), { source: source(null) });
    excel.syncCount = 0;
    const smaller = figuresFor(3, null);

    const written = await writeBulletinSheet(smaller, { source: source(null) });

    expect(written).toMatchObject({ sheetName: '通报2026-03', replaced: true });
    // Look up, list the old charts, write, page setup.
    expect(excel.syncCount).toBe(4);
    expect(written.syncs).toBe(4);
    const sheet = excel.sheet('通报2026-03');
    expect(excel.sheets).toHaveLength(2);
    expect(sheet.liveCharts()).toHaveLength(1);
    expect(sheet.liveCharts()[0]?.source).toBe(
      `K${written.unitTableRows.header}:L${written.unitTableRows.last}`,
    );
    expect(sheet.conditionalFormats).toHaveLength(3);
    expect(sheet.merges.filter((merged) => merged === 'A1:I1')).toHaveLength(1);
    const { header, last } = written.unitTableRows;
    expect(sheet.valuesOf(`A${header + 1}:A${last}`)).toEqual([['单位1'], ['单位2'], ['单位3']]);
    // Rows the 40-unit version used below the new content are empty again.
    expect(sheet.value(`A${last + 1}`)).toBe('全区合计');
    expect(sheet.valuesOf(`A${last + 2}:I${last + 2}`)).toEqual([Array(9).fill('')]);
    expect(sheet.value(`A${header + 30}`)).toBe('');
    expect(sheet.valuesOf('K1:L1')).toEqual([[SOURCE_LABEL, 'year=2026;month=3;issue=live']]);

    excel.syncCount = 0;
    await writeBulletinSheet(figuresFor(40, null), { source: source(null) });
    expect(excel.syncCount).toBe(4);
    expect(sheet.liveCharts()).toHaveLength(1);
  });

  it('skips page setup where ExcelApi 1.9 is missing and still writes everything else', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { excelApi: '1.8' });
    const written = await writeBulletinSheet(figuresFor(5, 2), { source: source(2), sheetName: '三月通报' });
    const sheet = excel.sheet('三月通报');
    expect(Object.keys(sheet.props).filter((path) => path.startsWith('pageLayout'))).toEqual([]);
    expect(written.skipped).toEqual([{ setting: 'pageLayout', reason: 'unsupported' }]);
    expect(written.syncs).toBe(2);
    expect(sheet.valuesOf(`A${written.unitTableRows.header}:A${written.unitTableRows.header}`)).toEqual([
      ['单位'],
    ]);
    expect(sheet.liveCharts()).toHaveLength(1);
  });

  it('loses only the page setup when the host refuses it, and says so instead of throwing', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { excelApi: '1.9', rejectWrites: ['pageLayout'] });
    const figures = figuresFor(40, 5);

    const written = await writeBulletinSheet(figures, { source: source(5) });

    expect(written.skipped).toEqual([
      { setting: 'pageLayout', reason: 'rejected', message: expect.stringContaining('pageLayout') },
    ]);
    expect(written.syncs).toBe(3);
    expect(excel.syncCount).toBe(3);
    const sheet = excel.sheet('通报第5期');
    expect(Object.keys(sheet.props).filter((path) => path.startsWith('pageLayout'))).toEqual([]);
    // Everything else is there, as on a host that takes page setup.
    const reference = installFakeExcel(vi.stubGlobal, { excelApi: '1.9' });
    await writeBulletinSheet(figures, { source: source(5) });
    const expected = reference.sheet('通报第5期');
    expect(sheet.usedBox()).toEqual(expected.usedBox());
    const box = expected.usedBox();
    if (!box) throw new Error('empty bulletin');
    const all = `A1:L${box.bottom}`;
    expect(sheet.valuesOf(all)).toEqual(expected.valuesOf(all));
    expect(sheet.cellFormats).toEqual(expected.cellFormats);
    expect(sheet.merges).toEqual(expected.merges);
    expect(sheet.conditionalFormats).toEqual(expected.conditionalFormats);
    expect(sheet.liveCharts()).toEqual(expected.liveCharts());
    expect(sheet.hiddenColumns).toEqual(expected.hiddenColumns);
    expect(excel.active).toBe(sheet);
  });

  it.each(['=1+1', '+2.5', '51.7%', '2026年4月1日', '2026-04-01', '1,234', 'TRUE'])(
    'keeps a unit named %s as written, in the table, the lagging line and the chart labels',
    async (name) => {
      const excel = installFakeExcel(vi.stubGlobal, { excelApi: '1.9' });
      const figures = figuresFor(4, 5);
      const unit = figures.summary.units[2];
      if (!unit) throw new Error('no unit 3');
      unit.unitName = name;
      figures.summary.lagging = [name];
      figures.bulletin = renderBulletin(figures.summary, {
        issueNumber: 5,
        date: '2026-04-01',
        issuer: '共青团浦东新区委员会',
      });

      const written = await writeBulletinSheet(figures, { source: source(5) });

      const sheet = excel.sheet('通报第5期');
      const { header, last } = written.unitTableRows;
      const names = sheet.valuesOf(`A${header + 1}:A${last}`).map(([cell]) => cell);
      expect(names).toContain(name);
      expect(sheet.formulas.size).toBe(0);
      const row = header + 1 + names.indexOf(name);
      expect(sheet.format(`A${row}`, 'numberFormat')).toBe('@');
      // Its figures are still numbers with their formats.
      expect(typeof sheet.value(`E${row}`)).toBe('number');
      expect(sheet.format(`E${row}`, 'numberFormat')).toBe('0.0%');
      expect(sheet.valuesOf(`K${row}:K${row}`)).toEqual([[name]]);
      const laggingRow = last + 4 + 6;
      expect(sheet.value(`A${laggingRow}`)).toBe(`进度滞后单位（1家）：${name}`);
    },
  );
});

describe('findBulletinSheets', () => {
  it('lists the sheets that hold a bulletin with what each shows, in two syncs', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['台账'] });
    await writeBulletinSheet(figuresFor(3, 5), { source: source(5) });
    await writeBulletinSheet(figuresFor(3, null), { source: { year: 2026, month: 4, issueNumber: null } });
    excel.sheet('台账').setValues('K1:L1', [['别的内容', 'year=2026;month=3;issue=5']]);
    excel.syncCount = 0;

    expect(await findBulletinSheets()).toEqual([
      { sheetName: '通报第5期', source: { year: 2026, month: 3, issueNumber: 5 } },
      { sheetName: '通报2026-04', source: { year: 2026, month: 4, issueNumber: null } },
    ]);
    expect(excel.syncCount).toBe(2);
  });
});

describe('bulletin helpers', () => {
  it('reads back only the source text it writes', () => {
    expect(parseBulletinSource('year=2026;month=3;issue=5')).toEqual({
      year: 2026,
      month: 3,
      issueNumber: 5,
    });
    expect(parseBulletinSource('year=2026;month=12;issue=live')).toEqual({
      year: 2026,
      month: 12,
      issueNumber: null,
    });
    expect(parseBulletinSource('year=2026;month=13;issue=live')).toBeNull();
    expect(parseBulletinSource(42)).toBeNull();
  });

  it('turns the table’s percent text into a rate', () => {
    expect(percentValue('51.7%')).toBeCloseTo(0.517);
    expect(percentValue('—')).toBeNull();
    expect(percentValue(null)).toBeNull();
  });
});
