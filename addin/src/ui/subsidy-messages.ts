// The words of 补贴 (admins: the year's subsidy ledger, marking payments with a 预检 first, a unit's 拨付明细),
// in zh-CN first and English. i18n.ts carries them as `subsidies`.

const yuan = (amount: number) => `${amount.toLocaleString('zh-CN')}元`;

const zh = {
  heading: '建团补贴',
  intro:
    '按年度查看各单位、各组织的补贴：应拨付、已拨付、不予拨付（抽查不属实）和已拨付后经抽查不属实应追回的；标记拨付前先预检，每家组织只拨付一次；为财务科生成各单位的拨付明细。',
  adminOnly: '只有团区委管理员可以管理建团补贴。',
  year: '年度',
  yearOption: (year: number) => `${year}年`,
  ledgerHeading: '补贴台账',
  write: '写入补贴台账',
  download: '下载补贴台账（.xlsx）',
  written: (sheet: string) => `已写入补贴台账“${sheet}”。`,
  downloaded: (file: string) => `已下载“${file}”。`,
  totals: (year: number, through: number, per: number) =>
    through === 0 ? `${year}年尚未开始。` : `${year}年1月至${through}月建团的组织，每家${yuan(per)}：`,
  due: '应拨付',
  paid: '已拨付',
  withheld: '不予拨付',
  recover: '应追回',
  amount: (organizations: number, amount: number) => `${organizations}家 / ${yuan(amount)}`,
  payHeading: '标记拨付',
  previewSelection: '拨付预检：选中的行',
  previewMarked: '拨付预检：“本次拨付”列',
  previewHint:
    '在补贴台账工作表中选中要拨付的组织所在的行，或在“本次拨付”列选择“是”，再点相应的按钮：先预检，核对后确认拨付。已拨付的组织不会重复拨付。',
  previewFile: '上传拨付表预检（.xlsx）',
  previewFileHint:
    '下载补贴台账，在“本次拨付”列对要拨付的组织选择“是”，保存后上传（拨付表）：先预检，核对后确认拨付。同一张拨付表上传两次不会重复拨付。',
  notLedger: (sheet: string) =>
    `“${sheet}”不是补贴台账（找不到“本次拨付”“组织标识”等表头）。请先写入或下载补贴台账，在其中标记。`,
  problems: (n: number) => `拨付表中有 ${n} 处问题，未预检：`,
  nothingChosen: (by: 'selection' | 'marked'): string =>
    by === 'selection'
      ? '选中的行中没有组织：请在补贴台账的组织表中选中要拨付的行。'
      : '“本次拨付”列中没有选择“是”的组织。',
  previewReady: (count: number, amount: number) =>
    `预检完成：将拨付 ${count} 家，共${yuan(amount)}，尚未写入。请核对后确认拨付。`,
  previewNothing: '预检完成：所选组织中没有需要拨付的（都已拨付或不能拨付），不会写入任何数据。',
  toPay: (count: number, amount: number) => `将拨付（${count}家，${yuan(amount)}）`,
  alreadyPaid: (count: number) => `此前已拨付，不重复拨付（${count}家）`,
  notPayable: (count: number) => `不能拨付（${count}家）`,
  payLine: (unit: string, name: string, amount: number) => `${unit} · ${name} · ${yuan(amount)}`,
  confirm: (count: number) => `确认拨付 ${count} 家`,
  discard: '放弃',
  discarded: '已放弃，未拨付任何补贴。',
  paidNow: (count: number, amount: number, already: number) =>
    `已拨付 ${count} 家，共${yuan(amount)}${already > 0 ? `；${already} 家此前已拨付，未重复拨付` : ''}。`,
  paidNothing: (already: number) => `没有新拨付的组织：${already} 家此前已拨付，未重复拨付。`,
  sheetRefreshed: (sheet: string) => `补贴台账“${sheet}”已更新。`,
  downloadAgain: '重新下载补贴台账可看到最新的拨付状态。',
  payoutHeading: '拨付明细（财务科）',
  payoutUnit: '单位',
  payoutPick: '请选择单位',
  writePayout: '写入拨付明细',
  downloadPayout: '下载拨付明细（.xlsx）',
  payoutWritten: (sheet: string, count: number, amount: number) =>
    `已写入拨付明细“${sheet}”：已拨付 ${count} 家，合计${yuan(amount)}。`,
  payoutDownloaded: (file: string, count: number, amount: number) =>
    `已下载“${file}”：已拨付 ${count} 家，合计${yuan(amount)}。`,
  needUnit: '请先选择单位。',
};

export type SubsidyMessages = typeof zh;
export const subsidiesZh: SubsidyMessages = zh;

const yuanEn = (amount: number) => `¥${amount.toLocaleString('en')}`;

export const subsidiesEn: SubsidyMessages = {
  heading: 'League-building subsidies',
  intro:
    'A year’s subsidies per unit and organization: due, paid, withheld (found 不属实 by a spot check) and paid-then-found-不属实 to recover. Mark payments after a dry run; each organization is paid once. Make each unit’s payout list for the finance office.',
  adminOnly: 'Only district admins manage subsidies.',
  year: 'Year',
  yearOption: (year) => `${year}`,
  ledgerHeading: 'Subsidy ledger',
  write: 'Write the subsidy ledger',
  download: 'Download the subsidy ledger (.xlsx)',
  written: (sheet) => `Wrote the subsidy ledger “${sheet}”.`,
  downloaded: (file) => `Downloaded “${file}”.`,
  totals: (year, through, per) =>
    through === 0
      ? `${year} has not started.`
      : `Organizations set up in ${year}, January to month ${through}, ${yuanEn(per)} each:`,
  due: 'Due',
  paid: 'Paid',
  withheld: 'Withheld',
  recover: 'To recover',
  amount: (organizations, amount) => `${organizations} / ${yuanEn(amount)}`,
  payHeading: 'Mark payments',
  previewSelection: 'Dry run: selected rows',
  previewMarked: 'Dry run: the 本次拨付 column',
  previewHint:
    'On the subsidy ledger sheet, select the rows of the organizations to pay, or choose 是 in 本次拨付, then press the matching button: a dry run first, then confirm. An organization paid before is never paid twice.',
  previewFile: 'Upload a payment sheet (.xlsx) for a dry run',
  previewFileHint:
    'Download the subsidy ledger, choose 是 in 本次拨付 for the organizations to pay, save and upload it: a dry run first, then confirm. The same sheet uploaded twice pays nothing twice.',
  notLedger: (sheet) =>
    `“${sheet}” is not a subsidy ledger (no 本次拨付 / 组织标识 header). Write or download the ledger and mark it.`,
  problems: (n) => `${n} problem(s) in the payment sheet; no dry run was made:`,
  nothingChosen: (by) =>
    by === 'selection'
      ? 'The selected rows hold no organization: select rows of the ledger’s organization table.'
      : 'No organization has 是 in 本次拨付.',
  previewReady: (count, amount) =>
    `Dry run done: ${count} organization(s), ${yuanEn(amount)}, would be paid. Nothing written yet; check and confirm.`,
  previewNothing:
    'Dry run done: none of the chosen organizations is due (all paid before or not payable); nothing will be written.',
  toPay: (count, amount) => `To pay (${count}, ${yuanEn(amount)})`,
  alreadyPaid: (count) => `Paid before, not paid again (${count})`,
  notPayable: (count) => `Cannot be paid (${count})`,
  payLine: (unit, name, amount) => `${unit} · ${name} · ${yuanEn(amount)}`,
  confirm: (count) => `Confirm paying ${count}`,
  discard: 'Discard',
  discarded: 'Discarded; nothing was paid.',
  paidNow: (count, amount, already) =>
    `Paid ${count} organization(s), ${yuanEn(amount)}${already > 0 ? `; ${already} paid before, not paid again` : ''}.`,
  paidNothing: (already) => `Nothing new paid: ${already} organization(s) paid before, not paid again.`,
  sheetRefreshed: (sheet) => `The subsidy ledger “${sheet}” is up to date.`,
  downloadAgain: 'Download the subsidy ledger again to see the latest payments.',
  payoutHeading: 'Payout list (finance office)',
  payoutUnit: 'Unit',
  payoutPick: 'Choose a unit',
  writePayout: 'Write the payout list',
  downloadPayout: 'Download the payout list (.xlsx)',
  payoutWritten: (sheet, count, amount) =>
    `Wrote the payout list “${sheet}”: ${count} paid, ${yuanEn(amount)} in all.`,
  payoutDownloaded: (file, count, amount) => `Downloaded “${file}”: ${count} paid, ${yuanEn(amount)} in all.`,
  needUnit: 'Choose a unit first.',
};
