// GET /summary: the live figures of a small district worked out by hand, as JSON, CSV and printable HTML.
import { SummaryResponseSchema, UploadResponseSchema, withCheckChar } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call, createUnits, establishedRow, plannedRow, setQuotas, upload } from './helpers';

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** One organization, reported by 花木街道 (set up 18 March) and 陆家嘴街道 (set up 10 February). */
const SHARED_CODE = withCheckChar('51310115MJ4985617');
const FORMULA_NAME = '=HYPERLINK("http://x","点我")';

let liveWarnings: string[] = [];

beforeAll(async () => {
  await createUnits([
    { code: 'HM', name: '花木街道' },
    { code: 'LJZ', name: '陆家嘴街道' },
    { code: 'ZJ', name: '张江镇', kind: '镇' },
    { code: 'EQ', name: FORMULA_NAME },
    { code: '-AT', name: '@艾特园区', kind: '园区' },
    { code: 'PLUS', name: '+加号社区', kind: '其他' },
  ]);
  // 艾特园区 and 加号社区 have no quota: listed, not ranked.
  await setQuotas(2026, { HM: 12, LJZ: 6, ZJ: 12, EQ: 3 });
  await setQuotas(2025, { HM: 99 });

  const uploads = [
    await upload('HM', [
      establishedRow(0, 'HM', { orgName: '花木青年志愿者协会', establishedOn: '2026-01-15' }),
      establishedRow(1, 'HM', { orgName: '花木青年创客空间', establishedOn: '2026-02-20' }),
      establishedRow(2, 'HM', { orgName: '花木青年读书会', establishedOn: '2026-03-05' }),
      establishedRow(3, 'HM', {
        orgName: '浦东青年社工协会',
        creditCode: SHARED_CODE,
        orgType: '社会团体',
        establishedOn: '2026-03-18',
      }),
      establishedRow(4, 'HM', { orgName: '花木青年篮球俱乐部', establishedOn: '2025-11-01' }),
      plannedRow(5, 'HM', { orgName: '花木青年公益社' }),
    ]),
    await upload('LJZ', [
      establishedRow(0, 'LJZ', {
        orgName: '浦东青年社工协会',
        creditCode: SHARED_CODE,
        orgType: '社会团体',
        establishedOn: '2026-02-10',
      }),
      establishedRow(1, 'LJZ', {
        orgName: '陆家嘴金融青年联谊会',
        establishedOn: '2026-03-12',
        checkedOn: '2026-03-20',
        checkResult: '不属实',
      }),
      establishedRow(2, 'LJZ', { orgName: '陆家嘴青年律师沙龙', establishedOn: '2026-03-25' }),
    ]),
    await upload('ZJ', [
      establishedRow(0, 'ZJ', { orgName: '张江青年程序员协会', establishedOn: '2026-01-20' }),
      establishedRow(1, 'ZJ', { orgName: '张江生物医药青年联盟', establishedOn: '2026-02-14' }),
      establishedRow(2, 'ZJ', { orgName: '张江青年跑团', establishedOn: '2025-06-01' }),
      plannedRow(3, 'ZJ', { orgName: '张江青年画社' }),
    ]),
    await upload('-AT', [
      establishedRow(0, '-AT', {
        orgName: '艾特园区楼宇青年联合会',
        mode: '楼宇建团',
        leagueOrgType: '联合团支部',
        memberCount: 2,
        establishedOn: '2026-03-02',
      }),
    ]),
  ];
  for (const response of uploads) {
    if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
  }
  const ljz = UploadResponseSchema.parse(await uploads[1]?.json());
  liveWarnings = ljz.warnings.map((w) => `${w.row} ${w.column} ${w.code}`);
});

async function liveSummary(query = 'year=2026&month=3') {
  const response = await call(`/summary?${query}`);
  expect(response.status).toBe(200);
  return SummaryResponseSchema.parse(await response.json());
}

describe('GET /summary as JSON', () => {
  it('warns the second unit that reports an organization another unit already has', () => {
    expect(liveWarnings).toEqual(['4 creditCode duplicate.otherUnit']);
  });

  it('counts each unit as SPEC §3 says, in unit order', async () => {
    const { summary } = await liveSummary();
    const figures = summary.units.map((u) => ({
      unit: u.unitCode,
      quota: u.quota,
      newThisMonth: u.newThisMonth,
      counted: u.counted,
      expected: u.expected,
      gap: u.gap,
      state: u.state,
      rank: u.rank,
      organizations: u.organizations,
      established: u.established,
      subsidy: u.subsidy,
    }));
    expect(figures).toEqual([
      // Jan, Feb, Mar count; the shared organization is counted for 陆家嘴 (set up earlier); 2025 does not count.
      {
        unit: 'HM',
        quota: 12,
        newThisMonth: 1,
        counted: 3,
        expected: 3,
        gap: 0,
        state: '正常',
        rank: 2,
        organizations: 6,
        established: 5,
        subsidy: 1800,
      },
      // The shared organization (Feb) and a March one; the 不属实 row does not count.
      {
        unit: 'LJZ',
        quota: 6,
        newThisMonth: 1,
        counted: 2,
        expected: 1.5,
        gap: 0.5,
        state: '正常',
        rank: 1,
        organizations: 3,
        established: 2,
        subsidy: 1200,
      },
      {
        unit: 'ZJ',
        quota: 12,
        newThisMonth: 0,
        counted: 2,
        expected: 3,
        gap: -1,
        state: '滞后',
        rank: 3,
        organizations: 4,
        established: 3,
        subsidy: 1200,
      },
      {
        unit: 'EQ',
        quota: 3,
        newThisMonth: 0,
        counted: 0,
        expected: 0.75,
        gap: -0.75,
        state: '未启动',
        rank: 4,
        organizations: 0,
        established: 0,
        subsidy: 0,
      },
      {
        unit: '-AT',
        quota: null,
        newThisMonth: 1,
        counted: 1,
        expected: null,
        gap: null,
        state: null,
        rank: null,
        organizations: 1,
        established: 1,
        subsidy: 600,
      },
      {
        unit: 'PLUS',
        quota: null,
        newThisMonth: 0,
        counted: 0,
        expected: null,
        gap: null,
        state: null,
        rank: null,
        organizations: 0,
        established: 0,
        subsidy: 0,
      },
    ]);
    expect(summary.units.map((u) => u.rate)).toEqual([3 / 12, 2 / 6, 2 / 12, 0, null, null]);
    expect(summary.units.map((u) => u.coverage)).toEqual([5 / 6, 2 / 3, 3 / 4, null, 1, null]);
  });

  it('adds up the district and names the lagging and not-started units', async () => {
    const { summary } = await liveSummary();
    expect(summary).toMatchObject({ district: '浦东新区', year: 2026, month: 3, periodEnd: '2026-03-31' });
    expect(summary.subsidyRate).toEqual({ city: 300, district: 300 });
    expect(summary.totals).toEqual({
      quota: 33,
      newThisMonth: 3,
      counted: 8,
      expected: 8.25,
      gap: -0.25,
      rate: 8 / 33,
      // 14 rows, the shared organization once.
      organizations: 13,
      established: 10,
      coverage: 10 / 13,
      subsidy: 4800,
      units: 6,
      rankedUnits: 4,
    });
    expect(summary.lagging).toEqual(['张江镇']);
    expect(summary.notStarted).toEqual([FORMULA_NAME]);
    expect(summary.modes.toDate).toEqual({ 独立建团: 7, 联合建团: 0, 楼宇建团: 1, 区域建团: 0 });
    expect(summary.modes.month).toEqual({ 独立建团: 2, 联合建团: 0, 楼宇建团: 1, 区域建团: 0 });
    expect(summary.spotChecks.month).toEqual({ done: 1, 属实: 0, 不属实: 1, 无法联系: 0 });
  });

  it('counts an organization two units report once, for the unit that set it up first', async () => {
    const { summary } = await liveSummary();
    expect(summary.duplicates).toHaveLength(1);
    expect(summary.duplicates[0]).toMatchObject({
      orgKey: `c:${SHARED_CODE}`,
      orgName: '浦东青年社工协会',
      creditCode: SHARED_CODE,
      countedFor: 'LJZ',
    });
    expect(summary.duplicates[0]?.reportedBy.map((r) => [r.unitCode, r.establishedOn])).toEqual([
      ['LJZ', '2026-02-10'],
      ['HM', '2026-03-18'],
    ]);
  });

  it('reports every upload made in November for March as late and the silent units as missing', async () => {
    const { summary } = await liveSummary();
    expect(summary.reporting).toEqual({
      onTime: [],
      late: ['花木街道', '陆家嘴街道', '张江镇', '@艾特园区'],
      missing: [FORMULA_NAME, '+加号社区'],
    });
  });

  it('counts only up to the month asked for', async () => {
    const { summary } = await liveSummary('year=2026&month=1');
    expect(summary.units.map((u) => [u.unitCode, u.counted, u.newThisMonth])).toEqual([
      ['HM', 1, 1],
      ['LJZ', 0, 0],
      ['ZJ', 1, 1],
      ['EQ', 0, 0],
      ['-AT', 0, 0],
      ['PLUS', 0, 0],
    ]);
    // The 2025 quotas are their own year: only 花木 has one.
    const lastYear = await liveSummary('year=2025&month=12');
    expect(lastYear.summary.totals).toMatchObject({ quota: 99, counted: 2 });
  });

  it('writes a live bulletin with the title, no issue number and the figures in its narrative', async () => {
    const { summary, bulletin } = await liveSummary();
    expect(bulletin.title).toBe('浦东新区青年社会组织团建工作月度通报（2026年3月）');
    expect(bulletin.issueLine).toBe('实时数据（未发布）');
    expect(bulletin.issueNumber).toBeNull();
    expect(bulletin.issuer).toBe('共青团浦东新区委员会');
    expect(bulletin.date).toBe(summary.today);
    expect(bulletin.narrative).toContain('新建团组织8家');
    expect(bulletin.narrative).toContain('完成年度指标的24.2%');
    expect(bulletin.narrative).toBe(
      '截至2026年3月底，全区今年以来累计在青年社会组织中新建团组织8家，完成年度指标的24.2%，低于时序进度0.8个百分点；其中3月份新建3家。' +
        `从各单位看，陆家嘴街道完成率达33.3%，居全区首位；张江镇进度滞后于时序要求，请加大工作力度，抓紧推进；${FORMULA_NAME}尚未实现零的突破，请抓紧启动。` +
        '3月份电话抽查已建团组织1家，其中不属实1家；经核查不属实的，不计入完成数，不予拨付补贴。' +
        '按市、区两级每家共600元的补贴标准，全年累计应拨付建团补贴4800元。' +
        // Every unit uploaded after 5 April (the suite's clock) or not at all: all named.
        `3月份台账逾期报送4家单位（花木街道、陆家嘴街道、张江镇、@艾特园区），尚未报送2家（${FORMULA_NAME}、+加号社区）。`,
    );
    expect(bulletin.unitTable.rows).toEqual([
      ['陆家嘴街道', 6, 1, 2, '33.3%', '+0.5', 1, '正常', 1200],
      ['花木街道', 12, 1, 3, '25.0%', '0.0', 2, '正常', 1800],
      ['张江镇', 12, 0, 2, '16.7%', '-1.0', 3, '滞后', 1200],
      [FORMULA_NAME, 3, 0, 0, '0.0%', '-0.8', 4, '未启动', 0],
      ['@艾特园区', null, 1, 1, null, null, null, '无指标', 600],
      ['+加号社区', null, 0, 0, null, null, null, '无指标', 0],
    ]);
    expect(bulletin.totals).toEqual([
      { label: '年度指标合计', value: '33家' },
      { label: '累计完成', value: '8家' },
      { label: '完成率', value: '24.2%' },
      { label: '时序进度', value: '25.0%' },
      { label: '本月新建', value: '3家' },
      { label: '覆盖率', value: '76.9%' },
      { label: '应拨补贴', value: '4800元' },
    ]);
  });

  it('answers 400 in the error contract for a year or month out of range', async () => {
    for (const query of [
      'year=1999&month=3',
      'year=2026&month=13',
      'year=2026&month=0',
      'year=abc&month=3',
    ]) {
      const response = await call(`/summary?${query}`);
      expect(response.status, query).toBe(400);
      expect(ErrorBody.parse(await response.json()).error.code).toBe('bad_request');
    }
    const missing = await call('/summary?year=2026');
    expect(missing.status).toBe(400);
    expect(ErrorBody.parse(await missing.json()).error.code).toBe('bad_request');
    const badFormat = await call('/summary?year=2026&month=3&format=xlsx');
    expect(badFormat.status).toBe(400);
    const monthOnly = await call('/summary?month=3');
    expect(monthOnly.status).toBe(400);
  });

  it('answers the last ended month (Asia/Shanghai) when year and month are both left out', async () => {
    // 1 March 00:30 in Shanghai is still 28 February in UTC: February has ended, so it is February.
    for (const [now, year, month] of [
      ['2026-02-28T16:30:00Z', 2026, 2],
      ['2026-04-10T02:00:00Z', 2026, 3],
      ['2027-01-01T01:00:00Z', 2026, 12],
    ] as const) {
      const response = await call('/summary?format=csv', { now });
      expect(response.status, now).toBe(200);
      const explicit = await call(`/summary?year=${year}&month=${month}&format=csv`, { now });
      expect(await response.text(), now).toBe(await explicit.text());
      const json = SummaryResponseSchema.parse(await (await call('/summary', { now })).json());
      expect([json.summary.year, json.summary.month], now).toEqual([year, month]);
    }
  });
});

describe('GET /summary?format=csv', () => {
  async function csvLines(): Promise<{ text: string; lines: string[]; response: Response }> {
    const response = await call('/summary?year=2026&month=3&format=csv');
    expect(response.status).toBe(200);
    // Response.text() would drop the BOM: decode the bytes keeping it.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      await response.arrayBuffer(),
    );
    return { text, lines: text.replace(/^\uFEFF/, '').split('\r\n'), response };
  }

  it('is UTF-8 with a BOM, served as text/csv for download', async () => {
    const { text, response } = await csvLines();
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe(
      'attachment; filename="bulletin-2026-03-live.csv"',
    );
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('has the header row, one row per unit with plain numbers, and the district total', async () => {
    const { lines } = await csvLines();
    expect(lines[0]).toBe(
      '统计截止,单位代码,单位,年度指标,本月新建,累计完成,完成率(%),时序进度,时序进度差,排名,状态,青年社会组织数,已建团数,覆盖率(%),应拨补贴(元),报送情况',
    );
    expect(lines[1]).toBe('2026-03-31,HM,花木街道,12,1,3,25,3,0,2,正常,6,5,83.3,1800,逾期报送');
    expect(lines[2]).toBe('2026-03-31,LJZ,陆家嘴街道,6,1,2,33.3,1.5,0.5,1,正常,3,2,66.7,1200,逾期报送');
    expect(lines[3]).toBe('2026-03-31,ZJ,张江镇,12,0,2,16.7,3,-1,3,滞后,4,3,75,1200,逾期报送');
    expect(lines[7]).toBe('2026-03-31,,全区合计,33,3,8,24.2,8.25,-0.25,,,13,10,76.9,4800,');
    expect(lines[8]).toBe('');
    expect(lines).toHaveLength(9);
  });

  it('defuses cells Excel would read as formulas with an apostrophe, quoted where needed', async () => {
    const { lines, text } = await csvLines();
    // The name has quotes and commas: the whole cell is quoted, inner quotes doubled, after the apostrophe.
    expect(lines[4]).toBe(
      '2026-03-31,EQ,"\'=HYPERLINK(""http://x"",""点我"")",3,0,0,0,0.75,-0.75,4,未启动,0,0,,0,未报送',
    );
    expect(lines[5]).toBe("2026-03-31,'-AT,'@艾特园区,,1,1,,,,,,1,1,100,600,逾期报送");
    expect(lines[6]).toBe("2026-03-31,PLUS,'+加号社区,,0,0,,,,,,0,0,,0,未报送");
    // No cell anywhere begins with a formula character.
    expect(text).not.toMatch(/(^|,|\r\n|\uFEFF)"?[=+@]/);
  });
});

describe('GET /summary?format=html', () => {
  async function html(): Promise<{ text: string; response: Response }> {
    const response = await call('/summary?year=2026&month=3&format=html');
    expect(response.status).toBe(200);
    return { text: await response.text(), response };
  }

  it('is a printable A4 page with the title, the live marker and the narrative', async () => {
    const { text, response } = await html();
    const { bulletin } = await liveSummary();
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(text).toContain('<title>浦东新区青年社会组织团建工作月度通报（2026年3月）</title>');
    expect(text).toContain('<h1>浦东新区青年社会组织团建工作月度通报（2026年3月）</h1>');
    expect(text).toContain('实时数据（未发布）');
    expect(text).toContain('@page { size: A4');
    const escaped = bulletin.narrative.replaceAll('"', '&quot;');
    expect(text).toContain(`<p class="narrative">${escaped}</p>`);
    expect(text).toContain('<p class="line">进度滞后单位（1家）：张江镇</p>');
  });

  it('is laid out like the sheet: its sections in order, figures in their formats, Chinese dates, the 落款', async () => {
    const { text } = await html();
    const sections = [...text.matchAll(/<h2>([^<]+)<\/h2>/g)].map((match) => match[1]);
    expect(sections).toEqual([
      '一、主要指标',
      '二、各单位完成情况',
      '三、建团模式与电话抽查',
      '四、报送情况',
      '五、各单位完成率',
    ]);
    // The masthead and the 落款 date in Chinese (the suite's clock), never ISO.
    const today = (await liveSummary()).bulletin.date;
    const [year, month, day] = today.split('-').map(Number);
    const chinese = `${year}年${month}月${day}日`;
    expect(text).toContain(
      `<div class="masthead"><span>共青团浦东新区委员会</span><span>${chinese}</span></div>`,
    );
    expect(text).toMatch(
      new RegExp(`<div class="signature"><p>共青团浦东新区委员会</p><p>${chinese}</p></div>\\s*</body>`),
    );
    expect(text).not.toContain(today);
    // 陆家嘴街道: 2 of 6, 33.3%, +0.5 on the time progress, 1,200 yuan; the row of a lagging unit coloured.
    expect(text).toContain(
      '<td>陆家嘴街道</td><td class="num">6</td><td class="num">1</td><td class="num">2</td><td class="num rate" style="--bar:33.3%">33.3%</td><td class="num">+0.5</td>',
    );
    // Units in the headers, the month named; the district total under the units, bold.
    expect(text).toContain('<th>较时序进度<br>（家）</th>');
    expect(text).toContain('<th>应拨补贴<br>（元）</th>');
    expect(text).toMatch(/<tr class="total"><td>全区合计<\/td><td class="num">\d+<\/td>/);
    expect(text).toMatch(/<tr class="lagging"><td>张江镇<\/td>/);
    expect(text).toContain('print-color-adjust: exact');
    expect(text).toContain('<div class="chart" role="img" aria-label="各单位完成率">');
  });

  it('loads nothing from elsewhere and prints a hostile unit name as text', async () => {
    const { text } = await html();
    expect(text).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(text).not.toMatch(/<(?:script|link|img|iframe)\b/i);
    expect(text).not.toContain('HYPERLINK("http://x"');
    expect(text).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;点我&quot;)');
  });
});
