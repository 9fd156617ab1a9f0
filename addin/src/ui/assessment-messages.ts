// The words of 年度考核 (admins: each unit's standing for the year and the weights), in zh-CN and English.
// i18n.ts carries them as `assessment`.

const zh = {
  heading: '年度考核',
  intro:
    '按年度查看各单位的考核得分和排名：指标完成、按时报送、抽查属实和团组织活动四项，权重由团区委按年度设定。年度未结束时按已结束的月份计。',
  adminOnly: '只有团区委管理员可以查看年度考核。',
  year: '考核年度',
  yearOption: (year: number) => `${year}年`,
  load: '查看年度考核',
  reload: '刷新',
  loaded: (year: number) => `已读取${year}年的年度考核。`,
  span: (year: number, months: number, final: boolean) =>
    final
      ? `按${year}年全年计。`
      : months === 0
        ? `${year}年还没有结束的月份，暂无考核数据。`
        : `按${year}年1—${months}月计（年度未结束，为当前排名）。`,
  weightsLine: (
    completion: number,
    reporting: number,
    accuracy: number,
    activities: number,
    perOrg: number,
    cap: number,
  ) =>
    `权重：指标完成${completion}%、按时报送${reporting}%、抽查属实${accuracy}%、团组织活动${activities}%（完成率达${cap}%、每个团组织每年${perOrg}次活动记满分）。`,
  reportingFrom: (month: number) => `按时报送自${month}月起计（此前尚无单位报送）。`,
  noReporting: '本年度尚无单位报送，按时报送一项暂不扣分。',
  completionCapLabel: '指标完成率达多少记满分（%）',
  weightsDefault: '使用默认权重（本年度尚未设定）。',
  weightsVersion: (version: number, at: string) => `第${version}版权重，${at}设定。`,
  noActivities: '本年度尚无单位上传活动台账，“团组织活动”一项暂按0分计（各单位相同，不影响排名）。',
  rank: '排名',
  tied: '（并列）',
  unit: '单位',
  completion: '指标完成',
  reporting: '按时报送',
  accuracy: '抽查属实',
  activities: '团组织活动',
  total: '总分',
  noQuota: '无指标',
  weightsHeading: '设定本年度权重',
  weightsHint: '四项权重之和须为100；保存后即为新一版权重，以前的版本保留。',
  perOrg: '每个团组织每年活动次数（记满分）',
  saveWeights: '保存权重',
  weightsSaved: (version: number) => `已保存第${version}版权重。`,
  weightsSum: (sum: number) => `四项权重之和为${sum}，须为100。`,
  annualHeading: (year: number) => `${year}年度通报`,
  annualIntro:
    '年度通报汇总全年建团、年度考核、团组织活动、工作制度落实和支持中心情况，并根据考核和活动台账提出“红旗团委”“红旗团支部”“青年之友”候选名单。年度结束后由团区委发布，发布后内容不再变化。',
  annualLoad: '查看年度通报',
  annualReload: '刷新年度通报',
  annualLoaded: (year: number, published: boolean) =>
    published ? `已读取已发布的${year}年度通报。` : `已读取${year}年度通报（当前情况，未发布）。`,
  annualPrint: '打开打印页',
  annualPublish: '发布年度通报',
  annualPublishConfirm: '确认发布（发布后不可更改）',
  annualConfirm: (year: number) =>
    `发布后${year}年度通报的数据即固定，不再随台账变化。确认无误请再点一次“确认发布”。`,
  annualPublished: (year: number) => `已发布${year}年度通报。`,
  annualPublishedAt: (at: string) => `已于${at}发布，内容已固定。`,
  annualNotPublished: '年度已结束，尚未发布：以下为当前数据。',
  annualUnderWay: '年度尚未结束：以下为截至上月的当前情况，年度结束后方可发布。',
};

export type AssessmentMessages = typeof zh;

const en: AssessmentMessages = {
  heading: 'Annual assessment',
  intro:
    'Each unit’s score and rank for a year: quota completion, reporting on time, spot-check accuracy and League organizations’ activities, weighted as the committee sets for the year. Before the year ends it counts the months ended.',
  adminOnly: 'Only district admins can see the annual assessment.',
  year: 'Year',
  yearOption: (year) => String(year),
  load: 'Show assessment',
  reload: 'Refresh',
  loaded: (year) => `Loaded the ${year} assessment.`,
  span: (year, months, final) =>
    final
      ? `The whole of ${year}.`
      : months === 0
        ? `No month of ${year} has ended yet.`
        : `Months 1–${months} of ${year} (the year is not over: the current standing).`,
  weightsLine: (completion, reporting, accuracy, activities, perOrg, cap) =>
    `Weights: completion ${completion}%, reporting ${reporting}%, accuracy ${accuracy}%, activities ${activities}% (full marks at ${cap}% of the quota and ${perOrg} activities per League organization a year).`,
  reportingFrom: (month) => `Reporting counts from month ${month} (no unit reported before).`,
  noReporting: 'No unit has reported this year: reporting costs no points yet.',
  completionCapLabel: 'Completion rate for full marks (%)',
  weightsDefault: 'Default weights (none set for this year).',
  weightsVersion: (version, at) => `Weights version ${version}, set ${at}.`,
  noActivities:
    'No unit has uploaded an activity ledger this year: the activities part is 0 for every unit (the same for all, so ranks are unaffected).',
  rank: 'Rank',
  tied: ' (tied)',
  unit: 'Unit',
  completion: 'Completion',
  reporting: 'Reporting',
  accuracy: 'Accuracy',
  activities: 'Activities',
  total: 'Total',
  noQuota: 'no quota',
  weightsHeading: 'Set this year’s weights',
  weightsHint: 'The four weights add up to 100; saving makes a new version and keeps the earlier ones.',
  perOrg: 'Activities per League organization a year (full marks)',
  saveWeights: 'Save weights',
  weightsSaved: (version) => `Saved weights version ${version}.`,
  weightsSum: (sum) => `The four weights add up to ${sum}; they must add up to 100.`,
  annualHeading: (year) => `${year} annual report`,
  annualIntro:
    'The annual report sums up the year: League building, the assessment, activities, the committee’s routines and the support centre, with candidates for the 红旗团委, 红旗团支部 and 青年之友 awards from the assessment and the activity ledgers. The committee publishes it once the year has ended; it never changes after.',
  annualLoad: 'Show annual report',
  annualReload: 'Refresh annual report',
  annualLoaded: (year, published) =>
    published
      ? `Loaded the published ${year} annual report.`
      : `Loaded the ${year} annual report (as it stands, not published).`,
  annualPrint: 'Open print view',
  annualPublish: 'Publish annual report',
  annualPublishConfirm: 'Confirm publish (final)',
  annualConfirm: (year) =>
    `Publishing fixes the ${year} annual report’s figures: they no longer follow the ledgers. Click Confirm publish to go ahead.`,
  annualPublished: (year) => `Published the ${year} annual report.`,
  annualPublishedAt: (at) => `Published ${at}; its figures are fixed.`,
  annualNotPublished: 'The year has ended and the report is not published yet: current figures below.',
  annualUnderWay:
    'The year is not over: the figures as of last month; it can be published once the year ends.',
};

export { en as assessmentEn, zh as assessmentZh };
