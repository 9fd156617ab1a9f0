// 不属实 and the 核减, and figures as known at a time, on one timeline: every request in this file
// carries its own moment, in order, so what was known when is unambiguous.
import {
  IssueSchema,
  type SheetRow,
  SummarySchema,
  UploadResponseSchema,
  withCheckChar,
} from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call, createUnits, establishedRow, setQuotas, upload } from './helpers';

const CODE = withCheckChar('52310115MJ4985699');

async function uploadAt(unitCode: string, rows: SheetRow[], now: string, reportMonth: number) {
  const dryRun = UploadResponseSchema.parse(
    await (await upload(unitCode, rows, { dryRun: true, reportMonth, now })).json(),
  );
  const response = await upload(unitCode, rows, {
    reportMonth,
    now,
    expectRemoved: dryRun.diff.removed.length,
    ifMatch: dryRun.ledgerVersion,
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

async function summary(month: number, now: string, query = '') {
  const response = await call(`/summary?year=2026&month=${month}${query}`, { now });
  expect(response.status, await response.clone().text()).toBe(200);
  return z.object({ summary: SummarySchema }).parse(await response.json()).summary;
}

const countedFor = (figures: z.infer<typeof SummarySchema>, unitCode: string) =>
  figures.units.find((unit) => unit.unitCode === unitCode)?.counted;

beforeAll(async () => {
  await createUnits(
    [
      { code: 'DA', name: '丁街道' },
      { code: 'DB', name: '戊镇', kind: '镇' },
    ],
    '2026-10-01T02:00:00Z',
  );
  await setQuotas(2026, { DA: 5, DB: 5 }, '2026-10-01T02:00:00Z');
});

describe('不属实, 核减 and figures as known at a time', () => {
  let issue: z.infer<typeof IssueSchema>;

  it('publishes October, then a spot check takes an organization out of every month and the next issue states the 核减', async () => {
    await uploadAt(
      'DA',
      [
        establishedRow(0, 'DA', {
          orgName: '浦东青年社工协会',
          creditCode: CODE,
          orgType: '社会团体',
          establishedOn: '2026-02-10',
        }),
        establishedRow(1, 'DA', { orgName: '丁街道青年书友会', establishedOn: '2026-04-02' }),
        establishedRow(2, 'DA', { orgName: '丁街道青年跑团', establishedOn: '2026-09-12' }),
      ],
      '2026-10-30T02:00:00Z',
      10,
    );
    await uploadAt(
      'DB',
      [establishedRow(0, 'DB', { orgName: '戊镇青年合唱团', establishedOn: '2026-10-03' })],
      '2026-10-31T02:00:00Z',
      10,
    );
    const published = await call('/bulletins', {
      body: { year: 2026, month: 10 },
      now: '2026-11-01T01:00:00Z',
    });
    expect(published.status).toBe(201);
    issue = IssueSchema.parse(await published.json());
    expect(countedFor(issue.summary, 'DA')).toBe(3);
    expect(issue.summary.deductions).toBeNull();
    expect(countedFor(await summary(4, '2026-11-02T02:00:00Z'), 'DA')).toBe(2);

    const check = await call('/spot-checks', {
      body: {
        checks: [{ unitCode: 'DA', orgKey: 'n:丁街道青年书友会', checkedOn: '2026-11-05', result: '不属实' }],
      },
      now: '2026-11-06T02:00:00Z',
    });
    expect(check.status).toBe(201);
    // Checked in November, found untrue: out of April's live figures too.
    expect(countedFor(await summary(4, '2026-11-07T02:00:00Z'), 'DA')).toBe(1);
    const november = await summary(11, '2026-11-07T02:00:00Z');
    expect(november.deductions).toEqual({
      sinceIssue: issue.issueNumber,
      organizations: 1,
      units: [{ unitCode: 'DA', unitName: '丁街道', organizations: 1 }],
    });
    const next = await call('/bulletins', { body: { year: 2026, month: 11 }, now: '2026-12-01T01:00:00Z' });
    expect(next.status).toBe(201);
    const nextIssue = IssueSchema.parse(await next.json());
    expect(nextIssue.bulletin.narrative).toContain(
      `自第${issue.issueNumber}期通报以来，经核查不属实核减1家（丁街道1家），不计入完成数。`,
    );
  });

  it('counts figures as known at an issue’s publication time equal to the issue, whatever changed since', async () => {
    await uploadAt(
      'DB',
      [
        establishedRow(0, 'DB', { orgName: '戊镇青年合唱团', establishedOn: '2026-10-03' }),
        establishedRow(1, 'DB', { orgName: '戊镇青年书画社', establishedOn: '2026-10-20' }),
      ],
      '2026-12-02T02:00:00Z',
      11,
    );
    const quotas = await call('/quotas/2026', {
      method: 'PUT',
      body: { quotas: [{ unitCode: 'DA', quota: 9 }], subsidyRate: { city: 500, district: 300 } },
      now: '2026-12-03T02:00:00Z',
    });
    expect(quotas.status).toBe(200);
    const asOf = await summary(10, '2026-12-04T02:00:00Z', `&asOf=${encodeURIComponent(issue.publishedAt)}`);
    expect(asOf).toEqual(issue.summary);
    const live = await summary(10, '2026-12-04T02:00:00Z');
    expect(live.units.find((unit) => unit.unitCode === 'DA')).toMatchObject({ quota: 9, counted: 2 });
    expect(countedFor(live, 'DB')).toBe(2);
    const future = await call('/summary?year=2026&month=10&asOf=2099-01-01T00:00:00Z', {
      now: '2026-12-04T02:00:00Z',
    });
    expect(future.status).toBe(400);
  });
});
