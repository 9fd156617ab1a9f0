// The words of 报送 (admins: a month's reporting, on time, late and missing, and the 催报 list), in zh-CN
// and English. i18n.ts carries them as `reporting`.

const zh = {
  heading: '报送情况与催报',
  intro:
    '按月查看各单位台账的报送情况：按时报送、逾期报送（报送期限后才上传）和未报送，附联系人和最后上传时间；一键复制或打印催报名单。',
  adminOnly: '只有团区委管理员可以查看报送情况。',
  year: '报送年份',
  month: '报送月份',
  yearOption: (year: number) => `${year}年`,
  monthOption: (month: number) => `${month}月`,
  load: '查看报送情况',
  reload: '刷新',
  loaded: (year: number, month: number) => `已读取${year}年${month}月的报送情况。`,
  deadline: (deadline: string, today: string) => `报送期限：${deadline}（含当日）；统计截至${today}。`,
  groups: { onTime: '按时报送', late: '逾期报送', missing: '未报送' },
  groupHeading: (label: string, count: number) => `${label}（${count}家）`,
  none: '无',
  unit: '单位',
  lastUpload: '最后上传时间',
  contact: '联系人',
  phone: '联系电话',
  notUploaded: '—',
  noContact: '未填写',
  reminderHeading: '催报',
  reminderLabel: '催报通知（可直接粘贴到工作群或通知）',
  copy: '复制',
  copied: '催报通知已复制，可以粘贴了。',
  copyFailed: '无法写入剪贴板：请在上面的文本框中全选后手动复制。',
  print: '打印催报名单',
  printTitle: (year: number, month: number) => `${year}年${month}月份台账催报名单`,
  writeSheet: '写入工作表',
  writeSheetHint: '把本月报送情况（含联系人、最后上传时间和催报通知）写入一张新工作表，便于存档或打印。',
  written: (sheet: string, rows: number) => `已写入工作表“${sheet}”（${rows}家单位）。`,
};

export type ReportingMessages = typeof zh;

const en: ReportingMessages = {
  heading: 'Reporting and reminders',
  intro:
    'See, month by month, which units uploaded their ledger on time, which were late (after the deadline) and which have not uploaded, with each unit’s contact and last upload; copy or print the reminder list.',
  adminOnly: 'Only district admins can see the reporting status.',
  year: 'Reporting year',
  month: 'Reporting month',
  yearOption: (year) => String(year),
  monthOption: (month) =>
    new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' }),
  load: 'Show reporting',
  reload: 'Refresh',
  loaded: (year, month) => `Loaded the reporting for ${year}-${String(month).padStart(2, '0')}.`,
  deadline: (deadline, today) => `Deadline: ${deadline} (inclusive); as of ${today}.`,
  groups: { onTime: 'On time', late: 'Late', missing: 'Not uploaded' },
  groupHeading: (label, count) => `${label} (${count})`,
  none: 'None',
  unit: 'Unit',
  lastUpload: 'Last upload',
  contact: 'Contact',
  phone: 'Phone',
  notUploaded: '—',
  noContact: 'None yet',
  reminderHeading: 'Reminder (催报)',
  reminderLabel: 'Reminder text in Chinese, ready to paste into the units’ group chat or a notice',
  copy: 'Copy',
  copied: 'Reminder copied; paste it where you need it.',
  copyFailed: 'The clipboard cannot be written here: select the text above and copy it by hand.',
  print: 'Print the reminder list',
  printTitle: (year, month) => `Reminder list, ledger of ${year}-${String(month).padStart(2, '0')}`,
  writeSheet: 'Write to a sheet',
  writeSheetHint:
    'Writes the month’s reporting (contacts, last uploads and the reminder text) into a new sheet, to keep or print.',
  written: (sheet, rows) => `Wrote “${sheet}” (${rows} units).`,
};

export const reportingZh = zh;
export const reportingEn = en;
