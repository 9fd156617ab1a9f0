// The bulletin's figures and Chinese narrative: number formatting, sentence variants, table order and the issue line.
import { describe, expect, it } from 'vitest';
import { renderBulletin } from './bulletin';
import { formatGap, formatPercent, formatPoints, formatYuan } from './format';
import { BulletinSchema, type LedgerRecord, type Summary, SummarySchema } from './schemas';
import { type SummarizeOptions, summarize } from './summarize';

const meta = { issueNumber: 7, date: '2026-07-01', issuer: '共青团浦东新区委员会' };

let nextRow = 2;

function established(unitCode: string, orgName: string, establishedOn: string): LedgerRecord {
  return {
    row: nextRow++,
    orgName,
    creditCode: null,
    orgType: '社会团体',
    unitCode,
    youthCount: 20,
    memberCount: 5,
    status: '已建团',
    establishedOn,
    mode: '独立建团',
    leagueOrgType: '团支部',
    secretary: '李明',
    phone: '13900000000',
    hasPartyOrg: null,
    checkedOn: null,
    checkResult: null,
    note: null,
    firstReportedAt: '2026-01-31T02:00:00Z',
  };
}

type UnitSpec = readonly [name: string, quota: number | null, counted: number];

/** A district of units named 'X街道' with `counted` organizations each, all set up on `establishedOn`. */
function districtSummary(
  specs: readonly UnitSpec[],
  month: number,
  extra: Partial<SummarizeOptions> = {},
  establishedOn = '2026-01-10',
): Summary {
  const ledger = specs.flatMap(([name, , counted], unitIndex) =>
    Array.from({ length: counted }, (_, index) =>
      established(`U${unitIndex}`, `${name}青年组织${index}`, establishedOn),
    ),
  );
  return summarize(ledger, {
    district: '浦东新区',
    units: specs.map(([name], index) => ({ code: `U${index}`, name, kind: '街道', active: true })),
    quotas: specs.flatMap(([, quota], index) =>
      quota === null ? [] : [{ unitCode: `U${index}`, year: 2026, quota }],
    ),
    year: 2026,
    month,
    today: '2026-07-01',
    ...extra,
  });
}

describe('number formatting', () => {
  it.each([
    [31 / 60, '51.7%'],
    [0.5, '50.0%'],
    [0, '0.0%'],
    [1, '100.0%'],
    [2 / 3, '66.7%'],
    [1 / 3, '33.3%'],
    [8 / 30, '26.7%'],
    [0.0125, '1.3%'], // a half rounds up, binary noise notwithstanding
    [0.00049, '0.0%'],
    [0.9999, '100.0%'],
    [1.25, '125.0%'],
  ])('formatPercent(%d) is %s (always one decimal)', (rate, text) => {
    expect(formatPercent(rate)).toBe(text);
  });

  it.each([
    [26.666, '26.7个百分点'],
    [-26.666, '26.7个百分点'],
    [-5, '5.0个百分点'],
    [0, '0.0个百分点'],
    [1.25, '1.3个百分点'],
    [0.05, '0.1个百分点'],
    [0.04, '0.0个百分点'],
  ])('formatPoints(%d) is %s', (points, text) => {
    expect(formatPoints(points)).toBe(text);
  });

  it.each([
    [2.5, '+2.5'],
    [-1, '-1.0'],
    [0, '0.0'],
    [-0.04, '0.0'],
    [0.05, '+0.1'],
    [-0.05, '-0.1'],
    [-5.5, '-5.5'],
    [12, '+12.0'],
  ])('formatGap(%d) is %s', (gap, text) => {
    expect(formatGap(gap)).toBe(text);
  });

  it.each([
    [12000, '1.2万元'],
    [600, '600元'],
    [18000, '1.8万元'],
    [10000, '1万元'],
    [0, '0元'],
    [9999, '9999元'],
    [37200, '3.72万元'],
    [18600, '1.86万元'],
    [123456, '12.3456万元'],
    [1000000, '100万元'],
    [300.5, '300.5元'],
    [12345.67, '1.234567万元'],
  ])('formatYuan(%d) is %s', (yuan, text) => {
    expect(formatYuan(yuan)).toBe(text);
  });
});

describe('renderBulletin: the narrative (SPEC §9, house style)', () => {
  /** The figures of SPEC §9's November example, on top of a district whose leader is 高桥镇 at 475%. */
  function novemberExample(): Summary {
    const base = districtSummary([['高桥镇', 4, 19]], 11, {}, '2026-11-05');
    const lagging = [
      '周浦镇',
      '川沙新镇',
      '金桥经济技术开发区',
      ...Array.from({ length: 9 }, (_, i) => `滞后${i}街道`),
    ];
    return {
      ...base,
      totals: {
        ...base.totals,
        counted: 199,
        quota: 196,
        rate: 199 / 196,
        newThisMonth: 13,
        subsidy: 119_400,
      },
      lagging,
      notStarted: ['南码头路街道', '高行镇', '外高桥保税区'],
      spotChecks: { ...base.spotChecks, month: { done: 3, 属实: 1, 不属实: 1, 无法联系: 1 } },
      reporting: { onTime: ['高桥镇'], late: [], missing: [] },
    };
  }

  it('reads like SPEC §9’s November example', () => {
    expect(renderBulletin(novemberExample(), meta).narrative).toBe(
      '截至2026年11月底，全区今年以来累计在青年社会组织中新建团组织199家，完成年度指标的101.5%，' +
        '已提前超额完成全年任务，超出时序进度9.9个百分点；其中11月份新建13家。' +
        '从各单位看，高桥镇完成率达475%，居全区首位；' +
        '周浦镇、川沙新镇、金桥经济技术开发区等12家单位（名单见附表）进度滞后于时序要求，请相关单位加大工作力度，抓紧推进；' +
        '南码头路街道、高行镇、外高桥保税区等3家单位尚未实现零的突破，请抓紧启动。' +
        '11月份电话抽查已建团组织3家，其中属实1家、不属实1家、无法联系1家；' +
        '经核查不属实的，不计入完成数，不予拨付补贴；无法联系的，请所在单位核实后报团区委。' +
        '按市、区两级每家共600元的补贴标准，全年累计应拨付建团补贴11.94万元。' +
        '11月份台账各单位均按时报送。',
    );
  });

  // One row per rule: the figures changed, and the words the rule asks for (or forbids).
  const cases: { rule: string; change: (summary: Summary) => Summary; has: string[]; hasNot?: string[] }[] = [
    {
      rule: 'the month is named, never 本月',
      change: (summary) => summary,
      has: ['其中11月份新建13家', '11月份电话抽查'],
      hasNot: ['本月'],
    },
    {
      rule: 'a month without new organizations says so, the month named',
      change: (summary) => ({ ...summary, totals: { ...summary.totals, newThisMonth: 0 } }),
      has: ['；11月份无新建。'],
      hasNot: ['新建0家', '本月'],
    },
    {
      rule: 'no trailing .0 in prose (475.0% → 475%, 9.0 points → 9)',
      change: (summary) => ({
        ...summary,
        totals: { ...summary.totals, counted: 159, quota: 180, rate: 159 / 180 },
      }),
      // 159 / 180 = 88.3%; 88.33 − 91.67 = −3.3 points.
      has: ['完成年度指标的88.3%，低于时序进度3.3个百分点；', '完成率达475%'],
      hasNot: ['.0%', '.0个百分点'],
    },
    {
      rule: 'exactly on the time progress: 与时序进度持平',
      change: (summary) => ({
        ...summary,
        totals: { ...summary.totals, counted: 165, quota: 180, rate: 165 / 180 },
      }),
      has: ['完成年度指标的91.7%，与时序进度持平；'],
    },
    {
      rule: 'at 100% before December: 已提前完成全年任务, and by how much ahead of the time progress',
      change: (summary) => ({ ...summary, totals: { ...summary.totals, counted: 196, quota: 196, rate: 1 } }),
      has: ['完成年度指标的100%，已提前完成全年任务，超出时序进度8.3个百分点；'],
      hasNot: ['超额'],
    },
    {
      rule: 'in December at or above 100%: the task is done, not ahead of time',
      change: (summary) => ({ ...summary, month: 12 }),
      has: ['截至2026年12月底', '完成年度指标的101.5%，已超额完成全年任务；其中12月份新建13家。'],
      hasNot: ['提前', '时序进度'],
    },
    {
      rule: 'every unit named up to five, with the total',
      change: (summary) => ({ ...summary, lagging: ['周浦镇', '川沙新镇'], notStarted: ['高行镇'] }),
      has: [
        '周浦镇、川沙新镇等2家单位进度滞后于时序要求，请相关单位加大工作力度，抓紧推进；',
        '高行镇尚未实现零的突破，请抓紧启动。',
      ],
      hasNot: ['名单见附表'],
    },
    {
      rule: 'one lagging unit is asked by itself',
      change: (summary) => ({ ...summary, lagging: ['周浦镇'] }),
      has: ['周浦镇进度滞后于时序要求，请加大工作力度，抓紧推进；'],
      hasNot: ['等1家'],
    },
    {
      rule: 'more than five: the first three, the exact total, and 名单见附表; never a bare 等',
      change: (summary) => ({
        ...summary,
        notStarted: ['甲街道', '乙街道', '丙街道', '丁街道', '戊街道', '己街道'],
      }),
      has: ['甲街道、乙街道、丙街道等6家单位（名单见附表）尚未实现零的突破'],
      hasNot: ['等）', '等。'],
    },
    {
      rule: '均属实 when every check of the month was true, and no consequence sentence',
      change: (summary) => ({
        ...summary,
        spotChecks: { ...summary.spotChecks, month: { done: 2, 属实: 2, 不属实: 0, 无法联系: 0 } },
      }),
      has: ['11月份电话抽查已建团组织2家，均属实。'],
      hasNot: ['其中属实', '不予拨付', '无法联系的'],
    },
    {
      rule: 'only the consequences of the results that occurred',
      change: (summary) => ({
        ...summary,
        spotChecks: { ...summary.spotChecks, month: { done: 2, 属实: 1, 不属实: 0, 无法联系: 1 } },
      }),
      has: ['其中属实1家、无法联系1家；无法联系的，请所在单位核实后报团区委。'],
      hasNot: ['不计入完成数'],
    },
    {
      rule: 'a month without spot checks says nothing about them',
      change: (summary) => ({
        ...summary,
        spotChecks: { ...summary.spotChecks, month: { done: 0, 属实: 0, 不属实: 0, 无法联系: 0 } },
      }),
      has: ['抓紧启动。按市、区两级'],
      hasNot: ['电话抽查'],
    },
    {
      rule: 'the 核减 since the last issue, per unit',
      change: (summary) => ({
        ...summary,
        deductions: {
          sinceIssue: 7,
          organizations: 3,
          units: [
            { unitCode: 'HM', unitName: '花木街道', organizations: 2 },
            { unitCode: 'ZJ', unitName: '张江镇', organizations: 1 },
          ],
        },
      }),
      has: ['自第7期通报以来，经核查不属实核减3家（花木街道2家、张江镇1家），不计入完成数。按市、区两级'],
    },
    {
      rule: 'the subsidy names its basis: one level only',
      change: (summary) => ({ ...summary, subsidyRate: { city: 0, district: 600 } }),
      has: ['按区级每家600元的补贴标准，全年累计应拨付建团补贴11.94万元。'],
      hasNot: ['市、区两级'],
    },
    {
      rule: 'no subsidy sentence when there is no subsidy',
      change: (summary) => ({ ...summary, subsidyRate: { city: 0, district: 0 } }),
      has: [],
      hasNot: ['补贴标准'],
    },
  ];

  it.each(cases)('$rule', ({ change, has, hasNot }) => {
    const text = renderBulletin(change(novemberExample()), meta).narrative;
    for (const words of has) expect(text).toContain(words);
    for (const words of hasNot ?? []) expect(text).not.toContain(words);
  });

  it('names tied leaders and below-progress districts from real counts (summarize → renderBulletin)', () => {
    const summary = districtSummary(
      [
        ['甲街道', 12, 8],
        ['乙街道', 12, 8],
        ['丙街道', 12, 5],
        ['丁街道', 12, 4],
        ['戊街道', 12, 3],
        ['己街道', 12, 2],
        ['庚街道', 12, 1],
        ['辛街道', 12, 0],
        ['壬街道', 12, 0],
        ['癸街道', 12, 0],
        ['子街道', 12, 0],
      ],
      6,
    );
    // 31 of 132 = 23.5%; time progress 50%; 50 − 23.48 = 26.5 points; 31 × 600 = 18,600 yuan.
    expect(renderBulletin(summary, meta).narrative).toBe(
      '截至2026年6月底，全区今年以来累计在青年社会组织中新建团组织31家，完成年度指标的23.5%，低于时序进度26.5个百分点；6月份无新建。' +
        '从各单位看，甲街道、乙街道等2家单位完成率均为66.7%，并列全区首位；' +
        '丙街道、丁街道、戊街道、己街道、庚街道等5家单位进度滞后于时序要求，请相关单位加大工作力度，抓紧推进；' +
        '辛街道、壬街道、癸街道、子街道等4家单位尚未实现零的突破，请抓紧启动。' +
        '按市、区两级每家共600元的补贴标准，全年累计应拨付建团补贴1.86万元。' +
        // Above five, the first three and where the full list is (the 报送情况 table).
        '6月份台账尚未报送11家单位（甲街道、乙街道、丙街道等，名单见附表）。',
    );
  });

  it('says 持平 when the difference rounds to 0.0 points', () => {
    // 300 of 1201 = 24.98%, 0.02 points below 25%.
    const summary = districtSummary([['花木街道', 1201, 300]], 3);
    expect(renderBulletin(summary, meta).narrative).toContain('完成年度指标的25%，与时序进度持平；');
  });

  it('praises no one when nobody has started', () => {
    const summary = districtSummary(
      [
        ['花木街道', 12, 0],
        ['张江镇', 10, 0],
      ],
      1,
    );
    expect(renderBulletin(summary, meta).narrative).toBe(
      '截至2026年1月底，全区今年以来累计在青年社会组织中新建团组织0家，完成年度指标的0%，低于时序进度8.3个百分点；1月份无新建。' +
        '从各单位看，花木街道、张江镇等2家单位尚未实现零的突破，请抓紧启动。' +
        '按市、区两级每家共600元的补贴标准，全年累计应拨付建团补贴0元。' +
        '1月份台账尚未报送2家单位（花木街道、张江镇）。',
    );
  });

  it('writes no percentages when no unit has a quota, and names no unit without one as lagging', () => {
    const summary = districtSummary(
      [
        ['花木街道', null, 2],
        ['张江镇', null, 0],
      ],
      3,
    );
    expect(renderBulletin(summary, meta).narrative).toBe(
      '截至2026年3月底，全区今年以来累计在青年社会组织中新建团组织2家（本年度尚未下达建团指标）；3月份无新建。' +
        '按市、区两级每家共600元的补贴标准，全年累计应拨付建团补贴1200元。' +
        '3月份台账尚未报送2家单位（花木街道、张江镇）。',
    );
    expect(renderBulletin(summary, meta).totals).toContainEqual({ label: '完成率', value: '—' });
  });

  it('counts this month’s spot checks from the ledger (summarize → renderBulletin)', () => {
    const checked = (orgName: string, checkResult: '属实' | '无法联系', checkedOn: string): LedgerRecord => ({
      ...established('U0', orgName, '2026-02-01'),
      checkedOn,
      checkResult,
    });
    const summary = summarize(
      [
        checked('花木青年组织甲', '属实', '2026-03-03'),
        checked('花木青年组织乙', '属实', '2026-03-31'),
        checked('花木青年组织丙', '无法联系', '2026-02-27'),
      ],
      {
        district: '浦东新区',
        units: [{ code: 'U0', name: '花木街道', kind: '街道', active: true }],
        quotas: [{ unitCode: 'U0', year: 2026, quota: 12 }],
        year: 2026,
        month: 3,
        today: '2026-04-01',
      },
    );
    expect(renderBulletin(summary, meta).narrative).toContain('3月份电话抽查已建团组织2家，均属实。');
  });

  it('is the same text every time for the same figures', () => {
    const summary = districtSummary([['花木街道', 12, 5]], 4);
    expect(renderBulletin(summary, meta)).toEqual(
      renderBulletin(SummarySchema.parse(JSON.parse(JSON.stringify(summary))), meta),
    );
  });
});

describe('renderBulletin: layout', () => {
  const summary = districtSummary(
    [
      ['甲街道', null, 1],
      ['乙街道', 10, 5],
      ['丙街道', 0, 2],
      ['丁街道', 10, 5],
      ['戊街道', 4, 4],
    ],
    6,
  );

  it('sorts the unit table by rank, ties and the unranked in table order', () => {
    expect(renderBulletin(summary, meta).unitTable.rows).toEqual([
      ['戊街道', 4, 0, 4, '100.0%', '+2.0', 1, '已完成', 2400],
      ['乙街道', 10, 0, 5, '50.0%', '0.0', 2, '正常', 3000],
      ['丁街道', 10, 0, 5, '50.0%', '0.0', 2, '正常', 3000],
      ['甲街道', null, 0, 1, null, null, null, '无指标', 600],
      ['丙街道', 0, 0, 2, null, '+2.0', null, '无指标', 1200],
    ]);
  });

  it('titles a published issue 第N期 and a live one 实时数据（未发布）', () => {
    const published = renderBulletin(summary, meta);
    expect(published.title).toBe('浦东新区青年社会组织团建工作月度通报（2026年6月）');
    expect(published.issueLine).toBe('第7期');
    const live = renderBulletin(summary, { ...meta, issueNumber: null });
    expect(live.issueLine).toBe('实时数据（未发布）');
    expect(live.issueNumber).toBeNull();
    expect(renderBulletin(summary, { ...meta, issueNumber: 9, corrects: 8 }).issueLine).toBe(
      '第9期（更正第8期）',
    );
  });

  it('conforms to BulletinSchema', () => {
    const bulletin = renderBulletin(summary, meta);
    expect(BulletinSchema.parse(bulletin)).toEqual(bulletin);
  });
});
