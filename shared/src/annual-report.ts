// 年度通报 (issue 15, SPEC §8–§9): the year-end report — the year's League building against the quota, the
// 年度考核 standing, the activities, the committee's work and the support centre, in the house style of the
// monthly bulletin, with its tables, the candidates for the year's awards, and 落款. Published once the year
// has ended, then frozen like a monthly issue.
import { z } from 'zod';
import { type Assessment, AssessmentSchema } from './assessment';
import { unitList } from './bulletin';
import { CentreHeadlineSchema, centreSentence } from './centre';
import { formatPercent, formatYuan } from './format';
import { BulletinTableSchema, IsoDateSchema, YearSchema } from './schemas';

/** A League organization among the year's 红旗团支部 candidates, with the figures that put it there. */
export const BranchCandidateSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  orgName: z.string(),
  activities: z.number().int(),
  served: z.number().int(),
});
export type BranchCandidate = z.infer<typeof BranchCandidateSchema>;

/** A person among the 青年之友 candidates: who, where, and why (drawn from the records). */
export const PersonCandidateSchema = z.object({
  name: z.string(),
  unitName: z.string(),
  orgName: z.string(),
  reason: z.string(),
});
export type PersonCandidate = z.infer<typeof PersonCandidateSchema>;

export const AnnualCandidatesSchema = z.object({
  /** 红旗团委: the units ranked in the assessment's first fifth (at least three ranks), ties included. */
  committees: z.array(
    z.object({ unitCode: z.string(), unitName: z.string(), rank: z.number().int(), total: z.number() }),
  ),
  /** 红旗团支部: League organizations whose activities reached the year's number, most served first. */
  branches: z.array(BranchCandidateSchema),
  /** 青年之友: the 团组织书记 of those organizations, as their ledgers name them. */
  people: z.array(PersonCandidateSchema),
});
export type AnnualCandidates = z.infer<typeof AnnualCandidatesSchema>;

/** The figures a year-end report is written from (the worker gathers them). */
export const AnnualFiguresSchema = z.object({
  year: YearSchema,
  district: z.string(),
  totals: z.object({
    quota: z.number().int(),
    counted: z.number().int(),
    rate: z.number().nullable(),
    subsidy: z.number(),
    /** 市、区两级 per organization (the year's rate). */
    subsidyRate: z.number(),
    units: z.number().int(),
    /** Units that reached their quota. */
    unitsDone: z.number().int(),
  }),
  assessment: AssessmentSchema,
  activities: z.object({ activities: z.number().int(), served: z.number().int() }),
  work: z.object({ visits: z.number().int(), meetings: z.number().int(), leaders: z.number().int() }),
  centre: CentreHeadlineSchema,
  candidates: AnnualCandidatesSchema,
});
export type AnnualFigures = z.infer<typeof AnnualFiguresSchema>;

/** The report as written: title, paragraphs, tables and 落款 — what every surface shows and prints. */
export const AnnualReportSchema = z.object({
  title: z.string(),
  /** 第N期 style line: 正式发布 or 当前情况（未发布）. */
  issueLine: z.string(),
  paragraphs: z.array(z.string()),
  tables: z.array(z.object({ title: z.string(), table: BulletinTableSchema })),
  issuer: z.string(),
  date: IsoDateSchema,
});
export type AnnualReport = z.infer<typeof AnnualReportSchema>;

/** GET /annual-reports/{year}: the figures and the report, published (frozen) or as they stand. */
export const AnnualReportResponseSchema = z.object({
  year: YearSchema,
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  /** The year has ended: the report can be published. */
  final: z.boolean(),
  figures: AnnualFiguresSchema,
  report: AnnualReportSchema,
});
export type AnnualReportResponse = z.infer<typeof AnnualReportResponseSchema>;

/** The units in the first fifth of the ranks (at least the first three ranks), ties included. */
export function committeeCandidates(assessment: Assessment): AnnualCandidates['committees'] {
  const ranked = assessment.units.filter((unit) => unit.rank !== null && unit.total !== null);
  const cutoff = Math.max(3, Math.ceil(ranked.length / 5));
  return ranked
    .filter((unit) => (unit.rank ?? Number.POSITIVE_INFINITY) <= cutoff)
    .map((unit) => ({
      unitCode: unit.unitCode,
      unitName: unit.unitName,
      rank: unit.rank ?? 0,
      total: unit.total ?? 0,
    }));
}

/** How many League organizations and people the candidate lists name at most. */
export const CANDIDATES_LISTED = 10;

/**
 * 红旗团支部 candidates from the year's activities per League organization: those that held at least
 * `perOrganization` activities (the assessment's full-marks number), most young people served first, then most
 * activities, then by name; at most CANDIDATES_LISTED. Organizations found 不属实 are left out by the caller.
 */
export function branchCandidates(
  organizations: readonly BranchCandidate[],
  perOrganization: number,
): BranchCandidate[] {
  return organizations
    .filter((organization) => organization.activities >= perOrganization)
    .sort(
      (a, b) =>
        b.served - a.served || b.activities - a.activities || a.orgName.localeCompare(b.orgName, 'zh-CN'),
    )
    .slice(0, CANDIDATES_LISTED);
}

function names(list: readonly string[]): string {
  return list.join('、');
}

function branchList(branches: readonly BranchCandidate[]): string {
  // The organization's own name (it often begins with its town's): the unit is in the table.
  const named = branches.slice(0, 3).map((branch) => `${branch.orgName}团组织`);
  return branches.length <= 3 ? names(named) : `${names(named)}等${branches.length}个团组织`;
}

/**
 * The year-end report in the house style (SPEC §9): the year named, no trailing .0, lists of units named in
 * full or as the first three with the exact total, the candidates for the awards, and 落款.
 */
export function renderAnnualReport(
  figures: AnnualFigures,
  meta: { date: string; issuer: string; published: boolean },
): AnnualReport {
  const { year, totals, assessment, activities, work, centre, candidates } = figures;
  const paragraphs: string[] = [];
  const rate = totals.rate === null ? null : formatPercent(totals.rate);
  const building =
    totals.quota === 0 || rate === null
      ? `${year}年，全区共在青年社会组织中新建团组织${totals.counted}家（本年度未下达建团指标）`
      : `${year}年，全区共在青年社会组织中新建团组织${totals.counted}家，完成年度指标${totals.quota}家的${rate}` +
        (totals.rate !== null && totals.rate >= 1 ? '，超额完成全年任务' : '，未完成全年任务');
  paragraphs.push(
    `${building}；${totals.units}家单位中，${totals.unitsDone}家完成年度指标。` +
      `按市、区两级每家共${formatYuan(totals.subsidyRate)}的补贴标准，全年应拨付建团补贴${formatYuan(totals.subsidy)}。`,
  );
  const leaders = assessment.units.filter((unit) => unit.rank === 1).map((unit) => unit.unitName);
  const span = assessment.final ? `${year}年全年` : `${year}年1—${assessment.months}月`;
  paragraphs.push(
    leaders.length === 0
      ? `按${span}的年度考核，尚无单位参加排名。`
      : `按${span}的年度考核（指标完成${assessment.weights.completion}%、按时报送${assessment.weights.reporting}%、抽查属实${assessment.weights.accuracy}%、团组织活动${assessment.weights.activities}%），` +
          `${leaders.length === 1 ? `${leaders[0]}居全区首位` : `${unitList(leaders)}并列全区首位`}。`,
  );
  paragraphs.push(
    activities.activities === 0
      ? `${year}年各单位未报送青年社会组织团组织开展的活动。`
      : `${year}年，全区青年社会组织团组织共开展活动${activities.activities}场，服务青年${activities.served}人次。`,
  );
  // The committee's routines and the centre, each said only when the year has any (an empty line reads as 0次).
  const routines =
    work.visits + work.meetings + work.leaders === 0
      ? ''
      : `团区委坚持定期走访、双月例会和领导联系制度，全年走访入驻支持中心的青年社会组织${work.visits}次，召开双月例会${work.meetings}次，` +
        `${work.leaders}位团区委领导联系直属团组织。`;
  const hub = centre.resident + centre.linked === 0 ? '' : centreSentence(centre);
  if (routines + hub !== '') paragraphs.push(routines + hub);
  const committees = candidates.committees.map((unit) => unit.unitName);
  const candidateParts: string[] = [];
  // Named in full up to three, else the first three with the exact total; the one （名单见附表） ends the sentence.
  if (committees.length > 0) {
    const listed =
      committees.length === 1
        ? committees[0]
        : committees.length <= 3
          ? names(committees)
          : `${names(committees.slice(0, 3))}等${committees.length}家单位`;
    candidateParts.push(`${listed}为“红旗团委”候选单位`);
  }
  if (candidates.branches.length > 0)
    candidateParts.push(`${branchList(candidates.branches)}为“红旗团支部”候选`);
  if (candidates.people.length > 0) {
    const people = candidates.people.map((person) => person.name);
    candidateParts.push(
      `${people.length <= 3 ? names(people) : `${names(people.slice(0, 3))}等${people.length}人`}为“青年之友”候选人`,
    );
  }
  paragraphs.push(
    candidateParts.length === 0
      ? '本年度暂无评优候选。'
      : `根据年度考核和活动台账，建议${candidateParts.join('；')}（名单见附表），请各单位核实后报团区委。`,
  );

  const tables: AnnualReport['tables'] = [
    {
      title: '年度考核排名',
      table: {
        headers: ['排名', '单位', '指标完成', '按时报送', '抽查属实', '团组织活动', '总分'],
        rows: assessment.units.map((unit) => [
          unit.rank === null ? '—' : `${unit.rank}${unit.tied ? '（并列）' : ''}`,
          unit.unitName,
          unit.parts.completion,
          unit.parts.reporting,
          unit.parts.accuracy,
          unit.parts.activities,
          unit.total,
        ]),
      },
    },
  ];
  if (candidates.committees.length > 0) {
    tables.push({
      title: '“红旗团委”候选单位',
      table: {
        headers: ['排名', '单位', '总分'],
        rows: candidates.committees.map((unit) => [unit.rank, unit.unitName, unit.total]),
      },
    });
  }
  if (candidates.branches.length > 0) {
    tables.push({
      title: '“红旗团支部”候选',
      table: {
        headers: ['单位', '组织', '活动（场）', '服务青年（人次）'],
        rows: candidates.branches.map((branch) => [
          branch.unitName,
          branch.orgName,
          branch.activities,
          branch.served,
        ]),
      },
    });
  }
  if (candidates.people.length > 0) {
    tables.push({
      title: '“青年之友”候选人',
      table: {
        headers: ['姓名', '单位', '组织', '推荐理由'],
        rows: candidates.people.map((person) => [
          person.name,
          person.unitName,
          person.orgName,
          person.reason,
        ]),
      },
    });
  }
  return {
    title: `${figures.district}青年社会组织团建工作${year}年度通报`,
    issueLine: meta.published ? '年度通报' : '当前情况（未发布）',
    paragraphs,
    tables,
    issuer: meta.issuer,
    date: meta.date,
  };
}
