// Builds a live summary from D1: loads the ledger, quotas, uploads and spot checks, then the shared count.
import type { Summary } from '@tuanjian/shared';
import { summarize } from '@tuanjian/shared';
import { dataVersion } from '../db/data-version';
import { loadDistrictLedger, type StoredRecord } from '../db/ledger';
import { latestSpotChecks } from '../db/spot-checks';
import { getSubsidyRate, listQuotas, listUnits } from '../db/units';
import { uploadsForMonth } from '../db/uploads';
import type { Bindings } from '../types';
import { shanghaiDate } from './clock';
import { lateAfterDay } from './config';

export interface SummaryRequest {
  year: number;
  month: number;
  today: string;
  district: string;
  lateAfterDay: number;
}

export function periodEnd(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/**
 * The district's ledger as of a date: a check the district committee recorded by phone overrides
 * what the unit's sheet says about that organization.
 */
export async function effectiveLedger(db: D1Database, asOf: string): Promise<StoredRecord[]> {
  const [ledger, checks] = await Promise.all([loadDistrictLedger(db), latestSpotChecks(db, asOf)]);
  return ledger.map((record) => {
    const check = checks.get(`${record.unitCode}\u0000${record.orgKey}`);
    return check ? { ...record, checkedOn: check.checkedOn, checkResult: check.result } : record;
  });
}

/**
 * Summaries already counted, by data version and request. Every write that changes the figures bumps
 * the version in its own batch, so an entry is never served after the data it came from changed.
 * Only finished summaries are kept (a pending one belongs to the request that started it).
 */
const computed = new Map<string, Summary>();
const MAX_CACHED = 48;

export async function liveSummary(db: D1Database, request: SummaryRequest): Promise<Summary> {
  const version = await dataVersion(db);
  const key = [
    version,
    request.year,
    request.month,
    request.today,
    request.district,
    request.lateAfterDay,
  ].join('|');
  const cached = computed.get(key);
  if (cached) return cached;
  const summary = await countSummary(db, request);
  computed.set(key, summary);
  if (computed.size > MAX_CACHED) {
    const oldest = computed.keys().next();
    if (!oldest.done) computed.delete(oldest.value);
  }
  return summary;
}

async function countSummary(db: D1Database, request: SummaryRequest): Promise<Summary> {
  const [units, quotas, ledger, uploads, subsidy] = await Promise.all([
    listUnits(db),
    listQuotas(db, request.year),
    effectiveLedger(db, periodEnd(request.year, request.month)),
    uploadsForMonth(db, request.year, request.month),
    getSubsidyRate(db, request.year),
  ]);
  return summarize(ledger, {
    district: request.district,
    units,
    quotas,
    year: request.year,
    month: request.month,
    today: request.today,
    subsidy,
    uploads,
    lateAfterDay: request.lateAfterDay,
  });
}

/** The live summary of a month as of now, with the district's configured name and late day. */
export function summaryFor(env: Bindings, year: number, month: number, now: Date): Promise<Summary> {
  return liveSummary(env.DB, {
    year,
    month,
    today: shanghaiDate(now),
    district: env.DISTRICT_NAME,
    lateAfterDay: lateAfterDay(env),
  });
}
