// The 抽查 (spot checks) tab's words, zh-CN first; i18n.ts carries them as `spotChecks`.

export const spotChecksZh = {
  heading: '电话抽查',
  intro:
    '按月抽取各单位已建团的组织，生成抽查表；逐一电话核实后在表中选择抽查结果、填写抽查日期，再提交。同一月份、单位和抽取数量总是抽到相同的组织。',
  year: '年度',
  month: '月份',
  unit: '单位',
  allUnits: '全部单位',
  size: '每个单位抽取',
  sizeOption: (n: number) => `${n} 家`,
  draw: '生成抽查表',
  drawing: (done: number, total: number) => `正在抽取：${done} / ${total} 个单位……`,
  written: (sheet: string, rows: number, units: number) =>
    `已写入抽查表“${sheet}”：${units} 个单位，${rows} 家组织。电话核实后选择抽查结果、填写抽查日期，再点“提交抽查结果”。`,
  download: '下载抽查表（.xlsx）',
  downloaded: (file: string, rows: number, units: number) =>
    `已下载“${file}”：${units} 个单位，${rows} 家组织。电话核实后在表中选择抽查结果、填写抽查日期，保存后点“上传已填写的抽查表”。`,
  submitFile: '上传已填写的抽查表',
  submitFileHint:
    '选择填好的抽查表（.xlsx），检查后记录已填写的结果；未填抽查结果的行不提交。重复上传不会重复记录。',
  nothingDrawn: '所选单位没有已建团的组织，无可抽查。',
  submit: '提交抽查结果',
  submitHint:
    '读取当前工作表（抽查表），检查后记录已填写的结果；未填抽查结果的行不提交。重复提交不会重复记录。',
  notCallSheet: (sheet: string) =>
    `工作表“${sheet}”不是抽查表（找不到“抽查结果”“组织标识”等表头）。请先打开抽查表。`,
  problems: (n: number, marked: boolean) =>
    `抽查表中有 ${n} 处问题，未提交${marked ? '，已在表中标出' : '；请在文件中改正后重新上传'}：`,
  nothingFilled: (pending: number) => `抽查表中还没有填写抽查结果（${pending} 行待填）。`,
  recorded: (recorded: number, untrue: number, already: number, pending: number) =>
    `${[
      recorded > 0
        ? `已记录 ${recorded} 条抽查结果${untrue > 0 ? `，其中不属实 ${untrue} 条（已从统计和补贴中扣除）` : ''}`
        : '没有新的抽查结果需要记录',
      already > 0 ? `${already} 条此前已记录` : '',
      pending > 0 ? `${pending} 行尚未填写` : '',
    ]
      .filter((part) => part !== '')
      .join('；')}。`,
  adminOnly: '只有团区委管理员可以进行电话抽查。',
};

export type SpotCheckMessages = typeof spotChecksZh;

export const spotChecksEn: SpotCheckMessages = {
  heading: 'Phone spot checks',
  intro:
    'Draw a sample of each unit’s established organizations for a month as a call sheet; phone them, pick the result and type the date in the sheet, then submit it. The same month, units and size always draw the same organizations.',
  year: 'Year',
  month: 'Month',
  unit: 'Unit',
  allUnits: 'All units',
  size: 'Per unit',
  sizeOption: (n) => `${n}`,
  draw: 'Write the call sheet',
  drawing: (done, total) => `Drawing: ${done} / ${total} units…`,
  written: (sheet, rows, units) =>
    `Wrote the call sheet “${sheet}”: ${units} units, ${rows} organizations. Phone them, pick 抽查结果 and type 抽查日期, then submit.`,
  download: 'Download the call sheet (.xlsx)',
  downloaded: (file, rows, units) =>
    `Downloaded “${file}”: ${units} units, ${rows} organizations. Phone them, pick 抽查结果 and type 抽查日期, save, then upload it.`,
  submitFile: 'Upload the filled-in call sheet',
  submitFileHint:
    'Choose the filled-in call sheet (.xlsx); it is checked and the filled-in results recorded. Rows without a result are left for later; uploading again records nothing twice.',
  nothingDrawn: 'The chosen units have no established organizations to check.',
  submit: 'Submit the results',
  submitHint:
    'Reads the active sheet (a call sheet), checks it and records the filled-in results; rows without a result are left for later. Submitting again records nothing twice.',
  notCallSheet: (sheet) =>
    `“${sheet}” is not a call sheet (no 抽查结果 / 组织标识 header). Open the call sheet first.`,
  problems: (n, marked) =>
    `${n} problem(s) in the call sheet; nothing submitted. ${marked ? 'The cells are marked:' : 'Correct them in the file and upload it again:'}`,
  nothingFilled: (pending) => `No results filled in yet (${pending} rows to phone).`,
  recorded: (recorded, untrue, already, pending) =>
    `${[
      recorded > 0
        ? `Recorded ${recorded} result(s)${untrue > 0 ? `, ${untrue} 不属实 (out of the figures and subsidies)` : ''}`
        : 'No new results to record',
      already > 0 ? `${already} recorded before` : '',
      pending > 0 ? `${pending} rows not filled in yet` : '',
    ]
      .filter((part) => part !== '')
      .join('; ')}.`,
  adminOnly: 'Only district admins run spot checks.',
};
