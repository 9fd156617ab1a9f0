// Builds a month's summary from D1. Live figures come from the per-unit tallies every write keeps
// current, corrected for the records several units share (resolved one by one): the work grows with the
// number of units, not of organizations. Figures "as known at" an earlier moment are counted from the
// versions valid then.
import type {
  DuplicateAssignments,
  IssueCount,
  LedgerTally,
  Quota,
  SubsidyRate,
  Summary,
  Unit,
  WorkNews,
} from '@tuanjian/shared';
import {
  activityNews,
  activityNewsOf,
  adjustTally,
  type CountedActivity,
  countedRecords,
  daysInMonth,
  deductionsSince,
  summarize,
  summarizeTally,
  tallyLedger,
} from '@tuanjian/shared';
import { activityTalliesRead, yearActivitiesRead } from '../db/activities';
import { lastIssueBefore, lastIssueRead } from '../db/bulletins';
import { dataVersion } from '../db/data-version';
import { type Db, readTogether } from '../db/db';
import { assignmentsAsOf, assignmentsRead } from '../db/duplicates';
import {
  countedFoundUntrueRead,
  loadEffectiveLedger,
  loadLedgerAsOf,
  loadSharedRecords,
  loadUnsharedCountedKeys,
  type StoredRecord,
  sharedRecordsRead,
} from '../db/ledger';
import { latestSpotChecks } from '../db/spot-checks';
import { storedTallyRead } from '../db/tallies';
import {
  getSubsidyRate,
  listQuotas,
  listUnits,
  quotasAsOf,
  quotasRead,
  subsidyRateAsOf,
  subsidyRateRead,
  unitsRead,
} from '../db/units';
import { uploadsForMonth, uploadsForMonthRead } from '../db/uploads';
import type { Bindings } from '../types';
import { shanghaiDate } from './clock';
import { lateAfterDay } from './config';
import { assignmentUnits } from './duplicates';
import { workNewsAt, workNewsOf, workNewsReads } from './work';

export interface SummaryRequest {
  year: number;
  month: number;
  /** The moment the figures are for: "now" for live figures, or an earlier instant (asOf). */
  at: Date;
  district: string;
  lateAfterDay: number;
}

export function periodEnd(year: number, month: number): string {
  const last = daysInMonth(year, month);
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** Spot checks applied to records: each organization's latest check overrides what its sheet says. */
function applyChecks(
  ledger: StoredRecord[],
  checks: Map<string, { checkedOn: string; result: StoredRecord['checkResult'] }>,
): StoredRecord[] {
  return ledger.map((record) => {
    const check = checks.get(`${record.unitCode}\u0000${record.orgKey}`);
    return check ? { ...record, checkedOn: check.checkedOn, checkResult: check.result } : record;
  });
}

/**
 * The district's ledger as known at an instant: the versions valid then, with the spot checks
 * recorded by then (a 不属实 applies to every month, whatever its check date).
 */
export async function ledgerAsOf(db: Db, at: string): Promise<StoredRecord[]> {
  const [ledger, checks] = await Promise.all([loadLedgerAsOf(db, at), latestSpotChecks(db, at)]);
  return applyChecks(ledger, checks);
}

/**
 * Summaries already counted, by data version and request. Every write that changes the figures bumps
 * the version in its own batch, so an entry is never served after the data it came from changed.
 * Only finished summaries are kept (a pending one belongs to the request that started it).
 */
const computed = new Map<string, Summary>();
const MAX_CACHED = 48;

export async function liveSummary(db: Db, request: SummaryRequest): Promise<Summary> {
  const version = await dataVersion(db);
  const key = [
    version,
    request.year,
    request.month,
    shanghaiDate(request.at),
    request.district,
    request.lateAfterDay,
  ].join('|');
  const cached = computed.get(key);
  if (cached) return cached;
  const summary = await countLive(db, request);
  computed.set(key, summary);
  if (computed.size > MAX_CACHED) {
    const oldest = computed.keys().next();
    if (!oldest.done) computed.delete(oldest.value);
  }
  return summary;
}

/**
 * The live tally: the stored per-unit tallies (every record its own organization), with the records
 * other units share swapped from their raw tally to their resolved one. Equal to tallying the whole
 * effective ledger (a test holds the two side by side).
 */
export function correctedTally(
  stored: LedgerTally,
  shared: readonly StoredRecord[],
  period: { year: number; month: number },
  assignments: DuplicateAssignments = new Map(),
): LedgerTally {
  if (shared.length === 0) return stored;
  return adjustTally(
    stored,
    tallyLedger(shared, period, { resolveDuplicates: false }),
    // The committee's assignments concern only organizations several units report: all of them are here.
    tallyLedger(shared, period, { assignments }),
  );
}

/** Every input of a live summary in one D1 batch (one round trip), then the count. */
async function countLive(db: Db, request: SummaryRequest): Promise<Summary> {
  const at = request.at.toISOString();
  const inputs = await readTogether(db, {
    units: unitsRead(db),
    quotas: quotasRead(db, request.year),
    subsidy: subsidyRateRead(db, request.year),
    stored: storedTallyRead(db, request.year, request.month),
    shared: sharedRecordsRead(db),
    uploads: uploadsForMonthRead(db, request.year, request.month),
    previous: lastIssueRead(db, at),
    untrue: countedFoundUntrueRead(db, at),
    assignments: assignmentsRead(db),
    ...prefixed(workNewsReads(db, request.year, null)),
    activities: activityTalliesRead(db, request.year, request.month),
  });
  const { units, shared, previous } = inputs;
  let deductions = null;
  if (previous) {
    // 核减 needs only the counted organizations now found untrue, and the shared ones to resolve them.
    const sharedKeys = new Set(shared.map((record) => `${record.unitCode}\u0000${record.orgKey}`));
    const untrue = inputs.untrue.filter(
      (record) => !sharedKeys.has(`${record.unitCode}\u0000${record.orgKey}`),
    );
    deductions = deductionsSince([...shared, ...untrue], previous, units);
  }
  const assignments = assignmentUnits(inputs.assignments);
  return summarizeTally(correctedTally(inputs.stored, shared, request, assignments), {
    district: request.district,
    units,
    quotas: inputs.quotas,
    year: request.year,
    month: request.month,
    today: shanghaiDate(request.at),
    subsidy: inputs.subsidy,
    uploads: inputs.uploads,
    lateAfterDay: request.lateAfterDay,
    deductions,
    work: workNewsOf(
      request.year,
      request.month,
      {
        visits: inputs.workVisits,
        meetings: inputs.workMeetings,
        links: inputs.workLinks,
        holidays: inputs.workHolidays,
      },
      shanghaiDate(request.at),
    ),
    activities: activityNewsOf(
      request.year,
      request.month,
      inputs.activities.tallies,
      inputs.activities.standouts,
      units,
    ),
  });
}

/** The work reads under names of their own in the summary's batch. */
function prefixed<T extends Record<'visits' | 'meetings' | 'links' | 'holidays', unknown>>(reads: T) {
  return {
    workVisits: reads.visits,
    workMeetings: reads.meetings,
    workLinks: reads.links,
    workHolidays: reads.holidays,
  } as {
    workVisits: T['visits'];
    workMeetings: T['meetings'];
    workLinks: T['links'];
    workHolidays: T['holidays'];
  };
}

/** A full count of a ledger, with the inputs that go with it (shared by the as-of and the reference count). */
async function countInFull(
  request: SummaryRequest,
  inputs: Promise<
    [
      Unit[],
      Quota[],
      StoredRecord[],
      Awaited<ReturnType<typeof uploadsForMonth>>,
      SubsidyRate,
      Awaited<ReturnType<typeof lastIssueBefore>>,
      Awaited<ReturnType<typeof assignmentsAsOf>>,
      WorkNews | null,
      CountedActivity[],
    ]
  >,
): Promise<Summary> {
  const [units, quotas, ledger, uploads, subsidy, previous, assignments, work, activities] = await inputs;
  return summarize(ledger, {
    district: request.district,
    units,
    quotas,
    year: request.year,
    month: request.month,
    today: shanghaiDate(request.at),
    subsidy,
    uploads,
    lateAfterDay: request.lateAfterDay,
    ...(previous ? { previousIssue: previous } : {}),
    assignments: assignmentUnits(assignments),
    work,
    activities: activityNews(request.year, request.month, activities, units),
  });
}

/**
 * The summary as known at `request.at`: the ledger versions, spot checks, quotas, subsidy rate, uploads
 * and last issue of that moment, counted in full. A published issue equals this at its publication time.
 */
export function summaryAsOf(db: Db, request: SummaryRequest): Promise<Summary> {
  const at = request.at.toISOString();
  return countInFull(
    request,
    Promise.all([
      listUnits(db),
      quotasAsOf(db, request.year, at),
      ledgerAsOf(db, at),
      uploadsForMonth(db, request.year, request.month, at),
      subsidyRateAsOf(db, request.year, at),
      lastIssueBefore(db, at),
      assignmentsAsOf(db, at),
      workNewsAt(db, { ...request, now: request.at }, at),
      readTogether(db, { activities: yearActivitiesRead(db, request.year, at) }).then(
        (read) => read.activities,
      ),
    ]),
  );
}

/** The whole current ledger counted in full (the reference the live tally is checked against). */
export function summaryInFull(db: Db, request: SummaryRequest): Promise<Summary> {
  return countInFull(
    request,
    Promise.all([
      listUnits(db),
      listQuotas(db, request.year),
      loadEffectiveLedger(db),
      uploadsForMonth(db, request.year, request.month),
      getSubsidyRate(db, request.year),
      lastIssueBefore(db, request.at.toISOString()),
      readTogether(db, { assignments: assignmentsRead(db) }).then((read) => read.assignments),
      workNewsAt(db, { ...request, now: request.at }, null),
      readTogether(db, { activities: yearActivitiesRead(db, request.year, null) }).then(
        (read) => read.activities,
      ),
    ]),
  );
}

/**
 * The records that count for Y up to M, per unit and organization: what an issue records it counted.
 * Those no other unit shares come straight from SQL (keys only); the shared ones are resolved here.
 */
export async function countedKeys(db: Db, year: number, month: number): Promise<IssueCount[]> {
  const [units, unshared, shared, current] = await Promise.all([
    listUnits(db),
    loadUnsharedCountedKeys(db, `${year}-01-01`, periodEnd(year, month)),
    loadSharedRecords(db),
    readTogether(db, { assignments: assignmentsRead(db) }),
  ]);
  const assignments = assignmentUnits(current.assignments);
  return [
    ...unshared,
    ...countedRecords(shared, { units, year, month, assignments }).map((record) => ({
      unitCode: record.unitCode,
      orgKey: record.orgKey,
    })),
  ];
}

/** The summary of a month as of now (or as known at `asOf`), with the district's configured name and late day. */
export function summaryFor(
  env: Bindings,
  db: Db,
  year: number,
  month: number,
  at: Date,
  options: { asOf?: boolean } = {},
): Promise<Summary> {
  const request = { year, month, at, district: env.DISTRICT_NAME, lateAfterDay: lateAfterDay(env) };
  return options.asOf ? summaryAsOf(db, request) : liveSummary(db, request);
}
