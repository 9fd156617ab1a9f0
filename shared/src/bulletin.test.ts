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

describe('renderBulletin: the narrative', () => {
  it('names tied leaders, five lagging units and four not started, below the time progress', () => {
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
      '截至2026年6月底，全区累计在青年社会组织中新建团组织31家，完成年度指标的23.5%，低于时序进度26.5个百分点。' +
        '本月新建0家。' +
        '甲街道、乙街道完成率均为66.7%，并列全区首位。' +
        '丙街道、丁街道、戊街道等5家单位进度滞后，请抓紧推进。' +
        '尚有4家单位未实现零的突破（辛街道、壬街道、癸街道等）。' +
        '按每家600元标准，应拨付补贴1.86万元。' +
        '6月份台账尚未报送11家单位（甲街道、乙街道、丙街道、丁街道、戊街道、己街道、庚街道、辛街道、壬街道、癸街道、子街道）。',
    );
  });

  it('says 持平 on the time progress, praises a single leader and leaves out a zero subsidy rate', () => {
    const summary = districtSummary(
      [['花木街道', 12, 3]],
      3,
      { subsidy: { city: 0, district: 0 } },
      '2026-03-02',
    );
    expect(renderBulletin(summary, meta).narrative).toBe(
      '截至2026年3月底，全区累计在青年社会组织中新建团组织3家，完成年度指标的25.0%，与时序进度持平。' +
        '本月新建3家。' +
        '花木街道完成率25.0%，居全区首位。' +
        '3月份台账尚未报送1家单位（花木街道）。',
    );
  });

  it('says 持平 when the difference rounds to 0.0 points', () => {
    // 300 of 1201 = 24.98%, 0.02 points below 25%.
    const summary = districtSummary([['花木街道', 1201, 300]], 3);
    expect(renderBulletin(summary, meta).narrative).toContain('完成年度指标的25.0%，与时序进度持平。');
  });

  it('names one or two lagging units without 等 for a single one', () => {
    const summary = districtSummary([['花木街道', 12, 3]], 3);
    expect(renderBulletin({ ...summary, lagging: ['花木街道'] }, meta).narrative).toContain(
      '。花木街道进度滞后，请抓紧推进。',
    );
    expect(renderBulletin({ ...summary, lagging: ['花木街道', '张江镇'] }, meta).narrative).toContain(
      '。花木街道、张江镇等2家单位进度滞后，请抓紧推进。',
    );
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
      '截至2026年1月底，全区累计在青年社会组织中新建团组织0家，完成年度指标的0.0%，低于时序进度8.3个百分点。' +
        '本月新建0家。' +
        '尚有2家单位未实现零的突破（花木街道、张江镇）。' +
        '按每家600元标准，应拨付补贴0元。' +
        '1月份台账尚未报送2家单位（花木街道、张江镇）。',
    );
  });

  it('writes a sentence without percentages when no unit has a quota', () => {
    const summary = districtSummary(
      [
        ['花木街道', null, 2],
        ['张江镇', null, 0],
      ],
      3,
    );
    expect(renderBulletin(summary, meta).narrative).toBe(
      '截至2026年3月底，全区累计在青年社会组织中新建团组织2家（本年度尚未下达建团指标）。' +
        '本月新建0家。' +
        '按每家600元标准，应拨付补贴1200元。' +
        '3月份台账尚未报送2家单位（花木街道、张江镇）。',
    );
    expect(renderBulletin(summary, meta).totals).toContainEqual({ label: '完成率', value: '—' });
  });

  it('reports this month’s spot checks by result, naming only results that occurred', () => {
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
    expect(renderBulletin(summary, meta).narrative).toContain('本月电话抽查2家，其中属实2家。');
  });

  it('states the 核减 since the last issue per unit, and nothing when there is none', () => {
    const summary = districtSummary([['花木街道', 12, 5]], 4);
    const deductions = {
      sinceIssue: 7,
      organizations: 3,
      units: [
        { unitCode: 'U0', unitName: '花木街道', organizations: 2 },
        { unitCode: 'U1', unitName: '张江镇', organizations: 1 },
      ],
    };
    expect(renderBulletin({ ...summary, deductions }, meta).narrative).toContain(
      '自第7期通报以来，经核查不属实核减3家（花木街道2家、张江镇1家），不计入完成数。',
    );
    const none = { ...deductions, organizations: 0, units: [] };
    expect(renderBulletin({ ...summary, deductions: none }, meta).narrative).not.toContain('核减');
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
