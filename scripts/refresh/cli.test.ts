// End to end: the refresh command as a scheduled job runs it, against the real worker on a fresh local D1.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DONE_FILL, LAGGING_FILL, worksheetValues } from '@tuanjian/addin/xlsx';
import { COLUMNS, type ColumnKey, SOURCE_LABEL, type TrackingRecord } from '@tuanjian/shared';
import { generateDemoDistrict, ledgerToSheetValues } from '@tuanjian/shared/demo';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalWorker, startLocalWorker } from '../testing/local-worker';
import {
  csvDocument,
  mQueryColumnTypes,
  promoteHeaders,
  readmeMQuery,
  transformColumnTypes,
} from '../testing/power-query';

const root = path.resolve(import.meta.dirname, '../..');
const folder = mkdtempSync(path.join(tmpdir(), 'tj-refresh-'));
const workbookFile = path.join(folder, '陆家嘴街道台账.xlsx');
const TITLE = '浦东新区青年社会组织团建工作月度通报（2026年10月）';

const demo = generateDemoDistrict({ year: 2026, throughMonth: 10 });
const [ljz, wfxc] = demo.units;
const records = demo.records.filter((record) => record.unitCode === 'LJZ');
let worker: LocalWorker;
let unitToken: string;
let readerToken: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command as cron would: a child process, its exit code and output. */
function run(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      // Chinese whatever the machine's locale (the report speaks LANG's language).
      {
        cwd: root,
        env: { ...process.env, TUANJIAN_TOKEN: '', LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The README's command line: `npm run refresh -- …`. */
const npmRefresh = (args: string[]) => run('npm', ['run', '--silent', 'refresh', '--', ...args]);
/** The same command without npm in between. */
const tsxRefresh = (args: string[]) => run('npx', ['tsx', 'scripts/refresh/cli.ts', ...args]);

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function cellInput(value: unknown): ExcelJS.CellValue {
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

/**
 * A unit's workbook as people keep it: a 说明 sheet with styles, a merge, a formula and a defined name; a stale
 * bulletin sheet from an earlier month's refresh; the messy tracking sheet; a 备注 sheet after it.
 */
async function writeWorkbook(file: string, ledger: TrackingRecord[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const notes = workbook.addWorksheet('说明', { properties: { tabColor: { argb: 'FF00B050' } } });
  notes.getCell('A1').value = '团建工作说明';
  notes.getCell('A1').font = { bold: true, size: 14, color: { argb: 'FFC00000' } };
  notes.mergeCells('A1:D1');
  notes.getCell('A2').value = 1234.5;
  notes.getCell('A2').numFmt = '#,##0.00';
  notes.getCell('B2').value = { formula: 'A2*2', result: 2469 };
  notes.getCell('C2').value = new Date(Date.UTC(2026, 9, 1));
  notes.getCell('C2').numFmt = 'yyyy-mm-dd';
  notes.getCell('D2').value = '重点';
  notes.getCell('D2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  notes.getColumn(1).width = 30;
  workbook.definedNames.add("'说明'!$A$2", '基数');

  const stale = workbook.addWorksheet('通报2026-10');
  stale.getCell('A1').value = '旧通报';
  stale.getCell('Z99').value = 'stale';
  stale.mergeCells('B20:D22');

  const sheet = workbook.addWorksheet('团建台账');
  const values = ledgerToSheetValues(ledger, { messy: true, units: demo.units });
  values.forEach((cells, rowIndex) => {
    cells.forEach((value, columnIndex) => {
      const input = cellInput(value);
      if (input !== null && input !== '') sheet.getCell(rowIndex + 1, columnIndex + 1).value = input;
    });
  });
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  // One 建团时间 as a real date cell, one 组织名称 as rich text, as Excel keeps them.
  const dateColumn = COLUMNS.findIndex((column) => column.key === 'establishedOn') + 1;
  const firstEstablished = ledger.findIndex((record) => record.establishedOn !== null);
  const established = ledger[firstEstablished];
  if (established?.establishedOn) {
    const [year, month, day] = established.establishedOn.split('-').map(Number);
    const cell = sheet.getCell(4 + firstEstablished, dateColumn);
    cell.value = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
    cell.numFmt = 'yyyy"年"m"月"d"日"';
  }
  const nameCell = sheet.getCell(5, 1);
  const name = String(nameCell.value);
  nameCell.value = { richText: [{ text: name.slice(0, 2), font: { bold: true } }, { text: name.slice(2) }] };

  workbook.addWorksheet('备注').getCell('B3').value = '每月3日自动刷新';
  await workbook.xlsx.writeFile(file);
}

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}; sheets: ${workbook.worksheets.map((s) => s.name)}`);
  return sheet;
}

function jobArgs(file: string, token: string): string[] {
  return ['--workbook', file, '--server', worker.base, '--token', token, '--upload', '--month', '2026-10'];
}

beforeAll(async () => {
  worker = await startLocalWorker({ workDir: path.join(folder, 'state'), timeoutMs: 45_000 });
  for (const unit of [ljz, wfxc]) await worker.api('POST', '/units', unit);
  await worker.api('PUT', '/quotas/2026', {
    quotas: demo.quotas
      .filter((quota) => quota.year === 2026 && (quota.unitCode === 'LJZ' || quota.unitCode === 'WFXC'))
      .map(({ unitCode, quota }) => ({ unitCode, quota })),
  });
  const created = (body: unknown) =>
    worker.api('POST', '/tokens', body).then((answer) => {
      const token = typeof answer === 'object' && answer !== null && 'token' in answer ? answer.token : null;
      if (typeof token !== 'string') throw new Error('no token in the answer');
      return token;
    });
  unitToken = await created({ role: 'unit', unitCode: 'LJZ', label: '陆家嘴街道团工委' });
  readerToken = await created({ role: 'reader', label: 'Power Query' });
  await writeWorkbook(workbookFile, records);
});

afterAll(async () => {
  await worker?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('npm run refresh', () => {
  let trackingBefore: unknown[][];

  it('validates, uploads and writes the bulletin sheet in place, leaving the other sheets intact', async () => {
    trackingBefore = worksheetValues(sheetOf(await readWorkbook(workbookFile), '团建台账')).values;
    const result = await npmRefresh(jobArgs(workbookFile, unitToken));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`数据 ${records.length} 行`);
    expect(result.stdout).toContain('错误 0 处');
    expect(result.stdout).toContain(`上传成功：新增 ${records.length}，修改 0，删除 0`);
    expect(result.stdout).toContain('已替换工作表“通报2026-10”');

    const workbook = await readWorkbook(workbookFile);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '说明',
      '通报2026-10',
      '团建台账',
      '备注',
    ]);

    const notes = sheetOf(workbook, '说明');
    expect(notes.getCell('A1').value).toBe('团建工作说明');
    expect(notes.getCell('A1').font).toMatchObject({ bold: true, size: 14, color: { argb: 'FFC00000' } });
    expect(notes.getCell('D1').isMerged).toBe(true);
    expect(notes.getCell('A2').value).toBe(1234.5);
    expect(notes.getCell('A2').numFmt).toBe('#,##0.00');
    expect(notes.getCell('B2').value).toMatchObject({ formula: 'A2*2', result: 2469 });
    expect(notes.getCell('C2').value).toEqual(new Date(Date.UTC(2026, 9, 1)));
    expect(notes.getCell('D2').fill).toMatchObject({ fgColor: { argb: 'FFFFFF00' } });
    expect(notes.getColumn(1).width).toBe(30);
    expect(notes.properties.tabColor).toMatchObject({ argb: 'FF00B050' });
    expect(workbook.definedNames.getRanges('基数').ranges).toEqual(["'说明'!$A$2"]);
    expect(worksheetValues(sheetOf(workbook, '团建台账')).values).toEqual(trackingBefore);
    expect(sheetOf(workbook, '备注').getCell('B3').value).toBe('每月3日自动刷新');

    const bulletin = sheetOf(workbook, '通报2026-10');
    expect(bulletin.getCell('A1').value).toBe(TITLE);
    expect(bulletin.getCell('Z99').value).toBeNull();
    expect(bulletin.getCell('C21').isMerged).toBe(false);
    expect(bulletin.getCell('L1').value).toBe('year=2026;month=10;issue=live');
    expect(bulletin.getCell('K1').value).toBe(SOURCE_LABEL);
    let header = 0;
    bulletin.eachRow((row, number) => {
      if (row.getCell(1).value === '单位' && row.getCell(2).value === '年度指标\n（家）') header = number;
    });
    expect(header).toBeGreaterThan(0);
    const unitRows = [header + 1, header + 2].map((number) => bulletin.getRow(number));
    expect(unitRows.map((row) => row.getCell(1).value).sort()).toEqual(['潍坊新村街道', '陆家嘴街道'].sort());
    expect(bulletin.getCell(header + 3, 1).value).toBe('全区合计');
    expect(bulletin.getCell(header + 4, 1).value).toBeNull();
    for (const unitRow of unitRows) {
      const status = unitRow.getCell(8);
      const fill = status.fill?.type === 'pattern' ? status.fill.fgColor?.argb : undefined;
      expect(fill).toBe(
        status.value === '滞后' ? LAGGING_FILL : status.value === '已完成' ? DONE_FILL : undefined,
      );
    }
    // 潍坊新村街道 uploaded nothing: no organization counted yet.
    expect(unitRows.find((row) => row.getCell(1).value === '潍坊新村街道')?.getCell(8).value).toBe('未启动');
    expect(bulletin.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1 });

    const ledger = await worker.api('GET', '/ledger?unitCode=LJZ&pageSize=1');
    expect(ledger).toMatchObject({ total: records.length });
    const uploads = await worker.api('GET', '/uploads?unitCode=LJZ');
    expect(uploads).toMatchObject({
      uploads: [{ reportYear: 2026, reportMonth: 10, added: records.length }],
    });
  });

  it('run again, replaces the same bulletin sheet and replays the upload instead of counting it twice', async () => {
    const result = await npmRefresh(jobArgs(workbookFile, unitToken));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('未重复计入');
    const workbook = await readWorkbook(workbookFile);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '说明',
      '通报2026-10',
      '团建台账',
      '备注',
    ]);
    expect(sheetOf(workbook, '通报2026-10').getCell('A1').value).toBe(TITLE);
    expect(worksheetValues(sheetOf(workbook, '团建台账')).values).toEqual(trackingBefore);
    const uploads = await worker.api('GET', '/uploads?unitCode=LJZ');
    expect(uploads).toMatchObject({ uploads: [{ added: records.length }] });
    expect(uploads).toHaveProperty('uploads.length', 1);
    // Written through a temporary file beside it, renamed over it: nothing left behind.
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a sheet with a broken row: names row and column, exits 1, leaves the file byte for byte', async () => {
    const broken = path.join(folder, 'broken.xlsx');
    copyFileSync(workbookFile, broken);
    const workbook = await readWorkbook(broken);
    const sheet = sheetOf(workbook, '团建台账');
    const column = (key: ColumnKey) => COLUMNS.findIndex((candidate) => candidate.key === key) + 1;
    sheet.getCell(6, column('orgType')).value = '公司';
    sheet.getCell(7, column('youthCount')).value = '十二人';
    await workbook.xlsx.writeFile(broken);
    const before = sha256(broken);

    const result = await tsxRefresh(jobArgs(broken, unitToken));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('错误 2 处');
    expect(result.stdout).toMatch(/✗ 第6行 组织类型: /);
    expect(result.stdout).toMatch(/✗ 第7行 青年人数: /);
    expect(result.stderr).toContain('台账有 2 处错误，未上传');
    expect(result.stderr).toContain('工作簿未改动');
    expect(sha256(broken)).toBe(before);
    expect(await worker.api('GET', '/uploads?unitCode=LJZ')).toHaveProperty('uploads.length', 1);
  });

  it('refuses a wrong token with exit 1 and leaves the file untouched', async () => {
    const before = sha256(workbookFile);
    const result = await tsxRefresh(jobArgs(workbookFile, 'tj_not_a_token'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP 401 unauthorized');
    expect(sha256(workbookFile)).toBe(before);
  });

  it('refuses a bad command line with exit 2', async () => {
    const result = await tsxRefresh(['--workbook', workbookFile, '--month', '2026-13']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('缺少必填选项');
  });

  it('suggests the option a typo meant, in the language of --lang', async () => {
    const zh = await tsxRefresh(['--wrokbook', workbookFile]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('是不是 --workbook？');
    const en = await tsxRefresh(['--lang', 'en', '--wrokbook', workbookFile]);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('did you mean --workbook?');
    expect(en.stderr).not.toContain('命令行有误');
  });

  it('serves the CSV the README’s Power Query reads with a reader token', async () => {
    const response = await fetch(`${worker.base}/api/v1/summary?year=2026&month=10&format=csv`, {
      headers: { Authorization: `Bearer ${readerToken}` },
    });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const types = mQueryColumnTypes(readmeMQuery(readFileSync(path.join(root, 'README.md'), 'utf8')));
    const table = transformColumnTypes(
      promoteHeaders(csvDocument(new Uint8Array(await response.arrayBuffer()))),
      types,
    );
    expect(table.map((row) => row.单位代码)).toEqual(['LJZ', 'WFXC', '']);
    const ljzRow = table[0];
    expect(ljzRow?.统计截止).toEqual(new Date(Date.UTC(2026, 9, 31)));
    expect(typeof ljzRow?.['完成率(%)']).toBe('number');
    expect(ljzRow?.青年社会组织数).toBe(records.length);
  });

  it('exits 3 when the server is down, leaving the file untouched', async () => {
    await worker.stop();
    const before = sha256(workbookFile);
    const result = await tsxRefresh(jobArgs(workbookFile, unitToken));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('无法连接服务器');
    expect(sha256(workbookFile)).toBe(before);
  });
});
