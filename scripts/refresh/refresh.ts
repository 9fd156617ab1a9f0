// The headless refresh: read and validate the tracking sheet, upload it, write the bulletin sheet, replace the file atomically.
import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ApiClient, ApiClientError } from '@tuanjian/addin/api';
import {
  annotateFromDiagnostics,
  type MergedRange,
  mergedCellProblems,
  oldMarks,
  worksheetValues,
  writeBulletinSheet,
} from '@tuanjian/addin/xlsx';
import {
  bulletinSheetName,
  type Diagnostic,
  hasErrors,
  type Me,
  readTrackingSheet,
  resolveUnit,
  type SheetReadResult,
  type SheetRow,
  shanghaiDate,
  type Unit,
  validateRows,
} from '@tuanjian/shared';
import ExcelJS from 'exceljs';
import type { CliLang, RefreshOptions } from './args';
import { findLossyContent, zipParts } from './xlsx-parts';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;
export const EXIT_FAILED = 3;

export interface RefreshIo {
  /** A line of the report (stdout). */
  out(line: string): void;
  /** A line about the failure (stderr). */
  err(line: string): void;
  now(): Date;
  fetch?: typeof fetch;
}

/** An expected way for a refresh to stop, with its exit code and the lines that explain it. */
export class RefreshFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
    readonly messageEn: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

interface TrackingSheet {
  name: string;
  read: SheetReadResult;
  merges: MergedRange[];
}

const ROLE_NAMES = {
  zh: { admin: '管理员', unit: '单位', reader: '只读' },
  en: { admin: 'admin', unit: 'unit', reader: 'reader' },
} as const;

/** One language per line (--lang, or LANG): the Chinese or the English of each message. */
export function sayer(lang: CliLang): (zh: string, en: string) => string {
  return (zh, en) => (lang === 'en' ? en : zh);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

async function readOriginal(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT')
      throw new RefreshFailure(EXIT_USAGE, `找不到工作簿：${file}`, `No such workbook: ${file}`);
    if (code === 'EISDIR')
      throw new RefreshFailure(
        EXIT_USAGE,
        `这是一个文件夹，不是工作簿：${file}`,
        `A folder, not a workbook: ${file}`,
      );
    throw error;
  }
}

async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; a copy of the bytes is one.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RefreshFailure(
      EXIT_REFUSED,
      `无法读取工作簿（不是有效的 .xlsx 文件）：${reason}`,
      `Cannot read the workbook (not a valid .xlsx file): ${reason}`,
    );
  }
  return workbook;
}

function refuseLossyWorkbook(bytes: Buffer, bulletinSheet: string, lang: CliLang): void {
  const say = sayer(lang);
  let lossy: ReturnType<typeof findLossyContent>;
  try {
    lossy = findLossyContent(zipParts(bytes), bulletinSheet);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RefreshFailure(
      EXIT_REFUSED,
      `无法检查工作簿的组成部分：${reason}`,
      `Cannot inspect the workbook's parts: ${reason}`,
    );
  }
  if (lossy.length === 0) return;
  throw new RefreshFailure(
    EXIT_REFUSED,
    '工作簿中有本工具改写文件时无法保留的内容，为免丢失，未做任何改动；请在 Excel 中用加载项刷新，或把台账放在单独的工作簿中',
    'The workbook holds content this tool cannot keep when it rewrites the file, so nothing was changed; refresh it with the add-in in Excel, or keep the tracking sheet in a workbook of its own',
    lossy.map(
      (item) =>
        `  · ${item.sheet === null ? say('工作簿', 'workbook') : say(`工作表“${item.sheet}”`, `sheet “${item.sheet}”`)}${say('：', ': ')}${say(item.what, item.whatEn)}`,
    ),
  );
}

function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const wanted = name.toLocaleLowerCase();
  return workbook.worksheets.find((sheet) => sheet.name.toLocaleLowerCase() === wanted);
}

/** The sheet `--sheet` names, or the first whose values have a tracking-sheet header; null when none has. */
function findTrackingSheet(workbook: ExcelJS.Workbook, name: string | null): TrackingSheet | null {
  if (name !== null) {
    const sheet = findSheet(workbook, name);
    if (!sheet)
      throw new RefreshFailure(
        EXIT_USAGE,
        `工作簿中没有名为“${name}”的工作表（现有：${workbook.worksheets.map((s) => s.name).join('、')}）`,
        `No sheet named “${name}” in the workbook`,
      );
    const { values, merges } = worksheetValues(sheet);
    return { name: sheet.name, read: readTrackingSheet(values), merges };
  }
  for (const sheet of workbook.worksheets) {
    const { values, merges } = worksheetValues(sheet);
    const read = readTrackingSheet(values);
    if (read.headerRow !== null) return { name: sheet.name, read, merges };
  }
  return null;
}

function chooseUnit(me: Me, units: Unit[], rows: SheetRow[], requested: string | null): Unit {
  if (me.role === 'unit') {
    const own = units.find((unit) => unit.code === me.unitCode);
    if (!own)
      throw new RefreshFailure(
        EXIT_REFUSED,
        `令牌所属单位“${me.unitCode}”在服务器上不存在`,
        `The token's unit ${me.unitCode} does not exist on the server`,
      );
    if (requested !== null && resolveUnit(requested, units)?.code !== own.code)
      throw new RefreshFailure(
        EXIT_REFUSED,
        `单位令牌只能处理本单位（${own.name}）的台账，不能指定 --unit ${requested}`,
        `A unit token may only handle its own unit (${own.code}), not --unit ${requested}`,
      );
    return own;
  }
  if (requested !== null) {
    const unit = resolveUnit(requested, units);
    if (!unit)
      throw new RefreshFailure(
        EXIT_REFUSED,
        `服务器上没有单位“${requested}”`,
        `No unit “${requested}” on the server`,
      );
    return unit;
  }
  const named = new Set<string>();
  for (const row of rows) {
    const cell = row.cells.unit;
    const unit = typeof cell === 'string' ? resolveUnit(cell, units) : null;
    if (unit) named.add(unit.code);
  }
  const [only] = named;
  const unit = named.size === 1 ? units.find((candidate) => candidate.code === only) : undefined;
  if (unit) return unit;
  throw new RefreshFailure(
    EXIT_REFUSED,
    named.size === 0
      ? '无法从“所属单位”列确定单位，请用 --unit 指定'
      : `台账中有多个单位（${[...named].join('、')}），请用 --unit 指定要处理的单位`,
    named.size === 0
      ? 'Cannot tell the unit from the 所属单位 column; name it with --unit'
      : `The sheet names several units (${[...named].join(', ')}); name one with --unit`,
  );
}

/**
 * `第12行 联系电话: message` (or `Row 12 联系电话: message` in English; the header as the sheet writes it);
 * sheet-level problems without a row say 工作表.
 * @example diagnosticLine({ row: 12, header: '联系电话', severity: 'error', message: '…', messageEn: '…', … }, 'zh')
 */
export function diagnosticLine(diagnostic: Diagnostic, lang: CliLang): string {
  const say = sayer(lang);
  const mark = diagnostic.severity === 'error' ? '✗' : '⚠';
  const where =
    diagnostic.row === null ? say('工作表', 'Sheet') : say(`第${diagnostic.row}行`, `Row ${diagnostic.row}`);
  const column = diagnostic.header ? ` ${diagnostic.header}` : '';
  return `  ${mark} ${where}${column}: ${say(diagnostic.message, diagnostic.messageEn)}`;
}

function printDiagnostics(io: RefreshIo, diagnostics: Diagnostic[], lang: CliLang): void {
  const ordered = [...diagnostics].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  for (const diagnostic of ordered) io.out(diagnosticLine(diagnostic, lang));
}

/**
 * The Idempotency-Key of an upload: the hash of what is uploaded (unit, month, the rows as read), of the
 * ledger version the dry run saw and of the removals confirmed. Rerunning the same job replays instead of
 * counting twice; the same sheet sent again after someone else's upload is a new upload, applied rather
 * than answered from history.
 */
export function uploadKey(
  unitCode: string,
  year: number,
  month: number,
  rows: SheetRow[],
  ledgerVersion: number,
  expectRemoved: number,
) {
  const digest = createHash('sha256')
    .update(JSON.stringify([unitCode, year, month, rows, ledgerVersion, expectRemoved]))
    .digest('hex');
  return `refresh-${unitCode}-${year}-${String(month).padStart(2, '0')}-${digest.slice(0, 40)}`;
}

/** The organizations an upload would remove, one line each, for the report. */
function removedLines(removed: readonly { orgName: string; creditCode: string | null }[]): string[] {
  return removed.map((org) => `  − ${org.orgName}${org.creditCode ? `（${org.creditCode}）` : ''}`);
}

/**
 * A dry run, then the upload. An upload that removes organizations needs `--allow-removals N` naming
 * exactly the number the dry run found; otherwise nothing is sent and the list is printed (exit 1).
 */
async function upload(
  client: ApiClient,
  options: RefreshOptions,
  unit: Unit,
  rows: SheetRow[],
  io: RefreshIo,
): Promise<void> {
  const say = sayer(options.lang);
  const request = {
    unitCode: unit.code,
    rows,
    reportYear: options.year,
    reportMonth: options.month,
    source: 'refresh' as const,
  };
  // A ledger over one request's cap goes in parts: say how far it has got.
  const onProgress = (sent: number, total: number) =>
    io.out(say(`分批发送：${sent} / ${total}`, `Sent in parts: ${sent} / ${total}`));
  const preview = await client.upload(request, { dryRun: true, onProgress });
  const removed = preview.diff.removed;
  if (removed.length > 0 && options.allowRemovals !== removed.length) {
    throw new RefreshFailure(
      EXIT_REFUSED,
      options.allowRemovals === null
        ? `这次上传将从${unit.name}的台账中删除${removed.length}个组织，未上传；核对无误后加 --allow-removals ${removed.length} 再运行`
        : `这次上传将删除${removed.length}个组织，与 --allow-removals ${options.allowRemovals} 不符，未上传`,
      options.allowRemovals === null
        ? `This upload would remove ${removed.length} organization(s) from ${unit.code}'s ledger; nothing was uploaded. Check them and run again with --allow-removals ${removed.length}`
        : `This upload would remove ${removed.length} organization(s), not the ${options.allowRemovals} allowed; nothing was uploaded`,
      [
        say(`将删除的组织（${removed.length}）：`, `Organizations to be removed (${removed.length}):`),
        ...removedLines(removed),
      ],
    );
  }
  let response: Awaited<ReturnType<ApiClient['upload']>>;
  try {
    response = await client.upload(
      { ...request, expectRemoved: removed.length, baseVersion: preview.ledgerVersion },
      {
        dryRun: false,
        idempotencyKey: uploadKey(
          unit.code,
          options.year,
          options.month,
          rows,
          preview.ledgerVersion,
          removed.length,
        ),
        onProgress,
      },
    );
  } catch (error) {
    const fresh = error instanceof ApiClientError ? error.ledgerChanged : null;
    if (!fresh) throw error;
    const { added, changed, removed: nowRemoved } = fresh.diff;
    throw new RefreshFailure(
      EXIT_REFUSED,
      `预检之后服务器上的台账已被更新（第${fresh.baseVersion}版 → 第${fresh.ledgerVersion}版），未上传；按最新台账将新增 ${added.length}、修改 ${changed.length}、删除 ${nowRemoved.length}，请核对后重新运行`,
      `The ledger on the server moved from version ${fresh.baseVersion} to ${fresh.ledgerVersion} after the dry run; nothing was uploaded. Against it: ${added.length} added, ${changed.length} changed, ${nowRemoved.length} removed. Check and run again`,
      nowRemoved.length > 0
        ? [
            say(
              `将删除的组织（${nowRemoved.length}）：`,
              `Organizations to be removed (${nowRemoved.length}):`,
            ),
            ...removedLines(nowRemoved),
          ]
        : [],
    );
  }
  const { added, changed, unchanged } = response.diff;
  if (response.replayed) {
    io.out(
      say(
        `上传：与已上传的内容相同，未重复计入（上传编号 ${response.uploadId}）`,
        `Upload: already uploaded, replayed and not counted twice (upload ${response.uploadId})`,
      ),
    );
  } else {
    io.out(
      say(
        `上传成功：新增 ${added.length}，修改 ${changed.length}，删除 ${response.diff.removed.length}，未变 ${unchanged}（上传编号 ${response.uploadId}，台账第${response.ledgerVersion}版）`,
        `Uploaded: ${added.length} added, ${changed.length} changed, ${response.diff.removed.length} removed, ${unchanged} unchanged (upload ${response.uploadId}, ledger version ${response.ledgerVersion})`,
      ),
    );
  }
  if (response.warnings.length > 0) {
    io.out(say(`服务器提示 ${response.warnings.length} 条`, `Server warnings: ${response.warnings.length}`));
    printDiagnostics(io, response.warnings, options.lang);
  }
}

/** Writes `bytes` over `file` through a temporary file in the same folder and a rename: never half written. */
async function replaceFileAtomically(file: string, original: Buffer, bytes: Uint8Array): Promise<void> {
  if (!(await readFile(file)).equals(original))
    throw new RefreshFailure(
      EXIT_REFUSED,
      '刷新期间工作簿被其他程序修改过，为免覆盖，未写入',
      'The workbook changed while it was being refreshed; nothing was written so as not to overwrite it',
    );
  const { mode } = await stat(file);
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(temp, 'wx', mode & 0o777);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    const code = errorCode(error);
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES')
      throw new RefreshFailure(
        EXIT_FAILED,
        `无法写入工作簿（${code}）：文件可能正在 Excel 中打开，或没有写权限`,
        `Cannot write the workbook (${code}): it may be open in Excel, or not writable`,
      );
    throw error;
  }
}

/**
 * Validates the tracking sheet for the chosen unit, prints the report, uploads when asked; throws on errors,
 * else answers what it found (warnings).
 */
async function checkAndUpload(
  client: ApiClient,
  me: Me,
  tracking: TrackingSheet,
  options: RefreshOptions,
  io: RefreshIo,
): Promise<Diagnostic[]> {
  const say = sayer(options.lang);
  const { headerRow, rows, problems } = tracking.read;
  let diagnostics = [...problems, ...mergedCellProblems(tracking.merges, headerRow)];
  if (headerRow === null) {
    io.out(say(`台账：“${tracking.name}”`, `Tracking sheet: “${tracking.name}”`));
    printDiagnostics(io, diagnostics, options.lang);
  } else {
    io.out(
      say(
        `台账：“${tracking.name}”，表头在第${headerRow}行，数据 ${rows.length} 行`,
        `Tracking sheet: “${tracking.name}”, header on row ${headerRow}, ${rows.length} data rows`,
      ),
    );
    const units = await client.units();
    const unit = chooseUnit(me, units, rows, options.unit);
    io.out(say(`单位：${unit.name}（${unit.code}）`, `Unit: ${unit.name} (${unit.code})`));
    const today = shanghaiDate(io.now());
    diagnostics = [
      ...diagnostics,
      ...validateRows(rows, { units, uploaderUnitCode: unit.code, today }).diagnostics,
    ];
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    io.out(
      say(
        `校验：错误 ${errors} 处，警告 ${diagnostics.length - errors} 处`,
        `Validation: ${errors} errors, ${diagnostics.length - errors} warnings`,
      ),
    );
    printDiagnostics(io, diagnostics, options.lang);
    if (!hasErrors(diagnostics) && options.upload) await upload(client, options, unit, rows, io);
  }
  if (hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    throw new RefreshFailure(
      EXIT_REFUSED,
      `台账有 ${errors} 处错误${options.upload ? '，未上传' : ''}`,
      `The tracking sheet has ${errors} error(s)${options.upload ? '; nothing was uploaded' : ''}`,
    );
  }
  return diagnostics;
}

/**
 * A file an earlier marked download (the web page) marked: its marks and 问题清单 follow this check, so the
 * cells fixed since lose their fill and note, and 问题清单 lists what is left or goes. An unmarked file
 * gains nothing.
 */
function remark(
  workbook: ExcelJS.Workbook,
  tracking: TrackingSheet,
  diagnostics: Diagnostic[],
  io: RefreshIo,
  say: ReturnType<typeof sayer>,
): boolean {
  const old = oldMarks(workbook, tracking.name);
  if (old.notes === 0 && !old.problemsSheet) return false;
  const result = annotateFromDiagnostics(workbook, {
    sheetName: tracking.name,
    columns: tracking.read.columns,
    diagnostics,
  });
  io.out(
    say(
      `已清除 ${result.cleared} 处上次的标注` +
        (result.marked > 0 ? `，重新标注 ${result.marked} 处警告` : '') +
        (result.problemsSheet === 'removed' ? '，删除了“问题清单”工作表' : '') +
        (result.problemsSheet === 'written' ? '，“问题清单”只列现在的警告' : ''),
      `Cleared ${result.cleared} mark(s) of an earlier check` +
        (result.marked > 0 ? `, marked ${result.marked} warning(s) again` : '') +
        (result.problemsSheet === 'removed' ? ', removed the 问题清单 sheet' : '') +
        (result.problemsSheet === 'written' ? ', 问题清单 lists only today’s warnings' : ''),
    ),
  );
  return true;
}

async function run(options: RefreshOptions, io: RefreshIo): Promise<void> {
  const file = path.resolve(options.workbook);
  const say = sayer(options.lang);
  const monthText = `${options.year}-${String(options.month).padStart(2, '0')}`;
  io.out(say(`工作簿：${file}`, `Workbook: ${file}`));
  io.out(
    say(
      `通报月份：${monthText}${options.upload ? '，上传' : ''}`,
      `Month: ${monthText}${options.upload ? ', with upload' : ''}`,
    ),
  );
  if (path.extname(file).toLowerCase() !== '.xlsx')
    throw new RefreshFailure(
      EXIT_USAGE,
      '只支持 .xlsx 工作簿（.xls、.xlsm 等请先在 Excel 中另存为 .xlsx）',
      'Only .xlsx workbooks are supported (save .xls, .xlsm… as .xlsx in Excel first)',
    );
  const original = await readOriginal(file);
  const workbook = await loadWorkbook(original);
  const source = { year: options.year, month: options.month, issueNumber: null };
  refuseLossyWorkbook(original, bulletinSheetName(source), options.lang);
  const tracking = findTrackingSheet(workbook, options.sheet);
  if (tracking === null && options.upload)
    throw new RefreshFailure(
      EXIT_REFUSED,
      '工作簿中没有台账工作表（前20行中找不到含“组织名称”等列名的表头），无法上传',
      'No tracking sheet in the workbook (no header with 组织名称 and other known columns in the first 20 rows); nothing to upload',
    );

  const client = new ApiClient({
    baseUrl: options.server,
    token: options.token,
    timeoutMs: 60_000,
    ...(io.fetch ? { fetch: io.fetch } : {}),
  });
  const me = await client.me();
  io.out(
    say(
      `令牌：${me.label}（${ROLE_NAMES.zh[me.role]}${me.unitName ? `，${me.unitName}` : ''}）`,
      `Token: ${me.label} (${ROLE_NAMES.en[me.role]}${me.unitName ? `, ${me.unitName}` : ''})`,
    ),
  );
  if (options.upload && me.role === 'reader')
    throw new RefreshFailure(
      EXIT_REFUSED,
      '只读令牌不能上传台账，请去掉 --upload 或换用单位令牌',
      'A reader token cannot upload; drop --upload or use a unit token',
    );

  if (tracking === null)
    io.out(say('未找到台账工作表，只刷新通报', 'No tracking sheet found: refreshing the bulletin only'));
  const remarked =
    tracking !== null &&
    remark(workbook, tracking, await checkAndUpload(client, me, tracking, options, io), io, say);

  const figures = await client.summary(options.year, options.month);
  const { bulletin } = figures;
  const written = writeBulletinSheet(workbook, figures, { source });
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  await replaceFileAtomically(file, original, bytes);
  io.out(
    say(
      `通报：${bulletin.title} — ${bulletin.issueLine}`,
      `Bulletin: ${bulletin.title} — ${bulletin.issueLine}`,
    ),
  );
  io.out(
    written.replaced
      ? say(
          `已替换工作表“${written.sheetName}”（位置不变）${remarked ? '' : '，其余工作表未改动'}`,
          `Replaced sheet “${written.sheetName}” in place${remarked ? '' : '; other sheets untouched'}`,
        )
      : say(
          `已新增工作表“${written.sheetName}”${remarked ? '' : '，其余工作表未改动'}`,
          `Added sheet “${written.sheetName}”${remarked ? '' : '; other sheets untouched'}`,
        ),
  );
  io.out(say('✓ 完成', '✓ Done'));
}

function messageEnOf(details: unknown): string | null {
  if (typeof details !== 'object' || details === null || !('messageEn' in details)) return null;
  return typeof details.messageEn === 'string' ? details.messageEn : null;
}

function failureCode(error: ApiClientError): number {
  if (error.code === 'network' || error.code === 'timeout') return EXIT_FAILED;
  if (error.status !== null && error.status >= 400 && error.status < 500 && error.status !== 429)
    return EXIT_REFUSED;
  return EXIT_FAILED;
}

/** Why the server could not be reached, in words an office can act on (Node's fetch says only "fetch failed"). */
function unreachableReason(error: ApiClientError, say: (zh: string, en: string) => string): string {
  if (error.code === 'timeout')
    return say('服务器在 60 秒内没有响应', 'the server did not answer within 60 s');
  const cause =
    typeof error.details === 'object' && error.details !== null && 'cause' in error.details
      ? String(error.details.cause)
      : '';
  if (cause === 'ECONNREFUSED')
    return say(
      '连接被拒绝：服务器没有运行，或地址、端口有误',
      'connection refused: the server is not running, or the address or port is wrong',
    );
  if (cause === 'ENOTFOUND' || cause === 'EAI_AGAIN')
    return say(
      '找不到这个主机名：请检查服务器地址，或本机的网络和 DNS',
      'no such host name: check the address, or this computer’s network and DNS',
    );
  if (cause === 'ETIMEDOUT' || cause === 'UND_ERR_CONNECT_TIMEOUT')
    return say(
      '连接超时：请检查网络，或服务器是否可以从本机访问',
      'the connection timed out: check the network, or whether the server can be reached from here',
    );
  if (cause === 'ECONNRESET' || cause === 'UND_ERR_SOCKET')
    return say('连接被中断，请稍后重试', 'the connection was cut off; try again later');
  if (cause.startsWith('ERR_TLS') || cause.includes('CERT'))
    return say(`证书或加密连接有问题（${cause}）`, `a certificate or TLS problem (${cause})`);
  return say(`网络错误${cause ? `（${cause}）` : ''}`, `a network error${cause ? ` (${cause})` : ''}`);
}

function reportFailure(error: unknown, options: RefreshOptions, io: RefreshIo): number {
  const say = sayer(options.lang);
  let exitCode = EXIT_FAILED;
  if (error instanceof RefreshFailure) {
    io.err(`✗ ${say(error.message, error.messageEn)}`);
    for (const line of error.details) io.err(line);
    exitCode = error.exitCode;
  } else if (error instanceof ApiClientError) {
    exitCode = failureCode(error);
    if (error.code === 'network' || error.code === 'timeout') {
      io.err(
        say(
          `✗ 无法连接服务器 ${options.server}：${unreachableReason(error, say)}`,
          `✗ Cannot reach the server ${options.server}: ${unreachableReason(error, say)}`,
        ),
      );
    } else {
      const english = messageEnOf(error.details);
      io.err(
        say(
          `✗ 服务器拒绝（HTTP ${error.status ?? '—'} ${error.code}）：${error.message}`,
          `✗ The server refused (HTTP ${error.status ?? '—'} ${error.code}): ${english ?? error.message}`,
        ),
      );
      if (error.diagnostics.length > 0) {
        io.err(
          say(
            `服务器校验结果 ${error.diagnostics.length} 条`,
            `Server diagnostics: ${error.diagnostics.length}`,
          ),
        );
        for (const diagnostic of error.diagnostics) io.err(diagnosticLine(diagnostic, options.lang));
      }
    }
  } else {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.err(say(`✗ 意外错误：${detail}`, `✗ Unexpected error: ${detail}`));
  }
  io.err(say('工作簿未改动。', 'The workbook was not changed.'));
  return exitCode;
}

/**
 * Runs one refresh and returns its exit code: 0 done, 1 validation failed or refused, 2 usage error,
 * 3 server unreachable or another failure. Whatever fails, the workbook file is left as it was.
 * @example
 * process.exitCode = await refreshWorkbook(options, { out: console.log, err: console.error, now: () => new Date() });
 */
export async function refreshWorkbook(options: RefreshOptions, io: RefreshIo): Promise<number> {
  try {
    await run(options, io);
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, options, io);
  }
}
