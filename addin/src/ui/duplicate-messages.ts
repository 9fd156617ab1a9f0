// The words of 重复 (admins: organizations several units report, each unit's record side by side, the
// default and the committee's assignment; units: a note that an organization is also reported elsewhere),
// in zh-CN and English. i18n.ts carries them as `duplicates`.

const zh = {
  heading: '重复报送的组织',
  intro:
    '同一组织被多个单位报送（统一社会信用代码相同，或缺少代码时名称相同）时只计一次：默认计入建团时间最早的单位。经核实需要计入另一单位的，可在此指定并写明理由；指定会记入操作日志，可随时撤销、恢复默认。',
  adminOnly: '只有团区委管理员可以处理重复报送。',
  load: '查看重复报送',
  reload: '刷新',
  // The count itself is in the overview just below: the notice only says the list is read.
  loaded: (count: number): string =>
    count === 0 ? '没有多个单位重复报送的组织。' : '已读取重复报送的组织，见下。',
  none: '目前没有多个单位重复报送的组织。',
  overview: (count: number, assigned: number) =>
    `共${count}个组织由多个单位重复报送，${
      assigned === 0
        ? '均按默认规则（建团时间最早）计入'
        : assigned >= count
          ? '均由团区委指定计入单位'
          : `其中${assigned}个由团区委指定计入单位，其余按默认规则（建团时间最早）计入`
    }。`,
  noCode: '无信用代码',
  field: '项目',
  fields: {
    orgName: '组织名称',
    creditCode: '统一社会信用代码',
    status: '建团状态',
    establishedOn: '建团时间',
    leagueOrgType: '团组织类型',
    mode: '建团模式',
    secretary: '团组织书记',
    phone: '联系电话',
    checkResult: '抽查结果',
    firstReportedAt: '首次报送',
  },
  tableCaption: (name: string) => `“${name}”在各单位台账中的记录`,
  countedBadge: '计入',
  empty: '—',
  countedDefault: (unit: string) => `计入：${unit}（默认：建团时间最早）`,
  countedAssigned: (unit: string) => `计入：${unit}（团区委指定）`,
  countedNone: '不计入任何单位（未建团，或抽查不属实）',
  defaultIs: (unit: string) => `默认应计入：${unit}`,
  assignmentLine: (reason: string, when: string, who: string) => `指定理由：${reason}（${who}，${when}）`,
  assignmentIdle: (unit: string) =>
    `已指定计入${unit}，但该单位的记录目前不能计入（未建团或已删除），暂按默认计入。`,
  assignTo: (unit: string) => `改为计入${unit}`,
  notEligible: (unit: string) => `${unit}报送的不是已建团组织，不能计入该单位。`,
  reasonLabel: (unit: string) => `改为计入${unit}的理由（必填）`,
  reasonHint: '例如：经电话核实，该组织由此单位指导建团。理由会记入操作日志。',
  reasonRequired: '请填写理由（至少2个字）后再指定。',
  next: '下一步',
  cancel: '取消',
  confirmText: (name: string, from: string, to: string) =>
    `确认将“${name}”改为计入${to}？${from}的完成数和应拨补贴将减少1家，${to}相应增加。`,
  confirmReason: (reason: string) => `理由：${reason}（将记入操作日志）`,
  confirmAssign: '确认指定',
  assigned: (name: string, unit: string) => `已指定：“${name}”改为计入${unit}。列表已刷新。`,
  unchanged: (name: string, unit: string) => `“${name}”已按同样的理由指定计入${unit}，没有改动。`,
  revoke: '撤销指定，恢复默认',
  revokeConfirmText: (name: string, unit: string) =>
    `确认撤销对“${name}”的指定？该组织将恢复默认，计入${unit}。`,
  confirmRevoke: '确认撤销',
  revoked: (name: string, unit: string) => `已撤销指定：“${name}”恢复默认，计入${unit}。`,
  revokeNothing: (name: string) => `“${name}”没有生效的指定，无需撤销。`,
  errors: {
    gone: '这个组织现在已不是多个单位重复报送（可能有单位更新了台账）。列表已刷新。',
    unitNotReporting: '所选单位的台账中已没有这个组织。列表已刷新，请重新选择。',
    notEstablished: '所选单位报送的这个组织不是已建团（或抽查不属实），不能计入该单位。',
    isDefault: '这个组织按默认规则已计入所选单位；要恢复默认，请撤销指定。',
  },
  unitNote: {
    heading: (count: number) => `本单位有${count}个组织也由其他单位报送`,
    intro: '同一组织只计一次：默认计入建团时间最早的单位，团区委可核实后指定。如有出入，请与团区委联系。',
    item: (name: string, others: string) => `${name}：也由${others}报送`,
    countedHere: '计入本单位',
    countedElsewhere: (unit: string) => `计入${unit}`,
    countedNone: '不计入任何单位',
    byCommittee: '（团区委指定）',
    separator: '、',
  },
};

export type DuplicateMessages = typeof zh;

const en: DuplicateMessages = {
  heading: 'Organizations reported twice',
  intro:
    'An organization reported by several units (same credit code, or the same name where a code is missing) counts once: by default for the unit that set it up first. Where it should count for another unit, assign it here with a reason; the assignment is logged and can be revoked at any time.',
  adminOnly: 'Only district admins can settle duplicates.',
  load: 'Show duplicates',
  reload: 'Refresh',
  loaded: (count) =>
    count === 0 ? 'No organization is reported by more than one unit.' : 'Duplicates read; see below.',
  none: 'No organization is reported by more than one unit now.',
  overview: (count, assigned) =>
    `${count} organization(s) are reported by more than one unit; ${
      assigned === 0
        ? 'all count by the default rule (earliest set-up date)'
        : assigned >= count
          ? 'all are assigned by the committee'
          : `${assigned} assigned by the committee, the rest count by the default rule (earliest set-up date)`
    }.`,
  noCode: 'no credit code',
  field: 'Field',
  fields: {
    orgName: 'Organization',
    creditCode: 'Credit code',
    status: 'Status',
    establishedOn: 'Set up on',
    leagueOrgType: 'League organization',
    mode: 'Mode',
    secretary: 'Secretary',
    phone: 'Phone',
    checkResult: 'Spot check',
    firstReportedAt: 'First reported',
  },
  tableCaption: (name) => `“${name}” in each unit’s ledger`,
  countedBadge: 'counts',
  empty: '—',
  countedDefault: (unit) => `Counts for ${unit} (default: set up first)`,
  countedAssigned: (unit) => `Counts for ${unit} (assigned by the committee)`,
  countedNone: 'Counts for no unit (not set up, or found untrue)',
  defaultIs: (unit) => `Default: ${unit}`,
  assignmentLine: (reason, when, who) => `Reason: ${reason} (${who}, ${when})`,
  assignmentIdle: (unit) =>
    `Assigned to ${unit}, but that unit’s record cannot count now (not set up, or removed): the default applies meanwhile.`,
  assignTo: (unit) => `Count for ${unit} instead`,
  notEligible: (unit) => `${unit} does not report it as set up: it cannot count there.`,
  reasonLabel: (unit) => `Why it should count for ${unit} (required)`,
  reasonHint:
    'For example: confirmed by phone that this unit guided its League organization. The reason is logged.',
  reasonRequired: 'Give a reason (at least 2 characters) first.',
  next: 'Next',
  cancel: 'Cancel',
  confirmText: (name, from, to) =>
    `Count “${name}” for ${to}? ${from} loses one organization in its count and subsidy; ${to} gains one.`,
  confirmReason: (reason) => `Reason: ${reason} (it will be logged)`,
  confirmAssign: 'Confirm assignment',
  assigned: (name, unit) => `Assigned: “${name}” now counts for ${unit}. The list is refreshed.`,
  unchanged: (name, unit) => `“${name}” was already assigned to ${unit} with this reason; nothing changed.`,
  revoke: 'Revoke, back to the default',
  revokeConfirmText: (name, unit) =>
    `Revoke the assignment of “${name}”? It will count for ${unit} again (the default).`,
  confirmRevoke: 'Confirm revoke',
  revoked: (name, unit) => `Revoked: “${name}” counts for ${unit} again (the default).`,
  revokeNothing: (name) => `“${name}” has no assignment in force; nothing to revoke.`,
  errors: {
    gone: 'This organization is no longer reported by more than one unit (a unit may have updated its ledger). The list is refreshed.',
    unitNotReporting:
      'The chosen unit no longer reports this organization. The list is refreshed; choose again.',
    notEstablished:
      'The chosen unit does not report this organization as set up (or it was found untrue): it cannot count there.',
    isDefault:
      'It counts for the chosen unit by default already; to return to the default, revoke the assignment.',
  },
  unitNote: {
    heading: (count) => `${count} of this unit’s organizations are also reported by another unit`,
    intro:
      'An organization counts once: by default for the unit that set it up first; the committee may assign it otherwise. Contact the committee if something is wrong.',
    item: (name, others) => `${name}: also reported by ${others}`,
    countedHere: 'counts for this unit',
    countedElsewhere: (unit) => `counts for ${unit}`,
    countedNone: 'counts for no unit',
    byCommittee: ' (assigned by the committee)',
    separator: ', ',
  },
};

export const duplicatesZh = zh;
export const duplicatesEn = en;
