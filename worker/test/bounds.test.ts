// Bounded input (issue 14, point 5): whole numbers in paths and queries written in digits only, subsidy
// amounts in whole yuan within reason — refused with 400 and nothing written.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createUnits, setQuotas } from './helpers';

beforeAll(async () => {
  await createUnits([{ code: 'BD', name: '边界街道' }]);
  await setQuotas(2026, { BD: 3 });
});

describe('bounded input', () => {
  it.each([
    '/summary?year=2026&month=1e1',
    '/summary?year=2026&month=0x0A',
    '/summary?year=2026&month=%2010',
    '/summary?year=2026&month=10.0',
    '/summary?year=2026&month=-1',
    '/summary?year=2.026e3&month=10',
    '/reporting?year=2026&month=1e1',
    '/subsidies?year=0x7EA',
    '/bulletins?year=2026.0',
    '/bulletins/1e0',
    '/quotas/2026.0',
    '/uploads?limit=1e2',
    '/ledger?page=0x1',
  ])('refuses %s: a number not written in digits', async (path) => {
    const response = await call(path);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });

  it('still reads numbers written in digits, leading zeros included', async () => {
    expect((await call('/summary?year=2026&month=10')).status).toBe(200);
    expect((await call('/summary?year=2026&month=03')).status).toBe(200);
    expect((await call('/quotas/2026')).status).toBe(200);
  });

  it.each([
    [{ city: 1e308, district: 300 }, 'an amount beyond reason'],
    [{ city: 0.5, district: 300 }, 'half a yuan'],
    [{ city: -300, district: 300 }, 'a negative amount'],
    [{ city: 300, district: 100_001 }, 'over 100,000 yuan'],
  ])('refuses a subsidy rate of %j (%s), writing nothing', async (subsidyRate) => {
    const response = await call('/quotas/2026', {
      method: 'PUT',
      body: { quotas: [{ unitCode: 'BD', quota: 5 }], subsidyRate },
    });
    expect(response.status).toBe(400);
    const year = (await (await call('/quotas/2026')).json()) as {
      quotas: { quota: number }[];
      subsidyRate: { city: number; district: number };
    };
    expect(year.quotas[0]?.quota).toBe(3);
    expect(year.subsidyRate).toEqual({ city: 300, district: 300 });
  });
});
