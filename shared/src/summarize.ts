// Monthly counting (SPEC §3): from the district's ledger, quotas and uploads to every figure a bulletin shows.
import { orgKey } from './org-key';
import type {
  CrossUnitDuplicate,
  LedgerRecord,
  Mode,
  Quota,
  SpotCheckCounts,
  SubsidyRate,
  Summary,
  Unit,
  UnitState,
  UnitSummary,
} from './schemas';

export interface ReportUpload {
  unitCode: string;
  reportYear: number;
  reportMonth: number;
  /** ISO timestamp; read as UTC when it carries no offset. */
  uploadedAt: string;
}

export interface SummarizeOptions {
  district: string;
  /** Every unit, in table order; inactive ones appear only when the ledger holds records of theirs. */
  units: Unit[];
  /** Quotas of any year; only those of `year` are used (the last one wins if a unit has two). */
  quotas: Quota[];
  year: number;
  month: number;
  /** YYYY-MM-DD, carried into the summary. */
  today: string;
  /** Per counted organization; default 300 (city) + 300 (district) yuan. */
  subsidy?: SubsidyRate;
  /** Uploads, for the reporting status (报送情况). */
  uploads?: ReportUpload[];
  /** An upload for month M made after this day of M+1 (Asia/Shanghai) is late; default 5. */
  lateAfterDay?: number;
}

export const DEFAULT_SUBSIDY_RATE: SubsidyRate = { city: 300, district: 300 };
export const DEFAULT_LATE_AFTER_DAY = 5;

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/iu;

/** Milliseconds since the epoch of an ISO timestamp, parsed by hand so no host time zone leaks in. */
function instantOf(timestamp: string): number | null {
  const match = ISO_TIMESTAMP.exec(timestamp.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour ?? 0),
    Number(minute ?? 0),
    Number(second ?? 0),
    Math.floor(Number(`0.${fraction ?? '0'}`) * 1000),
  );
  if (!zone || zone.toUpperCase() === 'Z') return utc;
  const digits = zone.replace(':', '');
  const offsetMinutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return utc - (digits.startsWith('-') ? -1 : 1) * offsetMinutes * 60_000;
}

function compareTimestamps(a: string, b: string): number {
  const instantA = instantOf(a);
  const instantB = instantOf(b);
  if (instantA !== null && instantB !== null && instantA !== instantB) return instantA - instantB;
  if (instantA !== null && instantB !== null) return 0;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Established and not found untrue by a spot check: a record that can count for some period. */
function isEligible(record: LedgerRecord): boolean {
  return record.status === '已建团' && record.establishedOn !== null && record.checkResult !== '不属实';
}

/**
 * Which of the records of one organization counts: eligible before ineligible, then the earliest 建团时间,
 * then the earliest first report, then unit code (and sheet row, so the order is total).
 */
function compareClaims(a: LedgerRecord, b: LedgerRecord): number {
  const eligibleA = isEligible(a);
  if (eligibleA !== isEligible(b)) return eligibleA ? -1 : 1;
  if (a.establishedOn !== b.establishedOn) {
    if (a.establishedOn === null) return 1;
    if (b.establishedOn === null) return -1;
    return compareText(a.establishedOn, b.establishedOn);
  }
  return (
    compareTimestamps(a.firstReportedAt, b.firstReportedAt) ||
    compareText(a.unitCode, b.unitCode) ||
    a.row - b.row
  );
}

function emptyModes(): Record<Mode, number> {
  return { 独立建团: 0, 联合建团: 0, 楼宇建团: 0, 区域建团: 0 };
}

function emptySpotChecks(): SpotCheckCounts {
  return { done: 0, 属实: 0, 不属实: 0, 无法联系: 0 };
}

function stateOf(counted: number, quota: number, month: number): UnitState {
  if (counted >= quota) return '已完成';
  if (counted === 0) return '未启动';
  // counted ≥ quota × M / 12, compared in integers so 2.5 vs 2.5 is never lost to rounding.
  return counted * 12 >= quota * month ? '正常' : '滞后';
}

/** Rate descending, then counted descending; rates compared as exact fractions by cross-multiplying. */
function compareStanding(a: UnitSummary, b: UnitSummary): number {
  const quotaA = a.quota ?? 0;
  const quotaB = b.quota ?? 0;
  return b.counted * quotaA - a.counted * quotaB || b.counted - a.counted;
}

/**
 * Every figure of the month: per unit (in `units` order) and for the district, with modes, spot checks,
 * lagging and not-started units, reporting status and cross-unit duplicates. Records of units not in
 * `units` are ignored.
 * @example
 * const summary = summarize(ledger, {
 *   district: '浦东新区', units, quotas: [{ unitCode: 'HM', year: 2026, quota: 12 }],
 *   year: 2026, month: 3, today: '2026-04-01',
 * });
 * summary.units[0]; // => { unitCode: 'HM', quota: 12, counted: 3, expected: 3, state: '正常', rank: 1, … }
 */
/**
 * Resolves organizations reported more than once (across units): the one record per organization
 * that may count, and the cross-unit duplicates with whom each is counted for.
 */
function claimWinners(records: readonly LedgerRecord[]): {
  winners: Set<LedgerRecord>;
  duplicates: CrossUnitDuplicate[];
} {
  const claimsByOrg = new Map<string, LedgerRecord[]>();
  for (const record of records) {
    const key = orgKey(record.creditCode, record.orgName);
    const claims = claimsByOrg.get(key);
    if (claims) claims.push(record);
    else claimsByOrg.set(key, [record]);
  }
  const winners = new Set<LedgerRecord>();
  const duplicates: CrossUnitDuplicate[] = [];
  for (const [key, claims] of claimsByOrg) {
    const ordered = [...claims].sort(compareClaims);
    const winner = ordered[0];
    if (!winner) continue;
    // 不属实 on any report takes the organization out of the count for every unit (SPEC §3).
    const foundUntrue = claims.some((claim) => claim.checkResult === '不属实');
    if (isEligible(winner) && !foundUntrue) winners.add(winner);
    const reportedBy: CrossUnitDuplicate['reportedBy'] = [];
    for (const claim of ordered) {
      if (reportedBy.some((entry) => entry.unitCode === claim.unitCode)) continue;
      reportedBy.push({
        unitCode: claim.unitCode,
        establishedOn: claim.establishedOn,
        firstReportedAt: claim.firstReportedAt,
      });
    }
    if (reportedBy.length < 2) continue;
    duplicates.push({
      orgKey: key,
      orgName: winner.orgName,
      creditCode: claims.find((claim) => claim.creditCode !== null)?.creditCode ?? null,
      countedFor: winner.unitCode,
      reportedBy,
    });
  }
  duplicates.sort((a, b) => compareText(a.orgKey, b.orgKey));
  return { winners, duplicates };
}

/**
 * The records that count for year Y up to month M (已建团 in the period, not 不属实, once per
 * organization across units): the basis of the count and of the subsidies due.
 * @example countedRecords(ledger, { units, year: 2026, month: 3 }).length // => 累计完成 of the district
 */
export function countedRecords<T extends LedgerRecord>(
  ledger: readonly T[],
  options: { units: readonly Unit[]; year: number; month: number },
): T[] {
  const known = new Set(options.units.map((unit) => unit.code));
  const records = ledger.filter((record) => known.has(record.unitCode));
  const { winners } = claimWinners(records);
  const yearStart = `${options.year}-01-01`;
  const periodEnd = `${options.year}-${pad2(options.month)}-${pad2(daysInMonth(options.year, options.month))}`;
  return records.filter(
    (record) =>
      winners.has(record) &&
      record.establishedOn !== null &&
      record.establishedOn >= yearStart &&
      record.establishedOn <= periodEnd,
  );
}

export function summarize(ledger: LedgerRecord[], options: SummarizeOptions): Summary {
  const { district, year, month, today } = options;
  if (!Number.isInteger(year)) throw new RangeError(`year must be an integer: ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`month must be 1–12: ${month}`);
  }
  const subsidyRate = options.subsidy ?? DEFAULT_SUBSIDY_RATE;
  const perOrganization = subsidyRate.city + subsidyRate.district;
  const lateAfterDay = options.lateAfterDay ?? DEFAULT_LATE_AFTER_DAY;

  const yearStart = `${year}-01-01`;
  const monthStart = `${year}-${pad2(month)}-01`;
  const periodEnd = `${year}-${pad2(month)}-${pad2(daysInMonth(year, month))}`;

  const unitByCode = new Map<string, Unit>();
  for (const unit of options.units) if (!unitByCode.has(unit.code)) unitByCode.set(unit.code, unit);
  const records = ledger.filter((record) => unitByCode.has(record.unitCode));

  const quotaByUnit = new Map<string, number>();
  for (const quota of options.quotas) if (quota.year === year) quotaByUnit.set(quota.unitCode, quota.quota);

  const { winners, duplicates } = claimWinners(records);

  const isCounted = (record: LedgerRecord): boolean =>
    winners.has(record) &&
    record.establishedOn !== null &&
    record.establishedOn >= yearStart &&
    record.establishedOn <= periodEnd;
  const isNewThisMonth = (record: LedgerRecord): boolean =>
    isCounted(record) && record.establishedOn !== null && record.establishedOn >= monthStart;
  const isEstablished = (record: LedgerRecord): boolean =>
    isEligible(record) && record.establishedOn !== null && record.establishedOn <= periodEnd;

  const recordsByUnit = new Map<string, LedgerRecord[]>();
  for (const record of records) {
    const own = recordsByUnit.get(record.unitCode);
    if (own) own.push(record);
    else recordsByUnit.set(record.unitCode, [record]);
  }

  const tableUnits = [...unitByCode.values()].filter(
    (unit) => unit.active || (recordsByUnit.get(unit.code)?.length ?? 0) > 0,
  );

  const unitSummaries: UnitSummary[] = tableUnits.map((unit) => {
    const own = recordsByUnit.get(unit.code) ?? [];
    const counted = own.filter(isCounted).length;
    const newThisMonth = own.filter(isNewThisMonth).length;
    const established = own.filter(isEstablished).length;
    const quota = quotaByUnit.get(unit.code) ?? null;
    const expected = quota === null ? null : (quota * month) / 12;
    const hasQuota = quota !== null && quota > 0;
    return {
      unitCode: unit.code,
      unitName: unit.name,
      quota,
      newThisMonth,
      counted,
      expected,
      gap: expected === null ? null : counted - expected,
      rate: hasQuota ? counted / quota : null,
      state: hasQuota ? stateOf(counted, quota, month) : null,
      rank: null,
      organizations: own.length,
      established,
      coverage: own.length === 0 ? null : established / own.length,
      subsidy: counted * perOrganization,
    };
  });

  const standings = unitSummaries.filter((unit) => unit.rate !== null).sort(compareStanding);
  standings.forEach((unit, index) => {
    const previous = standings[index - 1];
    unit.rank = previous && compareStanding(previous, unit) === 0 ? previous.rank : index + 1;
  });

  const sum = (pick: (unit: UnitSummary) => number): number =>
    unitSummaries.reduce((total, unit) => total + pick(unit), 0);
  const quotaTotal = sum((unit) => unit.quota ?? 0);
  const countedTotal = sum((unit) => unit.counted);
  // Σ quota × M / 12 computed once from the quota total: the same number, with a single rounding.
  const expectedTotal = (quotaTotal * month) / 12;
  // Every unit with records is in the table, so the district's organizations are the distinct org keys.
  const districtOrgs = new Set(records.map((record) => orgKey(record.creditCode, record.orgName)));
  const districtEstablished = new Set(
    records.filter(isEstablished).map((record) => orgKey(record.creditCode, record.orgName)),
  ).size;

  const modes = { month: emptyModes(), toDate: emptyModes() };
  for (const record of records) {
    if (!isCounted(record) || record.mode === null) continue;
    modes.toDate[record.mode] += 1;
    if (isNewThisMonth(record)) modes.month[record.mode] += 1;
  }

  const spotChecks = { month: emptySpotChecks(), toDate: emptySpotChecks() };
  for (const record of records) {
    const checkedOn = record.checkedOn;
    if (checkedOn === null || checkedOn < yearStart || checkedOn > periodEnd) continue;
    const buckets = checkedOn >= monthStart ? [spotChecks.toDate, spotChecks.month] : [spotChecks.toDate];
    for (const bucket of buckets) {
      bucket.done += 1;
      if (record.checkResult !== null) bucket[record.checkResult] += 1;
    }
  }

  const lagging = unitSummaries
    .filter((unit) => unit.state === '滞后')
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
    .map((unit) => unit.unitName);
  const notStarted = unitSummaries.filter((unit) => unit.state === '未启动').map((unit) => unit.unitName);

  return {
    district,
    year,
    month,
    periodEnd,
    today,
    subsidyRate: { city: subsidyRate.city, district: subsidyRate.district },
    units: unitSummaries,
    totals: {
      quota: quotaTotal,
      newThisMonth: sum((unit) => unit.newThisMonth),
      counted: countedTotal,
      expected: expectedTotal,
      gap: countedTotal - expectedTotal,
      rate: quotaTotal > 0 ? countedTotal / quotaTotal : null,
      organizations: districtOrgs.size,
      established: districtEstablished,
      coverage: districtOrgs.size === 0 ? null : districtEstablished / districtOrgs.size,
      subsidy: sum((unit) => unit.subsidy),
      units: unitSummaries.length,
      rankedUnits: standings.length,
    },
    modes,
    spotChecks,
    lagging,
    notStarted,
    reporting: reportingStatus(options.units, options.uploads ?? [], year, month, lateAfterDay),
    duplicates,
  };
}

/** On time, late or missing for every active unit, by the Asia/Shanghai calendar (UTC+8, no DST). */
function reportingStatus(
  units: Unit[],
  uploads: ReportUpload[],
  year: number,
  month: number,
  lateAfterDay: number,
): Summary['reporting'] {
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  const lastOnTimeDay = Math.min(Math.max(lateAfterDay, 0), daysInMonth(nextYear, nextMonth));
  // The first instant (UTC) that is already late: midnight in Shanghai after the last on-time day.
  const deadline = Date.UTC(nextYear, nextMonth - 1, lastOnTimeDay + 1) - SHANGHAI_OFFSET_MS;

  const reporting: Summary['reporting'] = { onTime: [], late: [], missing: [] };
  const seen = new Set<string>();
  for (const unit of units) {
    if (!unit.active || seen.has(unit.code)) continue;
    seen.add(unit.code);
    const instants = uploads
      .filter((upload) => upload.unitCode === unit.code)
      .filter((upload) => upload.reportYear === year && upload.reportMonth === month)
      .map((upload) => {
        const instant = instantOf(upload.uploadedAt);
        if (instant === null) throw new RangeError(`not an ISO timestamp: ${upload.uploadedAt}`);
        return instant;
      });
    if (instants.length === 0) reporting.missing.push(unit.name);
    else if (instants.some((instant) => instant < deadline)) reporting.onTime.push(unit.name);
    else reporting.late.push(unit.name);
  }
  return reporting;
}
