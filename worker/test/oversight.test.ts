// District oversight: spot-check samples and results (电话抽查), the subsidy ledger, duplicates, reporting.
import { env } from 'cloudflare:workers';
import {
  DuplicatesResponseSchema,
  ReportingDetailSchema,
  SummarySchema,
  UnitRecordSchema,
  withCheckChar,
} from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Caller } from '../src/auth';
import { processUpload } from '../src/services/upload';
import { call, createToken, createUnits, establishedRow, plannedRow, setQuotas, upload } from './helpers';

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
/** A 422 answer: the error contract with every problem found, by its index in the request. */
const ProblemsBody = z.object({
  error: z.object({
    code: z.literal('validation_failed'),
    details: z.object({ problems: z.array(z.object({ index: z.number(), code: z.string() })) }),
  }),
});

async function problemsOf(response: Response): Promise<[number, string][]> {
  expect(response.status).toBe(422);
  return ProblemsBody.parse(await response.json()).error.details.problems.map((p) => [p.index, p.code]);
}
const SampleBody = z.object({
  unitCode: z.string(),
  seed: z.string(),
  population: z.number(),
  sample: z.array(
    z.object({
      orgKey: z.string(),
      orgName: z.string(),
      establishedOn: z.string().nullable(),
      row: z.number(),
    }),
  ),
});
const SubsidyItem = z.object({
  unitCode: z.string(),
  orgKey: z.string(),
  orgName: z.string(),
  status: z.enum(['due', 'paid', 'withheld']),
  amount: z.number(),
  paidAt: z.string().nullable(),
  foundUntrue: z.boolean(),
});
const SubsidyLedger = z.object({
  year: z.number(),
  throughMonth: z.number(),
  perOrganization: z.number(),
  units: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      due: z.number(),
      paid: z.number(),
      withheld: z.number(),
      dueAmount: z.number(),
      paidAmount: z.number(),
      withheldAmount: z.number(),
    }),
  ),
  organizations: z.array(SubsidyItem),
});
const Payments = z.object({ paid: z.array(SubsidyItem), alreadyPaid: z.array(z.string()) });

/** Reported by 张江镇 (first, on 5 April) and 花木街道 (in November), both set up on 1 February. */
const SHARED_CODE = withCheckChar('51310115MJ4985617');
const SHARED_KEY = `c:${SHARED_CODE}`;
const hmName = (i: number) => `花木青年组织${String(i + 1).padStart(2, '0')}`;
const hmKey = (i: number) => `n:${hmName(i)}`;

/** 花木街道: ten organizations set up in January–March 2026, one in 2025, the shared one, two planned. */
const HM_ROWS = [
  ...Array.from({ length: 10 }, (_, i) =>
    establishedRow(i, 'HM', {
      orgName: hmName(i),
      establishedOn: `2026-0${1 + (i % 3)}-${String(10 + i).padStart(2, '0')}`,
    }),
  ),
  establishedRow(10, 'HM', { orgName: '花木青年老组织', establishedOn: '2025-12-15' }),
  establishedRow(11, 'HM', {
    orgName: '浦东青年社工协会',
    creditCode: SHARED_CODE,
    orgType: '社会团体',
    establishedOn: '2026-02-01',
  }),
  plannedRow(12, 'HM', { orgName: '花木筹建组织甲' }),
  plannedRow(13, 'HM', { orgName: '花木筹建组织乙' }),
];

let ljzToken: string;

/** An upload through the real service, at a chosen moment (the API always uses now). */
async function uploadAt(unitCode: string, rows: ReturnType<typeof establishedRow>[], at: string) {
  const caller: Caller = { tokenId: 'test', role: 'admin', unitCode: null, label: 'test' };
  const result = await processUpload(
    env.DB,
    caller,
    { unitCode, rows, reportYear: 2026, reportMonth: 3 },
    { dryRun: false, idempotencyKey: null, now: new Date(at), lateAfterDay: 5 },
  );
  if (!result.created) throw new Error(`upload for ${unitCode} at ${at} wrote nothing`);
}

async function liveSummary(month: number) {
  const response = await call(`/summary?year=2026&month=${month}`);
  expect(response.status).toBe(200);
  return z.object({ summary: SummarySchema }).parse(await response.json()).summary;
}

async function counted(unitCode: string, month: number): Promise<number | undefined> {
  return (await liveSummary(month)).units.find((unit) => unit.unitCode === unitCode)?.counted;
}

async function sample(body: { unitCode: string; size: number; seed: string }) {
  const response = await call('/spot-checks/sample', { body });
  expect(response.status).toBe(200);
  return SampleBody.parse(await response.json());
}

/** The subsidy ledger as of 20 November 2026 (the year runs through November then). */
const NOVEMBER_2026 = '2026-11-20T02:00:00Z';

async function subsidies(year = 2026, token?: string) {
  const response = await call(`/subsidies?year=${year}`, { now: NOVEMBER_2026, ...(token ? { token } : {}) });
  expect(response.status).toBe(200);
  return SubsidyLedger.parse(await response.json());
}

async function tableCount(table: 'spot_checks' | 'subsidy_payments'): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>();
  return row?.n ?? -1;
}

beforeAll(async () => {
  await createUnits([
    { code: 'HM', name: '花木街道' },
    { code: 'ZJ', name: '张江镇', kind: '镇' },
    { code: 'LJZ', name: '陆家嘴街道' },
    { code: 'GQ', name: '高桥镇', kind: '镇' },
  ]);
  await setQuotas(2026, { HM: 20, ZJ: 10, LJZ: 5, GQ: 5 });
  ljzToken = await createToken('unit', 'LJZ');
  // 23:59:59 on 5 April in Shanghai: the last on-time moment for March.
  await uploadAt(
    'ZJ',
    [
      establishedRow(0, 'ZJ', {
        orgName: '浦东青年社工协会',
        creditCode: SHARED_CODE,
        orgType: '社会团体',
        establishedOn: '2026-02-01',
      }),
      establishedRow(1, 'ZJ', { orgName: '张江青年程序员协会', establishedOn: '2026-01-20' }),
      establishedRow(2, 'ZJ', { orgName: '张江生物医药青年联盟', establishedOn: '2026-03-08' }),
    ],
    '2026-04-05T15:59:59Z',
  );
  // Midnight starting 6 April in Shanghai: already late.
  await uploadAt(
    'LJZ',
    [
      establishedRow(0, 'LJZ', { orgName: '陆家嘴青年律师沙龙', establishedOn: '2026-02-10' }),
      establishedRow(1, 'LJZ', { orgName: '陆家嘴金融青年联谊会', establishedOn: '2026-03-15' }),
    ],
    '2026-04-05T16:00:00Z',
  );
  const hm = await upload('HM', HM_ROWS);
  if (hm.status !== 201) throw new Error(`upload HM: ${hm.status} ${await hm.text()}`);
});

describe('spot-check samples', () => {
  it('gives the same sample for the same seed, from established organizations only', async () => {
    const first = await sample({ unitCode: 'HM', size: 5, seed: '2026-04 第一轮' });
    const again = await sample({ unitCode: 'HM', size: 5, seed: '2026-04 第一轮' });
    expect(first.population).toBe(12);
    expect(first.sample).toHaveLength(5);
    expect(again).toEqual(first);
    const established = new Set([
      ...Array.from({ length: 10 }, (_, i) => hmName(i)),
      '花木青年老组织',
      '浦东青年社工协会',
    ]);
    for (const org of first.sample) expect(established.has(org.orgName), org.orgName).toBe(true);
    expect(new Set(first.sample.map((org) => org.orgKey)).size).toBe(5);
  });

  it('caps the sample at the population and orders it differently for another seed', async () => {
    const a = await sample({ unitCode: 'HM', size: 200, seed: 'a' });
    const b = await sample({ unitCode: 'HM', size: 200, seed: 'b' });
    expect(a.sample).toHaveLength(12);
    expect(b.sample).toHaveLength(12);
    expect(a.sample.map((org) => org.orgKey).sort()).toEqual(b.sample.map((org) => org.orgKey).sort());
    expect(a.sample.map((org) => org.orgKey)).not.toEqual(b.sample.map((org) => org.orgKey));
    expect(a.sample.some((org) => org.orgName.startsWith('花木筹建'))).toBe(false);
  });

  it('gives the same sample after the unit re-uploads its rows in another order', async () => {
    const before = await sample({ unitCode: 'HM', size: 12, seed: 'order' });
    const reordered = HM_ROWS.map((row, i) => ({ ...row, row: HM_ROWS.length - i + 3 }));
    expect((await upload('HM', reordered)).status).toBe(201);
    const after = await sample({ unitCode: 'HM', size: 12, seed: 'order' });
    expect(after.sample.map((org) => org.orgKey)).toEqual(before.sample.map((org) => org.orgKey));
    expect(after.sample.map((org) => org.row)).not.toEqual(before.sample.map((org) => org.row));
  });

  it('answers 404 for an unknown unit and 400 for a size out of range', async () => {
    const unknown = await call('/spot-checks/sample', { body: { unitCode: 'NOPE', size: 3, seed: 's' } });
    expect(unknown.status).toBe(404);
    expect(ErrorBody.parse(await unknown.json()).error.code).toBe('not_found');
    for (const size of [0, 201]) {
      const response = await call('/spot-checks/sample', { body: { unitCode: 'HM', size, seed: 's' } });
      expect(response.status).toBe(400);
      expect(ErrorBody.parse(await response.json()).error.code).toBe('bad_request');
    }
    const empty = await sample({ unitCode: 'GQ', size: 5, seed: 's' });
    expect(empty).toEqual({ unitCode: 'GQ', seed: 's', population: 0, sample: [] });
  });
});

describe('spot-check results', () => {
  it('takes an organization found 不属实 out of the unit’s count', async () => {
    expect(await counted('HM', 3)).toBe(10);
    const response = await call('/spot-checks', {
      body: {
        checks: [
          {
            unitCode: 'HM',
            orgKey: hmKey(2),
            checkedOn: '2026-03-25',
            result: '不属实',
            note: '电话核实无团组织',
          },
        ],
      },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      checks: [
        {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          unitCode: 'HM',
          orgKey: hmKey(2),
          checkedOn: '2026-03-25',
          result: '不属实',
          note: '电话核实无团组织',
          recordedBy: 'bootstrap-admin',
          recordedAt: expect.any(String),
        },
      ],
      alreadyRecorded: 0,
    });
    expect(await counted('HM', 3)).toBe(9);
    expect((await liveSummary(3)).spotChecks.month).toEqual({ done: 1, 属实: 0, 不属实: 1, 无法联系: 0 });
  });

  it('records a call sheet submitted twice once: the second answer is 200 with nothing new, the figures unchanged', async () => {
    const check = {
      unitCode: 'HM',
      orgKey: hmKey(2),
      checkedOn: '2026-03-25',
      result: '不属实',
      note: '电话核实无团组织',
    };
    const again = await call('/spot-checks', { body: { checks: [check, check] } });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ checks: [], alreadyRecorded: 2 });
    const listed = z
      .object({ checks: z.array(z.object({ orgKey: z.string() })) })
      .parse(await (await call('/spot-checks?unitCode=HM')).json());
    expect(listed.checks.filter((listedCheck) => listedCheck.orgKey === hmKey(2))).toHaveLength(1);
    expect((await liveSummary(3)).spotChecks.month).toEqual({ done: 1, 属实: 0, 不属实: 1, 无法联系: 0 });
  });

  it('takes an organization found 不属实 out of every month, whatever the check date: an April finding leaves March too', async () => {
    expect(await counted('HM', 3)).toBe(9);
    const response = await call('/spot-checks', {
      body: { checks: [{ unitCode: 'HM', orgKey: hmKey(3), checkedOn: '2026-04-10', result: '不属实' }] },
    });
    expect(response.status).toBe(201);
    expect(await counted('HM', 1)).toBe(3);
    expect(await counted('HM', 3)).toBe(8);
    expect(await counted('HM', 4)).toBe(8);
  });

  it('withholds the subsidy of organizations found 不属实', async () => {
    const ledger = await subsidies();
    const withheld = ledger.organizations.filter((item) => item.status === 'withheld');
    expect(withheld.map((item) => [item.unitCode, item.orgKey, item.amount]).sort()).toEqual([
      ['HM', hmKey(2), 600],
      ['HM', hmKey(3), 600],
    ]);
  });

  it('refuses an unknown organization, a future or impossible date, writing none of the batch', async () => {
    const before = await tableCount('spot_checks');
    const valid = { unitCode: 'HM', orgKey: hmKey(4), checkedOn: '2026-03-26', result: '属实' };
    const cases = [
      { check: { ...valid, orgKey: 'n:没有这个组织' }, code: 'organization.unknown' },
      // 花木's organization under another unit is not in that unit's ledger.
      { check: { ...valid, unitCode: 'LJZ' }, code: 'organization.unknown' },
      { check: { ...valid, checkedOn: '2030-01-01' }, code: 'date.future' },
      // Shaped like a date, but not on the calendar.
      { check: { ...valid, checkedOn: '2026-02-30' }, code: 'date.invalid' },
    ];
    for (const { check, code } of cases) {
      const response = await call('/spot-checks', { body: { checks: [valid, check] }, now: NOVEMBER_2026 });
      expect(await problemsOf(response)).toEqual([[1, code]]);
    }
    expect(await tableCount('spot_checks')).toBe(before);
    const listed = z
      .object({ checks: z.array(z.object({ orgKey: z.string() })) })
      .parse(await (await call('/spot-checks?unitCode=HM')).json());
    expect(listed.checks.map((check) => check.orgKey)).toEqual([hmKey(3), hmKey(2)]);
  });
});

describe('subsidies', () => {
  it('lists what is due per counted organization at 300 + 300 yuan', async () => {
    const ledger = await subsidies();
    expect(ledger).toMatchObject({ year: 2026, throughMonth: 11, perOrganization: 600 });
    expect(ledger.units).toEqual([
      {
        unitCode: 'HM',
        unitName: '花木街道',
        due: 8,
        paid: 0,
        withheld: 2,
        dueAmount: 4800,
        paidAmount: 0,
        withheldAmount: 1200,
      },
      {
        unitCode: 'ZJ',
        unitName: '张江镇',
        due: 3,
        paid: 0,
        withheld: 0,
        dueAmount: 1800,
        paidAmount: 0,
        withheldAmount: 0,
      },
      {
        unitCode: 'LJZ',
        unitName: '陆家嘴街道',
        due: 2,
        paid: 0,
        withheld: 0,
        dueAmount: 1200,
        paidAmount: 0,
        withheldAmount: 0,
      },
      {
        unitCode: 'GQ',
        unitName: '高桥镇',
        due: 0,
        paid: 0,
        withheld: 0,
        dueAmount: 0,
        paidAmount: 0,
        withheldAmount: 0,
      },
    ]);
    // The organization both units report is due once, to the unit it is counted for.
    expect(
      ledger.organizations.filter((item) => item.orgKey === SHARED_KEY).map((item) => item.unitCode),
    ).toEqual(['ZJ']);
    expect(ledger.organizations.some((item) => item.orgName === '花木青年老组织')).toBe(false);
  });

  it('follows the year: 2025 holds the organization set up that December, 2027 nothing yet', async () => {
    const lastYear = await subsidies(2025);
    expect(lastYear.throughMonth).toBe(12);
    expect(lastYear.organizations.map((item) => [item.orgName, item.status, item.amount])).toEqual([
      ['花木青年老组织', 'due', 600],
    ]);
    const nextYear = await subsidies(2027);
    expect(nextYear.throughMonth).toBe(0);
    expect(nextYear.organizations).toEqual([]);
  });

  it('uses the year’s configured rate: 500 + 300 makes 800 per organization', async () => {
    const response = await call('/quotas/2026', {
      method: 'PUT',
      body: { quotas: [], subsidyRate: { city: 500, district: 300 } },
    });
    expect(response.status).toBe(200);
    const ledger = await subsidies();
    expect(ledger.perOrganization).toBe(800);
    expect(ledger.units.find((unit) => unit.unitCode === 'HM')).toMatchObject({ due: 8, dueAmount: 6400 });
    expect(new Set(ledger.organizations.map((item) => item.amount))).toEqual(new Set([800]));
    // Quotas not named in the request are kept.
    const quotas = z
      .object({ quotas: z.array(z.object({ unitCode: z.string() })) })
      .parse(await (await call('/quotas/2026')).json());
    expect(quotas.quotas).toHaveLength(4);
  });

  it('marks subsidies paid, and an organization is never paid twice', async () => {
    const first = await call('/subsidies/payments', {
      body: { year: 2026, orgKeys: [hmKey(0), hmKey(1), SHARED_KEY] },
    });
    expect(first.status).toBe(200);
    const paid = Payments.parse(await first.json());
    expect(paid.paid.map((item) => [item.unitCode, item.orgKey, item.status, item.amount])).toEqual([
      ['HM', hmKey(0), 'paid', 800],
      ['HM', hmKey(1), 'paid', 800],
      ['ZJ', SHARED_KEY, 'paid', 800],
    ]);
    expect(paid.paid.every((item) => item.paidAt !== null)).toBe(true);
    expect(paid.alreadyPaid).toEqual([]);

    const again = await call('/subsidies/payments', {
      body: { year: 2026, orgKeys: [hmKey(0), SHARED_KEY, 'n:陆家嘴青年律师沙龙'] },
    });
    expect(again.status).toBe(200);
    const second = Payments.parse(await again.json());
    expect(second.alreadyPaid).toEqual([hmKey(0), SHARED_KEY]);
    expect(second.paid.map((item) => item.orgKey)).toEqual(['n:陆家嘴青年律师沙龙']);

    const { results } = await env.DB.prepare(
      'SELECT org_key, count(*) AS n FROM subsidy_payments GROUP BY org_key ORDER BY org_key',
    ).all<{ org_key: string; n: number }>();
    expect(results).toEqual(
      [hmKey(0), hmKey(1), 'n:陆家嘴青年律师沙龙', SHARED_KEY].sort().map((key) => ({ org_key: key, n: 1 })),
    );

    const ledger = await subsidies();
    expect(ledger.units.find((unit) => unit.unitCode === 'HM')).toMatchObject({
      due: 6,
      paid: 2,
      withheld: 2,
      paidAmount: 1600,
    });
    expect(ledger.organizations.find((item) => item.orgKey === hmKey(0))?.status).toBe('paid');
  });

  it('keeps a paid amount when the rate changes afterwards', async () => {
    const response = await call('/quotas/2026', {
      method: 'PUT',
      body: { quotas: [], subsidyRate: { city: 300, district: 300 } },
    });
    expect(response.status).toBe(200);
    const ledger = await subsidies();
    expect(ledger.organizations.find((item) => item.orgKey === hmKey(0))).toMatchObject({
      status: 'paid',
      amount: 800,
    });
    expect(ledger.organizations.find((item) => item.orgKey === hmKey(4))).toMatchObject({
      status: 'due',
      amount: 600,
    });
  });

  it('refuses to pay a withheld or unknown organization, writing nothing', async () => {
    const before = await tableCount('subsidy_payments');
    const withheld = await call('/subsidies/payments', {
      body: { year: 2026, orgKeys: [hmKey(4), hmKey(2)] },
    });
    expect(await problemsOf(withheld)).toEqual([[1, 'subsidy.withheld']]);

    const unknown = await call('/subsidies/payments', { body: { year: 2026, orgKeys: ['n:没有这个组织'] } });
    expect(await problemsOf(unknown)).toEqual([[0, 'subsidy.notDue']]);
    expect(await tableCount('subsidy_payments')).toBe(before);
    const ledger = await subsidies();
    expect(ledger.organizations.find((item) => item.orgKey === hmKey(4))?.status).toBe('due');
  });

  it('shows a unit token its own unit only', async () => {
    const own = await subsidies(2026, ljzToken);
    expect(own.units.map((unit) => unit.unitCode)).toEqual(['LJZ']);
    expect(own.organizations.map((item) => [item.unitCode, item.orgName, item.status])).toEqual([
      ['LJZ', '陆家嘴青年律师沙龙', 'paid'],
      ['LJZ', '陆家嘴金融青年联谊会', 'due'],
    ]);
    const other = await call('/subsidies?year=2026&unitCode=HM', { token: ljzToken });
    expect(other.status).toBe(403);
    expect(ErrorBody.parse(await other.json()).error.code).toBe('forbidden');
  });

  it('keeps a payment made before a check found the organization 不属实, flagged for recovery', async () => {
    const before = (await subsidies()).units.find((unit) => unit.unitCode === 'HM');
    const checked = await call('/spot-checks', {
      body: { checks: [{ unitCode: 'HM', orgKey: hmKey(0), checkedOn: '2026-05-06', result: '不属实' }] },
    });
    expect(checked.status).toBe(201);
    const ledger = await subsidies();
    expect(ledger.organizations.find((item) => item.orgKey === hmKey(0))).toMatchObject({
      status: 'paid',
      amount: 800,
      foundUntrue: true,
    });
    const after = ledger.units.find((unit) => unit.unitCode === 'HM');
    expect(after?.paid).toBe(before?.paid);
    expect(after?.paidAmount).toBe(before?.paidAmount);
    expect(after?.due).toBe(before?.due);
    const again = await call('/subsidies/payments', { body: { year: 2026, orgKeys: [hmKey(0)] } });
    expect(Payments.parse(await again.json()).alreadyPaid).toEqual([hmKey(0)]);
  });
});

describe('cross-unit duplicates', () => {
  it('names the unit an organization is counted for: same 建团时间, the unit that reported it first', async () => {
    const response = await call('/duplicates');
    expect(response.status).toBe(200);
    const body = DuplicatesResponseSchema.parse(await response.json());
    if (body.scope !== 'district') throw new Error('an admin reads the district’s duplicates');
    expect(body.duplicates).toHaveLength(1);
    expect(body.duplicates[0]).toMatchObject({
      orgKey: SHARED_KEY,
      orgName: '浦东青年社工协会',
      creditCode: SHARED_CODE,
      defaultUnitCode: 'ZJ',
      countedFor: 'ZJ',
      assignment: null,
    });
    expect(body.duplicates[0]?.rows.map((r) => [r.unitCode, r.establishedOn])).toEqual([
      ['ZJ', '2026-02-01'],
      ['HM', '2026-02-01'],
    ]);
    expect(body.duplicates[0]?.rows[0]?.firstReportedAt).toBe('2026-04-05T15:59:59.000Z');
    const summary = await liveSummary(3);
    expect(summary.duplicates.map((d) => [d.orgKey, d.countedFor, d.assigned])).toEqual([
      [SHARED_KEY, 'ZJ', false],
    ]);
  });
});

describe('reporting status (报送情况)', () => {
  it('sorts units into on time (by 5 April, Shanghai), late and missing', async () => {
    const response = await call('/reporting?year=2026&month=3');
    expect(response.status).toBe(200);
    const body = ReportingDetailSchema.parse(await response.json());
    expect(body).toMatchObject({
      year: 2026,
      month: 3,
      deadline: '2026-04-05',
      onTime: ['张江镇'],
      late: ['花木街道', '陆家嘴街道'],
      missing: ['高桥镇'],
    });
    expect(body.units.map((unit) => [unit.unitCode, unit.status])).toEqual([
      ['HM', 'late'],
      ['ZJ', 'onTime'],
      ['LJZ', 'late'],
      ['GQ', 'missing'],
    ]);
    expect(body.units.find((unit) => unit.unitCode === 'ZJ')?.lastUploadAt).toBe('2026-04-05T15:59:59.000Z');
    expect(body.units.find((unit) => unit.unitCode === 'GQ')?.lastUploadAt).toBeNull();
  });

  it("shows each unit's reporting contact, set and cleared with PATCH /units", async () => {
    const set = await call('/units/GQ', {
      method: 'PATCH',
      body: { contact: '王芳', phone: '021-5861 0000' },
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ unit: { code: 'GQ', contact: '王芳', phone: '021-5861 0000' } });
    const detail = ReportingDetailSchema.parse(await (await call('/reporting?year=2026&month=3')).json());
    expect(detail.units.find((unit) => unit.unitCode === 'GQ')).toMatchObject({
      contact: '王芳',
      phone: '021-5861 0000',
    });
    expect(detail.units.find((unit) => unit.unitCode === 'HM')).toMatchObject({ contact: null, phone: null });

    const cleared = await call('/units/GQ', { method: 'PATCH', body: { phone: '' } });
    expect(await cleared.json()).toMatchObject({ unit: { code: 'GQ', contact: '王芳' } });
    const units = z.object({ units: z.array(UnitRecordSchema) }).parse(await (await call('/units')).json());
    expect(units.units.find((unit) => unit.code === 'GQ')).toEqual({
      code: 'GQ',
      name: '高桥镇',
      kind: '镇',
      active: true,
      contact: '王芳',
    });
  });

  it('counts an upload for the month it reports, not the month it was made in', async () => {
    const response = await call('/reporting?year=2026&month=4');
    expect(ReportingDetailSchema.parse(await response.json())).toMatchObject({
      onTime: [],
      late: [],
      missing: ['花木街道', '张江镇', '陆家嘴街道', '高桥镇'],
    });
  });
});
