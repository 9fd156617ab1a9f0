// Seeds a running worker with the demo district through its own HTTP API and the one client (idempotent:
// seeds only what is missing).
import { ApiClient, ApiClientError } from '@tuanjian/addin/api';
import {
  type ActivitySheetRow,
  type ActivityUploadResponse,
  activitySheetRows,
  previousMonth,
  readActivitySheet,
  readTrackingSheet,
  type TrackingRecord,
} from '@tuanjian/shared';
import {
  type DemoActivity,
  demoCentreOrganizations,
  generateDemoActivities,
  generateDemoDistrict,
  generateDemoWorkRecords,
  ledgerToSheetValues,
} from '@tuanjian/shared/demo';

export interface SeedReport {
  unitsCreated: number;
  quotasSet: number;
  ledgersUploaded: number;
  organizations: number;
  /** 工作记录 seeded: visits and meetings recorded (0 when the year had some already). */
  visits: number;
  meetings: number;
  /** Organizations put in the support centre. */
  centre: number;
  /** 活动台账: units whose activity ledger was seeded, and the activities they added. */
  activityLedgers: number;
  activities: number;
}

/** Demo year and last month with data: the current year up to last month (Asia/Shanghai). */
export function demoPeriod(now: Date): { year: number; throughMonth: number } {
  const { year, month } = previousMonth(now);
  return { year, throughMonth: month };
}

export async function seedDemo(base: string, token: string, now = new Date()): Promise<SeedReport> {
  const period = demoPeriod(now);
  const demo = generateDemoDistrict({ year: period.year, throughMonth: period.throughMonth });
  const report: SeedReport = {
    unitsCreated: 0,
    quotasSet: 0,
    ledgersUploaded: 0,
    organizations: 0,
    visits: 0,
    meetings: 0,
    centre: 0,
    activityLedgers: 0,
    activities: 0,
  };
  const client = new ApiClient({ baseUrl: base, token });

  const known = new Set((await client.units()).map((unit) => unit.code));
  for (const unit of demo.units) {
    if (known.has(unit.code)) continue;
    await client.createUnit(unit);
    report.unitsCreated++;
  }

  for (const year of new Set(demo.quotas.map((quota) => quota.year))) {
    if ((await client.quotas(year)).quotas.length > 0) continue;
    const quotas = demo.quotas
      .filter((q) => q.year === year)
      .map(({ unitCode, quota }) => ({ unitCode, quota }));
    await client.setQuotas(year, quotas, demo.subsidy);
    report.quotasSet += quotas.length;
  }

  const byUnit = new Map<string, TrackingRecord[]>();
  for (const record of demo.records)
    byUnit.set(record.unitCode, [...(byUnit.get(record.unitCode) ?? []), record]);
  for (const unit of demo.units) {
    const records = byUnit.get(unit.code) ?? [];
    if (records.length === 0) continue;
    if ((await client.ledgerTotal(unit.code)) > 0) continue;
    // The real path: records → a sheet → the shared reader → the upload API (which re-validates).
    const sheet = readTrackingSheet(ledgerToSheetValues(records, { units: demo.units }));
    await client.upload(
      { unitCode: unit.code, rows: sheet.rows, reportYear: period.year, reportMonth: period.throughMonth },
      { dryRun: false },
    );
    report.ledgersUploaded++;
    report.organizations += records.length;
  }

  // 活动台账: a year of activities of each unit's 已建团 organizations, as the add-in sends the sheet, unless
  // the unit has an activity ledger already (any version: one emptied on purpose stays empty).
  const activities = generateDemoActivities(demo.records, period);
  for (const unit of demo.units) {
    const own = activities.filter((activity) => activity.unitCode === unit.code);
    if (own.length === 0) continue;
    const ledger = await client.activityLedger(unit.code);
    if (ledger.version > 0) continue;
    const answer = await uploadActivities(client, unit.code, activitySheet(unit.name, own));
    if (!answer || answer.replayed) continue;
    report.activityLedgers++;
    report.activities += answer.diff.added.length;
  }

  // 支持中心: nine resident organizations of the ledgers and about one in eight of the rest linked (a
  // since-date in the future of today's month is left for later: the centre counts from `since`).
  const centre = demoCentreOrganizations(demo.records, period.year);
  if ((await client.centre(period.year)).organizations?.length === 0) {
    for (const organization of centre) {
      await client.setCentreOrganization(organization);
      report.centre++;
    }
  }

  // 工作记录: a year of visits (to the resident organizations), meetings, leader links and holidays, unless
  // the year has records already.
  const existing = await client.workRecords(period.year);
  if (existing.visits.length + existing.meetings.length + existing.links.length === 0) {
    const residents = centre.filter((each) => each.relation === 'resident').map((each) => each.orgName);
    const work = generateDemoWorkRecords(demo.units, { ...period, residents });
    await client.setHolidays(period.year, work.holidays);
    await client.setLeaderLinks(period.year, work.links);
    report.visits = (await client.recordVisits(work.visits)).visits.length;
    if (work.meetings.length > 0)
      report.meetings = (await client.recordMeetings(work.meetings)).meetings.length;
  }
  return report;
}

/** The rows of a unit's activity sheet as the add-in reads them (activitySheetRows → readActivitySheet). */
function activitySheet(unitName: string, activities: readonly DemoActivity[]): ActivitySheetRow[] {
  const sheet = readActivitySheet(activitySheetRows(unitName, activities));
  if (!sheet || sheet.diagnostics.length > 0)
    throw new Error(`the demo activity sheet of ${unitName} is unreadable`);
  return sheet.rows;
}

/**
 * Uploads a unit's activity sheet (source api; the ledger is empty, so nothing is removed). A unit whose
 * ledger is not this run's demo (seeded in another month) may lack some organizations: their rows are left
 * out and the rest sent again. Null when no row is left.
 */
async function uploadActivities(
  client: ApiClient,
  unitCode: string,
  rows: ActivitySheetRow[],
): Promise<ActivityUploadResponse | null> {
  try {
    return await client.uploadActivities({ unitCode, rows, source: 'api' }, { dryRun: false });
  } catch (error) {
    if (!(error instanceof ApiClientError) || error.code !== 'validation_failed') throw error;
    const refused = new Set(
      error.diagnostics.filter((each) => each.severity === 'error').map((each) => each.row),
    );
    const kept = rows.filter((row) => !refused.has(row.row));
    if (kept.length === rows.length) throw error;
    if (kept.length === 0) return null;
    return client.uploadActivities({ unitCode, rows: kept, source: 'api' }, { dryRun: false });
  }
}
