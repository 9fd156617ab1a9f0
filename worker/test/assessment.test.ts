// 年度考核 (issue 15) over HTTP in workerd: the standing counts completion from the ledgers, reporting month by
// month from the uploads, accuracy from the spot checks, with the committee's weights (versioned); every role
// may view it, only the committee sets the weights.
import { AssessmentSchema, orgKey } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createToken, createUnits, establishedRow, json, setQuotas, upload } from './helpers';

/** 20 April 2026: January to March have ended. */
const NOW = '2026-04-20T02:00:00Z';
let readerToken = '';
let unitToken = '';

const ax1 = establishedRow(0, 'AX', { orgName: '考核甲青年协会', establishedOn: '2026-01-10' });
const ax2 = establishedRow(1, 'AX', { orgName: '考核乙青年协会', establishedOn: '2026-02-10' });
const ay1 = establishedRow(0, 'AY', { orgName: '考核丙青年协会', establishedOn: '2026-01-05' });
const ay2 = establishedRow(1, 'AY', { orgName: '考核丁青年协会', establishedOn: '2026-02-05' });
const ay3 = establishedRow(2, 'AY', {
  orgName: '考核戊青年协会',
  status: '未建团',
  establishedOn: null,
  mode: null,
  leagueOrgType: null,
  secretary: null,
  phone: null,
});

async function sent(response: Promise<Response>): Promise<void> {
  const answer = await response;
  if (answer.status !== 201) throw new Error(`upload: ${answer.status} ${await answer.text()}`);
}

beforeAll(async () => {
  await createUnits([
    { code: 'AX', name: '考核甲镇' },
    { code: 'AY', name: '考核乙镇' },
    { code: 'AZ', name: '考核丙镇' },
  ]);
  await setQuotas(2026, { AX: 4, AY: 2 });
  // AX: January on time (by 5 February), February late (10 March), March not at all.
  await sent(upload('AX', [ax1], { reportMonth: 1, now: '2026-02-03T02:00:00Z' }));
  await sent(upload('AX', [ax1, ax2], { reportMonth: 2, now: '2026-03-10T02:00:00Z' }));
  // AY: every month on time.
  await sent(upload('AY', [ay1], { reportMonth: 1, now: '2026-02-02T02:00:00Z' }));
  await sent(upload('AY', [ay1, ay2], { reportMonth: 2, now: '2026-03-02T02:00:00Z' }));
  await sent(upload('AY', [ay1, ay2, ay3], { reportMonth: 3, now: '2026-04-02T02:00:00Z' }));
  // AX's two organizations phoned in March: one 属实, one 不属实 (which leaves the count).
  const checks = await call('/spot-checks', {
    body: {
      checks: [
        { unitCode: 'AX', orgKey: orgKey(null, '考核甲青年协会'), checkedOn: '2026-03-15', result: '属实' },
        { unitCode: 'AX', orgKey: orgKey(null, '考核乙青年协会'), checkedOn: '2026-03-16', result: '不属实' },
      ],
    },
    now: NOW,
  });
  if (checks.status !== 201) throw new Error(`checks: ${checks.status} ${await checks.text()}`);
  readerToken = await createToken('reader');
  unitToken = await createToken('unit', 'AX');
});

describe('年度考核 over the API', () => {
  it('ranks the units over the months ended, with the default weights', async () => {
    const standing = AssessmentSchema.parse(await json(await call('/assessment?year=2026', { now: NOW })));
    expect(standing).toMatchObject({
      year: 2026,
      months: 3,
      final: false,
      weightsVersion: 0,
      activitiesRecorded: false,
    });
    const byUnit = new Map(standing.units.map((unit) => [unit.unitCode, unit]));
    expect(standing.reportingFrom).toBe(1);
    // AY: 2 of 2 is 100%, over the 120% that earns it in full → 83.33; 3 months on time → 100; no checks → 100;
    // no activities → 0: 41.667 + 20 + 15 = 76.67.
    expect(byUnit.get('AY')).toMatchObject({
      parts: { completion: 83.33, reporting: 100, accuracy: 100, activities: 0 },
      total: 76.67,
      rank: 1,
    });
    // AX: 1 of 4 (不属实 leaves the count) → 25% ÷ 120% → 20.83; (1 + ½ + 0) ÷ 3 → 50; 1 ÷ 2 → 50:
    // 10.417 + 10 + 7.5 = 27.92.
    expect(byUnit.get('AX')).toMatchObject({
      parts: { completion: 20.83, reporting: 50, accuracy: 50, activities: 0 },
      total: 27.92,
      rank: 2,
    });
    expect(byUnit.get('AZ')).toMatchObject({ total: null, rank: null });
  });

  it('uses the committee’s weights for the year, each setting a new version; only the committee sets them', async () => {
    const weights = {
      completion: 40,
      reporting: 40,
      accuracy: 20,
      activities: 0,
      activitiesPerOrganization: 2,
      completionCap: 100,
    };
    expect(
      (await call('/assessment/weights/2026', { method: 'PUT', body: weights, token: unitToken, now: NOW }))
        .status,
    ).toBe(403);
    expect(
      (
        await call('/assessment/weights/2026', {
          method: 'PUT',
          body: { ...weights, accuracy: 30 },
          now: NOW,
        })
      ).status,
    ).toBe(400);
    const set = await call('/assessment/weights/2026', { method: 'PUT', body: weights, now: NOW });
    expect(await json(set)).toEqual({ year: 2026, version: 1 });
    const again = await call('/assessment/weights/2026', { method: 'PUT', body: weights, now: NOW });
    expect(await json(again)).toEqual({ year: 2026, version: 2 });
    for (const token of [readerToken, unitToken]) {
      const standing = AssessmentSchema.parse(
        await json(await call('/assessment?year=2026', { token, now: NOW })),
      );
      expect(standing.weightsVersion).toBe(2);
      expect(standing.weights).toEqual(weights);
      // With the cap at 100%: AX 0.4 × 25 + 0.4 × 50 + 0.2 × 50 = 10 + 20 + 10 = 40; AY 40 + 40 + 20 = 100.
      expect(standing.units.map((unit) => [unit.unitCode, unit.total, unit.rank])).toEqual([
        ['AY', 100, 1],
        ['AX', 40, 2],
        ['AZ', null, null],
      ]);
    }
  });

  it('counts a past year in full', async () => {
    const standing = AssessmentSchema.parse(await json(await call('/assessment?year=2025', { now: NOW })));
    expect(standing).toMatchObject({ months: 12, final: true });
  });
});
