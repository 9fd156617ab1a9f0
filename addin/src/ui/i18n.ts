// Every string the pane shows, in zh-CN (the default) and English, and the language the user picked.
import { API_ERROR_CODES, type Role } from '@tuanjian/shared';
import { activityEn, activityZh } from './activity-messages';
import { assessmentEn, assessmentZh } from './assessment-messages';
import { duplicatesEn, duplicatesZh } from './duplicate-messages';
import { reportingEn, reportingZh } from './reporting-messages';
import { spotChecksEn, spotChecksZh } from './spot-check-messages';
import { subsidiesEn, subsidiesZh } from './subsidy-messages';
import { unitsEn, unitsZh } from './units-messages';
import { workEn, workZh } from './work-messages';

export type Lang = 'zh-CN' | 'en';

/** The error codes the worker's API answers with (one list, in @tuanjian/shared). */
export { API_ERROR_CODES };
/** What can go wrong before an answer arrives (addin/src/api/client.ts). */
export const CLIENT_ERROR_CODES = ['network', 'timeout', 'bad_response'] as const;
/** The Excel layer's own codes (ExcelLayerError) and the Office.js codes a user can cause. */
export const EXCEL_ERROR_CODES = [
  'SHEET_NOT_FOUND',
  'TABLE_NOT_FOUND',
  'HEADER_NOT_FOUND',
  'InvalidOperationInCellEditMode',
  'AccessDenied',
  'RequestPayloadSizeLimitExceeded',
  'ItemAlreadyExists',
  'InvalidArgument',
  'GeneralException',
] as const;

export type ApiErrorKey = (typeof API_ERROR_CODES)[number] | (typeof CLIENT_ERROR_CODES)[number];
export type ExcelErrorKey = (typeof EXCEL_ERROR_CODES)[number];

const zh = {
  appTitle: '团建台账',
  appSubtitle: '青年社会组织团建工作',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  outsideExcelTitle: '请在 Excel 中打开此任务窗格',
  outsideExcelDetail: '当前页面不在 Excel 中运行：可以连接服务器、检查令牌，但不能读取或写入工作表。',
  officeFailed: '无法加载 Office 组件（office.js），只能检查连接。请刷新任务窗格或重新打开 Excel。',
  webPageInstead: '使用 WPS 或不能运行加载项的 Excel 时，请改用网页版：',
  webPageLink: '打开网页版',
  tabsLabel: '功能',
  tabs: {
    connect: '连接',
    ledger: '台账',
    upload: '上传',
    bulletin: '通报',
    quota: '配额',
    history: '历史',
    units: '单位',
    reporting: '报送',
    duplicates: '重复',
    checks: '抽查',
    subsidies: '补贴',
    work: '工作记录',
    activities: '活动',
    assessment: '考核',
  },
  roles: { admin: '团区委管理员', unit: '直属团组织', reader: '只读（自动化）' } satisfies Record<
    Role,
    string
  >,
  notConnected: '未连接',
  connectedAs: (who: string) => `已连接：${who}`,
  needConnection: '请先在“连接”页连接服务器。',
  goToConnect: '去连接服务器',
  needExcel: '此功能需要在 Excel 中使用。',
  working: '正在处理，请稍候…',
  retry: '重试',
  cancel: '取消',
  rowLabel: (row: number) => `第${row}行`,
  severity: { error: '错误', warning: '警告' },

  connect: {
    heading: '连接服务器',
    intro: '填写团区委提供的服务器地址和访问令牌。连接后会显示令牌对应的角色和单位。',
    serverUrl: '服务器地址',
    serverUrlHint: '通常无需修改：就是打开本页面的服务器地址。',
    token: '访问令牌',
    tokenHint: '以 tj_ 开头，由团区委分发；请勿转给他人。',
    showToken: '显示令牌',
    remember: '在此电脑上记住令牌',
    rememberHint:
      '多人共用的办公电脑请不要勾选：勾选后，打开本页面的任何人都能以你的身份连接。不勾选时，每次打开需重新填写令牌；自定义函数和打开工作簿时自动刷新需要记住令牌。',
    connect: '连接',
    connecting: '正在连接…',
    disconnect: '断开并忘记令牌',
    disconnected: '已断开，令牌已从此电脑删除。',
    connected: (who: string) => `连接成功：${who}`,
    invalidUrl: '服务器地址无效：请填写以 http:// 或 https:// 开头的完整地址。',
    emptyToken: '请填写访问令牌。',
    accountHeading: '当前连接',
    role: '角色',
    unit: '所属单位',
    district: '区',
    label: '令牌名称',
    server: '服务器',
    noUnit: '—（可处理全区各单位）',
    progressHeading: (year: number, month: number) => `进度（截至${year}年${month}月底，实时）`,
    newThisMonth: (month: number) => `其中${month}月份新建`,
    reporting: (month: number) => `${month}月报送`,
    reportingStatus: { onTime: '按时', late: '逾期', missing: '未报送' },
    progressUnit: (name: string) => `${name}`,
    progressDistrict: '全区合计',
    quota: '年度指标',
    counted: '累计完成',
    rate: '完成率',
    gap: '时序进度差',
    state: '状态',
    /** The server's unit states, as each language shows them. */
    states: { 已完成: '已完成', 正常: '正常', 滞后: '滞后', 未启动: '未启动' } as Record<string, string>,
    rank: '排名',
    noQuota: '未设指标',
    progressFailed: '暂时无法获取进度：',
  },

  ledger: {
    heading: '台账校验',
    intro:
      '校验当前工作表：逐格检查，把有问题的单元格标成红色（错误）或黄色（警告），点击下方条目可跳到对应单元格。',
    unitSelect: '填报单位',
    unitSelectHint: '管理员请选择这份台账所属的单位；留空则按表中“所属单位”自动判断。',
    unitAuto: '自动判断',
    templateHeading: '还没有台账？',
    template: '新建台账模板',
    templateHint: '新建一个带下拉选项和日期格式的空白台账工作表，按表头逐行填写即可。',
    templateCreated: (sheet: string) => `已新建台账模板工作表“${sheet}”，请从第5行开始填写。`,
    validate: '校验当前工作表',
    validating: '正在读取并校验当前工作表…',
    clearMarks: '清除标记',
    marksCleared: (sheet: string) => `已清除工作表“${sheet}”上的标记。`,
    leftoversCleared: (notes: number, problemsSheet: boolean) =>
      `已去掉网页版上次标注留下的${notes > 0 ? ` ${notes} 处批注` : ''}${notes > 0 && problemsSheet ? '和' : ''}${problemsSheet ? '“问题清单”工作表' : ''}，以本次校验的标记为准。`,
    resultHeading: (sheet: string) => `校验结果：工作表“${sheet}”`,
    rows: '数据行',
    errors: '错误',
    warnings: '警告',
    ready: '无误行',
    allGood: (rows: number) => `共 ${rows} 行，没有发现错误，可以上传。`,
    hasErrors: (errors: number, warnings: number) =>
      `发现 ${errors} 处错误、${warnings} 处警告。错误须改正后才能上传；警告可以上传，但请核实。`,
    onlyWarnings: (warnings: number) => `没有错误，有 ${warnings} 处警告：可以上传，但请核实。`,
    emptySheet: '当前工作表没有数据行。',
    sheetProblems: '表格结构问题',
    sheetProblemsHint: '以下问题涉及整张表（表头、列），不对应某个单元格：',
    listHeading: '问题清单（点击跳到单元格）',
    listMore: (shown: number, total: number) =>
      `只显示前 ${shown} 条，共 ${total} 条；改正后重新校验可看到其余问题。`,
    unitNotChosen: '无法判断这份台账属于哪个单位：请在“填报单位”中选择。',
  },

  upload: {
    heading: '上传台账',
    intro: '先“预检”：服务器核对后告诉你将新增、修改、删除哪些组织，但不写入任何数据。确认无误后再上传。',
    unitLine: (name: string) => `上传到：${name}`,
    preview: '预检（不写入）',
    confirm: '上传',
    discard: '放弃本次上传',
    discarded: '已放弃本次上传，服务器数据未改动。',
    steps: { read: '读取', validate: '校验', dryRun: '预检', upload: '上传', done: '完成' },
    progressLabel: '上传进度',
    stepNow: (step: string) => `当前步骤：${step}`,
    previewHeading: '预检结果（尚未写入）',
    resultHeading: '上传结果',
    added: '新增',
    changed: '修改',
    removed: '删除',
    unchanged: '未变',
    addedList: (n: number) => `新增的组织（${n}）`,
    changedList: (n: number) => `修改的组织（${n}）`,
    removedList: (n: number) => `将删除的组织（${n}）`,
    removedHint:
      '这些组织在服务器上有、在本表中没有；上传后会从本单位台账中删除（历史记录中仍保留，可恢复）。',
    removedConfirm: (n: number) => `我确认删除以下${n}个组织`,
    removedConfirmNeeded: (n: number) => `这次上传将删除${n}个组织：请核对红色列出的组织，勾选确认后再上传。`,
    ledgerChanged:
      '预检之后，服务器上的台账已被更新（可能是同事刚刚上传）。已按最新台账重新预检：请再次核对后上传。',
    serverWarnings: (n: number) => `服务器提示的警告（${n}）`,
    nothingChanged: '与服务器上的台账完全相同，无需上传。',
    sendingParts: (sent: number, total: number) =>
      `台账较大，正在分批发送：已发送 ${sent.toLocaleString('zh-CN')} / ${total.toLocaleString('zh-CN')} 行……`,
    previewReady: (added: number, changed: number, removed: number) =>
      `预检完成：将新增 ${added}、修改 ${changed}、删除 ${removed} 个组织。请核对后点“上传”。`,
    localErrors: (errors: number) => `台账中有 ${errors} 处错误，没有发送到服务器。请按清单改正后重新预检。`,
    sheetChanged: '工作表在预检后有改动，已按最新内容重新预检：请再次核对后上传。',
    done: (added: number, changed: number, removed: number) =>
      `上传成功：新增 ${added}、修改 ${changed}、删除 ${removed} 个组织。`,
    alreadyUploaded: (added: number, changed: number, removed: number) =>
      `上传成功：新增 ${added}、修改 ${changed}、删除 ${removed} 个组织（服务器此前已收到这份台账，没有重复计入）。`,
    warningsNotMarked: (reason: string) => `服务器提示的警告未能在工作表中标出：${reason}`,
    refused: (errors: number) => `服务器发现 ${errors} 处错误，未写入任何数据；问题已在工作表中标出。`,
    pendingKept: '待上传的数据已保留：网络恢复后点“重试”，同一次上传不会被重复计入。',
    rowRef: (row: number | null) => (row === null ? '' : `（第${row}行）`),
    fieldChange: (field: string, before: string, after: string) => `${field}：${before} → ${after}`,
    empty: '（空）',
    readerNoUpload: '只读令牌不能上传台账。',
  },

  bulletin: {
    heading: '月度通报',
    intro: '选择月份，把实时数据或已发布的通报写入单独的工作表（A4 纵向，可直接打印）。',
    year: '年份',
    month: '月份',
    yearOption: (year: number) => `${year}年`,
    monthOption: (month: number) => `${month}月`,
    source: '数据来源',
    live: '实时数据（按当前台账计算）',
    published: '已发布的通报',
    issue: '通报期号',
    issueOption: (issue: number, year: number, month: number, date: string) =>
      `第${issue}期 · ${year}年${month}月 · ${date}发布`,
    noIssues: (year: number, month: number) => `${year}年${month}月尚未发布通报。`,
    loadingIssues: '正在读取已发布的通报…',
    loadIssues: '读取已发布的通报',
    write: '写入工作表',
    written: (sheet: string, replaced: boolean) =>
      replaced ? `已更新工作表“${sheet}”。` : `已写入新工作表“${sheet}”。`,
    pageSetupSkipped:
      '通报内容已全部写入，但此 Excel 未接受打印设置（A4、纵向、一页宽）；打印前请在“页面布局”中设置。',
    previewHeading: '通报摘要',
    publishHeading: '发布通报（管理员）',
    publishHint: '发布后该期通报内容冻结、编号，之后的上传不会改变它；如需更正，请再发布一期。',
    publish: (year: number, month: number) => `发布${year}年${month}月通报`,
    publishConfirm: (year: number, month: number) =>
      `确定要发布${year}年${month}月的通报吗？发布后不能修改或撤回。`,
    publishYes: '确认发布',
    publishedIssue: (issue: number) => `已发布第${issue}期通报。点“写入工作表”即可把这一期写入工作表。`,
    refreshHeading: '刷新通报工作表',
    refreshHint:
      '“全部刷新”按当前台账重写本工作簿中所有实时数据的通报工作表。已发布的通报内容冻结，不会改变，因此不刷新。',
    refreshAll: '全部刷新',
    autoRefresh: '打开工作簿时自动刷新通报',
    autoRefreshHint: '此设置保存在本工作簿中，只对本工作簿有效。',
    autoRefreshPaneOnly: '此版本的 Excel 不能随工作簿自动启动加载项：设置已保存，将在打开任务窗格时刷新。',
    autoRefreshOn: '已开启：以后打开本工作簿时会自动刷新实时数据的通报。',
    autoRefreshOnPaneOnly: '已开启：以后打开本工作簿并打开任务窗格时会自动刷新实时数据的通报。',
    autoRefreshOff: '已关闭打开工作簿时的自动刷新。',
    autoRefreshNotConnected: '未连接服务器，打开工作簿时没有刷新通报：请连接后在“通报”页点“全部刷新”。',
    refreshing: (done: number, total: number, sheet: string) => `正在刷新通报（${done}/${total}）：${sheet}`,
    refreshFinding: '正在查找通报工作表…',
    noBulletinSheets: '本工作簿中没有由团建台账写入的通报工作表。',
    refreshDone: (refreshed: number, published: number, failed: number) =>
      `已刷新 ${refreshed} 张通报工作表` +
      (failed > 0 ? `，${failed} 张失败` : '') +
      (published > 0 ? `；${published} 张为已发布的通报，不刷新` : '') +
      '。',
    refreshResultsHeading: '刷新结果',
    refreshOk: '已刷新',
    refreshPublished: '已发布的通报，内容冻结，不刷新',
    refreshFailed: (reason: string) => `失败：${reason}`,
    sourceLive: (year: number, month: number) => `${year}年${month}月 · 实时数据`,
    sourceIssue: (issue: number) => `第${issue}期`,
    copy: '复制通报正文',
    copied: '通报正文已复制，可直接粘贴到公文中。',
    copySelected: '此处不能写入剪贴板：文字已选中，请按 Ctrl+C（Mac：⌘C）复制。',
    printView: '打印视图',
    printHint: '在新窗口中打开通报的打印版式（A4 纵向），用浏览器的“打印”即可打印或另存为 PDF。',
    printLoading: '正在打开通报…',
    printOpened: '已在新窗口中打开通报的打印版式：按 Ctrl+P 打印或另存为 PDF。',
    printBlocked: '浏览器阻止了新窗口：请允许本网站弹出窗口后再点“打印视图”。',
    shareHeading: (issue: number) => `第${issue}期的只读链接（管理员）`,
    shareHint:
      '生成一个网址，收到的人不用令牌即可在浏览器中查看、打印这一期通报；只含通报本身的数字和单位名称，不含联系人和组织信息。可随时撤销。',
    shareCheck: '查看链接状态',
    shareMake: '生成只读链接',
    shareRemake: '重新生成链接（旧链接失效）',
    shareRevoke: '撤销链接',
    shareUrl: '只读链接',
    shareOnce: '链接只显示这一次，请现在复制；忘记了可重新生成（旧链接随即失效）。',
    shareCopy: '复制链接',
    shareCopied: '链接已复制。',
    shareMade: (issue: number) => `已生成第${issue}期的只读链接。`,
    shareRevoked: (issue: number) => `已撤销第${issue}期的只读链接，打开它只会显示“链接无效”。`,
    shareExists: (day: string) =>
      `这一期有一个有效的只读链接（${day}生成）。链接只在生成时显示；需要时可重新生成。`,
    shareNone: '这一期目前没有只读链接。',
  },

  spotChecks: spotChecksZh,
  subsidies: subsidiesZh,
  quota: {
    heading: '年度指标（配额）',
    intro: '为各直属团组织设定年度建团指标：先写出配额表，填好“指标”列后从配额表上传。',
    year: '年度',
    write: '写入配额表',
    written: (sheet: string, rows: number) =>
      `已写入配额表“${sheet}”（${rows} 个单位），请在“指标”列填写后上传。`,
    upload: '从配额表上传',
    uploadHint: '读取当前工作表（需有“单位”“指标”两列），检查后保存到服务器。“指标”为空的单位保持不变。',
    uploaded: (rows: number, year: number) => `已保存 ${rows} 个单位的${year}年度指标。`,
    nothingToUpload: '配额表中没有填写任何指标。',
    problems: (n: number) => `配额表中有 ${n} 处问题，未上传：`,
    unknownUnit: (found: string) => `单位“${found}”不存在（请填写单位全称或代码）`,
    missingUnit: '未填写单位',
    duplicateUnit: (name: string, first: number) => `单位“${name}”与第${first}行重复`,
    wrongYear: (found: string, year: number) => `年度“${found}”与所选年度${year}不一致`,
    badQuota: (found: string) => `指标“${found}”无效：应为不小于0的整数`,
    adminOnly: '只有团区委管理员可以设定指标。',
  },

  /** Messages of the custom functions (=TUANJIAN.RATE …), shown when hovering over #VALUE! or #N/A. */
  functions: {
    notConnected: '未连接服务器：请先在任务窗格中连接',
    unauthorized: '访问令牌无效或已被吊销：请在任务窗格中重新连接',
    forbidden: '当前令牌无权读取汇总数据',
    unreachable: '无法连接服务器：请检查网络或确认服务器已启动，然后重新计算',
    serverError: (code: string, message: string) => `服务器返回错误（${code}）：${message}`,
    badYear: (found: string) => `年份“${found}”无效：应为 2000–2100 之间的整数`,
    badMonth: (found: string) => `月份“${found}”无效：应为 1–12 之间的整数`,
    noUnit: '请填写单位名称或代码',
    unknownUnit: (found: string) => `找不到单位“${found}”：请填写单位全称或代码`,
    noQuota: (unit: string, year: number) => `${unit}未设${year}年度指标，没有完成率和排名`,
    noDistrictQuota: (year: number) => `全区尚未下达${year}年度指标`,
    unknownField: (found: string, known: string) => `未知的汇总项“${found}”：可用 ${known}`,
  },

  desk: {
    heading: (year: number) => `本单位${year}年抽查与补贴`,
    checks: '电话抽查',
    results: { 属实: '属实', 不属实: '不属实', 无法联系: '无法联系' },
    findings: (count: number) => `需要关注的抽查结果（${count}）`,
    finding: (name: string, result: string, date: string) => `${name} · ${result} · ${date}`,
    due: '应拨付',
    paid: '已拨付',
    withheld: '不予拨付',
    amount: (organizations: number, yuan: number) => `${organizations}家 / ${yuan.toLocaleString('zh-CN')}元`,
    recover: '应追回',
    subsidyList: (count: number) => `本单位各组织的补贴（${count}家）`,
    subsidyLine: (name: string, state: string, yuan: number, paidOn: string | null) =>
      `${name} · ${state} · ${yuan.toLocaleString('zh-CN')}元${paidOn ? ` · ${paidOn}拨付` : ''}`,
    failed: '暂时无法获取抽查与补贴：',
  },

  history: {
    heading: '上传历史与恢复',
    intro:
      '查看单位每次上传改了什么（新增、修改、删除的组织），并可把台账恢复到任一次上传后的样子：先预检，确认后恢复；恢复本身也记入历史。',
    unit: '单位',
    unitPick: '请选择单位',
    load: '查看历史',
    reload: '刷新历史',
    readerNo: '只读令牌不能查看上传历史。',
    empty: '这个单位还没有上传记录。',
    listHeading: (unit: string) => `${unit}的上传记录（最新在前）`,
    when: '时间',
    source: '来源',
    version: '版本',
    counts: '新增 / 修改 / 删除',
    sources: { addin: 'Excel 加载项', web: '网页版', refresh: '刷新命令', api: '接口' },
    uploadedBy: (label: string) => `令牌：${label}`,
    versionLabel: (version: number) => `第${version}版`,
    restoreOf: (version: string) => `恢复自${version}`,
    open: '查看改动',
    detailHeading: (version: number, when: string) => `第${version}版（${when}）的改动`,
    legacy: '这次上传早于版本化台账，只保留了组织名称和行号。',
    addedFull: (count: number) => `新增组织的完整记录（${count}）`,
    removedFull: (count: number) => `删除组织的完整记录（${count}）`,
    restorePreview: '恢复到此版本（预检）',
    restorePreviewHeading: (version: number) => `恢复到第${version}版将会：`,
    restoreConfirm: '确认恢复',
    restoreNothing: (version: number) => `台账与第${version}版相同，无需恢复。`,
    restoreReady: (added: number, changed: number, removed: number) =>
      `预检完成：恢复将新增 ${added} 个、修改 ${changed} 个、删除 ${removed} 个组织，尚未写入。请核对后确认恢复。`,
    restored: (version: number, added: number, changed: number, removed: number) =>
      `已恢复到第${version}版：新增 ${added} 个、修改 ${changed} 个、删除 ${removed} 个组织。`,
    restoreDiscarded: '已放弃恢复，台账没有改动。',
    discard: '放弃恢复',
  },

  units: unitsZh,

  reporting: reportingZh,

  work: workZh,

  assessment: assessmentZh,

  activities: activityZh,

  duplicates: duplicatesZh,

  web: {
    title: '团建台账 · 网页版',
    subtitle: '网页版 · 无需 Excel 加载项',
    note: '适用于 WPS Office 或不能运行 Excel 加载项的电脑：打开 .xlsx 台账，查看与加载项相同的校验结果，预检、上传，并下载月度通报。',
    file: {
      heading: '打开台账文件',
      intro:
        '选择或拖入 .xlsx 台账文件。文件在本机浏览器中读取和校验；只有点“上传”时，台账数据才会发送到服务器。',
      choose: '台账文件（.xlsx）',
      chooseHint: '也可以把文件拖到这个框里。.xls、.et、.csv 请先在 WPS 或 Excel 中另存为 .xlsx。',
      dropHere: '松开鼠标即可打开文件',
      reading: (name: string) => `正在读取“${name}”…`,
      notXlsx: (name: string) =>
        `“${name}”不是 .xlsx 文件：请在 WPS 或 Excel 中另存为“Excel 工作簿（.xlsx）”后再打开。`,
      unreadable: (name: string) => `无法读取“${name}”：它不是有效的 .xlsx 工作簿，或已加密。`,
      noSheets: (name: string) => `“${name}”中没有工作表。`,
      opened: (name: string) => `已打开：${name}`,
      sheet: '工作表',
      sheetHint: '文件中有多个工作表：已选中第一个带台账表头的，可以改选。',
      needConnection: '请先在“连接”页连接服务器：校验需要服务器上的单位名单。',
      annotate: '下载已标注的台账',
      annotateHint:
        '生成一份新的 .xlsx：有问题的单元格标成红色（错误）或黄色（警告）并附批注，另加“问题清单”工作表。在 WPS 或 Excel 中改正、保存后，回到这里重新打开改好的文件。原文件不会改动。',
      annotated: (file: string) => `已生成“${file}”，请在浏览器的下载中查看。`,
      template: '下载空白台账模板',
      templateHint:
        '与加载项“新建台账模板”相同：表头、下拉选项、日期格式、冻结表头。在 WPS 或 Excel 中填好后在这里打开。',
      templateMade: (file: string) => `已生成“${file}”，请在浏览器的下载中查看。`,
      unmark: '下载清除标注后的台账',
      unmarkHint:
        '生成一份新的 .xlsx：去掉上次标注的红黄底色和【团建台账】批注，删除“问题清单”工作表；您自己的批注和其他内容不变。原文件不会改动。',
      oldMarks: (notes: number) =>
        `此文件还留有上次下载时的 ${notes} 处标注。重新下载已标注的台账时，已改正的单元格会去掉标注，“问题清单”只列现在的问题。`,
      oldMarksClean: (notes: number, problemsSheet: boolean) =>
        `现在没有发现问题，但文件里还留有上次的标注（${notes} 处批注${problemsSheet ? '和“问题清单”工作表' : ''}）：点“下载清除标注后的台账”得到一份干净的文件。`,
    },
    table: {
      caption: (sheet: string) => `问题清单：工作表“${sheet}”`,
      sortHint: '点击表头可按该列排序。',
      row: '行',
      column: '列',
      cell: '单元格',
      severity: '级别',
      message: '说明',
      more: (shown: number, total: number) =>
        `只显示前 ${shown} 条，共 ${total} 条；“下载已标注的台账”中有全部问题。`,
    },
    upload: {
      heading: '预检与上传',
      intro: '先“预检”：服务器核对后告诉你将新增、修改、删除哪些组织，但不写入任何数据。确认无误后再上传。',
      dryRun: '预检（不写入）',
      upload: '上传',
      needFile: '请先打开台账文件，并改正全部错误。',
      previewReady: (added: number, changed: number, removed: number) =>
        `预检完成：将新增 ${added}、修改 ${changed}、删除 ${removed} 个组织。请核对后点“上传”。`,
      refused: (errors: number) => `服务器发现 ${errors} 处错误，未写入任何数据；问题列在下表中。`,
      previewHeading: '预检结果（尚未写入）',
      refusedCaption: '服务器校验发现的问题',
      warningsCaption: '服务器提示的警告',
    },
    bulletin: {
      heading: '下载月度通报',
      intro:
        '选择月份和数据来源（按当前台账实时计算，或已发布的某一期），下载与加载项版式相同的 .xlsx（A4 纵向，可直接打印），或在新窗口中打开打印版式。',
      download: '下载通报 .xlsx',
      downloaded: (file: string) => `已生成“${file}”，请在浏览器的下载中查看。`,
    },
  },

  errors: {
    api: {
      bad_request: '请求格式不正确，服务器没有处理。',
      unauthorized: '访问令牌无效或已被吊销：请在“连接”页重新填写令牌。',
      forbidden: '当前令牌没有权限执行此操作（单位令牌只能处理本单位的数据，只读令牌只能查看）。',
      not_found: '服务器上找不到要访问的内容。',
      conflict: '与服务器上已有的数据冲突，未写入。',
      validation_failed: '服务器校验未通过，未写入任何数据。',
      payload_too_large: '数据量超过服务器上限，未写入任何数据：请删除多余的空行，或分批上传。',
      unsupported_media_type: '服务器无法识别请求的格式：请更新加载项后重试。',
      rate_limited:
        '从这台电脑（同一网络地址）输错令牌的次数过多：请核对令牌，1 分钟后再试。正确的令牌不受影响。',
      ledger_changed: '预检之后服务器上的台账已被更新，本次未写入：请重新预检、核对后再上传。',
      removals_unconfirmed:
        '这次上传会删除组织，但删除数量未经确认，本次未写入：请重新预检并确认删除的组织。',
      idempotency_key_reused: '这次上传与之前一次上传的标识相同但内容不同，未写入：请重新预检后上传。',
      already_published: '该月通报已发布；如需更正，请发布更正期并说明原因。',
      month_not_ended: '该月尚未结束，不能发布该月通报。',
      issue_unreadable: '这一期通报的存档无法读取，未能显示：请管理员核对，或发布一期更正。',
      token_busy: '这个令牌同时发出的上传或预检太多，或一分钟内预检次数过多：请稍候再试。',
      too_many_rows: '台账行数超过一个单位的上限（50,000 行），未写入任何数据：请按所属单位拆分后分别上传。',
      draft_incomplete: '分批发送的台账没有全部送达，未写入任何数据：请重新预检后上传。',
      unit_inactive:
        '该单位已停用：其令牌不再有效，台账也不能上传或恢复。如需继续，请联系团区委重新启用该单位。',
      internal: '服务器内部出错，数据没有被修改：请稍后重试，如仍失败请联系团区委。',
      network: '无法连接服务器：请检查网络，或确认服务器已启动。工作表内容没有改动，可稍后重试。',
      timeout: '服务器长时间没有响应：请稍后重试。正在进行的上传重试时不会被重复计入。',
      bad_response: '服务器返回了无法识别的内容：请确认服务器地址填写正确（应为团建台账服务器）。',
    } satisfies Record<ApiErrorKey, string>,
    apiUnknown: (code: string) => `服务器返回了错误（${code}）。`,
    serverSays: (text: string) => `服务器说明：${text}`,
    networkTarget: (url: string) => `服务器地址：${url}`,
    excel: {
      SHEET_NOT_FOUND: '找不到要处理的工作表，可能已被重命名或删除。',
      TABLE_NOT_FOUND: '找不到台账表格，可能已被删除或重命名。',
      HEADER_NOT_FOUND: '当前工作表中找不到“单位”“指标”表头：请先选中配额表再上传。',
      InvalidOperationInCellEditMode: 'Excel 正处于单元格编辑状态：请先按 Enter 或 Esc 退出编辑，再重试。',
      AccessDenied: '工作表受保护或为只读，无法写入：请取消保护后重试。',
      RequestPayloadSizeLimitExceeded: '工作表数据太大，Excel 无法一次处理：请删除多余的空行和空列后重试。',
      ItemAlreadyExists: '同名的工作表已存在：请重命名后重试。',
      InvalidArgument: 'Excel 拒绝了这次操作（参数无效）：请确认工作表没有合并单元格或保护后重试。',
      GeneralException: 'Excel 处理时出错：请稍后重试。',
    } satisfies Record<ExcelErrorKey, string>,
    excelUnknown: (code: string) => `Excel 处理时出错（${code}）：请稍后重试。`,
    unexpected: (message: string) => `出现意外错误：${message}`,
  },
};

export type Messages = typeof zh;

const en: Messages = {
  appTitle: 'League Building Tracker',
  appSubtitle: 'Youth social organizations',
  switchLanguage: '中文',
  switchLanguageLabel: '切换到中文',
  outsideExcelTitle: 'Open this task pane in Excel',
  outsideExcelDetail:
    'This page is not running inside Excel: you can connect and check a token, but no sheet can be read or written.',
  officeFailed:
    'Office (office.js) did not load; only the connection can be checked. Reload the pane or reopen Excel.',
  webPageInstead: 'On WPS, or an Excel that cannot run add-ins, use the web page instead: ',
  webPageLink: 'Open the web page',
  tabsLabel: 'Sections',
  tabs: {
    connect: 'Connect',
    ledger: 'Ledger',
    upload: 'Upload',
    bulletin: 'Bulletin',
    quota: 'Quotas',
    history: 'History',
    units: 'Units',
    reporting: 'Reporting',
    duplicates: 'Duplicates',
    checks: 'Spot checks',
    subsidies: 'Subsidies',
    work: 'Work records',
    activities: 'Activities',
    assessment: 'Assessment',
  },
  roles: { admin: 'District admin', unit: 'Unit', reader: 'Read-only (automation)' },
  notConnected: 'Not connected',
  connectedAs: (who) => `Connected: ${who}`,
  needConnection: 'Connect to the server on the Connect tab first.',
  goToConnect: 'Connect to a server',
  needExcel: 'This works inside Excel only.',
  working: 'Working…',
  retry: 'Retry',
  cancel: 'Cancel',
  rowLabel: (row) => `Row ${row}`,
  severity: { error: 'Error', warning: 'Warning' },

  connect: {
    heading: 'Connect to the server',
    intro: 'Enter the server address and the access token the district committee gave you.',
    serverUrl: 'Server address',
    serverUrlHint: 'Usually unchanged: the server this page was opened from.',
    token: 'Access token',
    tokenHint: 'Starts with tj_; issued by the district committee. Do not share it.',
    showToken: 'Show token',
    remember: 'Remember the token on this computer',
    rememberHint:
      'Leave this unticked on a shared office PC: anyone who opens this page could then connect as you. Unticked, the token is asked for each time; the custom functions and the refresh on opening need it remembered.',
    connect: 'Connect',
    connecting: 'Connecting…',
    disconnect: 'Disconnect and forget the token',
    disconnected: 'Disconnected; the token was removed from this computer.',
    connected: (who) => `Connected: ${who}`,
    invalidUrl: 'Invalid server address: enter a full address starting with http:// or https://.',
    emptyToken: 'Enter the access token.',
    accountHeading: 'Current connection',
    role: 'Role',
    unit: 'Unit',
    district: 'District',
    label: 'Token name',
    server: 'Server',
    noUnit: '— (all units of the district)',
    progressHeading: (year, month) =>
      `Progress (through the end of ${year}-${String(month).padStart(2, '0')}, live)`,
    newThisMonth: (month) => `New in month ${month}`,
    reporting: (month) => `Reporting for month ${month}`,
    reportingStatus: { onTime: 'On time', late: 'Late', missing: 'Missing' },
    progressUnit: (name) => name,
    progressDistrict: 'District total',
    quota: 'Yearly quota',
    counted: 'Counted',
    rate: 'Completion',
    gap: 'Gap to schedule',
    state: 'State',
    states: { 已完成: 'Done', 正常: 'On track', 滞后: 'Behind', 未启动: 'Not started' },
    rank: 'Rank',
    noQuota: 'No quota',
    progressFailed: 'Progress is unavailable right now: ',
  },

  ledger: {
    heading: 'Check the ledger',
    intro:
      'Checks the active sheet cell by cell and marks problems red (error) or yellow (warning). Click an entry below to jump to its cell.',
    unitSelect: 'Reporting unit',
    unitSelectHint:
      'Admins: choose the unit this ledger belongs to; leave it on automatic to use the sheet’s 所属单位.',
    unitAuto: 'Automatic',
    templateHeading: 'No ledger yet?',
    template: 'New ledger template',
    templateHint: 'Adds a blank tracking sheet with drop-downs and date formats; fill it in row by row.',
    templateCreated: (sheet) => `Added the template sheet “${sheet}”; fill it in from row 5.`,
    validate: 'Check the active sheet',
    validating: 'Reading and checking the active sheet…',
    clearMarks: 'Clear marks',
    marksCleared: (sheet) => `Marks removed from “${sheet}”.`,
    leftoversCleared: (notes, problemsSheet) =>
      `Removed what the web page’s last marking left: ${[notes > 0 ? `${notes} note(s)` : '', problemsSheet ? 'the 问题清单 sheet' : ''].filter(Boolean).join(' and ')}; this check’s marks replace them.`,
    resultHeading: (sheet) => `Result: sheet “${sheet}”`,
    rows: 'Rows',
    errors: 'Errors',
    warnings: 'Warnings',
    ready: 'Clean rows',
    allGood: (rows) => `${rows} rows, no errors: ready to upload.`,
    hasErrors: (errors, warnings) =>
      `${errors} error(s) and ${warnings} warning(s). Errors must be fixed before uploading; warnings only need a look.`,
    onlyWarnings: (warnings) => `No errors, ${warnings} warning(s): you can upload, but please check them.`,
    emptySheet: 'The active sheet has no data rows.',
    sheetProblems: 'Problems with the sheet layout',
    sheetProblemsHint: 'These concern the whole sheet (header, columns), not a single cell:',
    listHeading: 'Problems (click to jump to the cell)',
    listMore: (shown, total) =>
      `Showing the first ${shown} of ${total}; check again after fixing to see the rest.`,
    unitNotChosen: 'Cannot tell which unit this ledger belongs to: choose the reporting unit.',
  },

  upload: {
    heading: 'Upload the ledger',
    intro:
      'Dry run first: the server answers what would be added, changed and removed, and writes nothing. Upload once it looks right.',
    unitLine: (name) => `Uploading to: ${name}`,
    preview: 'Dry run (writes nothing)',
    confirm: 'Upload',
    discard: 'Discard this upload',
    discarded: 'Upload discarded; nothing changed on the server.',
    steps: { read: 'Read', validate: 'Check', dryRun: 'Dry run', upload: 'Upload', done: 'Done' },
    progressLabel: 'Upload progress',
    stepNow: (step) => `Current step: ${step}`,
    previewHeading: 'Dry run (nothing written yet)',
    resultHeading: 'Upload result',
    added: 'Added',
    changed: 'Changed',
    removed: 'Removed',
    unchanged: 'Unchanged',
    addedList: (n) => `Added organizations (${n})`,
    changedList: (n) => `Changed organizations (${n})`,
    removedList: (n) => `Organizations to remove (${n})`,
    removedHint:
      'These are on the server but not in this sheet; uploading removes them from the unit’s ledger (history keeps them; they can be restored).',
    removedConfirm: (n) => `I confirm removing these ${n} organization(s)`,
    removedConfirmNeeded: (n) =>
      `This upload removes ${n} organization(s): check the ones listed in red and tick the confirmation to upload.`,
    ledgerChanged:
      'The ledger on the server changed after the dry run (a colleague may have just uploaded). Here is a fresh dry run against it: check it and upload again.',
    serverWarnings: (n) => `Warnings from the server (${n})`,
    nothingChanged: 'Identical to the ledger on the server: nothing to upload.',
    sendingParts: (sent, total) =>
      `A large ledger, sent in parts: ${sent.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows sent…`,
    previewReady: (added, changed, removed) =>
      `Dry run done: ${added} added, ${changed} changed, ${removed} removed. Check, then choose Upload.`,
    localErrors: (errors) =>
      `${errors} error(s) in the ledger; nothing was sent. Fix them and dry-run again.`,
    sheetChanged: 'The sheet changed after the dry run; here is a fresh one. Check it and upload again.',
    done: (added, changed, removed) => `Uploaded: ${added} added, ${changed} changed, ${removed} removed.`,
    alreadyUploaded: (added, changed, removed) =>
      `Uploaded: ${added} added, ${changed} changed, ${removed} removed (the server had already received this ledger; it was not counted twice).`,
    warningsNotMarked: (reason) => `The server’s warnings could not be marked in the sheet: ${reason}`,
    refused: (errors) =>
      `The server found ${errors} error(s) and wrote nothing; they are marked in the sheet.`,
    pendingKept:
      'The upload is kept: choose Retry once the connection is back; it will not be counted twice.',
    rowRef: (row) => (row === null ? '' : ` (row ${row})`),
    fieldChange: (field, before, after) => `${field}: ${before} → ${after}`,
    empty: '(empty)',
    readerNoUpload: 'A read-only token cannot upload.',
  },

  bulletin: {
    heading: 'Monthly bulletin',
    intro: 'Pick a month and write live figures or a published bulletin into its own printable (A4) sheet.',
    year: 'Year',
    month: 'Month',
    yearOption: (year) => `${year}`,
    monthOption: (month) =>
      ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1] ??
      String(month),
    source: 'Source',
    live: 'Live figures (from the current ledgers)',
    published: 'A published bulletin',
    issue: 'Issue',
    issueOption: (issue, year, month, date) =>
      `No. ${issue} · ${year}-${String(month).padStart(2, '0')} · ${date}`,
    noIssues: (year, month) => `No bulletin published for ${year}-${String(month).padStart(2, '0')} yet.`,
    loadingIssues: 'Loading published bulletins…',
    loadIssues: 'Load published bulletins',
    write: 'Write to a sheet',
    written: (sheet, replaced) =>
      replaced ? `Updated the sheet “${sheet}”.` : `Wrote the new sheet “${sheet}”.`,
    pageSetupSkipped:
      'The bulletin is all there, but this Excel did not take the print settings (A4, portrait, one page wide); set them under Page Layout before printing.',
    previewHeading: 'Summary',
    publishHeading: 'Publish (admins)',
    publishHint:
      'A published bulletin is frozen and numbered; later uploads do not change it. A correction is a new issue.',
    publish: (year, month) => `Publish ${year}-${String(month).padStart(2, '0')}`,
    publishConfirm: (year, month) =>
      `Publish the bulletin for ${year}-${String(month).padStart(2, '0')}? It cannot be changed or withdrawn.`,
    publishYes: 'Publish',
    publishedIssue: (issue) =>
      `Published issue No. ${issue}. Choose “Write to a sheet” to put it into a sheet.`,
    refreshHeading: 'Refresh bulletin sheets',
    refreshHint:
      'Refresh all rewrites every live-figures bulletin sheet in this workbook from the current ledgers. Published bulletins are frozen and never change, so they are left as they are.',
    refreshAll: 'Refresh all',
    autoRefresh: 'Refresh bulletins when the workbook opens',
    autoRefreshHint: 'Saved in this workbook; applies to this workbook only.',
    autoRefreshPaneOnly:
      'This Excel cannot start add-ins when a workbook opens: the setting is saved, and the refresh happens when you open the pane.',
    autoRefreshOn: 'On: live bulletins refresh whenever this workbook opens.',
    autoRefreshOnPaneOnly: 'On: live bulletins refresh when this workbook is open and you open the pane.',
    autoRefreshOff: 'Refresh on open is off.',
    autoRefreshNotConnected:
      'Not connected, so the bulletins were not refreshed on open: connect, then choose Refresh all on the Bulletin tab.',
    refreshing: (done, total, sheet) => `Refreshing bulletins (${done}/${total}): ${sheet}`,
    refreshFinding: 'Looking for bulletin sheets…',
    noBulletinSheets: 'This workbook has no bulletin sheets written by the add-in.',
    refreshDone: (refreshed, published, failed) =>
      `Refreshed ${refreshed} bulletin sheet(s)` +
      (failed > 0 ? `, ${failed} failed` : '') +
      (published > 0 ? `; ${published} published issue(s) left as they are` : '') +
      '.',
    refreshResultsHeading: 'Refresh results',
    refreshOk: 'Refreshed',
    refreshPublished: 'Published issue: frozen, not refreshed',
    refreshFailed: (reason) => `Failed: ${reason}`,
    sourceLive: (year, month) => `${year}-${String(month).padStart(2, '0')} · live`,
    sourceIssue: (issue) => `No. ${issue}`,
    copy: 'Copy the bulletin text',
    copied: 'The bulletin text is on the clipboard, ready to paste into a document.',
    copySelected: 'The clipboard cannot be written here: the text is selected, press Ctrl+C (Mac: ⌘C).',
    printView: 'Print view',
    printHint:
      'Opens the bulletin’s print layout (A4 portrait) in a new window: print it or save it as PDF from the browser.',
    printLoading: 'Opening the bulletin…',
    printOpened: 'The print layout is open in a new window: press Ctrl+P to print or save as PDF.',
    printBlocked:
      'The browser blocked the new window: allow pop-ups for this site, then click Print view again.',
    shareHeading: (issue) => `Read-only link to No. ${issue} (admin)`,
    shareHint:
      'An address anyone can open in a browser, without a token, to read and print this issue. It holds only the bulletin’s figures and unit names, no contacts or organizations. You can revoke it at any time.',
    shareCheck: 'Check the link',
    shareMake: 'Make a read-only link',
    shareRemake: 'Make a new link (the old one stops working)',
    shareRevoke: 'Revoke the link',
    shareUrl: 'Read-only link',
    shareOnce:
      'The link is shown this once: copy it now. If it is lost, make a new one (the old one then stops working).',
    shareCopy: 'Copy the link',
    shareCopied: 'The link is on the clipboard.',
    shareMade: (issue) => `Made a read-only link to No. ${issue}.`,
    shareRevoked: (issue) => `Revoked the read-only link to No. ${issue}: it now says the link is not valid.`,
    shareExists: (day) =>
      `This issue has a live read-only link (made ${day}). A link is shown only when made; make a new one if needed.`,
    shareNone: 'This issue has no read-only link.',
  },

  spotChecks: spotChecksEn,
  subsidies: subsidiesEn,
  quota: {
    heading: 'Yearly quotas',
    intro: 'Set each unit’s yearly quota: write the quota sheet, fill in the 指标 column, then upload it.',
    year: 'Year',
    write: 'Write the quota sheet',
    written: (sheet, rows) => `Wrote “${sheet}” (${rows} units); fill in the 指标 column, then upload.`,
    upload: 'Upload from the quota sheet',
    uploadHint:
      'Reads the active sheet (with 单位 and 指标 columns), checks it and saves it. Units with an empty 指标 keep their quota.',
    uploaded: (rows, year) => `Saved ${year} quotas for ${rows} units.`,
    nothingToUpload: 'The quota sheet has no quotas filled in.',
    problems: (n) => `${n} problem(s) in the quota sheet; nothing uploaded:`,
    unknownUnit: (found) => `Unknown unit “${found}” (use the unit’s full name or code)`,
    missingUnit: 'No unit given',
    duplicateUnit: (name, first) => `Unit “${name}” repeats row ${first}`,
    wrongYear: (found, year) => `Year “${found}” is not the chosen year ${year}`,
    badQuota: (found) => `Quota “${found}” is not a whole number ≥ 0`,
    adminOnly: 'Only district admins can set quotas.',
  },

  functions: {
    notConnected: 'Not connected: connect to the server in the task pane first',
    unauthorized: 'The access token is invalid or revoked: connect again in the task pane',
    forbidden: 'This token may not read the summary',
    unreachable: 'Cannot reach the server: check the network or the server, then recalculate',
    serverError: (code, message) => `The server answered with an error (${code}): ${message}`,
    badYear: (found) => `Invalid year “${found}”: use a whole number from 2000 to 2100`,
    badMonth: (found) => `Invalid month “${found}”: use a whole number from 1 to 12`,
    noUnit: 'Give a unit name or code',
    unknownUnit: (found) => `No unit “${found}”: use the unit’s full name or code`,
    noQuota: (unit, year) => `${unit} has no ${year} quota, so no rate or rank`,
    noDistrictQuota: (year) => `No ${year} quotas are set for the district`,
    unknownField: (found, known) => `Unknown total “${found}”: use one of ${known}`,
  },

  desk: {
    heading: (year) => `Spot checks and subsidies of this unit, ${year}`,
    checks: 'Spot checks',
    results: { 属实: 'True', 不属实: 'Untrue', 无法联系: 'Unreachable' },
    findings: (count) => `Results to look into (${count})`,
    finding: (name, result, date) => `${name} · ${result} · ${date}`,
    due: 'Due',
    paid: 'Paid',
    withheld: 'Withheld',
    amount: (organizations, yuan) => `${organizations} / ¥${yuan.toLocaleString('en')}`,
    recover: 'To recover',
    subsidyList: (count) => `Subsidies of this unit’s organizations (${count})`,
    subsidyLine: (name, state, yuan, paidOn) =>
      `${name} · ${state} · ¥${yuan.toLocaleString('en')}${paidOn ? ` · paid ${paidOn}` : ''}`,
    failed: 'Spot checks and subsidies are unavailable for now: ',
  },

  history: {
    heading: 'Upload history and restore',
    intro:
      'See what each of a unit’s uploads changed (organizations added, changed, removed), and restore the ledger as it stood after any of them: a dry run first, then the restore, which history keeps too.',
    unit: 'Unit',
    unitPick: 'Choose a unit',
    load: 'Show history',
    reload: 'Refresh history',
    readerNo: 'A read-only token cannot see upload history.',
    empty: 'This unit has no uploads yet.',
    listHeading: (unit) => `Uploads of ${unit} (newest first)`,
    when: 'When',
    source: 'Source',
    version: 'Version',
    counts: 'Added / changed / removed',
    sources: { addin: 'Excel add-in', web: 'Web page', refresh: 'Refresh command', api: 'API' },
    uploadedBy: (label) => `Token: ${label}`,
    versionLabel: (version) => `Version ${version}`,
    restoreOf: (version) => `restores ${version}`,
    open: 'Show changes',
    detailHeading: (version, when) => `Changes of version ${version} (${when})`,
    legacy: 'This upload predates the versioned ledger: only organization names and rows were kept.',
    addedFull: (count) => `Added organizations in full (${count})`,
    removedFull: (count) => `Removed organizations in full (${count})`,
    restorePreview: 'Restore this version (dry run)',
    restorePreviewHeading: (version) => `Restoring version ${version} would:`,
    restoreConfirm: 'Confirm restore',
    restoreNothing: (version) => `The ledger is the same as version ${version}: nothing to restore.`,
    restoreReady: (added, changed, removed) =>
      `Dry run done: the restore would add ${added}, change ${changed} and remove ${removed} organizations; nothing written yet. Check, then confirm.`,
    restored: (version, added, changed, removed) =>
      `Restored version ${version}: ${added} added, ${changed} changed, ${removed} removed.`,
    restoreDiscarded: 'Restore discarded; the ledger is unchanged.',
    discard: 'Discard restore',
  },

  units: unitsEn,

  reporting: reportingEn,

  work: workEn,

  assessment: assessmentEn,

  activities: activityEn,

  duplicates: duplicatesEn,

  web: {
    title: 'League Building Tracker · Web',
    subtitle: 'Web page · no Excel add-in needed',
    note: 'For WPS Office, or computers that cannot run Excel add-ins: open an .xlsx ledger, see the same checks as the add-in, dry-run and upload it, and download the monthly bulletin.',
    file: {
      heading: 'Open the ledger file',
      intro:
        'Choose or drop an .xlsx ledger. It is read and checked in this browser; the ledger goes to the server only when you choose Upload.',
      choose: 'Ledger file (.xlsx)',
      chooseHint:
        'You can also drop the file on this box. Save .xls, .et or .csv files as .xlsx in WPS or Excel first.',
      dropHere: 'Drop to open the file',
      reading: (name) => `Reading “${name}”…`,
      notXlsx: (name) =>
        `“${name}” is not an .xlsx file: save it as an Excel workbook (.xlsx) in WPS or Excel, then open it.`,
      unreadable: (name) => `Cannot read “${name}”: it is not a valid .xlsx workbook, or it is encrypted.`,
      noSheets: (name) => `“${name}” has no sheets.`,
      opened: (name) => `Opened: ${name}`,
      sheet: 'Sheet',
      sheetHint:
        'The file has several sheets: the first with a ledger header is selected; you can pick another.',
      needConnection: 'Connect first (on 连接): checking needs the server’s list of units.',
      annotate: 'Download the marked ledger',
      annotateHint:
        'Makes a new .xlsx: cells with problems filled red (error) or yellow (warning) with a note, plus a 问题清单 sheet listing them. Fix them in WPS or Excel, save, and open the fixed file here again. Your file is not changed.',
      annotated: (file) => `Made “${file}”; see your browser’s downloads.`,
      template: 'Download a blank ledger template',
      templateHint:
        'The same as the add-in’s new template: header, drop-downs, date formats, frozen header. Fill it in WPS or Excel, then open it here.',
      templateMade: (file) => `Made “${file}”; see your browser’s downloads.`,
      unmark: 'Download the ledger without the old marks',
      unmarkHint:
        'Makes a new .xlsx without the last marking’s red and yellow fills, its 【团建台账】 notes and the 问题清单 sheet; your own notes and everything else stay. The original file is not changed.',
      oldMarks: (notes) =>
        `This file still carries ${notes} mark(s) from an earlier download. Downloading the marked ledger again unmarks the cells fixed since and lists only today’s problems.`,
      oldMarksClean: (notes, problemsSheet) =>
        `No problems now, but the file still carries the last marking (${notes} note(s)${problemsSheet ? ' and the 问题清单 sheet' : ''}): click “Download the ledger without the old marks” for a clean file.`,
    },
    table: {
      caption: (sheet) => `Problems: sheet “${sheet}”`,
      sortHint: 'Choose a column header to sort by it.',
      row: 'Row',
      column: 'Column',
      cell: 'Cell',
      severity: 'Level',
      message: 'Problem',
      more: (shown, total) =>
        `Showing the first ${shown} of ${total}; the marked ledger download has them all.`,
    },
    upload: {
      heading: 'Dry run and upload',
      intro:
        'Dry run first: the server answers what would be added, changed and removed, and writes nothing. Upload once it looks right.',
      dryRun: 'Dry run (writes nothing)',
      upload: 'Upload',
      needFile: 'Open the ledger file and fix every error first.',
      previewReady: (added, changed, removed) =>
        `Dry run done: ${added} added, ${changed} changed, ${removed} removed. Check, then choose Upload.`,
      refused: (errors) => `The server found ${errors} error(s) and wrote nothing; they are listed below.`,
      previewHeading: 'Dry run (nothing written yet)',
      refusedCaption: 'Problems the server found',
      warningsCaption: 'Warnings from the server',
    },
    bulletin: {
      heading: 'Download the monthly bulletin',
      intro:
        'Choose a month and a source (live from the current ledgers, or a published issue): download the .xlsx laid out like the add-in’s (A4 portrait, ready to print), or open the print layout in a new window.',
      download: 'Download bulletin .xlsx',
      downloaded: (file) => `Made “${file}”; see your browser’s downloads.`,
    },
  },

  errors: {
    api: {
      bad_request: 'The server could not process the request (bad format).',
      unauthorized: 'The access token is invalid or revoked: enter it again on the Connect tab.',
      forbidden:
        'This token may not do that (a unit token handles its own unit only; a read-only token only reads).',
      not_found: 'The server has nothing at that address.',
      conflict: 'This conflicts with data already on the server; nothing was written.',
      validation_failed: 'The server’s check failed; nothing was written.',
      payload_too_large:
        'Too much data for the server; nothing was written. Remove empty rows or upload in parts.',
      unsupported_media_type:
        'The server did not understand the request format: update the add-in and retry.',
      rate_limited:
        'Too many wrong tokens from this address: check the token and try again in a minute. Valid tokens are not affected.',
      ledger_changed:
        'The ledger on the server changed after the dry run; nothing was written. Dry-run again, check, then upload.',
      removals_unconfirmed:
        'This upload removes organizations without a confirmed count; nothing was written. Dry-run again and confirm the removals.',
      idempotency_key_reused:
        'This upload reused the key of an earlier upload with other content; nothing was written. Dry-run again, then upload.',
      already_published:
        'The month’s bulletin is already published; publish a correction (with a reason) to change it.',
      month_not_ended: 'The month has not ended yet; its bulletin cannot be published.',
      issue_unreadable:
        'This issue as stored cannot be read, so it is not shown: an admin should check it, or publish a correction.',
      token_busy:
        'This token has too many uploads or dry runs waiting, or made too many dry runs in a minute: retry shortly.',
      too_many_rows:
        'More rows than one unit’s ledger may hold (50,000); nothing was written. Split the ledger by unit and upload each.',
      draft_incomplete:
        'Not every part of the large ledger arrived; nothing was written. Dry-run again, then upload.',
      unit_inactive:
        'This unit is deactivated: its tokens no longer work and its ledger cannot be uploaded or restored. Ask the district to reactivate it.',
      internal:
        'The server had an internal error; nothing was changed. Retry later, or contact the district.',
      network:
        'Cannot reach the server: check the network or whether the server is running. The sheet is unchanged; retry later.',
      timeout: 'The server did not answer in time. Retry later; a retried upload is never counted twice.',
      bad_response:
        'The server sent something unexpected: check that the address points at the League Building Tracker server.',
    },
    apiUnknown: (code) => `The server answered with an error (${code}).`,
    serverSays: (text) => `Server: ${text}`,
    networkTarget: (url) => `Server address: ${url}`,
    excel: {
      SHEET_NOT_FOUND: 'The sheet was not found; it may have been renamed or deleted.',
      TABLE_NOT_FOUND: 'The ledger table was not found; it may have been renamed or deleted.',
      HEADER_NOT_FOUND: 'No 单位 and 指标 header in the active sheet: select the quota sheet first.',
      InvalidOperationInCellEditMode: 'Excel is editing a cell: press Enter or Esc, then retry.',
      AccessDenied: 'The sheet is protected or read-only: unprotect it and retry.',
      RequestPayloadSizeLimitExceeded:
        'The sheet is too large for one request: remove empty rows and columns, then retry.',
      ItemAlreadyExists: 'A sheet with that name already exists: rename it and retry.',
      InvalidArgument: 'Excel refused the operation: check for merged or protected cells and retry.',
      GeneralException: 'Excel ran into an error: retry later.',
    },
    excelUnknown: (code) => `Excel ran into an error (${code}): retry later.`,
    unexpected: (message) => `Unexpected error: ${message}`,
  },
};

const CATALOGUE: Record<Lang, Messages> = { 'zh-CN': zh, en };

/** The messages of a language. */
export function messagesFor(lang: Lang): Messages {
  return CATALOGUE[lang];
}

export function isLang(value: unknown): value is Lang {
  return value === 'zh-CN' || value === 'en';
}
