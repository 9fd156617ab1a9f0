// Monthly counting (SPEC §3): from the district's ledger, quotas and uploads to every figure a bulletin shows.
import { daysInMonth, SHANGHAI_OFFSET_MS } from './dates';
import { normalizeOrgName, orgKey } from './org-key';
import type {
  ActivityNews,
  CrossUnitDuplicate,
  Deductions,
  LedgerRecord,
  Mode,
  Quota,
  SpotCheckCounts,
  SubsidyRate,
  Summary,
  Unit,
  UnitReporting,
  UnitState,
  UnitSummary,
  WorkNews,
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
  /** The last published issue and what it counted: the summary states the 核减 since. */
  previousIssue?: { issueNumber: number; counted: readonly IssueCount[] };
  /** The month's 工作动态 (the committee's work records), when the caller keeps them. */
  work?: WorkNews | null;
  /** The month's 活动开展 (the units' activity ledgers), when the caller keeps them. */
  activities?: ActivityNews | null;
  /** The committee's settlements of cross-unit duplicates (重复): organization key → unit it counts for. */
  assignments?: DuplicateAssignments;
}

/**
 * The committee's settlements of cross-unit duplicates: the key of an organization (`c:` credit code or
 * `n:` normalized name, as `orgKey` makes it) → the unit it counts for instead of the default.
 */
export type DuplicateAssignments = ReadonlyMap<string, string>;

export const DEFAULT_SUBSIDY_RATE: SubsidyRate = { city: 300, district: 300 };
export const DEFAULT_LATE_AFTER_DAY = 5;

function pad2(value: number): string {
  return String(value).padStart(2, '0');
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
 * The records of the same organization, grouped (SPEC §3): the same credit code, or — where either
 * record has no credit code — the same normalized name. Two different credit codes are two
 * organizations whatever the names, so a record without a code whose name several codes share stays
 * apart (it cannot be told which one it is). Groups come in the order of their first record.
 * @example clusterClaims([withCode, sameNameWithoutCode, other]) // => [[withCode, sameNameWithoutCode], [other]]
 */
export function clusterClaims<T extends LedgerRecord>(records: readonly T[]): T[][] {
  const parent = records.map((_, index) => index);
  const find = (start: number): number => {
    let index = start;
    for (let up = parent[index] ?? index; up !== index; up = parent[index] ?? index) {
      parent[index] = parent[up] ?? up;
      index = up;
    }
    return index;
  };
  const union = (a: number, b: number): void => {
    const rootA = find(a);
    const rootB = find(b);
    if (rootA !== rootB) parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  };
  const firstByCode = new Map<string, number>();
  const byName = new Map<string, number[]>();
  records.forEach((record, index) => {
    if (record.creditCode) {
      const first = firstByCode.get(record.creditCode);
      if (first === undefined) firstByCode.set(record.creditCode, index);
      else union(first, index);
    }
    const name = normalizeOrgName(record.orgName);
    const named = byName.get(name);
    if (named) named.push(index);
    else byName.set(name, [index]);
  });
  for (const named of byName.values()) {
    if (named.length < 2) continue;
    const codes = new Set(named.map((index) => records[index]?.creditCode).filter((code) => code));
    // One code (or none) under this name: the records without a code are that organization. Several
    // codes: only the records without a code are taken as one another.
    const joined = codes.size <= 1 ? named : named.filter((index) => !records[index]?.creditCode);
    const [first, ...rest] = joined;
    if (first !== undefined) for (const index of rest) union(first, index);
  }
  const groups = new Map<number, T[]>();
  records.forEach((record, index) => {
    const root = find(index);
    const group = groups.get(root);
    if (group) group.push(record);
    else groups.set(root, [record]);
  });
  return [...groups.values()];
}

/** The key an organization is known by: a credit code of one of its records, else its normalized name. */
function clusterKey(claims: readonly LedgerRecord[]): string {
  const withCode = claims.find((claim) => claim.creditCode !== null);
  const first = withCode ?? claims[0];
  return first ? orgKey(first.creditCode, first.orgName) : '';
}

/**
 * The record of the unit an assignment names, when one applies: the organization is reported by more
 * than one unit, an assignment is kept under its key (or, should a record have gained or lost its credit
 * code since, under the key of one of its records), and that unit's record may count. Otherwise null:
 * the default stands.
 */
function assignedClaim<T extends LedgerRecord>(
  claims: readonly T[],
  key: string,
  assignments: DuplicateAssignments | undefined,
): T | null {
  if (!assignments || assignments.size === 0) return null;
  if (new Set(claims.map((claim) => claim.unitCode)).size < 2) return null;
  let unitCode = assignments.get(key);
  for (const claim of claims) {
    if (unitCode !== undefined) break;
    unitCode =
      assignments.get(orgKey(claim.creditCode, claim.orgName)) ??
      assignments.get(orgKey(null, claim.orgName));
  }
  if (unitCode === undefined) return null;
  return claims.find((claim) => claim.unitCode === unitCode && isEligible(claim)) ?? null;
}

/** One organization as the district counts it: its records, the one that counts, and whether it was found untrue. */
export interface ResolvedOrganization<T extends LedgerRecord = LedgerRecord> {
  key: string;
  /** Its records, in the default order: the first is the one that counts unless an assignment says otherwise. */
  claims: T[];
  /** The record that counts, or null when none may (not established, or found 不属实 on any report). */
  winner: T | null;
  /** 不属实 on any report of it (the sheet's 抽查结果 or a recorded spot check). */
  foundUntrue: boolean;
  /** The unit the committee assigned it to, when that assignment applies (null: the default stands). */
  assignedTo: string | null;
}

/**
 * Every organization of a ledger, its duplicates across units resolved: it counts once, for the unit
 * with the earliest 建团时间 (ties: the first to report it) unless the committee assigned it to another
 * unit that reports it as established; 不属实 on any report takes it out for all.
 * @example resolveOrganizations(ledger, new Map([['c:51310115MJ4985617X', 'HM']]))
 */
export function resolveOrganizations<T extends LedgerRecord>(
  records: readonly T[],
  assignments?: DuplicateAssignments,
): ResolvedOrganization<T>[] {
  return clusterClaims(records).map((claims) => {
    const ordered = claims.length > 1 ? [...claims].sort(compareClaims) : claims;
    const key = clusterKey(ordered);
    const assigned = claims.length > 1 ? assignedClaim(ordered, key, assignments) : null;
    const counting = assigned ?? ordered[0] ?? null;
    const foundUntrue = claims.some((claim) => claim.checkResult === '不属实');
    return {
      key,
      claims: ordered,
      winner: counting !== null && isEligible(counting) && !foundUntrue ? counting : null,
      foundUntrue,
      assignedTo: assigned?.unitCode ?? null,
    };
  });
}

function duplicateOf(organization: ResolvedOrganization): CrossUnitDuplicate | null {
  const reportedBy: CrossUnitDuplicate['reportedBy'] = [];
  for (const claim of organization.claims) {
    if (reportedBy.some((entry) => entry.unitCode === claim.unitCode)) continue;
    reportedBy.push({
      unitCode: claim.unitCode,
      establishedOn: claim.establishedOn,
      firstReportedAt: claim.firstReportedAt,
    });
  }
  const first = organization.claims[0];
  if (reportedBy.length < 2 || !first) return null;
  return {
    orgKey: organization.key,
    orgName: first.orgName,
    creditCode: organization.claims.find((claim) => claim.creditCode !== null)?.creditCode ?? null,
    countedFor: organization.assignedTo ?? first.unitCode,
    assigned: organization.assignedTo !== null,
    reportedBy,
  };
}

/** A year and a month: the period a tally counts up to. */
export interface TallyPeriod {
  year: number;
  month: number;
}

/** One unit's figures for a period, before quotas: what the ledger itself says. */
export interface UnitTally {
  /** Records in the unit's ledger. */
  organizations: number;
  /** Established by the end of the month and not found untrue. */
  established: number;
  /** Counted for the year up to the month (once per organization across units). */
  counted: number;
  newThisMonth: number;
  modes: { month: Record<Mode, number>; toDate: Record<Mode, number> };
  spotChecks: { month: SpotCheckCounts; toDate: SpotCheckCounts };
}

/** A ledger's figures for a period, per unit and for the district, with its cross-unit duplicates. */
export interface LedgerTally {
  units: Map<string, UnitTally>;
  /** Distinct organizations in the district (each organization once, whichever units report it). */
  organizations: number;
  /** Distinct organizations established by the end of the month and not found untrue. */
  established: number;
  duplicates: CrossUnitDuplicate[];
}

/** The unit's tally in `units`, made empty on first use. */
export function unitTallyIn(units: Map<string, UnitTally>, unitCode: string): UnitTally {
  let tally = units.get(unitCode);
  if (!tally) {
    tally = emptyUnitTally();
    units.set(unitCode, tally);
  }
  return tally;
}

export function emptyUnitTally(): UnitTally {
  return {
    organizations: 0,
    established: 0,
    counted: 0,
    newThisMonth: 0,
    modes: { month: emptyModes(), toDate: emptyModes() },
    spotChecks: { month: emptySpotChecks(), toDate: emptySpotChecks() },
  };
}

function periodBounds({ year, month }: TallyPeriod) {
  if (!Number.isInteger(year)) throw new RangeError(`year must be an integer: ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`month must be 1–12: ${month}`);
  return {
    yearStart: `${year}-01-01`,
    monthStart: `${year}-${pad2(month)}-01`,
    periodEnd: `${year}-${pad2(month)}-${pad2(daysInMonth(year, month))}`,
  };
}

/**
 * Tallies a ledger for a period. With `resolveDuplicates` (the default) each organization counts once
 * across units; without it every record is taken as an organization of its own — the additive form
 * the worker keeps per unit in D1, corrected afterwards for the records other units share.
 * @example tallyLedger(ledger, { year: 2026, month: 3 }).units.get('HM')?.counted // => 3
 */
export function tallyLedger(
  records: readonly LedgerRecord[],
  period: TallyPeriod,
  options: { resolveDuplicates?: boolean; assignments?: DuplicateAssignments } = {},
): LedgerTally {
  const { yearStart, monthStart, periodEnd } = periodBounds(period);
  const organizations =
    options.resolveDuplicates === false
      ? records.map((record) => ({
          key: '',
          claims: [record],
          winner: isEligible(record) ? record : null,
          foundUntrue: record.checkResult === '不属实',
          assignedTo: null,
        }))
      : resolveOrganizations(records, options.assignments);
  const units = new Map<string, UnitTally>();
  const tallyOf = (unitCode: string): UnitTally => unitTallyIn(units, unitCode);
  let districtEstablished = 0;
  const duplicates: CrossUnitDuplicate[] = [];
  for (const organization of organizations) {
    let anyEstablished = false;
    for (const record of organization.claims) {
      const tally = tallyOf(record.unitCode);
      tally.organizations += 1;
      const established =
        !organization.foundUntrue &&
        isEligible(record) &&
        record.establishedOn !== null &&
        record.establishedOn <= periodEnd;
      if (established) {
        tally.established += 1;
        anyEstablished = true;
      }
      const checkedOn = record.checkedOn;
      if (checkedOn !== null && checkedOn >= yearStart && checkedOn <= periodEnd) {
        const buckets =
          checkedOn >= monthStart
            ? [tally.spotChecks.toDate, tally.spotChecks.month]
            : [tally.spotChecks.toDate];
        for (const bucket of buckets) {
          bucket.done += 1;
          if (record.checkResult !== null) bucket[record.checkResult] += 1;
        }
      }
    }
    if (anyEstablished) districtEstablished += 1;
    const winner = organization.winner;
    if (winner?.establishedOn && winner.establishedOn >= yearStart && winner.establishedOn <= periodEnd) {
      const tally = tallyOf(winner.unitCode);
      tally.counted += 1;
      if (winner.mode !== null) tally.modes.toDate[winner.mode] += 1;
      if (winner.establishedOn >= monthStart) {
        tally.newThisMonth += 1;
        if (winner.mode !== null) tally.modes.month[winner.mode] += 1;
      }
    }
    if (organization.claims.length > 1) {
      const duplicate = duplicateOf(organization);
      if (duplicate) duplicates.push(duplicate);
    }
  }
  duplicates.sort((a, b) => compareText(a.orgKey, b.orgKey));
  return { units, organizations: organizations.length, established: districtEstablished, duplicates };
}

function addCounts<K extends string>(into: Record<K, number>, from: Record<K, number>, sign: 1 | -1): void {
  for (const key of Object.keys(from) as K[]) into[key] += sign * from[key];
}

/**
 * `base` with `minus` taken away and `plus` added, unit by unit: how the worker turns the per-unit
 * tallies it keeps in D1 (every record its own organization) into the real ones, by swapping the raw
 * tally of the records other units share for their resolved tally.
 */
export function adjustTally(base: LedgerTally, minus: LedgerTally, plus: LedgerTally): LedgerTally {
  const units = new Map<string, UnitTally>();
  const apply = (from: LedgerTally, sign: 1 | -1) => {
    for (const [unitCode, part] of from.units) {
      const tally = unitTallyIn(units, unitCode);
      tally.organizations += sign * part.organizations;
      tally.established += sign * part.established;
      tally.counted += sign * part.counted;
      tally.newThisMonth += sign * part.newThisMonth;
      addCounts(tally.modes.month, part.modes.month, sign);
      addCounts(tally.modes.toDate, part.modes.toDate, sign);
      addCounts(tally.spotChecks.month, part.spotChecks.month, sign);
      addCounts(tally.spotChecks.toDate, part.spotChecks.toDate, sign);
    }
  };
  apply(base, 1);
  apply(minus, -1);
  apply(plus, 1);
  return {
    units,
    organizations: base.organizations - minus.organizations + plus.organizations,
    established: base.established - minus.established + plus.established,
    duplicates: [...base.duplicates, ...plus.duplicates].sort((a, b) => compareText(a.orgKey, b.orgKey)),
  };
}

/**
 * The records that count for year Y up to month M (已建团 in the period, not 不属实, once per
 * organization across units): the basis of the count and of the subsidies due.
 * @example countedRecords(ledger, { units, year: 2026, month: 3 }).length // => 累计完成 of the district
 */
export function countedRecords<T extends LedgerRecord>(
  ledger: readonly T[],
  options: { units: readonly Unit[]; year: number; month: number; assignments?: DuplicateAssignments },
): T[] {
  const known = new Set(options.units.map((unit) => unit.code));
  const { yearStart, periodEnd } = periodBounds(options);
  const records = ledger.filter((record) => known.has(record.unitCode));
  return resolveOrganizations(records, options.assignments).flatMap(({ winner }) =>
    winner?.establishedOn && winner.establishedOn >= yearStart && winner.establishedOn <= periodEnd
      ? [winner]
      : [],
  );
}

/** An organization a published issue counted: the unit it counted for and its key there. */
export interface IssueCount {
  unitCode: string;
  orgKey: string;
}

/**
 * 核减: organizations the last published issue counted that have since been found 不属实 (by the
 * sheet or a recorded spot check), per unit. An organization a unit has taken off its ledger is not
 * a 核减 (nothing was found), so it is not here.
 */
export function deductionsSince(
  ledger: readonly LedgerRecord[],
  previous: { issueNumber: number; counted: readonly IssueCount[] },
  units: readonly Unit[],
): Deductions {
  const untrue = new Set<string>();
  for (const organization of resolveOrganizations(ledger)) {
    if (!organization.foundUntrue) continue;
    for (const claim of organization.claims)
      untrue.add(`${claim.unitCode}\u0000${orgKey(claim.creditCode, claim.orgName)}`);
  }
  const byUnit = new Map<string, number>();
  for (const entry of previous.counted) {
    if (!untrue.has(`${entry.unitCode}\u0000${entry.orgKey}`)) continue;
    byUnit.set(entry.unitCode, (byUnit.get(entry.unitCode) ?? 0) + 1);
  }
  const unitRows = units
    .filter((unit) => byUnit.has(unit.code))
    .map((unit) => ({ unitCode: unit.code, unitName: unit.name, organizations: byUnit.get(unit.code) ?? 0 }));
  return {
    sinceIssue: previous.issueNumber,
    organizations: unitRows.reduce((total, row) => total + row.organizations, 0),
    units: unitRows,
  };
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
export function summarize(ledger: readonly LedgerRecord[], options: SummarizeOptions): Summary {
  const known = new Set(options.units.map((unit) => unit.code));
  const records = ledger.filter((record) => known.has(record.unitCode));
  const tally = tallyLedger(
    records,
    options,
    options.assignments ? { assignments: options.assignments } : {},
  );
  const deductions = options.previousIssue
    ? deductionsSince(records, options.previousIssue, options.units)
    : null;
  return summarizeTally(tally, { ...options, deductions });
}

/** The summary from a ledger's tally: quotas, expected progress, states, ranks, totals and reporting. */
export function summarizeTally(
  tally: LedgerTally,
  options: SummarizeOptions & { deductions?: Deductions | null },
): Summary {
  const { district, year, month, today } = options;
  const { periodEnd } = periodBounds(options);
  const subsidyRate = options.subsidy ?? DEFAULT_SUBSIDY_RATE;
  const perOrganization = subsidyRate.city + subsidyRate.district;
  const lateAfterDay = options.lateAfterDay ?? DEFAULT_LATE_AFTER_DAY;

  const unitByCode = new Map<string, Unit>();
  for (const unit of options.units) if (!unitByCode.has(unit.code)) unitByCode.set(unit.code, unit);

  const quotaByUnit = new Map<string, number>();
  for (const quota of options.quotas) if (quota.year === year) quotaByUnit.set(quota.unitCode, quota.quota);

  const tableUnits = [...unitByCode.values()].filter(
    (unit) => unit.active || (tally.units.get(unit.code)?.organizations ?? 0) > 0,
  );

  const unitSummaries: UnitSummary[] = tableUnits.map((unit) => {
    const own = tally.units.get(unit.code) ?? emptyUnitTally();
    const quota = quotaByUnit.get(unit.code) ?? null;
    const expected = quota === null ? null : (quota * month) / 12;
    const hasQuota = quota !== null && quota > 0;
    return {
      unitCode: unit.code,
      unitName: unit.name,
      quota,
      newThisMonth: own.newThisMonth,
      counted: own.counted,
      expected,
      gap: expected === null ? null : own.counted - expected,
      rate: hasQuota ? own.counted / quota : null,
      state: hasQuota ? stateOf(own.counted, quota, month) : null,
      rank: null,
      organizations: own.organizations,
      established: own.established,
      coverage: own.organizations === 0 ? null : own.established / own.organizations,
      subsidy: own.counted * perOrganization,
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

  const modes = { month: emptyModes(), toDate: emptyModes() };
  const spotChecks = { month: emptySpotChecks(), toDate: emptySpotChecks() };
  for (const unit of unitSummaries) {
    const own = tally.units.get(unit.unitCode);
    if (!own) continue;
    addCounts(modes.month, own.modes.month, 1);
    addCounts(modes.toDate, own.modes.toDate, 1);
    addCounts(spotChecks.month, own.spotChecks.month, 1);
    addCounts(spotChecks.toDate, own.spotChecks.toDate, 1);
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
      organizations: tally.organizations,
      established: tally.established,
      coverage: tally.organizations === 0 ? null : tally.established / tally.organizations,
      subsidy: sum((unit) => unit.subsidy),
      units: unitSummaries.length,
      rankedUnits: standings.length,
    },
    modes,
    spotChecks,
    lagging,
    notStarted,
    reporting: reportingStatus(options.units, options.uploads ?? [], year, month, lateAfterDay),
    duplicates: tally.duplicates,
    deductions: options.deductions ?? null,
    work: options.work ?? null,
    activities: options.activities ?? null,
  };
}

/** The last on-time day (YYYY-MM-DD) for month M's upload: day `lateAfterDay` of M+1, at most its last day. */
export function reportingDeadline(year: number, month: number, lateAfterDay: number): string {
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  const lastOnTimeDay = Math.min(Math.max(lateAfterDay, 0), daysInMonth(nextYear, nextMonth));
  // Day 0 of M+1 is the last day of M (nothing after the month is on time).
  return new Date(Date.UTC(nextYear, nextMonth - 1, lastOnTimeDay)).toISOString().slice(0, 10);
}

/**
 * Each active unit's reporting for a month, in table order: on time (an upload for the month by the
 * end of the deadline day, Asia/Shanghai, UTC+8, no DST), late (only after it) or missing, with its
 * last upload for the month and its contact.
 */
export function unitReporting(
  units: Unit[],
  uploads: ReportUpload[],
  year: number,
  month: number,
  lateAfterDay: number,
): UnitReporting[] {
  const [deadlineYear, deadlineMonth, deadlineDay] = reportingDeadline(year, month, lateAfterDay)
    .split('-')
    .map(Number);
  // The first instant (UTC) that is already late: midnight in Shanghai after the last on-time day.
  const late =
    Date.UTC(deadlineYear ?? year, (deadlineMonth ?? 1) - 1, (deadlineDay ?? 1) + 1) - SHANGHAI_OFFSET_MS;
  const reporting: UnitReporting[] = [];
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
    const status =
      instants.length === 0 ? 'missing' : instants.some((instant) => instant < late) ? 'onTime' : 'late';
    reporting.push({
      unitCode: unit.code,
      unitName: unit.name,
      status,
      lastUploadAt: instants.length === 0 ? null : new Date(Math.max(...instants)).toISOString(),
      contact: unit.contact ?? null,
      phone: unit.phone ?? null,
    });
  }
  return reporting;
}

/** On time, late or missing for every active unit, by name (what the summary and its issues keep). */
function reportingStatus(
  units: Unit[],
  uploads: ReportUpload[],
  year: number,
  month: number,
  lateAfterDay: number,
): Summary['reporting'] {
  const reporting: Summary['reporting'] = { onTime: [], late: [], missing: [] };
  for (const unit of unitReporting(units, uploads, year, month, lateAfterDay)) {
    reporting[unit.status].push(unit.unitName);
  }
  return reporting;
}
