// Uploads in parts (SPEC §6, issue 9 item 11): a 50,000-row ledger sent as a draft's parts, validated
// part by part and written in one atomic batch, with no stored value over 1 MB at any point.
import { env } from 'cloudflare:workers';
import { type SheetRow, UploadDraftSchema, UploadResponseSchema } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call, createToken, createUnits, establishedRow, largestStoredValue, plannedRow } from './helpers';

const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

function ledger(unit: string, count: number): SheetRow[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? establishedRow(i, unit, { orgName: `分批测试青年组织${i}`, note: '备注'.repeat(40) })
      : plannedRow(i, unit, { orgName: `分批测试筹建组织${i}` }),
  );
}

async function newDraft(unitCode: string, parts: number, rowCount: number, token?: string) {
  const response = await call('/upload-drafts', {
    body: { unitCode, parts, rowCount },
    ...(token ? { token } : {}),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return UploadDraftSchema.parse(await response.json());
}

function putPart(draftId: string, part: number, rows: SheetRow[], token?: string) {
  return call(`/upload-drafts/${draftId}/parts/${part}`, {
    method: 'PUT',
    body: { rows },
    ...(token ? { token } : {}),
  });
}

async function sendParts(draftId: string, rows: SheetRow[], size: number) {
  for (let start = 0, part = 1; start < rows.length; start += size, part++) {
    const response = await putPart(draftId, part, rows.slice(start, start + size));
    expect(response.status, await response.clone().text()).toBe(200);
  }
}

function commit(
  unitCode: string,
  draftId: string,
  options: { dryRun?: boolean; key?: string; token?: string } = {},
) {
  return call(`/uploads${options.dryRun ? '?dryRun=true' : ''}`, {
    body: { unitCode, draftId, reportYear: 2026, reportMonth: 10 },
    headers: options.key ? { 'Idempotency-Key': options.key } : {},
    ...(options.token ? { token: options.token } : {}),
  });
}

beforeAll(async () => {
  await createUnits([
    { code: 'HUGE', name: '超大台账街道' },
    { code: 'PART', name: '分批测试街道' },
    { code: 'NEAR', name: '邻近街道' },
  ]);
});

describe('an upload in parts', () => {
  it('takes a 50,000-row ledger in five parts, dry run then upload, with no stored value over 1 MB', async () => {
    const rows = ledger('HUGE', 50_000);
    const draft = await newDraft('HUGE', 5, rows.length);
    expect(draft).toMatchObject({ parts: 5, rowCount: 50_000, received: [], receivedRows: 0 });
    await sendParts(draft.draftId, rows, 10_000);
    // The parts wait in pieces under D1's limits.
    expect(await largestStoredValue()).toBeLessThan(1_000_000);

    const dry = await commit('HUGE', draft.draftId, { dryRun: true });
    expect(dry.status).toBe(200);
    const preview = UploadResponseSchema.parse(await dry.json());
    expect(preview.diff.added).toHaveLength(50_000);
    expect(preview.uploadId).toBeNull();

    const response = await commit('HUGE', draft.draftId, { key: 'huge-1' });
    const text = await response.text();
    expect(response.status, text.slice(0, 300)).toBe(201);
    const body = UploadResponseSchema.parse(JSON.parse(text));
    expect(body.rowCount).toBe(50_000);
    expect(body.diff.added).toHaveLength(50_000);
    expect(body.diff.added[49_999]).toMatchObject({ orgName: '分批测试筹建组织49999', row: 50_003 });

    const stored = await env.DB.prepare('SELECT count(*) AS n FROM organizations WHERE unit_code = ?1')
      .bind('HUGE')
      .first<{ n: number }>();
    expect(stored?.n).toBe(50_000);
    // The batch that wrote the ledger took the draft with it.
    const left = await env.DB.prepare('SELECT count(*) AS n FROM upload_draft_parts').first<{ n: number }>();
    expect(left?.n).toBe(0);
    expect((await call(`/upload-drafts/${draft.draftId}`)).status).toBe(404);
    // The whole history of a 50,000-row upload, like everything else stored, keeps every value under 1 MB.
    expect(await largestStoredValue()).toBeLessThan(1_000_000);

    // A retry of the committed upload with its key is a replay, rebuilt from history.
    const replay = await commit('HUGE', draft.draftId, { key: 'huge-1' });
    expect(replay.status).toBe(200);
    expect(UploadResponseSchema.parse(await replay.json())).toMatchObject({
      replayed: true,
      rowCount: 50_000,
    });
  }, 120_000);

  it('refuses an upload whose parts are missing, overlap, or exceed the declared rows', async () => {
    const rows = ledger('PART', 30);
    const draft = await newDraft('PART', 3, 30);
    expect((await putPart(draft.draftId, 1, rows.slice(0, 10))).status).toBe(200);
    expect((await putPart(draft.draftId, 3, rows.slice(20, 30))).status).toBe(200);
    const incomplete = await commit('PART', draft.draftId, { dryRun: true });
    expect(incomplete.status).toBe(409);
    const missing = ErrorBody.parse(await incomplete.json());
    expect(missing.error).toMatchObject({ code: 'draft_incomplete', details: { missing: [2] } });
    expect(missing.error.message).toContain('还缺第 2 批');

    // Part 2 holding rows of part 1: the parts overlap in the sheet.
    expect((await putPart(draft.draftId, 2, rows.slice(5, 15))).status).toBe(200);
    const overlap = await commit('PART', draft.draftId, { dryRun: true });
    expect(overlap.status).toBe(422);
    const problem = ErrorBody.parse(await overlap.json());
    expect(JSON.stringify(problem.error.details)).toContain('draft.order');

    // Sent again, a part replaces what it held; more rows than declared is refused.
    const tooMany = await putPart(draft.draftId, 2, rows.slice(10, 20).concat(establishedRow(40, 'PART')));
    expect(tooMany.status).toBe(413);
    expect(ErrorBody.parse(await tooMany.json()).error.code).toBe('too_many_rows');
    expect((await putPart(draft.draftId, 2, rows.slice(10, 20))).status).toBe(200);
    const state = UploadDraftSchema.parse(await (await call(`/upload-drafts/${draft.draftId}`)).json());
    expect(state).toMatchObject({ received: [1, 2, 3], receivedRows: 30 });

    // Errors in a later part are located at their sheet rows, like any upload's.
    const bad = [...rows.slice(10, 19), establishedRow(19, 'PART', { orgName: '筹建测试', phone: '12345' })];
    expect((await putPart(draft.draftId, 2, bad)).status).toBe(200);
    const invalid = await commit('PART', draft.draftId);
    expect(invalid.status).toBe(422);
    expect(JSON.stringify(ErrorBody.parse(await invalid.json()).error.details)).toContain('"row":23');
    expect((await putPart(draft.draftId, 2, rows.slice(10, 20))).status).toBe(200);
    const done = await commit('PART', draft.draftId);
    expect(done.status).toBe(201);
    expect(UploadResponseSchema.parse(await done.json()).diff.added).toHaveLength(30);
  });

  it('keeps a unit’s draft to that unit and refuses a part over 10,000 rows or a ledger over 50,000', async () => {
    const nearToken = await createToken('unit', 'NEAR');
    const partToken = await createToken('unit', 'PART');
    const draft = await newDraft('PART', 1, 10, partToken);
    const foreign = await putPart(draft.draftId, 1, ledger('PART', 10), nearToken);
    expect(foreign.status).toBe(403);
    expect(
      (await call('/upload-drafts', { body: { unitCode: 'PART', parts: 1, rowCount: 5 }, token: nearToken }))
        .status,
    ).toBe(403);
    // Another unit cannot commit it under its own code either.
    expect((await putPart(draft.draftId, 1, ledger('PART', 10), partToken)).status).toBe(200);
    const stolen = await commit('NEAR', draft.draftId, { token: nearToken });
    expect(stolen.status).toBe(403);

    const tooLarge = await call('/upload-drafts', { body: { unitCode: 'PART', parts: 6, rowCount: 50_001 } });
    expect(tooLarge.status).toBe(413);
    expect(ErrorBody.parse(await tooLarge.json()).error).toMatchObject({
      code: 'too_many_rows',
      details: { maxRows: 50_000 },
    });
    const big = await newDraft('PART', 2, 10_002);
    const oversized = await putPart(big.draftId, 1, ledger('PART', 10_001));
    expect(oversized.status).toBe(413);
    expect(ErrorBody.parse(await oversized.json()).error).toMatchObject({
      code: 'too_many_rows',
      details: { maxRows: 10_000 },
    });
  });

  it('lets a draft expire after a day', async () => {
    const draft = await newDraft('NEAR', 1, 1);
    const later = new Date(Date.parse(draft.expiresAt) + 1000).toISOString();
    const response = await call(`/upload-drafts/${draft.draftId}/parts/1`, {
      method: 'PUT',
      body: { rows: ledger('NEAR', 1) },
      now: later,
    });
    expect(response.status).toBe(404);
    expect(ErrorBody.parse(await response.json()).error.message).toContain('已过期');
  });
});
