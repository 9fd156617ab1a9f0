import { describe, expect, it } from 'vitest';
import { activityNews } from './activities';
import { renderBulletin } from './bulletin';
import { bulletinLayout } from './bulletin-layout';
import { generateDemoDistrict, generateDemoWorkRecords } from './demo';
import { formatPercent } from './format';
import { summarize } from './summarize';
import { workNews } from './work-records';

const demo = generateDemoDistrict({ year: 2026, throughMonth: 10 });
const summary = summarize(
  demo.records.map((record) => ({ ...record, firstReportedAt: '2026-11-02T00:00:00Z' })),
  {
    district: demo.district,
    units: demo.units,
    quotas: demo.quotas,
    year: 2026,
    month: 10,
    today: '2026-11-25',
    subsidy: demo.subsidy,
  },
);
const bulletin = renderBulletin(summary, {
  issueNumber: 7,
  date: '2026-11-25',
  issuer: '共青团浦东新区委员会',
});
const source = { year: 2026, month: 10, issueNumber: 7 };

describe('the bulletin sheet layout', () => {
  const layout = bulletinLayout({ summary, bulletin }, source);
  const table = (id: string) => layout.tables.find((each) => each.id === id);

  it('keeps the figures as numbers with the formats that print them as the bulletin writes them', () => {
    const units = table('units');
    // Units in the headers, the month named (SPEC §9).
    expect(units?.headers).toEqual([
      '单位',
      '年度指标\n（家）',
      '10月新建\n（家）',
      '累计完成\n（家）',
      '完成率',
      '较时序进度\n（家）',
      '排名',
      '状态',
      '应拨补贴\n（元）',
    ]);
    expect(table('modes')?.headers).toEqual(['建团模式', '10月', '累计']);
    // The units, then the district total.
    expect(units?.rows).toHaveLength(summary.units.length + 1);
    expect(units?.total).toBe(true);
    const { totals } = summary;
    expect(units?.rows[(units?.rows.length ?? 0) - 1]).toEqual([
      '全区合计',
      totals.quota,
      totals.newThisMonth,
      totals.counted,
      totals.rate,
      totals.gap,
      null,
      null,
      totals.subsidy,
    ]);
    expect(units?.rows.slice(0, -1).reduce((sum, cells) => sum + Number(cells[3]), 0)).toBe(totals.counted);
    units?.rows.slice(0, -1).forEach((cells, index) => {
      const printed = bulletin.unitTable.rows[index] ?? [];
      expect(cells[0]).toBe(printed[0]);
      expect(cells[3]).toBe(printed[3]);
      const rate = cells[4];
      if (rate === null) expect(printed[4]).toBeNull();
      else expect(formatPercent(Number(rate))).toBe(printed[4]);
      expect(units.formats[index]?.[4]).toBe('0.0%');
      expect(units.formats[index]?.[5]).toBe('+0.0;-0.0;0.0');
    });
    expect(table('totals')?.rows.slice(0, 3)).toEqual([
      ['年度指标合计', summary.totals.quota],
      ['累计完成', summary.totals.counted],
      ['完成率', summary.totals.rate],
    ]);
    expect(table('totals')?.formats[0]).toEqual([null, '0"家"']);
  });

  it('places the blocks down an A4 page and the chart data beside the unit table', () => {
    expect(layout.texts.slice(0, 5).map((text) => [text.row, text.style])).toEqual([
      [1, 'title'],
      [2, 'issueLine'],
      [3, 'issuer'],
      [3, 'date'],
      [5, 'narrative'],
    ]);
    expect(layout.texts.find((text) => text.style === 'date')?.text).toBe('2026年11月25日');
    const units = table('units');
    expect(layout.helper.row).toBe(units?.row);
    expect(layout.helper.rates.slice(1).map((cells) => cells[1])).toEqual(
      units?.rows.slice(0, -1).map((cells) => cells[4]),
    );
    expect(layout.helper.source).toEqual(['团建台账通报来源', 'year=2026;month=10;issue=7']);
    expect(layout.helper.rates).toHaveLength(summary.units.length + 1);
    expect(layout.status).toEqual({ row: (units?.row ?? 0) + 1, column: 8, rows: summary.units.length });
    // Data bars on the units' 完成率, not on the total.
    expect(layout.dataBars).toEqual({ row: (units?.row ?? 0) + 1, column: 5, rows: summary.units.length });
    expect(layout.chart?.firstRow).toBeGreaterThan(table('modes')?.row ?? 0);
    // 落款 under the chart: the issuer, then the date, right-aligned, the last two rows.
    const chartEnd = (layout.chart?.firstRow ?? 0) + (layout.chart?.rows ?? 0) - 1;
    expect(layout.texts.slice(-2)).toEqual([
      { row: chartEnd + 2, column: 1, columns: layout.width, text: bulletin.issuer, style: 'date' },
      { row: chartEnd + 3, column: 1, columns: layout.width, text: '2026年11月25日', style: 'date' },
    ]);
    expect(layout.lastRow).toBe(chartEnd + 3);
    const withoutChart = bulletinLayout({ summary, bulletin }, source, { chart: false });
    expect(withoutChart.chart).toBeNull();
    expect(withoutChart.lastRow).toBe(withoutChart.texts[withoutChart.texts.length - 1]?.row);
  });

  it('adds 工作动态 after 报送情况 — its sentence and a table of numbers — before the chart', () => {
    const work = generateDemoWorkRecords(demo.units, { year: 2026, throughMonth: 10 });
    const withWork = { ...summary, work: workNews(2026, 10, work, work.holidays, '2026-11-25') };
    const rendered = renderBulletin(withWork, {
      issueNumber: 7,
      date: '2026-11-25',
      issuer: '共青团浦东新区委员会',
    });
    const layout = bulletinLayout({ summary: withWork, bulletin: rendered }, source);
    const sections = layout.texts.filter((text) => text.style === 'section').map((text) => text.text);
    expect(sections).toEqual([
      '一、主要指标',
      '二、各单位完成情况',
      '三、建团模式与电话抽查',
      '四、报送情况',
      '五、工作动态',
      '六、各单位完成率',
    ]);
    const heading = layout.texts.find((text) => text.text === '五、工作动态');
    const sentence = layout.texts.find((text) => text.row === (heading?.row ?? 0) + 1);
    expect(sentence?.text).toBe(rendered.work?.sentence);
    expect(sentence?.text).toMatch(
      /^10月份按每周四走访制度应走访4次，实际走访入驻支持中心的青年社会组织\d+次/u,
    );
    const table = layout.tables.find((each) => each.id === 'work');
    expect(table?.row).toBe((heading?.row ?? 0) + 3);
    expect(table?.headers).toEqual(['工作', '应完成（次）', '已完成（次）', '情况']);
    // 10月: 5 Thursdays, 1 October a holiday; the counts are numbers.
    expect(table?.rows[0]?.slice(0, 2)).toEqual(['定期走访（每周四）', 4]);
    expect(table?.rows[1]?.slice(0, 3)).toEqual(['双月例会', 1, 1]);
    expect(table?.rows[1]?.[3]).toMatch(/^9—10月：已于10月\d+日召开$/u);
    expect(table?.rows).toHaveLength(2 + work.links.length);
    expect(layout.chart?.titleRow).toBeGreaterThan((table?.row ?? 0) + (table?.rows.length ?? 0));
  });

  it('adds 活动开展 after 工作动态 — its sentence and every unit’s activities and 人次 as numbers in 场 and 人次', () => {
    const [first, second] = demo.units;
    const activities = activityNews(
      2026,
      10,
      [
        {
          unitCode: first?.code ?? '',
          orgName: '甲',
          heldOn: '2026-10-08',
          title: '读书会',
          kind: '交友',
          served: 30,
        },
        {
          unitCode: second?.code ?? '',
          orgName: '乙',
          heldOn: '2026-09-08',
          title: '义诊',
          kind: '公益',
          served: 80,
        },
      ],
      demo.units,
    );
    const withActivities = { ...summary, activities };
    const rendered = renderBulletin(withActivities, {
      issueNumber: 7,
      date: '2026-11-25',
      issuer: '共青团浦东新区委员会',
    });
    const layout = bulletinLayout({ summary: withActivities, bulletin: rendered }, source);
    const sections = layout.texts.filter((text) => text.style === 'section').map((text) => text.text);
    expect(sections.slice(3)).toEqual(['四、报送情况', '五、活动开展', '六、各单位完成率']);
    const heading = layout.texts.find((text) => text.text === '五、活动开展');
    expect(layout.texts.find((text) => text.row === (heading?.row ?? 0) + 1)?.text).toBe(
      rendered.activities?.sentence,
    );
    const table = layout.tables.find((each) => each.id === 'activities');
    expect(table?.rows).toHaveLength(demo.units.length + 1);
    expect(table?.rows[0]).toEqual([first?.name, 1, 30, 1, 30]);
    expect(table?.rows[(table?.rows.length ?? 0) - 1]).toEqual(['全区合计', 1, 30, 2, 110]);
    expect(table?.formats[0]).toEqual([null, '0"场"', '0"人次"', '0"场"', '0"人次"']);
  });
});
