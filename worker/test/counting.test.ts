// Counting against the versioned ledger: the live tally equals counting the whole ledger; one
// organization across units (with and without a credit code) counts and is paid once; 不属实 leaves
// every month (asof.test.ts: the 核减 and figures as known at a time).
import { env } from 'cloudflare:workers';
import { type SheetRow, SummarySchema, UploadResponseSchema, withCheckChar } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { liveSummary, summaryInFull } from '../src/services/summary';
import { call, createUnits, establishedRow, plannedRow, setQuotas, upload } from './helpers';

const UNITS = ['CA', 'CB', 'CC'] as const;
const NAMES = [
  '青年志愿者协会',
  '青年读书会',
  '青年跑团',
  '青年合唱团',
  '青年创客空间',
  '青年公益社',
  '青年书法社',
];
const CODES = [withCheckChar('51310115MJ4985611'), withCheckChar('52310115MJ4985622')];

/** A small deterministic generator (mulberry32): the same rounds every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uploads through the API after a dry run, confirming whatever the dry run says it removes. */
async function uploadConfirmed(unitCode: string, rows: SheetRow[], reportMonth = 3) {
  const dryRun = UploadResponseSchema.parse(
    await (await upload(unitCode, rows, { dryRun: true, reportMonth })).json(),
  );
  const response = await upload(unitCode, rows, {
    reportMonth,
    expectRemoved: dryRun.diff.removed.length,
    ifMatch: dryRun.ledgerVersion,
  });
  expect([200, 201], await response.clone().text()).toContain(response.status);
  return UploadResponseSchema.parse(await response.json());
}

async function summary(month: number, query = '') {
  const response = await call(`/summary?year=2026&month=${month}${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return z.object({ summary: SummarySchema }).parse(await response.json()).summary;
}

beforeAll(async () => {
  await createUnits([
    { code: 'CA', name: '甲街道' },
    { code: 'CB', name: '乙镇', kind: '镇' },
    { code: 'CC', name: '丙园区', kind: '园区' },
    { code: 'DA', name: '丁街道' },
    { code: 'DB', name: '戊镇', kind: '镇' },
  ]);
  await setQuotas(2026, { CA: 6, CB: 4, CC: 3, DA: 5, DB: 5 });
});

describe('the live tally', () => {
  it('equals counting the whole ledger, month by month, through uploads and spot checks', async () => {
    const next = random(20261201);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    for (let round = 0; round < 6; round++) {
      for (const unit of UNITS) {
        const rows: SheetRow[] = [];
        for (const [index, name] of NAMES.entries()) {
          if (next() < 0.35) continue;
          const established = next() < 0.75;
          const withCode = next() < 0.3;
          const overrides = {
            orgName: next() < 0.15 ? `${name} ` : name,
            ...(withCode ? { creditCode: pick(CODES), orgType: '社会团体' as const } : {}),
          };
          rows.push(
            established
              ? establishedRow(index, unit, {
                  ...overrides,
                  establishedOn: `2026-${String(1 + Math.floor(next() * 11)).padStart(2, '0')}-1${Math.floor(next() * 9)}`,
                  mode: pick(['独立建团', '联合建团', '楼宇建团', '区域建团'] as const),
                  memberCount: 5,
                  ...(next() < 0.2
                    ? { checkedOn: '2026-06-15', checkResult: pick(['属实', '不属实', '无法联系'] as const) }
                    : {}),
                })
              : plannedRow(index, unit, overrides),
          );
        }
        // One credit code per sheet, as the sheet's own duplicate rule requires.
        const seenCodes = new Set<unknown>();
        const sheet = rows.filter((row) => {
          const code = row.cells.creditCode;
          if (code === undefined) return true;
          if (seenCodes.has(code)) return false;
          seenCodes.add(code);
          return true;
        });
        if (sheet.length > 0) await uploadConfirmed(unit, sheet);
      }
      const { results } = await env.DB.prepare(
        "SELECT unit_code, org_key FROM organizations WHERE status = '已建团' ORDER BY unit_code, org_key",
      ).all<{ unit_code: string; org_key: string }>();
      const target = results[round % Math.max(results.length, 1)];
      if (target) {
        const check = await call('/spot-checks', {
          body: {
            checks: [
              {
                unitCode: target.unit_code,
                orgKey: target.org_key,
                checkedOn: `2026-0${1 + (round % 9)}-20`,
                result: round % 2 === 0 ? '不属实' : '属实',
              },
            ],
          },
        });
        expect(check.status).toBe(201);
      }
      const at = new Date('2026-11-20T02:00:00Z');
      for (const month of [1, 3, 6, 9, 12]) {
        const request = { year: 2026, month, at, district: '浦东新区', lateAfterDay: 5 };
        expect(await liveSummary(env.DB, request), `round ${round}, month ${month}`).toEqual(
          await summaryInFull(env.DB, request),
        );
      }
    }
  });
});

describe('one organization across units', () => {
  const code = withCheckChar('52310115MJ4985699');

  it('counts a record with a credit code and one without, under the same name, once — and pays it once', async () => {
    await uploadConfirmed('DA', [
      establishedRow(0, 'DA', {
        orgName: '浦东青年社工协会',
        creditCode: code,
        orgType: '社会团体',
        establishedOn: '2026-02-10',
      }),
    ]);
    // 丁街道 reported it first: paid to 丁街道 before 戊镇 reports it with an earlier 建团时间.
    const paid = await call('/subsidies/payments', {
      body: { year: 2026, orgKeys: [`c:${code}`] },
      now: '2026-11-20T02:00:00Z',
    });
    expect(paid.status).toBe(200);
    await uploadConfirmed('DB', [
      establishedRow(0, 'DB', { orgName: '浦东 青年社工协会', establishedOn: '2026-02-03' }),
    ]);

    const march = await summary(3);
    const counted = (unitCode: string) => march.units.find((unit) => unit.unitCode === unitCode)?.counted;
    expect([counted('DA'), counted('DB')]).toEqual([0, 1]);
    expect(march.duplicates.find((duplicate) => duplicate.creditCode === code)).toMatchObject({
      orgKey: `c:${code}`,
      countedFor: 'DB',
    });

    const ledger = z
      .object({
        organizations: z.array(z.object({ unitCode: z.string(), orgKey: z.string(), status: z.string() })),
      })
      .parse(await (await call('/subsidies?year=2026', { now: '2026-11-20T02:00:00Z' })).json());
    const items = ledger.organizations.filter((item) => ['DA', 'DB'].includes(item.unitCode));
    // Once, for the unit it counts for, and already paid: the payment under 丁街道's key covers it.
    expect(items).toEqual(
      [{ unitCode: 'DB', orgKey: 'n:浦东青年社工协会', status: 'paid' }].map((item) =>
        expect.objectContaining(item),
      ),
    );
    const again = await call('/subsidies/payments', {
      body: { year: 2026, orgKeys: ['n:浦东青年社工协会'] },
      now: '2026-11-20T02:00:00Z',
    });
    expect(
      z.object({ paid: z.array(z.unknown()), alreadyPaid: z.array(z.string()) }).parse(await again.json()),
    ).toEqual({
      paid: [],
      alreadyPaid: ['n:浦东青年社工协会'],
    });
  });
});
