// Seeds the running worker with the 40-unit, 20,000-organization district through its own API.
import type { DemoDistrict } from '@tuanjian/shared/demo';
import { type Api, field } from './api';
import { type BenchPeriod, ledgersByUnit, uploadRows } from './data';

export interface SeededDistrict {
  district: DemoDistrict;
  period: BenchPeriod;
  readerToken: string;
  /** A unit token per district unit, for the concurrent-upload load test. */
  unitTokens: Map<string, string>;
  /** ms each unit's first upload took (sequential, admin token). */
  uploadMs: number[];
  uploadedAt: string;
}

async function newToken(api: Api, role: 'reader' | 'unit', unitCode: string | null): Promise<string> {
  const answer = await api.ok('POST', '/tokens', {
    role,
    unitCode,
    label: `bench ${role} ${unitCode ?? ''}`,
  });
  const token = field(answer.body, 'token');
  if (typeof token !== 'string') throw new Error('POST /tokens answered without a token');
  return token;
}

export async function seedDistrict(
  api: Api,
  district: DemoDistrict,
  period: BenchPeriod,
): Promise<SeededDistrict> {
  for (const unit of district.units) await api.ok('POST', '/units', unit);
  for (const year of new Set(district.quotas.map((quota) => quota.year))) {
    const quotas = district.quotas
      .filter((quota) => quota.year === year)
      .map(({ unitCode, quota }) => ({ unitCode, quota }));
    await api.ok('PUT', `/quotas/${year}`, { quotas, subsidyRate: district.subsidy });
  }
  const uploadedAt = new Date().toISOString();
  const uploadMs: number[] = [];
  for (const [unitCode, records] of ledgersByUnit(district)) {
    if (records.length === 0) continue;
    const body = JSON.stringify({
      unitCode,
      rows: uploadRows(records, district.units),
      reportYear: period.year,
      reportMonth: period.month,
    });
    uploadMs.push((await api.ok('POST', '/uploads', body)).ms);
  }
  const unitTokens = new Map<string, string>();
  for (const unit of district.units) unitTokens.set(unit.code, await newToken(api, 'unit', unit.code));
  return {
    district,
    period,
    readerToken: await newToken(api, 'reader', null),
    unitTokens,
    uploadMs,
    uploadedAt,
  };
}
