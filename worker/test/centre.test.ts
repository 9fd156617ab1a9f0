// 支持中心 (issue 15) in workerd: the committee puts organizations of the units' ledgers in the centre (by name
// or key), every role reads the headline, only the committee the organizations.
import { CentreOrganizationSchema, CentreResponseSchema } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createToken, createUnits, establishedRow, json, plannedRow, upload } from './helpers';

const NOW = '2026-11-20T02:00:00Z';
let readerToken = '';
let unitToken = '';

beforeAll(async () => {
  await createUnits([
    { code: 'CZA', name: '张江镇' },
    { code: 'CZB', name: '北蔡镇' },
  ]);
  const a = await upload('CZA', [
    establishedRow(0, 'CZA', {
      orgName: '张江青年创客协会',
      establishedOn: '2026-03-05',
      youthCount: 120,
      memberCount: 30,
    }),
    establishedRow(1, 'CZA', {
      orgName: '张江青年书友会',
      establishedOn: '2025-06-01',
      youthCount: 80,
      memberCount: 12,
    }),
    plannedRow(2, 'CZA', { orgName: '张江青年跑团', youthCount: 60, memberCount: 4 }),
  ]);
  const b = await upload('CZB', [
    establishedRow(0, 'CZB', {
      orgName: '北蔡青年志愿者服务社',
      establishedOn: '2026-09-10',
      youthCount: 9800,
      memberCount: 400,
    }),
  ]);
  if (a.status !== 201 || b.status !== 201) throw new Error(`uploads: ${a.status} ${b.status}`);
  readerToken = await createToken('reader');
  unitToken = await createToken('unit', 'CZA');
});

const put = (body: Record<string, unknown>, token?: string) =>
  call('/centre/organizations', { method: 'PUT', body, now: NOW, ...(token ? { token } : {}) });

describe('the support centre', () => {
  it('puts organizations in the centre by name (as written in the ledger, spacing aside) or by key', async () => {
    const resident = await put({
      unitCode: 'CZA',
      orgName: ' 张江青年创客协会 ',
      relation: 'resident',
      since: '2025-01-01',
    });
    expect(resident.status).toBe(200);
    const stored = CentreOrganizationSchema.parse(await resident.json());
    expect(stored).toMatchObject({
      orgName: '张江青年创客协会',
      relation: 'resident',
      youthCount: 120,
      memberCount: 30,
    });
    expect(
      (await put({ unitCode: 'CZA', orgName: '张江青年书友会', relation: 'linked', since: '2025-01-01' }))
        .status,
    ).toBe(200);
    expect(
      (await put({ unitCode: 'CZA', orgName: '张江青年跑团', relation: 'linked', since: '2026-02-01' }))
        .status,
    ).toBe(200);
    expect(
      (await put({ unitCode: 'CZB', orgKey: stored.orgKey, relation: 'linked', since: '2026-01-01' })).status,
    ).toBe(422);
    expect(
      (
        await put({
          unitCode: 'CZB',
          orgName: '北蔡青年志愿者服务社',
          relation: 'linked',
          since: '2026-01-01',
          until: '2026-06-30',
        })
      ).status,
    ).toBe(200);
  });

  it('refuses an organization not in the unit’s ledger, dates out of order, and other roles', async () => {
    const missing = await put({
      unitCode: 'CZA',
      orgName: '不存在的协会',
      relation: 'linked',
      since: '2026-01-01',
    });
    expect(missing.status).toBe(422);
    expect((await json<{ error: { message: string } }>(missing)).error.message).toBe(
      '单位“CZA”的台账中没有组织“不存在的协会”',
    );
    expect(
      (
        await put({
          unitCode: 'CZA',
          orgName: '张江青年跑团',
          relation: 'linked',
          since: '2026-03-01',
          until: '2026-02-01',
        })
      ).status,
    ).toBe(422);
    for (const token of [readerToken, unitToken]) {
      expect(
        (
          await put(
            { unitCode: 'CZA', orgName: '张江青年跑团', relation: 'linked', since: '2026-01-01' },
            token,
          )
        ).status,
      ).toBe(403);
      expect((await call('/centre/organizations/CZA/x', { method: 'DELETE', token, now: NOW })).status).toBe(
        403,
      );
    }
  });

  it('counts the headline for a year; the committee sees the organizations, the other roles only the figures', async () => {
    const admin = CentreResponseSchema.parse(await json(await call('/centre?year=2026', { now: NOW })));
    // 2026: the resident, two linked in CZA, and CZB's (linked until June); set up in 2026: 创客协会 and 志愿者服务社.
    expect(admin.headline).toEqual({
      year: 2026,
      resident: 1,
      linked: 3,
      youth: 120 + 80 + 60 + 9800,
      members: 30 + 12 + 4 + 400,
      establishedInYear: 2,
      established: 3,
      perYear: [
        { year: 2025, established: 1 },
        { year: 2026, established: 2 },
      ],
    });
    expect(admin.sentence).toBe(
      '2026年，青年公益服务支持中心入驻青年社会组织1家，联系青年社会组织3家，涉及青年1万人、团员446人；2026年在其中推动建立团组织2家，累计已建团组织3家。',
    );
    expect(admin.organizations?.map((each) => each.orgName)).toContain('张江青年跑团');
    const last = CentreResponseSchema.parse(await json(await call('/centre?year=2025', { now: NOW })));
    expect(last.headline).toMatchObject({ resident: 1, linked: 1, establishedInYear: 1 });
    for (const token of [readerToken, unitToken]) {
      const seen = CentreResponseSchema.parse(
        await json(await call('/centre?year=2026', { token, now: NOW })),
      );
      expect(seen.headline).toEqual(admin.headline);
      expect(seen.organizations).toBeNull();
      expect(JSON.stringify(seen)).not.toContain('张江青年');
    }
  });

  it('takes an organization off the list', async () => {
    const admin = CentreResponseSchema.parse(await json(await call('/centre?year=2026', { now: NOW })));
    const run = admin.organizations?.find((each) => each.orgName === '张江青年跑团');
    expect(
      (
        await call(`/centre/organizations/CZA/${encodeURIComponent(run?.orgKey ?? '')}`, {
          method: 'DELETE',
          now: NOW,
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await call(`/centre/organizations/CZA/${encodeURIComponent(run?.orgKey ?? '')}`, {
          method: 'DELETE',
          now: NOW,
        })
      ).status,
    ).toBe(404);
    const after = CentreResponseSchema.parse(await json(await call('/centre?year=2026', { now: NOW })));
    expect(after.headline.linked).toBe(2);
  });
});
