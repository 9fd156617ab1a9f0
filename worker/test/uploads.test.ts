import { env } from 'cloudflare:workers';
import { UploadResponseSchema } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../src/auth';
import { processUpload } from '../src/services/upload';
import { call, createToken, createUnits, establishedRow, json, plannedRow, upload } from './helpers';

async function ledgerNames(unitCode: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    'SELECT org_name FROM organizations WHERE unit_code = ?1 ORDER BY row_no',
  )
    .bind(unitCode)
    .all<{ org_name: string }>();
  return results.map((row) => row.org_name);
}

async function uploadCount(unitCode: string): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM uploads WHERE unit_code = ?1')
    .bind(unitCode)
    .first<{ n: number }>();
  return row?.n ?? -1;
}

let ljzToken: string;

beforeAll(async () => {
  await createUnits([
    { code: 'LJZ', name: '陆家嘴街道' },
    { code: 'HM', name: '花木街道' },
    { code: 'ZJ', name: '张江镇', kind: '镇' },
  ]);
  ljzToken = await createToken('unit', 'LJZ');
});

describe('POST /uploads', () => {
  it('answers a dry run with what would be added and writes nothing', async () => {
    const rows = [establishedRow(0, '陆家嘴街道'), plannedRow(1, '陆家嘴街道')];
    const response = await upload('LJZ', rows, { token: ljzToken, dryRun: true });
    expect(response.status).toBe(200);
    const body = UploadResponseSchema.parse(await response.json());
    expect(body.dryRun).toBe(true);
    expect(body.uploadId).toBeNull();
    expect(body.diff.added.map((a) => [a.orgName, a.row])).toEqual([
      ['测试青年社会组织1号', 4],
      ['筹建青年社会组织2号', 5],
    ]);
    expect(await ledgerNames('LJZ')).toEqual([]);
    expect(await uploadCount('LJZ')).toBe(0);
  });

  it('replaces the ledger and reports added, changed and removed', async () => {
    const first = await upload(
      'LJZ',
      [establishedRow(0, 'LJZ'), plannedRow(1, 'LJZ'), plannedRow(2, 'LJZ')],
      {
        token: ljzToken,
      },
    );
    expect(first.status).toBe(201);
    const firstBody = UploadResponseSchema.parse(await first.json());
    expect(firstBody.diff.added).toHaveLength(3);
    expect(firstBody.uploadId).toMatch(/^[0-9a-f-]{36}$/);

    const second = await upload(
      'LJZ',
      [establishedRow(0, 'LJZ', { youthCount: 25 }), plannedRow(2, 'LJZ'), establishedRow(3, 'LJZ')],
      { token: ljzToken, expectRemoved: 1 },
    );
    expect(second.status).toBe(201);
    const body = UploadResponseSchema.parse(await second.json());
    expect(body.diff.added.map((a) => a.orgName)).toEqual(['测试青年社会组织4号']);
    expect(body.diff.removed.map((r) => r.orgName)).toEqual(['筹建青年社会组织2号']);
    expect(body.diff.changed).toEqual([
      {
        orgKey: 'n:测试青年社会组织1号',
        orgName: '测试青年社会组织1号',
        creditCode: null,
        row: 4,
        changes: [{ field: 'youthCount', before: 20, after: 25 }],
      },
    ]);
    expect(body.diff.unchanged).toBe(1);
    expect(await ledgerNames('LJZ')).toEqual([
      '测试青年社会组织1号',
      '筹建青年社会组织3号',
      '测试青年社会组织4号',
    ]);

    const history = await json<{ uploads: { added: number; changed: number; removed: number }[] }>(
      await call('/uploads?unitCode=LJZ', { token: ljzToken }),
    );
    expect(history.uploads.map((u) => [u.added, u.changed, u.removed])).toEqual([
      [1, 1, 1],
      [3, 0, 0],
    ]);
  });

  it('refuses a bad row with its location and leaves the ledger as it was', async () => {
    const before = await ledgerNames('LJZ');
    const response = await upload(
      'LJZ',
      [establishedRow(0, 'LJZ'), establishedRow(1, 'LJZ', { memberCount: 2, establishedOn: '2031-01-01' })],
      { token: ljzToken },
    );
    expect(response.status).toBe(422);
    const body = await json<{
      error: {
        code: string;
        details: { diagnostics: { row: number; column: string; code: string; severity: string }[] };
      };
    }>(response);
    expect(body.error.code).toBe('validation_failed');
    const errors = body.error.details.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.row, d.column, d.code])).toEqual(
      expect.arrayContaining([
        [5, 'establishedOn', 'date.future'],
        [5, 'mode', 'mode.independentNeedsThree'],
      ]),
    );
    expect(await ledgerNames('LJZ')).toEqual(before);
  });

  it('does not let a unit token upload another unit', async () => {
    const response = await upload('HM', [establishedRow(0, 'HM')], { token: ljzToken });
    expect(response.status).toBe(403);
    expect((await json<{ error: { code: string } }>(response)).error.code).toBe('forbidden');
    expect(await ledgerNames('HM')).toEqual([]);
  });

  it('refuses rows of another unit inside a unit’s upload', async () => {
    const response = await upload('LJZ', [establishedRow(0, '花木街道')], { token: ljzToken });
    expect(response.status).toBe(422);
    const body = await json<{
      error: { details: { diagnostics: { row: number; column: string; code: string }[] } };
    }>(response);
    expect(body.error.details.diagnostics.map((d) => [d.row, d.column, d.code])).toContainEqual([
      4,
      'unit',
      'unit.notYours',
    ]);
  });

  it('counts a retried upload with the same Idempotency-Key once', async () => {
    const rows = [establishedRow(0, 'ZJ'), establishedRow(1, 'ZJ')];
    const responses = await Promise.all([1, 2, 3].map(() => upload('ZJ', rows, { key: 'retry-key-1' })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 201]);
    const bodies = await Promise.all(responses.map(async (r) => UploadResponseSchema.parse(await r.json())));
    expect(new Set(bodies.map((b) => b.uploadId)).size).toBe(1);
    expect(bodies.filter((b) => b.replayed)).toHaveLength(2);
    expect(await uploadCount('ZJ')).toBe(1);
    expect(await ledgerNames('ZJ')).toHaveLength(2);
  });

  it('treats the same content sent twice without a key as one upload', async () => {
    const rows = [establishedRow(0, 'ZJ'), establishedRow(1, 'ZJ')];
    const response = await upload('ZJ', rows);
    expect(response.status).toBe(200);
    expect(UploadResponseSchema.parse(await response.json()).replayed).toBe(true);
    expect(await uploadCount('ZJ')).toBe(1);
  });

  it('leaves the ledger as it was when a statement fails midway through the batch', async () => {
    const before = await ledgerNames('ZJ');
    const uploadsBefore = await uploadCount('ZJ');
    // A D1 binding whose batch fails after the version guard and before the ledger is written.
    const failing = new Proxy(env.DB, {
      get(target, property) {
        if (property === 'batch') {
          return (statements: D1PreparedStatement[]) =>
            target.batch([
              statements[0]!,
              target.prepare('INSERT INTO no_such_table VALUES (1)'),
              ...statements.slice(1),
            ]);
        }
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const caller: Caller = { tokenId: 'test', role: 'admin', unitCode: null, label: 'test' };
    const request = {
      unitCode: 'ZJ',
      rows: [establishedRow(5, 'ZJ')],
      reportYear: 2026,
      reportMonth: 3,
      expectRemoved: 2,
    };
    const options = {
      dryRun: false,
      idempotencyKey: 'fail-once',
      now: new Date('2026-04-02T02:00:00Z'),
      lateAfterDay: 5,
    };
    await expect(processUpload(failing, caller, request, options)).rejects.toThrow(/no_such_table/);
    expect(await ledgerNames('ZJ')).toEqual(before);
    expect(await uploadCount('ZJ')).toBe(uploadsBefore);

    const retried = await processUpload(env.DB, caller, request, options);
    expect(retried.created).toBe(true);
    const again = await processUpload(env.DB, caller, request, options);
    expect(again.created).toBe(false);
    expect(again.response.replayed).toBe(true);
    expect(await ledgerNames('ZJ')).toEqual(['测试青年社会组织6号']);
    expect(await uploadCount('ZJ')).toBe(uploadsBefore + 1);
  });

  it('takes two units uploading at the same moment', async () => {
    const [a, b] = await Promise.all([
      upload(
        'HM',
        Array.from({ length: 30 }, (_, i) => establishedRow(i, 'HM')),
      ),
      upload(
        'LJZ',
        Array.from({ length: 20 }, (_, i) => plannedRow(i, 'LJZ')),
        { token: ljzToken, expectRemoved: 2 },
      ),
    ]);
    expect([a?.status, b?.status]).toEqual([201, 201]);
    expect(await ledgerNames('HM')).toHaveLength(30);
    expect(await ledgerNames('LJZ')).toHaveLength(20);
  });

  it('writes a 5,000-row ledger in one upload', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      i % 2 === 0
        ? establishedRow(i, 'HM', { orgName: `花木青年组织${i}` })
        : plannedRow(i, 'HM', { orgName: `花木筹建组织${i}` }),
    );
    const response = await upload('HM', rows, { expectRemoved: 30 });
    expect(response.status).toBe(201);
    const body = UploadResponseSchema.parse(await response.json());
    expect(body.rowCount).toBe(5000);
    expect(body.diff.added).toHaveLength(5000);
    expect(body.diff.removed).toHaveLength(30);
    const count = await env.DB.prepare(
      "SELECT count(*) AS n FROM organizations WHERE unit_code = 'HM'",
    ).first<{ n: number }>();
    expect(count?.n).toBe(5000);
  });
});

describe('request guards', () => {
  it('answers 413 for a body over the upload limit, in the error contract', async () => {
    const response = await call('/uploads', {
      rawBody: JSON.stringify({ unitCode: 'LJZ', rows: [], pad: 'x'.repeat(17 * 1024 * 1024) }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(413);
    expect((await json<{ error: { code: string } }>(response)).error.code).toBe('payload_too_large');
  });

  it('answers 400 for malformed JSON and 415 for a wrong content type', async () => {
    const malformed = await call('/uploads', {
      rawBody: '{"unitCode": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect((await json<{ error: { code: string } }>(malformed)).error.code).toBe('bad_request');
    const wrongType = await call('/uploads', {
      rawBody: 'unitCode=LJZ',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    expect((await json<{ error: { code: string } }>(wrongType)).error.code).toBe('unsupported_media_type');
  });

  it('answers 400 with the path of a schema mismatch', async () => {
    const response = await call('/uploads', { body: { unitCode: 'LJZ', rows: [{ row: 0, cells: {} }] } });
    expect(response.status).toBe(400);
    const body = await json<{ error: { code: string; details: { issues: { path: string }[] } } }>(response);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.details.issues[0]?.path).toBe('json.rows.0.row');
  });
});
