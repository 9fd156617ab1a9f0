// The words of 活动台账 (units and admins: a unit's activities of its League organizations, the sheet, dry
// run, upload, history and restore), in zh-CN and English. i18n.ts carries them as `activities`.

const zh = {
  heading: '活动台账',
  intro:
    '记录本单位已建团的青年社会组织团组织开展的活动（日期、名称、类型、服务青年人次、合作组织）。活动台账是工作簿中的第二张工作表，与团建台账一样先预检、再上传，每次上传都保留版本，可以恢复。',
  introFile:
    '下载本单位的活动台账（含已上传的活动），在Excel或WPS中填写后选择文件预检、上传。每次上传都保留版本，可以恢复。',
  readerNone: '只有团区委管理员和单位可以查看活动台账。',
  unit: '单位',
  chooseUnit: '请选择单位',
  year: '活动年度',
  yearOption: (year: number) => `${year}年`,
  load: '读取活动台账',
  loaded: (unit: string, version: number, count: number) =>
    version === 0
      ? `${unit}尚未上传活动台账。`
      : `已读取${unit}的活动台账：第${version}版，共${count}场活动。`,
  writeSheet: '写入“活动台账”工作表',
  downloadSheet: '下载活动台账（.xlsx）',
  sheetWritten: (sheet: string, count: number) =>
    `已写入工作表“${sheet}”（${count}场活动，下方可继续填写）。填好后点“预检活动台账”。`,
  sheetDownloaded: (file: string, count: number) =>
    `已下载“${file}”（${count}场活动）。填好后点“选择文件并预检”。`,
  sheetKept: (sheet: string, count: number) =>
    `工作簿中已有“${sheet}”工作表（${count}场活动），未覆盖，以免丢失尚未上传的活动。请直接在其中填写后预检；如需重新写入，请先将它删除或改名。`,
  check: '预检活动台账',
  checkFile: '选择文件并预检',
  notActivitySheet: (sheet: string) =>
    `“${sheet}”中没有找到活动台账的表头（组织名称、活动日期、活动名称、活动类型、服务青年人次）。`,
  emptySheet: (sheet: string) => `“${sheet}”中没有活动记录，未预检。`,
  sheetProblems: (sheet: string, count: number) =>
    `“${sheet}”中有 ${count} 处问题，已在下方列出，请改正后再预检；未上传任何数据。`,
  checked: (added: number, changed: number, removed: number, unchanged: number) =>
    `预检通过：新增${added}场、修改${changed}场、删除${removed}场、未变${unchanged}场。确认无误后点“上传”。`,
  nothingChanged: '预检通过：与已上传的活动台账相同，无需上传。',
  removedHeading: (count: number) => `将删除的${count}场活动：`,
  warnings: (count: number) => `另有 ${count} 处提醒（不影响上传），请核实：`,
  upload: '上传',
  uploaded: (version: number, added: number, changed: number, removed: number) =>
    `已上传，活动台账现为第${version}版（新增${added}场、修改${changed}场、删除${removed}场）。`,
  alreadyUploaded: (version: number) => `这份活动台账已上传过（第${version}版），没有重复写入。`,
  moved: '活动台账在预检后已被更新，请重新预检。',
  listHeading: (year: number, count: number) => `${year}年的活动（${count}场）`,
  listEmpty: (year: number) => `${year}年尚无活动。`,
  listMore: (shown: number, total: number) => `仅显示最近的${shown}场，共${total}场。`,
  heldOn: '日期',
  org: '组织',
  title: '活动名称',
  kind: '类型',
  served: '人次',
  historyHeading: '上传记录',
  historyEmpty: '还没有上传过活动台账。',
  when: '时间',
  by: '上传者',
  version: '版本',
  changes: '变化',
  changeCounts: (added: number, changed: number, removed: number) => `+${added} ~${changed} −${removed}`,
  restoredFrom: (version: number) => `（恢复自第${version}版）`,
  restore: '恢复到此版本',
  restoreLabel: (version: number) => `恢复到第${version}版`,
  restoreCheck: (version: number, added: number, changed: number, removed: number) =>
    `恢复到第${version}版将新增${added}场、修改${changed}场、删除${removed}场活动。确认后点“确认恢复”。`,
  restoreConfirm: '确认恢复',
  restoreCancel: '取消',
  restored: (version: number, from: number) => `已恢复到第${from}版的活动，活动台账现为第${version}版。`,
};

export type ActivityMessages = typeof zh;

const en: ActivityMessages = {
  heading: 'Activity ledger',
  intro:
    'The activities of the League organizations in your unit’s youth social organizations (date, title, kind, young people served, partners). The activity ledger is the workbook’s second sheet: dry run, then upload, as for the ledger; every upload is kept as a version and can be restored.',
  introFile:
    'Download your unit’s activity ledger (with the activities uploaded so far), fill it in in Excel or WPS, then choose the file to dry-run and upload. Every upload is kept as a version and can be restored.',
  readerNone: 'Only district admins and units can see activity ledgers.',
  unit: 'Unit',
  chooseUnit: 'Choose a unit',
  year: 'Year',
  yearOption: (year) => String(year),
  load: 'Load activity ledger',
  loaded: (unit, version, count) =>
    version === 0
      ? `${unit} has not uploaded an activity ledger yet.`
      : `Loaded ${unit}’s activity ledger: version ${version}, ${count} activities.`,
  writeSheet: 'Write the 活动台账 sheet',
  downloadSheet: 'Download activity ledger (.xlsx)',
  sheetWritten: (sheet, count) =>
    `Wrote sheet “${sheet}” (${count} activities, room below for more). When it is filled in, click Dry-run activity ledger.`,
  sheetDownloaded: (file, count) =>
    `Downloaded “${file}” (${count} activities). When it is filled in, click Choose file and dry-run.`,
  sheetKept: (sheet, count) =>
    `The workbook already has a “${sheet}” sheet (${count} activities): it was not overwritten, so nothing not yet uploaded is lost. Fill it in and dry-run it; to write it afresh, delete or rename it first.`,
  check: 'Dry-run activity ledger',
  checkFile: 'Choose file and dry-run',
  notActivitySheet: (sheet) =>
    `“${sheet}” has no activity ledger header (组织名称, 活动日期, 活动名称, 活动类型, 服务青年人次).`,
  emptySheet: (sheet) => `“${sheet}” has no activity: nothing to dry-run.`,
  sheetProblems: (sheet, count) =>
    `“${sheet}” has ${count} problem(s), listed below; fix them and dry-run again. Nothing was uploaded.`,
  checked: (added, changed, removed, unchanged) =>
    `Dry run passed: ${added} added, ${changed} changed, ${removed} removed, ${unchanged} unchanged. Click Upload when it looks right.`,
  nothingChanged: 'Dry run passed: the same as the activity ledger uploaded; nothing to upload.',
  removedHeading: (count) => `${count} activities will be removed:`,
  warnings: (count) => `${count} note(s) to check (they do not stop the upload):`,
  upload: 'Upload',
  uploaded: (version, added, changed, removed) =>
    `Uploaded: the activity ledger is now version ${version} (${added} added, ${changed} changed, ${removed} removed).`,
  alreadyUploaded: (version) =>
    `This activity ledger was uploaded already (version ${version}); nothing written twice.`,
  moved: 'The activity ledger changed since the dry run: dry-run again.',
  listHeading: (year, count) => `Activities in ${year} (${count})`,
  listEmpty: (year) => `No activity in ${year} yet.`,
  listMore: (shown, total) => `Showing the latest ${shown} of ${total}.`,
  heldOn: 'Date',
  org: 'Organization',
  title: 'Title',
  kind: 'Kind',
  served: 'Served',
  historyHeading: 'Uploads',
  historyEmpty: 'No activity ledger uploaded yet.',
  when: 'When',
  by: 'By',
  version: 'Version',
  changes: 'Changes',
  changeCounts: (added, changed, removed) => `+${added} ~${changed} −${removed}`,
  restoredFrom: (version) => ` (restored from version ${version})`,
  restore: 'Restore this version',
  restoreLabel: (version) => `Restore version ${version}`,
  restoreCheck: (version, added, changed, removed) =>
    `Restoring version ${version} adds ${added}, changes ${changed} and removes ${removed} activities. Click Confirm restore.`,
  restoreConfirm: 'Confirm restore',
  restoreCancel: 'Cancel',
  restored: (version, from) =>
    `Restored the activities of version ${from}; the activity ledger is now version ${version}.`,
};

export { en as activityEn, zh as activityZh };
