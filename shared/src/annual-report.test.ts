import { describe, expect, it } from 'vitest';
import {
  type AnnualFigures,
  branchCandidates,
  committeeCandidates,
  renderAnnualReport,
} from './annual-report';
import { type Assessment, assessUnits, DEFAULT_ASSESSMENT_WEIGHTS } from './assessment';

const unit = (code: string, name: string, counted: number, activities: number) => ({
  unitCode: code,
  unitName: name,
  quota: 10,
  counted,
  reporting: Array(12).fill('onTime' as const),
  checks: { true: 1, untrue: 0 },
  activities,
  established: 5,
});

/**
 * Seven units, ranked by hand (weights 50/20/15/15, full completion at 120%, two activities a League organization):
 * 甲 and 乙 12 of 10 and 10 activities → 100; 丙 12 and 5 activities → 92.5; 丁 9 → 50 × 0.75 + 35 + 15 = 87.5 with
 * 10 activities; 戊 6 → 25 + 35 + 15 = 75; 己 3 → 12.5 + 35 + 15 = 62.5; 庚 no quota (not ranked).
 */
const assessment: Assessment = {
  year: 2026,
  months: 12,
  final: true,
  weights: DEFAULT_ASSESSMENT_WEIGHTS,
  reportingFrom: 1,
  weightsVersion: 0,
  weightsSetAt: null,
  activitiesRecorded: true,
  units: assessUnits(
    [
      unit('A', '甲镇', 12, 10),
      unit('B', '乙街道', 12, 10),
      unit('C', '丙镇', 12, 5),
      unit('D', '丁镇', 9, 10),
      unit('E', '戊街道', 6, 10),
      unit('F', '己镇', 3, 10),
      { ...unit('G', '庚园区', 0, 0), quota: null },
    ],
    DEFAULT_ASSESSMENT_WEIGHTS,
  ),
};

const figures: AnnualFigures = {
  year: 2026,
  district: '示例新区',
  totals: { quota: 60, counted: 54, rate: 0.9, subsidy: 32_400, subsidyRate: 600, units: 7, unitsDone: 3 },
  assessment,
  activities: { activities: 61, served: 2_310 },
  work: { visits: 47, meetings: 6, leaders: 4 },
  centre: {
    year: 2026,
    resident: 9,
    linked: 37,
    youth: 4_123,
    members: 956,
    establishedInYear: 21,
    established: 23,
    perYear: [],
  },
  candidates: {
    committees: [],
    branches: [
      { unitCode: 'A', unitName: '甲镇', orgName: '甲镇青年志愿者协会', activities: 6, served: 420 },
      { unitCode: 'B', unitName: '乙街道', orgName: '乙街道白领读书会', activities: 4, served: 160 },
    ],
    people: [{ name: '张伟', unitName: '甲镇', orgName: '甲镇青年志愿者协会', reason: '团组织书记' }],
  },
};

describe('年度通报', () => {
  it('names the units in the first three ranks (a fifth of seven is fewer), ties included, the unranked never', () => {
    expect(assessment.units.map((each) => [each.unitName, each.total, each.rank])).toEqual([
      ['甲镇', 100, 1],
      ['乙街道', 100, 1],
      ['丙镇', 92.5, 3],
      ['丁镇', 87.5, 4],
      ['戊街道', 75, 5],
      ['己镇', 62.5, 6],
      ['庚园区', null, null],
    ]);
    expect(committeeCandidates(assessment)).toEqual([
      { unitCode: 'A', unitName: '甲镇', rank: 1, total: 100 },
      { unitCode: 'B', unitName: '乙街道', rank: 1, total: 100 },
      { unitCode: 'C', unitName: '丙镇', rank: 3, total: 92.5 },
    ]);
  });

  it('proposes the League organizations that held the year’s number of activities, most served first', () => {
    const org = (name: string, activities: number, served: number) => ({
      unitCode: 'A',
      unitName: '甲镇',
      orgName: name,
      activities,
      served,
    });
    expect(
      branchCandidates(
        [org('一社', 1, 900), org('二社', 2, 100), org('三社', 5, 300), org('四社', 2, 300)],
        2,
      ).map((each) => each.orgName),
    ).toEqual(['三社', '四社', '二社']);
  });

  it('writes the year in the house style, with its tables and 落款', () => {
    const report = renderAnnualReport(
      { ...figures, candidates: { ...figures.candidates, committees: committeeCandidates(assessment) } },
      { date: '2027-01-05', issuer: '共青团示例新区委员会', published: true },
    );
    expect(report.title).toBe('示例新区青年社会组织团建工作2026年度通报');
    expect(report.issueLine).toBe('年度通报');
    expect(report.paragraphs).toEqual([
      '2026年，全区共在青年社会组织中新建团组织54家，完成年度指标60家的90.0%，未完成全年任务；7家单位中，3家完成年度指标。按市、区两级每家共600元的补贴标准，全年应拨付建团补贴3.24万元。',
      '按2026年全年的年度考核（指标完成50%、按时报送20%、抽查属实15%、团组织活动15%），甲镇、乙街道等2家单位并列全区首位。',
      '2026年，全区青年社会组织团组织共开展活动61场，服务青年2310人次。',
      '团区委坚持定期走访、双月例会和领导联系制度，全年走访入驻支持中心的青年社会组织47次，召开双月例会6次，4位团区委领导联系直属团组织。' +
        '2026年，青年公益服务支持中心入驻青年社会组织9家，联系青年社会组织37家，涉及青年4123人、团员956人；2026年在其中推动建立团组织21家，累计已建团组织23家。',
      '根据年度考核和活动台账，建议甲镇、乙街道、丙镇为“红旗团委”候选单位；甲镇青年志愿者协会团组织、乙街道白领读书会团组织为“红旗团支部”候选；张伟为“青年之友”候选人（名单见附表），请各单位核实后报团区委。',
    ]);
    expect(report.tables.map((table) => table.title)).toEqual([
      '年度考核排名',
      '“红旗团委”候选单位',
      '“红旗团支部”候选',
      '“青年之友”候选人',
    ]);
    expect(report.tables[0]?.table.rows[0]).toEqual(['1（并列）', '甲镇', 100, 100, 100, 100, 100]);
    expect(report.tables[0]?.table.rows[6]).toEqual(['—', '庚园区', null, 100, 100, 0, null]);
    expect([report.issuer, report.date]).toEqual(['共青团示例新区委员会', '2027-01-05']);
  });

  it('says so when nothing is proposed and the year is still under way', () => {
    const report = renderAnnualReport(
      {
        ...figures,
        assessment: { ...assessment, months: 11, final: false },
        candidates: { committees: [], branches: [], people: [] },
      },
      { date: '2026-12-02', issuer: '共青团示例新区委员会', published: false },
    );
    expect(report.issueLine).toBe('当前情况（未发布）');
    expect(report.paragraphs[1]).toMatch(/^按2026年1—11月的年度考核/u);
    expect(report.paragraphs[4]).toBe('本年度暂无评优候选。');
    expect(report.tables).toHaveLength(1);
    // A district that keeps no work records and no support centre: no line of 0次 and 0家.
    const quiet = renderAnnualReport(
      {
        ...figures,
        work: { visits: 0, meetings: 0, leaders: 0 },
        centre: {
          ...figures.centre,
          resident: 0,
          linked: 0,
          youth: 0,
          members: 0,
          establishedInYear: 0,
          established: 0,
        },
      },
      { date: '2026-12-02', issuer: '共青团示例新区委员会', published: false },
    );
    expect(quiet.paragraphs).toHaveLength(4);
    expect(quiet.paragraphs.join('')).not.toContain('0次');
  });
});
