// 重复: an organization two units report counts once — for the earliest 建团时间 unless the committee assigns
// it to the other unit with a reason (audited; counts, subsidies and as-of figures follow; revocable). A
// unit learns only that its organization is reported elsewhere, never the other unit's record.
import { env } from 'cloudflare:workers';
import {
  DuplicateAssignmentResultSchema,
  DuplicatesResponseSchema,
  SubsidyLedgerSchema,
  SummarySchema,
  withCheckChar,
} from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call, createToken, createUnits, establishedRow, setQuotas, upload } from './helpers';

const NOW = '2026-11-20T02:00:00Z';
const ASSIGNED_AT = '2026-11-10T02:00:00Z';
const REVOKED_AT = '2026-11-15T02:00:00Z';

/** Reported by 张江镇 (set up 1 February) and 花木街道 (10 March): 张江镇 by default. */
const CODE = withCheckChar('52310115MJ7654321');
const CODE_KEY = `c:${CODE}`;
/** Reported without a code by both: 花木街道 set it up first (20 January). */
const NAME_KEY = 'n:浦东青年读书会';
const REASON = '经电话核实，由花木街道指导建团';

const ErrorBody = z.object({
  error: z.object({ code: z.string(), details: z.unknown().optional() }),
});
const Problems = z.object({ problems: z.array(z.object({ code: z.string() })) });

function zjRows() {
  return [
    establishedRow(0, 'ZJ', {
      orgName: '张江青年社工服务社',
      creditCode: CODE,
      orgType: '民办非企业单位',
      establishedOn: '2026-02-01',
      secretary: '张秘书',
      phone: '13911112222',
    }),
    establishedRow(1, 'ZJ', { orgName: '浦东青年读书会', establishedOn: '2026-03-05' }),
    establishedRow(2, 'ZJ', { orgName: '张江独有组织', establishedOn: '2026-03-06' }),
  ];
}

function hmRows(extra = 0) {
  return [
    establishedRow(0, 'HM', {
      orgName: '花木青年社工服务中心',
      creditCode: CODE,
      orgType: '民办非企业单位',
      establishedOn: '2026-03-10',
      secretary: '花木书记',
      phone: '13700001111',
    }),
    establishedRow(1, 'HM', {
      orgName: '浦东 青年读书会',
      establishedOn: '2026-01-20',
      secretary: '读书会书记',
      phone: '13600002222',
    }),
    ...Array.from({ length: extra }, (_, i) =>
      establishedRow(2 + i, 'HM', { orgName: `花木新组织${i + 1}号`, establishedOn: '2026-03-20' }),
    ),
  ];
}

let unitToken: string;
let readerToken: string;

async function duplicates(token?: string, now = NOW) {
  const response = await call('/duplicates', { now, ...(token ? { token } : {}) });
  expect(response.status).toBe(200);
  return DuplicatesResponseSchema.parse(await response.json());
}

async function districtDuplicates() {
  const body = await duplicates();
  if (body.scope !== 'district') throw new Error('an admin reads the district');
  return body.duplicates;
}

async function summary(options: { asOf?: string } = {}) {
  const query = options.asOf ? `&asOf=${encodeURIComponent(options.asOf)}` : '';
  const response = await call(`/summary?year=2026&month=3${query}`, { now: NOW });
  expect(response.status).toBe(200);
  return z.object({ summary: SummarySchema }).parse(await response.json()).summary;
}

async function counted(options: { asOf?: string } = {}) {
  const { units, totals } = await summary(options);
  const of = (unitCode: string) => units.find((unit) => unit.unitCode === unitCode)?.counted;
  return { ZJ: of('ZJ'), HM: of('HM'), total: totals.counted };
}

function assign(
  unitCode: string,
  reason: string,
  options: { now?: string; token?: string; key?: string } = {},
) {
  return call(`/duplicates/${encodeURIComponent(options.key ?? CODE_KEY)}/assignment`, {
    method: 'PUT',
    body: { unitCode, reason },
    now: options.now ?? ASSIGNED_AT,
    ...(options.token ? { token: options.token } : {}),
  });
}

async function auditRows(action: string) {
  const { results } = await env.DB.prepare(
    'SELECT at, actor, target, detail_json FROM audit_log WHERE action = ?1 ORDER BY id',
  )
    .bind(action)
    .all<{ at: string; actor: string; target: string; detail_json: string }>();
  return results;
}

async function subsidyUnitOf(orgKeyPrefix: string) {
  const response = await call('/subsidies?year=2026', { now: NOW });
  const ledger = SubsidyLedgerSchema.parse(await response.json());
  const items = ledger.organizations.filter((item) =>
    orgKeyPrefix === CODE_KEY ? item.orgKey === CODE_KEY : item.orgName.includes('读书会'),
  );
  return items.map((item) => [item.unitCode, item.status, item.amount]);
}

beforeAll(async () => {
  await createUnits(
    [
      { code: 'ZJ', name: '张江镇', kind: '镇' },
      { code: 'HM', name: '花木街道' },
      { code: 'TQ', name: '塘桥街道' },
    ],
    NOW,
  );
  await setQuotas(2026, { ZJ: 10, HM: 10, TQ: 5 }, NOW);
  expect((await upload('ZJ', zjRows(), { now: '2026-04-02T02:00:00Z' })).status).toBe(201);
  expect((await upload('HM', hmRows(), { now: '2026-04-03T02:00:00Z' })).status).toBe(201);
  unitToken = await createToken('unit', 'ZJ');
  readerToken = await createToken('reader');
});

describe('the default: the earliest 建团时间', () => {
  it('lists both duplicates for the admin, each unit’s record side by side with the default unit', async () => {
    const list = await districtDuplicates();
    expect(
      list.map((duplicate) => [duplicate.orgKey, duplicate.defaultUnitCode, duplicate.countedFor]),
    ).toEqual([
      [CODE_KEY, 'ZJ', 'ZJ'],
      [NAME_KEY, 'HM', 'HM'],
    ]);
    const byCode = list[0];
    expect(byCode?.assignment).toBeNull();
    expect(
      byCode?.rows.map((row) => [
        row.unitName,
        row.orgName,
        row.creditCode,
        row.establishedOn,
        row.leagueOrgType,
      ]),
    ).toEqual([
      ['张江镇', '张江青年社工服务社', CODE, '2026-02-01', '团支部'],
      ['花木街道', '花木青年社工服务中心', CODE, '2026-03-10', '团支部'],
    ]);
    expect(byCode?.rows.map((row) => [row.secretary, row.phone, row.eligible])).toEqual([
      ['张秘书', '13911112222', true],
      ['花木书记', '13700001111', true],
    ]);
  });

  it('counts each organization once, for the unit that set it up first', async () => {
    expect(await counted()).toEqual({ ZJ: 2, HM: 1, total: 3 });
    const listed = (await summary()).duplicates.find((duplicate) => duplicate.orgKey === CODE_KEY);
    expect(listed).toMatchObject({ countedFor: 'ZJ', assigned: false });
    expect(await subsidyUnitOf(CODE_KEY)).toEqual([['ZJ', 'due', 600]]);
  });
});

describe('the admin assigns a duplicate to the other unit', () => {
  it('refuses without a reason, for a unit that does not report it, for the default unit and for a non-duplicate', async () => {
    const blank = await assign('HM', '  ');
    expect(blank.status).toBe(400);
    expect(ErrorBody.parse(await blank.json()).error.code).toBe('bad_request');
    const missing = await call(`/duplicates/${encodeURIComponent(CODE_KEY)}/assignment`, {
      method: 'PUT',
      body: { unitCode: 'HM' },
      now: ASSIGNED_AT,
    });
    expect(missing.status).toBe(400);
    for (const [unitCode, code] of [
      ['TQ', 'duplicate.unitNotReporting'],
      ['ZJ', 'duplicate.isDefault'],
    ] as const) {
      const refused = await assign(unitCode, REASON);
      expect(refused.status).toBe(422);
      const { error } = ErrorBody.parse(await refused.json());
      expect(error.code).toBe('validation_failed');
      expect(Problems.parse(error.details).problems.map((problem) => problem.code)).toEqual([code]);
    }
    const unknown = await assign('HM', REASON, { key: 'n:张江独有组织' });
    expect(unknown.status).toBe(404);
    expect(await auditRows('duplicates.assign')).toEqual([]);
    expect(await counted()).toEqual({ ZJ: 2, HM: 1, total: 3 });
  });

  it('is refused to a unit token and to a reader', async () => {
    expect((await assign('HM', REASON, { token: unitToken })).status).toBe(403);
    expect((await assign('HM', REASON, { token: readerToken })).status).toBe(403);
    const revoke = await call(`/duplicates/${encodeURIComponent(CODE_KEY)}/assignment`, {
      method: 'DELETE',
      token: unitToken,
      now: NOW,
    });
    expect(revoke.status).toBe(403);
  });

  it('moves the count, the subsidy and the summary’s duplicate line to the assigned unit, and is audited', async () => {
    const response = await assign('HM', `  ${REASON} `);
    expect(response.status).toBe(200);
    const result = DuplicateAssignmentResultSchema.parse(await response.json());
    expect(result.changed).toBe(true);
    expect(result.duplicate).toMatchObject({
      orgKey: CODE_KEY,
      defaultUnitCode: 'ZJ',
      countedFor: 'HM',
      assignment: {
        unitCode: 'HM',
        reason: REASON,
        assignedAt: '2026-11-10T02:00:00.000Z',
        assignedBy: '初始管理员',
      },
    });
    expect(await counted()).toEqual({ ZJ: 1, HM: 2, total: 3 });
    const listed = (await summary()).duplicates.find((duplicate) => duplicate.orgKey === CODE_KEY);
    expect(listed).toMatchObject({ countedFor: 'HM', assigned: true });
    expect(await subsidyUnitOf(CODE_KEY)).toEqual([['HM', 'due', 600]]);
    const audit = await auditRows('duplicates.assign');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      at: '2026-11-10T02:00:00.000Z',
      actor: 'bootstrap-admin',
      target: CODE_KEY,
    });
    expect(JSON.parse(audit[0]?.detail_json ?? 'null')).toEqual({
      unitCode: 'HM',
      reason: REASON,
      defaultUnitCode: 'ZJ',
      previous: null,
    });
  });

  it('changes nothing when the same unit and reason are sent again', async () => {
    const again = await assign('HM', REASON, { now: '2026-11-11T02:00:00Z' });
    expect(again.status).toBe(200);
    expect(DuplicateAssignmentResultSchema.parse(await again.json()).changed).toBe(false);
    expect(await auditRows('duplicates.assign')).toHaveLength(1);
  });

  it('survives the units’ re-uploads (kept under the organization’s credit code)', async () => {
    expect((await upload('HM', hmRows(1), { now: '2026-11-12T02:00:00Z' })).status).toBe(201);
    expect(
      (
        await upload(
          'ZJ',
          [...zjRows()].reverse().map((row, index) => ({ ...row, row: index + 4 })),
          {
            now: '2026-11-12T03:00:00Z',
          },
        )
      ).status,
    ).toBe(201);
    expect(await counted()).toEqual({ ZJ: 1, HM: 3, total: 4 });
    const list = await districtDuplicates();
    expect(list.find((duplicate) => duplicate.orgKey === CODE_KEY)?.countedFor).toBe('HM');
  });
});

describe('what a unit sees', () => {
  it('learns that its organizations are reported elsewhere, and whom they count for, without the other unit’s record', async () => {
    const response = await call('/duplicates', { token: unitToken, now: NOW });
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = DuplicatesResponseSchema.parse(JSON.parse(text));
    expect(body.scope).toBe('unit');
    if (body.scope !== 'unit') return;
    expect(body.unitCode).toBe('ZJ');
    expect(
      body.duplicates.map((duplicate) => [
        duplicate.orgName,
        duplicate.establishedOn,
        duplicate.countedHere,
        duplicate.countedFor?.unitName,
        duplicate.assigned,
        duplicate.otherUnits.map((unit) => unit.unitName),
      ]),
    ).toEqual([
      ['张江青年社工服务社', '2026-02-01', false, '花木街道', true, ['花木街道']],
      ['浦东青年读书会', '2026-03-05', false, '花木街道', false, ['花木街道']],
    ]);
    for (const secret of [
      '花木书记',
      '13700001111',
      '读书会书记',
      '13600002222',
      '2026-03-10',
      '2026-01-20',
      REASON,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('花木青年社工服务中心');
  });

  it('gives a unit with no duplicates an empty list, and a reader nothing', async () => {
    const tq = await createToken('unit', 'TQ');
    const body = await duplicates(tq);
    expect(body).toEqual({ scope: 'unit', unitCode: 'TQ', duplicates: [] });
    const reader = await call('/duplicates', { token: readerToken, now: NOW });
    expect(reader.status).toBe(403);
    expect(ErrorBody.parse(await reader.json()).error.code).toBe('forbidden');
  });
});

describe('revoking the assignment', () => {
  it('returns the organization to the default unit, audited; a second revoke changes nothing', async () => {
    const path = `/duplicates/${encodeURIComponent(CODE_KEY)}/assignment`;
    const revoked = await call(path, { method: 'DELETE', now: REVOKED_AT });
    expect(revoked.status).toBe(200);
    const result = DuplicateAssignmentResultSchema.parse(await revoked.json());
    expect(result).toMatchObject({ changed: true, duplicate: { countedFor: 'ZJ', assignment: null } });
    expect(await counted()).toEqual({ ZJ: 2, HM: 2, total: 4 });
    expect(await subsidyUnitOf(CODE_KEY)).toEqual([['ZJ', 'due', 600]]);
    const audit = await auditRows('duplicates.revoke');
    expect(audit.map((row) => [row.at, row.target, JSON.parse(row.detail_json)])).toEqual([
      ['2026-11-15T02:00:00.000Z', CODE_KEY, { unitCode: 'HM', reason: REASON }],
    ]);
    const again = await call(path, { method: 'DELETE', now: NOW });
    expect(DuplicateAssignmentResultSchema.parse(await again.json()).changed).toBe(false);
    expect(await auditRows('duplicates.revoke')).toHaveLength(1);
  });

  it('keeps the figures as known while the assignment stood', async () => {
    expect(await counted({ asOf: '2026-11-10T01:00:00Z' })).toEqual({ ZJ: 2, HM: 1, total: 3 });
    expect(await counted({ asOf: '2026-11-11T00:00:00Z' })).toEqual({ ZJ: 1, HM: 2, total: 3 });
    expect(await counted({ asOf: '2026-11-13T00:00:00Z' })).toEqual({ ZJ: 1, HM: 3, total: 4 });
    expect(await counted({ asOf: '2026-11-16T00:00:00Z' })).toEqual({ ZJ: 2, HM: 2, total: 4 });
  });

  it('assigns a duplicate known by name alone, and the live and full counts agree', async () => {
    const response = await assign('ZJ', '读书会由张江镇实际管理', {
      key: NAME_KEY,
      now: '2026-11-16T02:00:00Z',
    });
    expect(response.status).toBe(200);
    expect(await counted()).toEqual({ ZJ: 3, HM: 1, total: 4 });
    const list = await districtDuplicates();
    expect(list.find((duplicate) => duplicate.orgKey === NAME_KEY)).toMatchObject({
      defaultUnitCode: 'HM',
      countedFor: 'ZJ',
      assignment: { unitCode: 'ZJ' },
    });
    expect(await counted({ asOf: '2026-11-16T03:00:00Z' })).toEqual({ ZJ: 3, HM: 1, total: 4 });
  });
});

describe('an assignment over time', () => {
  it('is what a published issue records as counted', async () => {
    const published = await call('/bulletins', {
      body: { year: 2026, month: 10 },
      now: '2026-11-16T04:00:00Z',
    });
    expect(published.status).toBe(201);
    const { issueNumber } = z.object({ issueNumber: z.number() }).parse(await published.json());
    const { results } = await env.DB.prepare(
      'SELECT unit_code, org_key FROM bulletin_counted WHERE issue_number = ?1 AND org_key IN (?2, ?3) ORDER BY org_key',
    )
      .bind(issueNumber, CODE_KEY, NAME_KEY)
      .all<{ unit_code: string; org_key: string }>();
    expect(results.map((row) => [row.org_key, row.unit_code])).toEqual([
      [CODE_KEY, 'ZJ'],
      [NAME_KEY, 'ZJ'],
    ]);
  });

  it('rests while the assigned unit no longer reports the organization, and applies again when it does', async () => {
    // 张江镇 drops the reading club (and its name key) from its ledger: no longer a duplicate.
    const without = zjRows().filter((row) => row.cells.orgName !== '浦东青年读书会');
    const dropped = await upload('ZJ', without, { now: '2026-11-17T02:00:00Z', expectRemoved: 1 });
    expect(dropped.status).toBe(201);
    expect((await districtDuplicates()).map((duplicate) => duplicate.orgKey)).toEqual([CODE_KEY]);
    expect(await counted()).toEqual({ ZJ: 2, HM: 2, total: 4 });
    // Back in 张江镇's ledger: the assignment, kept under the name, applies again.
    expect((await upload('ZJ', zjRows(), { now: '2026-11-18T02:00:00Z' })).status).toBe(201);
    const again = (await districtDuplicates()).find((duplicate) => duplicate.orgKey === NAME_KEY);
    expect(again).toMatchObject({ countedFor: 'ZJ', assignment: { unitCode: 'ZJ' } });
    expect(await counted()).toEqual({ ZJ: 3, HM: 1, total: 4 });
  });

  it('can be revoked while the organization is not a duplicate (nothing left to show)', async () => {
    const without = zjRows().filter((row) => row.cells.orgName !== '浦东青年读书会');
    const dropped = await upload('ZJ', without, { now: '2026-11-19T02:00:00Z', expectRemoved: 1 });
    expect(dropped.status, await dropped.clone().text()).toBe(201);
    const revoked = await call(`/duplicates/${encodeURIComponent(NAME_KEY)}/assignment`, {
      method: 'DELETE',
      now: NOW,
    });
    expect(revoked.status).toBe(200);
    expect(DuplicateAssignmentResultSchema.parse(await revoked.json())).toEqual({
      changed: true,
      duplicate: null,
    });
    const row = await env.DB.prepare(
      'SELECT count(*) AS n FROM duplicate_assignments WHERE org_key = ?1 AND revoked_at IS NULL',
    )
      .bind(NAME_KEY)
      .first<{ n: number }>();
    expect(row?.n).toBe(0);
  });
});
