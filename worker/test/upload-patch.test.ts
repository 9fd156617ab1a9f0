// Upload patches (issue 9): a client that knows the ledger's row fingerprints sends only the rows that
// differ and names the unchanged ones by version. The answer, the ledger, the history and every guard
// must be those of uploading the whole sheet.
import {
  LedgerFingerprintsSchema,
  LedgerRecordSchema,
  rowFingerprint,
  type SheetRow,
  UploadDetailSchema,
  UploadResponseSchema,
} from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call, createToken, createUnits, establishedRow, json, plannedRow, upload } from './helpers';

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
const Ledger = z.object({ organizations: z.array(LedgerRecordSchema.extend({ orgKey: z.string() })) });

async function fingerprints(unitCode: string, token?: string) {
  const response = await call(`/ledger/fingerprints?unitCode=${unitCode}`, token ? { token } : {});
  expect(response.status).toBe(200);
  expect(response.headers.get('ETag')).not.toBeNull();
  return LedgerFingerprintsSchema.parse(await response.json());
}

/** What a client sends for `rows` against the ledger's fingerprints: the differing rows, and the rest by version. */
function patchOf(rows: SheetRow[], known: z.infer<typeof LedgerFingerprintsSchema>) {
  const byHash = new Map<string, number[]>();
  for (const [versionId, hash] of known.versions) {
    if (hash !== null) byHash.set(hash, [...(byHash.get(hash) ?? []), versionId]);
  }
  const keep: [number, number][] = [];
  const sent: SheetRow[] = [];
  for (const row of rows) {
    const versionId = byHash.get(rowFingerprint(row.cells))?.shift();
    if (versionId === undefined) sent.push(row);
    else keep.push([versionId, row.row]);
  }
  return { rows: sent, keep, baseVersion: known.ledgerVersion };
}

async function sendPatch(
  unitCode: string,
  patch: ReturnType<typeof patchOf>,
  options: { dryRun?: boolean; expectRemoved?: number; key?: string; token?: string } = {},
) {
  return call(`/uploads${options.dryRun ? '?dryRun=true' : ''}`, {
    ...(options.token ? { token: options.token } : {}),
    body: {
      unitCode,
      reportYear: 2026,
      reportMonth: 3,
      ...patch,
      ...(options.expectRemoved === undefined ? {} : { expectRemoved: options.expectRemoved }),
    },
    headers: options.key ? { 'Idempotency-Key': options.key } : {},
  });
}

async function ledgerOf(unitCode: string) {
  const response = await call(`/ledger?unitCode=${unitCode}&pageSize=1000`);
  return Ledger.parse(await response.json()).organizations;
}

/** A ledger without what differs between two units: the unit itself and when it first reported. */
function comparable(records: Awaited<ReturnType<typeof ledgerOf>>) {
  return records.map(({ unitCode: _unit, firstReportedAt: _first, ...rest }) => rest);
}

async function ok(response: Response, status = 201) {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return UploadResponseSchema.parse(JSON.parse(text));
}

/** The first ledger: ten organizations, one 筹建中. */
function januaryRows(unit: string): SheetRow[] {
  return [
    ...Array.from({ length: 9 }, (_, index) => establishedRow(index, unit, { note: `第${index + 1}家` })),
    plannedRow(9, unit),
  ];
}

/**
 * The next month's sheet: a row inserted at the top (every row below moves down), one 备注 edited, one
 * organization removed and one new one at the end.
 */
function februaryRows(unit: string): SheetRow[] {
  const january = januaryRows(unit);
  const inserted = establishedRow(20, unit, { establishedOn: '2026-02-14' });
  const rows = [inserted, ...january.filter((_, index) => index !== 3), establishedRow(21, unit)];
  return rows.map((row, index) => {
    const cells = index === 5 ? { ...row.cells, note: '已换届' } : row.cells;
    return { row: index + 4, cells };
  });
}

describe('an upload patch', () => {
  beforeAll(async () => {
    await createUnits([
      { code: 'pwhole', name: '整表街道' },
      { code: 'ppatch', name: '增量街道' },
      { code: 'pother', name: '他区街道' },
    ]);
    for (const unit of ['pwhole', 'ppatch']) await ok(await upload(unit, januaryRows(unit)));
  });

  it('lists every open version with the fingerprint of the sheet row it came from, and answers 304 while the ledger stands', async () => {
    const known = await fingerprints('ppatch');
    expect(known.ledgerVersion).toBe(1);
    expect(known.versions).toHaveLength(10);
    const expected = januaryRows('ppatch').map((row) => [rowFingerprint(row.cells), row.row]);
    expect(known.versions.map(([, hash, row]) => [hash, row]).sort()).toEqual(expected.sort());

    const again = await call('/ledger/fingerprints?unitCode=ppatch', { headers: { 'If-None-Match': '"1"' } });
    expect(again.status).toBe(304);
    expect(again.headers.get('ETag')).toBe('"1"');
    const moved = await call('/ledger/fingerprints?unitCode=ppatch', { headers: { 'If-None-Match': '"0"' } });
    expect(moved.status).toBe(200);
  });

  it('keeps a unit token to its own unit', async () => {
    const token = await createToken('unit', 'pother');
    const response = await call('/ledger/fingerprints?unitCode=ppatch', { token });
    expect(response.status).toBe(403);
  });

  it('sends only the rows that differ, and answers, writes and records what a whole upload of the sheet does', async () => {
    const patch = patchOf(februaryRows('ppatch'), await fingerprints('ppatch'));
    // The inserted row, the edited one and the new one; the other eight are named by version.
    expect(patch.rows).toHaveLength(3);
    expect(patch.keep).toHaveLength(8);

    const wholeDry = await ok(await upload('pwhole', februaryRows('pwhole'), { dryRun: true }), 200);
    const patchDry = await ok(await sendPatch('ppatch', patch, { dryRun: true }), 200);
    expect(patchDry.diff).toEqual(wholeDry.diff);
    expect(patchDry.rowCount).toBe(wholeDry.rowCount);
    expect(patchDry.diff.removed).toHaveLength(1);
    expect(patchDry.diff.changed).toHaveLength(1);
    expect(patchDry.diff.unchanged).toBe(8);

    const whole = await ok(await upload('pwhole', februaryRows('pwhole'), { expectRemoved: 1, ifMatch: 1 }));
    const patched = await ok(await sendPatch('ppatch', patch, { expectRemoved: 1 }));
    expect(patched.diff).toEqual(whole.diff);
    expect(patched.ledgerVersion).toBe(2);
    expect(comparable(await ledgerOf('ppatch'))).toEqual(comparable(await ledgerOf('pwhole')));

    // History: the same full diff (the removed row whole, the changed field before → after).
    const detail = UploadDetailSchema.parse(await json(await call(`/uploads/${patched.uploadId}`)));
    const wholeDetail = UploadDetailSchema.parse(await json(await call(`/uploads/${whole.uploadId}`)));
    expect(detail.diff.changed).toEqual(wholeDetail.diff.changed);
    expect(detail.diff.removed.map((record) => record.orgName)).toEqual(['测试青年社会组织4号']);
    expect(detail.upload.rowCount).toBe(11);
    // Made with ADMIN_TOKEN, which signs in as 初始管理员 (no row in tokens).
    expect(detail.upload.uploadedBy).toBe('初始管理员');

    // Kept rows moved down a row; their fingerprints still match what the sheet now says.
    const after = await fingerprints('ppatch');
    const sheet = februaryRows('ppatch').map((row) => [rowFingerprint(row.cells), row.row]);
    expect(after.versions.map(([, hash, row]) => [hash, row]).sort()).toEqual(sheet.sort());
  });

  it('gives the answer of the latest upload when nothing differs, and writes nothing', async () => {
    const known = await fingerprints('ppatch');
    const patch = patchOf(februaryRows('ppatch'), known);
    expect(patch.rows).toHaveLength(0);
    const answer = await ok(await sendPatch('ppatch', patch), 200);
    expect(answer.replayed).toBe(true);
    expect(answer.ledgerVersion).toBe(known.ledgerVersion);
    expect((await fingerprints('ppatch')).ledgerVersion).toBe(known.ledgerVersion);
  });

  it('refuses a patch on a ledger that moved since its fingerprints (409 ledger_changed), writing nothing', async () => {
    const stale = await fingerprints('ppatch');
    const rows = februaryRows('ppatch');
    const first = rows.map((row, index) =>
      index === 0 ? { ...row, cells: { ...row.cells, note: '一' } } : row,
    );
    await ok(await sendPatch('ppatch', patchOf(first, stale)));
    const second = rows.map((row, index) =>
      index === 1 ? { ...row, cells: { ...row.cells, note: '二' } } : row,
    );
    const refused = await sendPatch('ppatch', patchOf(second, stale));
    expect(refused.status).toBe(409);
    const body = ErrorBody.parse(await refused.json());
    expect(body.error.code).toBe('ledger_changed');
    expect(body.error.details).toMatchObject({
      baseVersion: stale.ledgerVersion,
      ledgerVersion: stale.ledgerVersion + 1,
    });
    const notes = (await ledgerOf('ppatch')).map((record) => record.note);
    expect(notes).toContain('一');
    expect(notes).not.toContain('二');
  });

  it('refuses to keep a version that is not one of the unit’s open versions', async () => {
    const known = await fingerprints('ppatch');
    const foreign = (await fingerprints('pwhole')).versions[0];
    if (!foreign) throw new Error('pwhole has no versions');
    const patch = patchOf(februaryRows('ppatch'), known);
    const response = await sendPatch('ppatch', {
      ...patch,
      keep: [...patch.keep.slice(1), [foreign[0], 99]],
    });
    expect(response.status).toBe(400);
    const doubled = await sendPatch('ppatch', { ...patch, keep: [...patch.keep, patch.keep[0] ?? [1, 1]] });
    expect(doubled.status).toBe(400);
  });

  it('finds the same organization on a sent row and on a kept one (a duplicate within the sheet)', async () => {
    const known = await fingerprints('ppatch');
    const rows = februaryRows('ppatch');
    const copy = rows[2];
    if (!copy) throw new Error('no row 6');
    const withCopy = [...rows, { row: rows.length + 4, cells: { ...copy.cells, note: '重复填写' } }];
    const response = await sendPatch('ppatch', patchOf(withCopy, known), { dryRun: true });
    expect(response.status).toBe(422);
    const body = ErrorBody.parse(await response.json());
    const diagnostics = z
      .array(z.object({ row: z.number().nullable(), code: z.string(), message: z.string() }))
      .parse(body.error.details?.diagnostics);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        row: rows.length + 4,
        code: 'duplicate.inSheet',
        message: expect.stringContaining('第6行'),
      }),
    ]);
  });

  it('keeps the removal guard: a patch that removes organizations must state how many', async () => {
    const known = await fingerprints('ppatch');
    const rows = februaryRows('ppatch').slice(0, -2);
    const refused = await sendPatch('ppatch', patchOf(rows, known));
    expect(refused.status).toBe(409);
    const body = ErrorBody.parse(await refused.json());
    expect(body.error.code).toBe('removals_unconfirmed');
    expect(z.array(z.unknown()).parse(body.error.details?.removed)).toHaveLength(2);
  });

  it('replays the same patch under the same Idempotency-Key and refuses another body under it', async () => {
    const known = await fingerprints('ppatch');
    const rows = februaryRows('ppatch').map((row, index) =>
      index === 4 ? { ...row, cells: { ...row.cells, youthCount: 33 } } : row,
    );
    const patch = patchOf(rows, known);
    const first = await ok(await sendPatch('ppatch', patch, { key: 'patch-key-1' }));
    const again = await ok(await sendPatch('ppatch', patch, { key: 'patch-key-1' }), 200);
    expect(again.replayed).toBe(true);
    expect(again.uploadId).toBe(first.uploadId);
    const other = await sendPatch('ppatch', { ...patch, rows: [] }, { key: 'patch-key-1' });
    expect(other.status).toBe(422);
    expect(ErrorBody.parse(await other.json()).error.code).toBe('idempotency_key_reused');
  });

  it('refuses a patch that keeps nothing and sends nothing (an empty ledger), and a malformed keep, writing nothing', async () => {
    const known = await fingerprints('ppatch');
    const empty = await sendPatch(
      'ppatch',
      { rows: [], keep: [], baseVersion: known.ledgerVersion },
      { dryRun: true },
    );
    expect(empty.status).toBe(422);
    const diagnostics = z
      .array(z.object({ code: z.string() }))
      .parse(ErrorBody.parse(await empty.json()).error.details?.diagnostics);
    expect(diagnostics.map((d) => d.code)).toEqual(['sheet.empty']);
    for (const keep of [[['1', 4]], [[0, 4]], [[1.5, 4]], [[1]], 'all']) {
      const response = await call('/uploads', {
        body: { unitCode: 'ppatch', rows: [], keep, baseVersion: known.ledgerVersion },
      });
      expect(response.status, JSON.stringify(keep)).toBe(400);
      expect(ErrorBody.parse(await response.json()).error.code).toBe('bad_request');
    }
    expect((await fingerprints('ppatch')).ledgerVersion).toBe(known.ledgerVersion);
  });

  it('needs the ledger version the fingerprints came from', async () => {
    const known = await fingerprints('ppatch');
    const { baseVersion: _base, ...withoutBase } = patchOf(februaryRows('ppatch'), known);
    const response = await call('/uploads?dryRun=true', {
      body: { unitCode: 'ppatch', ...withoutBase },
    });
    expect(response.status).toBe(400);
  });

  it('warns again about kept rows other units also report, as a whole upload of the sheet does', async () => {
    const shared = establishedRow(0, 'pother', { orgName: '测试青年社会组织2号' });
    await ok(await upload('pother', [shared]));
    const known = await fingerprints('ppatch');
    const sheet = februaryRows('ppatch').map((row, index) =>
      index === 4 ? { ...row, cells: { ...row.cells, youthCount: 33, memberCount: 6 } } : row,
    );
    const patch = patchOf(sheet, known);
    expect(patch.keep.length).toBeGreaterThan(5);
    const patched = await ok(await sendPatch('ppatch', patch, { dryRun: true }), 200);
    const whole = await ok(await upload('ppatch', sheet, { dryRun: true }), 200);
    // Every kept row is also in 整表街道's ledger; 测试青年社会组织2号 in 他区街道's too.
    expect(patched.warnings).toEqual(whole.warnings);
    expect(patched.warnings.filter((warning) => warning.message.includes('他区街道'))).toHaveLength(1);
    expect(patched.warnings.length).toBeGreaterThan(patch.rows.length);
  });
});
