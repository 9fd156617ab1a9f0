// refreshWorkbook's decisions (which unit, who may upload, what a refusal prints) against a scripted API.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Diagnostic, renderBulletin, summarize, type TrackingRecord } from '@tuanjian/shared';
import { generateDemoDistrict, ledgerToSheetValues } from '@tuanjian/shared/demo';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMENT_PREFIX } from '../../addin/src/sheet/marks';
import { PROBLEMS_SHEET } from '../../addin/src/xlsx/annotate';
import type { RefreshOptions } from './args';
import { refreshWorkbook, uploadKey } from './refresh';

const folder = mkdtempSync(path.join(tmpdir(), 'tj-refresh-unit-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const demo = generateDemoDistrict({ year: 2026, throughMonth: 10 });
const units = demo.units.slice(0, 2);
const ljz = demo.records.filter((record) => record.unitCode === 'LJZ');
const wfxc = demo.records.filter((record) => record.unitCode === 'WFXC');
const summary = summarize(
  [...ljz, ...wfxc].map((record) => ({ ...record, firstReportedAt: '2026-11-02T00:00:00Z' })),
  { district: '浦东新区', units, quotas: demo.quotas, year: 2026, month: 10, today: '2026-11-25' },
);
const bulletin = renderBulletin(summary, {
  issueNumber: null,
  date: '2026-11-25',
  issuer: '共青团浦东新区委员会',
});

type Role = 'admin' | 'unit' | 'reader';

interface Api {
  fetch: typeof fetch;
  uploads: { unitCode: string; key: string | null; body: Record<string, unknown> }[];
  dryRuns: number;
}

const REMOVED = [
  { orgKey: 'n:陆家嘴旧组织甲', orgName: '陆家嘴旧组织甲', creditCode: null, row: null },
  { orgKey: 'n:陆家嘴旧组织乙', orgName: '陆家嘴旧组织乙', creditCode: null, row: null },
];

/**
 * The API as the worker answers it, reduced to what a refresh calls: `refuse` makes uploads fail with
 * 422, `removes` makes the ledger on the server hold organizations the sheet lacks, `moved` makes the
 * upload find the ledger changed since the dry run (409 ledger_changed).
 */
function scriptedApi(
  role: Role,
  options: { refuse?: Diagnostic[]; removes?: boolean; moved?: boolean } = {},
): Api {
  const uploads: Api['uploads'] = [];
  let dryRuns = 0;
  const removed = options.removes ? REMOVED : [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const fetcher: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const route = `${init?.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /api/v1/me')
      return json({
        tokenId: 't1',
        role,
        label: `${role} token`,
        unitCode: role === 'unit' ? 'LJZ' : null,
        unitName: role === 'unit' ? '陆家嘴街道' : null,
        district: '浦东新区',
      });
    if (route === 'GET /api/v1/units') return json({ units });
    if (route === 'GET /api/v1/uploads') return json({ uploads: [] });
    if (route === 'POST /api/v1/uploads') {
      if (options.refuse)
        return json(
          {
            error: {
              code: 'validation_failed',
              message: '台账中有 1 处错误，未写入任何数据',
              details: {
                messageEn: 'The ledger has 1 error(s); nothing was written',
                diagnostics: options.refuse,
              },
            },
          },
          422,
        );
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      const unitCode = String(body.unitCode ?? '');
      const answer = (dryRun: boolean, ledgerVersion: number) => ({
        uploadId: dryRun ? null : `u${uploads.length}`,
        dryRun,
        replayed: false,
        unitCode,
        rowCount: 1,
        ledgerVersion,
        baseVersion: 7,
        restoredFrom: null,
        diff: { added: [], changed: [], removed, unchanged: 0 },
        warnings: [],
      });
      if (url.searchParams.get('dryRun') === 'true') {
        dryRuns++;
        return json(answer(true, 7));
      }
      if (options.moved)
        return json(
          {
            error: {
              code: 'ledger_changed',
              message: '台账已被更新',
              details: { messageEn: 'moved', baseVersion: 7, ledgerVersion: 8, diff: answer(true, 8).diff },
            },
          },
          409,
        );
      uploads.push({ unitCode, key: new Headers(init?.headers).get('Idempotency-Key'), body });
      return json(answer(false, 8), 201);
    }
    if (route === 'GET /api/v1/summary') return json({ summary, bulletin });
    return json({ error: { code: 'not_found', message: route } }, 404);
  };
  return {
    fetch: fetcher,
    uploads,
    get dryRuns() {
      return dryRuns;
    },
  };
}

async function workbookWith(ledger: TrackingRecord[]): Promise<string> {
  const file = path.join(folder, `${Math.random().toString(36).slice(2)}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('团建台账');
  for (const cells of ledgerToSheetValues(ledger, { units })) sheet.addRow(cells.map(String));
  await workbook.xlsx.writeFile(file);
  return file;
}

async function refresh(file: string, api: Api, overrides: Partial<RefreshOptions> = {}) {
  const lines: string[] = [];
  const code = await refreshWorkbook(
    {
      workbook: file,
      server: 'http://tuanjian.test',
      token: 'tj_x',
      upload: true,
      year: 2026,
      month: 10,
      sheet: null,
      unit: null,
      allowRemovals: null,
      lang: 'zh',
      ...overrides,
    },
    {
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
      now: () => new Date('2026-11-25T02:00:00Z'),
      fetch: api.fetch,
    },
  );
  return { code, output: lines.join('\n') };
}

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('refreshWorkbook', () => {
  it('clears the marks and 问题清单 an earlier marked download left once the sheet is fixed', async () => {
    const file = await workbookWith(ljz);
    // As the web page's marked download left it: a fixed cell still red with its note, a note of
    // someone's own, and a 问题清单 sheet.
    const marked = new ExcelJS.Workbook();
    await marked.xlsx.readFile(file);
    const sheet = marked.getWorksheet('团建台账');
    if (!sheet) throw new Error('no sheet');
    sheet.getCell('B4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
    sheet.getCell('B4').note = `${COMMENT_PREFIX}校验位不正确`;
    sheet.getCell('A4').note = '负责人：王老师';
    marked.addWorksheet(PROBLEMS_SHEET).addRow(['行', '列', '单元格', '级别', '说明']);
    await marked.xlsx.writeFile(file);

    const result = await refresh(file, scriptedApi('unit'));
    expect(result.code).toBe(0);
    expect(result.output).toContain('已清除 1 处上次的标注，删除了“问题清单”工作表');
    expect(result.output).not.toContain('其余工作表未改动');
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(file);
    expect(read.worksheets.map((each) => each.name)).toEqual(['团建台账', '通报2026-10']);
    const ledger = read.getWorksheet('团建台账');
    const fill = ledger?.getCell('B4').fill;
    expect(fill?.type === 'pattern' ? fill.fgColor : undefined).toBeUndefined();
    expect(ledger?.getCell('B4').note).toBeUndefined();
    expect(ledger?.getCell('A4').note).toBe('负责人：王老师');

    // A file never marked gains no marks and no 问题清单.
    const plain = await workbookWith(ljz);
    const again = await refresh(plain, scriptedApi('unit'));
    expect(again.output).toContain('其余工作表未改动');
    const untouched = new ExcelJS.Workbook();
    await untouched.xlsx.readFile(plain);
    expect(untouched.worksheets.map((each) => each.name)).toEqual(['团建台账', '通报2026-10']);
  });

  it('uploads for the unit every row names when the token is an admin’s', async () => {
    const api = scriptedApi('admin');
    const result = await refresh(await workbookWith(ljz), api);
    expect(result.code).toBe(0);
    expect(result.output).toContain('单位：陆家嘴街道（LJZ）');
    expect(api.uploads.map((upload) => upload.unitCode)).toEqual(['LJZ']);
    expect(api.uploads[0]?.key).toMatch(/^refresh-LJZ-2026-10-[0-9a-f]{40}$/);
  });

  it('asks an admin for --unit when the rows name two units, and then holds the other unit’s rows as errors', async () => {
    const file = await workbookWith([...ljz, ...wfxc]);
    const before = hash(file);
    const unnamed = await refresh(file, scriptedApi('admin'));
    expect(unnamed.code).toBe(1);
    expect(unnamed.output).toContain('台账中有多个单位（LJZ、WFXC），请用 --unit 指定要处理的单位');

    const named = await refresh(file, scriptedApi('admin'), { unit: 'LJZ' });
    expect(named.code).toBe(1);
    expect(named.output).toMatch(new RegExp(`✗ 第${4 + ljz.length}行 所属单位: `));
    expect(hash(file)).toBe(before);
  });

  it('refuses an upload with a reader token before reading any rows, and refreshes the bulletin without one', async () => {
    const file = await workbookWith(ljz);
    const before = hash(file);
    const refused = await refresh(file, scriptedApi('reader'));
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('只读令牌不能上传台账');
    expect(hash(file)).toBe(before);

    const api = scriptedApi('reader');
    const bulletinOnly = await refresh(file, api, { upload: false, unit: 'LJZ' });
    expect(bulletinOnly.code).toBe(0);
    expect(api.uploads).toEqual([]);
    expect(hash(file)).not.toBe(before);
  });

  it('refuses a unit token naming another unit', async () => {
    const result = await refresh(await workbookWith(ljz), scriptedApi('unit'), { unit: 'WFXC' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('单位令牌只能处理本单位（陆家嘴街道）的台账');
  });

  it('prints the server’s diagnostics when it refuses the upload, and leaves the file as it was', async () => {
    const file = await workbookWith(ljz);
    const before = hash(file);
    const refusal: Diagnostic = {
      row: 5,
      column: 'orgName',
      header: '组织名称',
      severity: 'error',
      code: 'orgName.formulaLike',
      message: '组织名称不能以“=”开头',
      messageEn: 'Organization must not start with “=”',
    };
    const result = await refresh(file, scriptedApi('unit', { refuse: [refusal] }));
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      '服务器拒绝（HTTP 422 validation_failed）：台账中有 1 处错误，未写入任何数据',
    );
    expect(result.output).toContain('✗ 第5行 组织名称: 组织名称不能以“=”开头');
    expect(hash(file)).toBe(before);
  });

  it('speaks one language per line: English with --lang en, no Chinese sentence beside it', async () => {
    const result = await refresh(await workbookWith(ljz), scriptedApi('admin'), { lang: 'en' });
    expect(result.code).toBe(0);
    expect(result.output).toContain('Unit: 陆家嘴街道 (LJZ)');
    expect(result.output).toContain('✓ Done');
    expect(result.output).not.toContain('单位：');
    expect(result.output).not.toContain(' / ');
  });

  it('says in plain words why the server cannot be reached, and leaves the workbook alone', async () => {
    const file = await workbookWith(ljz);
    const before = hash(file);
    const refused: Api = {
      ...scriptedApi('unit'),
      fetch: async () => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
        });
      },
    };
    const zh = await refresh(file, refused);
    expect(zh.code).toBe(3);
    expect(zh.output).toContain(
      '✗ 无法连接服务器 http://tuanjian.test：连接被拒绝：服务器没有运行，或地址、端口有误',
    );
    expect(zh.output).not.toContain('fetch failed');
    const en = await refresh(file, refused, { lang: 'en' });
    expect(en.output).toContain('✗ Cannot reach the server http://tuanjian.test: connection refused');
    expect(hash(file)).toBe(before);
  });

  it('refuses a missing workbook and a file that is not .xlsx as usage errors', async () => {
    expect((await refresh(path.join(folder, 'none.xlsx'), scriptedApi('unit'))).code).toBe(2);
    expect((await refresh(path.join(folder, 'ledger.xls'), scriptedApi('unit'))).code).toBe(2);
  });
});

describe('removals and a ledger that moved', () => {
  it('uploads nothing that would remove organizations without --allow-removals, listing them (exit 1)', async () => {
    const file = await workbookWith(ljz);
    const before = hash(file);
    const api = scriptedApi('unit', { removes: true });
    const result = await refresh(file, api);
    expect(result.code).toBe(1);
    expect(api.dryRuns).toBe(1);
    expect(api.uploads).toEqual([]);
    expect(result.output).toContain(
      '这次上传将从陆家嘴街道的台账中删除2个组织，未上传；核对无误后加 --allow-removals 2 再运行',
    );
    expect(result.output).toContain('  − 陆家嘴旧组织甲');
    expect(result.output).toContain('  − 陆家嘴旧组织乙');
    expect(hash(file)).toBe(before);

    const wrong = await refresh(file, scriptedApi('unit', { removes: true }), { allowRemovals: 1 });
    expect(wrong.code).toBe(1);
    expect(wrong.output).toContain('这次上传将删除2个组织，与 --allow-removals 1 不符，未上传');
  });

  it('uploads with --allow-removals naming the dry run’s count, built on the dry run’s ledger version', async () => {
    const api = scriptedApi('unit', { removes: true });
    const result = await refresh(await workbookWith(ljz), api, { allowRemovals: 2 });
    expect(result.code).toBe(0);
    expect(
      api.uploads.map((upload) => [upload.body.expectRemoved, upload.body.baseVersion, upload.body.source]),
    ).toEqual([[2, 7, 'refresh']]);
  });

  it('stops with the fresh diff when the ledger changed between the dry run and the upload (exit 1)', async () => {
    const file = await workbookWith(ljz);
    const before = hash(file);
    const result = await refresh(file, scriptedApi('unit', { moved: true }));
    expect(result.code).toBe(1);
    expect(result.output).toContain('预检之后服务器上的台账已被更新（第7版 → 第8版），未上传');
    expect(hash(file)).toBe(before);
  });
});

describe('uploadKey', () => {
  it('changes with the rows, the month, the ledger version and the removals, and with nothing else', () => {
    const rows = [{ row: 4, cells: { orgName: '浦东青年志愿者协会' } }];
    const key = uploadKey('LJZ', 2026, 10, rows, 3, 0);
    expect(uploadKey('LJZ', 2026, 10, structuredClone(rows), 3, 0)).toBe(key);
    expect(uploadKey('LJZ', 2026, 11, rows, 3, 0)).not.toBe(key);
    expect(uploadKey('LJZ', 2026, 10, rows, 4, 0)).not.toBe(key);
    expect(uploadKey('LJZ', 2026, 10, rows, 3, 1)).not.toBe(key);
    expect(uploadKey('LJZ', 2026, 10, [{ row: 4, cells: { orgName: '浦东青年协会' } }], 3, 0)).not.toBe(key);
  });
});
