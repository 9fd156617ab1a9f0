// Seeds a running worker with the demo district through its own HTTP API (idempotent: seeds only what is missing).
import {
  generateDemoDistrict,
  ledgerToSheetValues,
  previousMonth,
  readTrackingSheet,
  type TrackingRecord,
} from '@tuanjian/shared';

export interface SeedReport {
  unitsCreated: number;
  quotasSet: number;
  ledgersUploaded: number;
  organizations: number;
}

async function call(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** Demo year and last month with data: the current year up to last month (Asia/Shanghai). */
export function demoPeriod(now: Date): { year: number; throughMonth: number } {
  const { year, month } = previousMonth(now);
  return { year, throughMonth: month };
}

export async function seedDemo(base: string, token: string, now = new Date()): Promise<SeedReport> {
  const period = demoPeriod(now);
  const demo = generateDemoDistrict({ year: period.year, throughMonth: period.throughMonth });
  const report: SeedReport = { unitsCreated: 0, quotasSet: 0, ledgersUploaded: 0, organizations: 0 };

  const existing = field(await call(base, token, 'GET', '/units'), 'units');
  const known = new Set(Array.isArray(existing) ? existing.map((unit) => String(field(unit, 'code'))) : []);
  for (const unit of demo.units) {
    if (known.has(unit.code)) continue;
    await call(base, token, 'POST', '/units', unit);
    report.unitsCreated++;
  }

  for (const year of new Set(demo.quotas.map((quota) => quota.year))) {
    const current = field(await call(base, token, 'GET', `/quotas/${year}`), 'quotas');
    if (Array.isArray(current) && current.length > 0) continue;
    const quotas = demo.quotas
      .filter((q) => q.year === year)
      .map(({ unitCode, quota }) => ({ unitCode, quota }));
    await call(base, token, 'PUT', `/quotas/${year}`, { quotas, subsidyRate: demo.subsidy });
    report.quotasSet += quotas.length;
  }

  const byUnit = new Map<string, TrackingRecord[]>();
  for (const record of demo.records)
    byUnit.set(record.unitCode, [...(byUnit.get(record.unitCode) ?? []), record]);
  for (const unit of demo.units) {
    const records = byUnit.get(unit.code) ?? [];
    if (records.length === 0) continue;
    const page = await call(
      base,
      token,
      'GET',
      `/ledger?unitCode=${encodeURIComponent(unit.code)}&pageSize=1`,
    );
    if (Number(field(page, 'total')) > 0) continue;
    // The real path: records → a sheet → the shared reader → the upload API (which re-validates).
    const sheet = readTrackingSheet(ledgerToSheetValues(records, { units: demo.units }));
    await call(base, token, 'POST', '/uploads', {
      unitCode: unit.code,
      rows: sheet.rows,
      reportYear: period.year,
      reportMonth: period.throughMonth,
    });
    report.ledgersUploaded++;
    report.organizations += records.length;
  }
  return report;
}
