// The versioned ledger (SPEC §6): only what changed is written, every version kept; history with full
// diffs; restore; the removal guard; optimistic concurrency; idempotency; D1's limits on stored values.
import { env } from 'cloudflare:workers';
import { HistoryDiffSchema, LedgerRecordSchema, UploadResponseSchema } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  call,
  createToken,
  createUnits,
  establishedRow,
  json,
  largestStoredValue,
  plannedRow,
  upload,
} from './helpers';

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
const UploadRecord = z.object({
  id: z.string(),
  version: z.number(),
  baseVersion: z.number(),
  source: z.string(),
  restoredFrom: z.string().nullable(),
  uploadedBy: z.string().nullable(),
  added: z.number(),
  changed: z.number(),
  removed: z.number(),
  unchanged: z.number(),
});
const UploadDetail = z.object({ upload: UploadRecord, diff: HistoryDiffSchema, legacy: z.boolean() });
const Ledger = z.object({ organizations: z.array(LedgerRecordSchema.extend({ orgKey: z.string() })) });

async function ledgerOf(unitCode: string) {
  const response = await call(`/ledger?unitCode=${unitCode}&pageSize=1000`);
  expect(response.status).toBe(200);
  return Ledger.parse(await response.json()).organizations;
}

async function uploadsOf(unitCode: string) {
  const response = await call(`/uploads?unitCode=${unitCode}&limit=500`);
  return z.object({ uploads: z.array(UploadRecord) }).parse(await response.json()).uploads;
}

async function versionCount(unitCode: string): Promise<{ all: number; open: number }> {
  const row = await env.DB.prepare(
    'SELECT count(*) AS all_versions, sum(to_version IS NULL) AS open FROM org_versions WHERE unit_code = ?1',
  )
    .bind(unitCode)
    .first<{ all_versions: number; open: number | null }>();
  return { all: row?.all_versions ?? 0, open: row?.open ?? 0 };
}

async function accepted(response: Response) {
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBe(201);
  return UploadResponseSchema.parse(JSON.parse(text));
}

const noted = (unit: string) =>
  establishedRow(1, unit, { orgName: '青年读书会', establishedOn: '2026-02-03', note: '已走访' });

const base = (unit: string) => [
  establishedRow(0, unit, { orgName: '青年志愿者协会', secretary: '王芳', phone: '13912345678' }),
  establishedRow(1, unit, { orgName: '青年读书会', establishedOn: '2026-02-03' }),
  plannedRow(2, unit, { orgName: '青年跑团' }),
  plannedRow(3, unit, { orgName: '青年合唱团' }),
];

let unitToken: string;

beforeAll(async () => {
  await createUnits([
    { code: 'HM', name: '花木街道' },
    { code: 'ZJ', name: '张江镇', kind: '镇' },
    { code: 'GQ', name: '高桥镇', kind: '镇' },
    { code: 'BIG', name: '大型测试单位', kind: '其他' },
  ]);
  unitToken = await createToken('unit', 'HM');
});

describe('history and restore', () => {
  const uploadIds: string[] = [];
  const ledgers: Awaited<ReturnType<typeof ledgerOf>>[] = [];

  it('writes only what changed: a re-upload with one change adds one version and closes one', async () => {
    const first = await accepted(await upload('HM', base('HM'), { token: unitToken }));
    expect([first.baseVersion, first.ledgerVersion]).toEqual([0, 1]);
    uploadIds.push(first.uploadId ?? '');
    ledgers.push(await ledgerOf('HM'));
    expect(await versionCount('HM')).toEqual({ all: 4, open: 4 });

    const rows = base('HM');
    rows[1] = noted('HM');
    const second = await accepted(await upload('HM', rows, { token: unitToken, ifMatch: 1 }));
    expect(second.diff.changed.map((entry) => entry.changes)).toEqual([
      [{ field: 'note', before: null, after: '已走访' }],
    ]);
    expect(second.diff.unchanged).toBe(3);
    expect(await versionCount('HM')).toEqual({ all: 5, open: 4 });
    uploadIds.push(second.uploadId ?? '');
    ledgers.push(await ledgerOf('HM'));
  });

  it('refuses an upload that removes organizations without the expected count, listing them', async () => {
    const [first] = base('HM');
    const rows = first ? [first, noted('HM')] : [];
    const before = await versionCount('HM');
    const unconfirmed = await upload('HM', rows, { token: unitToken });
    expect(unconfirmed.status).toBe(409);
    const body = ErrorBody.parse(await unconfirmed.json());
    expect(body.error.code).toBe('removals_unconfirmed');
    expect(body.error.message).toBe('这次上传将删除2个组织，请确认删除数量后再上传；未写入任何数据');
    expect(
      z
        .array(z.object({ orgName: z.string() }))
        .parse(body.error.details?.removed)
        .map((r) => r.orgName),
    ).toEqual(['青年跑团', '青年合唱团']);
    const wrongCount = await upload('HM', rows, { token: unitToken, expectRemoved: 1 });
    expect(ErrorBody.parse(await wrongCount.json()).error.code).toBe('removals_unconfirmed');
    expect(await versionCount('HM')).toEqual(before);

    const dryRun = UploadResponseSchema.parse(
      await (await upload('HM', rows, { token: unitToken, dryRun: true })).json(),
    );
    expect(dryRun.diff.removed).toHaveLength(2);
    const confirmed = await accepted(
      await upload('HM', rows, {
        token: unitToken,
        expectRemoved: dryRun.diff.removed.length,
        ifMatch: dryRun.ledgerVersion,
      }),
    );
    expect(confirmed.diff.removed.map((r) => r.orgName)).toEqual(['青年跑团', '青年合唱团']);
    uploadIds.push(confirmed.uploadId ?? '');
    ledgers.push(await ledgerOf('HM'));
    // The removed rows are closed, not deleted: every version is kept.
    expect(await versionCount('HM')).toEqual({ all: 5, open: 2 });
  });

  it('keeps each upload with who, when, from where and its full diff: removed rows whole', async () => {
    const uploads = await uploadsOf('HM');
    expect(uploads.map((u) => [u.version, u.baseVersion, u.added, u.changed, u.removed, u.source])).toEqual([
      [3, 2, 0, 0, 2, 'api'],
      [2, 1, 0, 1, 0, 'api'],
      [1, 0, 4, 0, 0, 'api'],
    ]);
    // Who: the label of the token each upload was made with.
    expect(uploads.map((u) => u.uploadedBy)).toEqual(['unit HM', 'unit HM', 'unit HM']);
    const detail = UploadDetail.parse(
      await (await call(`/uploads/${uploadIds[2]}`, { token: unitToken })).json(),
    );
    expect(detail.legacy).toBe(false);
    expect(detail.diff.removed.map((r) => [r.orgName, r.status, r.youthCount])).toEqual([
      ['青年跑团', '筹建中', 10],
      ['青年合唱团', '筹建中', 10],
    ]);
    const firstDetail = UploadDetail.parse(await (await call(`/uploads/${uploadIds[0]}`)).json());
    expect(firstDetail.diff.added.map((r) => [r.orgName, r.secretary, r.phone])).toEqual([
      ['青年志愿者协会', '王芳', '13912345678'],
      ['青年读书会', '张伟', '13812345678'],
      ['青年跑团', null, null],
      ['青年合唱团', null, null],
    ]);
    const changed = UploadDetail.parse(await (await call(`/uploads/${uploadIds[1]}`)).json());
    expect(changed.diff.changed).toEqual([
      {
        orgKey: 'n:青年读书会',
        orgName: '青年读书会',
        creditCode: null,
        row: 5,
        changes: [{ field: 'note', before: null, after: '已走访' }],
      },
    ]);
  });

  it('gives one organization’s versions, oldest first', async () => {
    const response = await call(`/ledger/history?unitCode=HM&orgKey=${encodeURIComponent('n:青年读书会')}`, {
      token: unitToken,
    });
    const { versions } = z
      .object({
        versions: z.array(
          z.object({
            record: z.object({ note: z.string().nullable() }),
            fromVersion: z.number(),
            toVersion: z.number().nullable(),
          }),
        ),
      })
      .parse(await response.json());
    expect(versions.map((v) => [v.record.note, v.fromVersion, v.toVersion])).toEqual([
      [null, 1, 2],
      ['已走访', 2, null],
    ]);
  });

  it('restores the ledger as it stood after upload 1, row for row, as an upload of its own', async () => {
    const dryRun = await call(`/uploads/${uploadIds[0]}/restore?dryRun=true`, { token: unitToken, body: {} });
    expect(dryRun.status).toBe(200);
    const preview = UploadResponseSchema.parse(await dryRun.json());
    expect(preview.diff.added.map((r) => r.orgName)).toEqual(['青年跑团', '青年合唱团']);
    expect(preview.diff.changed.map((r) => r.orgName)).toEqual(['青年读书会']);
    expect(preview.diff.removed).toEqual([]);
    expect(preview.restoredFrom).toBe(uploadIds[0]);

    const restored = await call(`/uploads/${uploadIds[0]}/restore`, {
      token: unitToken,
      body: { source: 'web' },
      headers: { 'Idempotency-Key': 'restore-1', 'If-Match': `"${preview.ledgerVersion}"` },
    });
    const body = await accepted(restored);
    expect(body.restoredFrom).toBe(uploadIds[0]);
    expect(await ledgerOf('HM')).toEqual(ledgers[0]);

    // Retried with the same key: the same answer, nothing new.
    const again = await call(`/uploads/${uploadIds[0]}/restore`, {
      token: unitToken,
      body: { source: 'web' },
      headers: { 'Idempotency-Key': 'restore-1' },
    });
    expect(again.status).toBe(200);
    expect(UploadResponseSchema.parse(await again.json())).toMatchObject({
      replayed: true,
      uploadId: body.uploadId,
    });
    const [latest] = await uploadsOf('HM');
    expect(latest).toMatchObject({ version: 4, restoredFrom: uploadIds[0], source: 'web' });

    // And back again: the ledger after upload 3, restored, equals it row for row.
    const back = await call(`/uploads/${uploadIds[2]}/restore`, { body: { expectRemoved: 2 } });
    await accepted(back);
    expect(await ledgerOf('HM')).toEqual(ledgers[2]);
  });

  it('does not let a unit restore another unit’s upload', async () => {
    const other = await accepted(await upload('ZJ', base('ZJ')));
    const response = await call(`/uploads/${other.uploadId}/restore?dryRun=true`, {
      token: unitToken,
      body: {},
    });
    expect(response.status).toBe(403);
  });
});

describe('concurrency and idempotency', () => {
  it('takes one of twenty uploads built on the same version and refuses the rest with the fresh diff', async () => {
    const start = await accepted(await upload('GQ', base('GQ')));
    const sheets = Array.from({ length: 20 }, (_, i) => [
      ...base('GQ'),
      establishedRow(4, 'GQ', { orgName: `并发新增组织${i}` }),
    ]);
    const responses = await Promise.all(
      sheets.map((rows) => upload('GQ', rows, { ifMatch: start.ledgerVersion })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const winner = sheets[statuses.indexOf(201)];
    for (const response of responses.filter((r) => r.status === 409)) {
      const body = ErrorBody.parse(await response.json());
      expect(body.error.code).toBe('ledger_changed');
      const details = z
        .object({
          baseVersion: z.number(),
          ledgerVersion: z.number(),
          diff: z.object({
            added: z.array(z.object({ orgName: z.string() })),
            removed: z.array(z.object({ orgName: z.string() })),
          }),
        })
        .parse(body.error.details);
      expect([details.baseVersion, details.ledgerVersion]).toEqual([1, 2]);
      // The fresh diff is against the winner's ledger: this sheet adds its row and removes the winner's.
      expect(details.diff.removed.map((r) => r.orgName)).toEqual([winner?.[4]?.cells.orgName]);
    }
    // The history is a chain: each upload built on its real predecessor, every version accounted for.
    const uploads = await uploadsOf('GQ');
    expect(uploads.map((u) => [u.version, u.baseVersion])).toEqual([
      [2, 1],
      [1, 0],
    ]);
    expect(await versionCount('GQ')).toEqual({ all: 5, open: 5 });
    const gaps = await env.DB.prepare(
      `SELECT count(*) AS n FROM org_versions WHERE unit_code = 'GQ'
       AND (from_version NOT IN (SELECT version FROM uploads WHERE unit_code = 'GQ')
         OR (to_version IS NOT NULL AND to_version NOT IN (SELECT version FROM uploads WHERE unit_code = 'GQ')))`,
    ).first<{ n: number }>();
    expect(gaps?.n).toBe(0);
  });

  it('refuses an upload built on a stale version even without a race', async () => {
    const response = await upload('GQ', base('GQ'), { ifMatch: 1, expectRemoved: 1 });
    expect(response.status).toBe(409);
    expect(ErrorBody.parse(await response.json()).error.code).toBe('ledger_changed');
    const badHeader = await call('/uploads', {
      body: { unitCode: 'GQ', rows: base('GQ') },
      headers: { 'If-Match': 'yesterday' },
    });
    expect(badHeader.status).toBe(400);
  });

  it('replays the same key with the same body, and refuses it with another body, writing nothing', async () => {
    const rows = [...base('ZJ'), establishedRow(4, 'ZJ', { orgName: '张江青年创客空间' })];
    const first = await accepted(await upload('ZJ', rows, { key: 'zj-monthly' }));
    const replay = await upload('ZJ', rows, { key: 'zj-monthly' });
    expect(replay.status).toBe(200);
    const replayed = UploadResponseSchema.parse(await replay.json());
    // Rebuilt from history: the same answer as the first time.
    expect({ ...replayed, replayed: false }).toEqual(first);

    const before = await versionCount('ZJ');
    const other = [...rows, establishedRow(5, 'ZJ', { orgName: '张江青年公益社' })];
    const reused = await upload('ZJ', other, { key: 'zj-monthly' });
    expect(reused.status).toBe(422);
    const body = ErrorBody.parse(await reused.json());
    expect(body.error.code).toBe('idempotency_key_reused');
    expect(await versionCount('ZJ')).toEqual(before);
  });
});

// 20,000 rows through workerd and local D1 take about 2 s alone; a loaded CI machine can need several times that.
describe('the largest upload', { timeout: 60_000 }, () => {
  it('accepts 20,000 rows in one request and keeps no stored value over 1 MB; refuses more with how to send them in parts', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) =>
      i % 2 === 0
        ? establishedRow(i, 'BIG', { orgName: `大型测试青年组织${i}`, note: '备注'.repeat(40) })
        : plannedRow(i, 'BIG', { orgName: `大型测试筹建组织${i}` }),
    );
    const response = await upload('BIG', rows, { key: 'big-1' });
    const body = await accepted(response);
    expect(body.diff.added).toHaveLength(20_000);
    // The replay is rebuilt from the versions, not from a stored answer.
    const replay = UploadResponseSchema.parse(await (await upload('BIG', rows, { key: 'big-1' })).json());
    expect(replay.diff.added).toHaveLength(20_000);

    const largest = await largestStoredValue();
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(1_000_000);

    const tooMany = await upload('BIG', [
      ...rows,
      establishedRow(20_000, 'BIG', { orgName: '第两万零一个组织' }),
    ]);
    expect(tooMany.status).toBe(413);
    const refused = ErrorBody.parse(await tooMany.json());
    expect(refused.error.code).toBe('too_many_rows');
    expect(refused.error.message).toContain('请分批上传');
    expect(refused.error.details).toMatchObject({ maxRows: 20_000 });
  });
});

describe('read replicas (D1 sessions)', () => {
  it('answers the session bookmark, which moves on with a write and can be handed back', async () => {
    const before = (await call('/ledger?unitCode=ZJ')).headers.get('x-d1-bookmark');
    expect(before).toMatch(/^[0-9a-f-]{20,}$/);
    const write = await upload('ZJ', base('ZJ'), { reportMonth: 4 });
    const written = write.headers.get('x-d1-bookmark') ?? '';
    expect(written > (before ?? '')).toBe(true);
    // A unit reads its own upload right after making it by sending the bookmark back.
    const read = await call('/ledger?unitCode=ZJ', { headers: { 'x-d1-bookmark': written } });
    expect(read.status).toBe(200);
    expect((read.headers.get('x-d1-bookmark') ?? '') >= written).toBe(true);
    // Anything that is not a bookmark is ignored, not an error.
    expect((await call('/me', { headers: { 'x-d1-bookmark': 'not a bookmark; DROP' } })).status).toBe(200);
  });
});

describe('request body checks', () => {
  it('lists uploads without their request hash, and answers the ETag of the ledger version', async () => {
    const response = await upload('ZJ', base('ZJ'), { dryRun: true });
    const body = UploadResponseSchema.parse(await response.json());
    expect(response.headers.get('ETag')).toBe(`"${body.ledgerVersion}"`);
    const listed = await json<{ uploads: Record<string, unknown>[] }>(await call('/uploads?unitCode=ZJ'));
    expect(listed.uploads.every((u) => !('requestHash' in u))).toBe(true);
  });
});
