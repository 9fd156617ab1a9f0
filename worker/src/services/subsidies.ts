// The subsidy ledger (补贴): per organization due, paid or withheld; per unit the totals.

import {
  resolveOrganizations,
  type SubsidyNotPayable,
  type SubsidyPayments,
  type Unit,
} from '@tuanjian/shared';
import { type Caller, requireUnitScope } from '../auth';
import type { Db } from '../db/db';
import { readTogether } from '../db/db';
import { assignmentsRead } from '../db/duplicates';
import { loadYearCandidates } from '../db/ledger';
import { insertPaymentsStatement, listPayments } from '../db/subsidies';
import { getSubsidyRate, listUnits } from '../db/units';
import { commit } from '../db/write';
import { ApiError } from '../errors';
import { shanghaiDate } from './clock';
import { assignmentUnits } from './duplicates';
import { periodEnd } from './summary';

export type SubsidyStatus = 'due' | 'paid' | 'withheld';

export interface SubsidyItem {
  unitCode: string;
  orgKey: string;
  orgName: string;
  establishedOn: string | null;
  status: SubsidyStatus;
  amount: number;
  paidAt: string | null;
  /** Paid, then found 不属实 by a later spot check: the money went out and is for the committee to recover. */
  foundUntrue: boolean;
}

export interface UnitSubsidy {
  unitCode: string;
  unitName: string;
  due: number;
  paid: number;
  withheld: number;
  dueAmount: number;
  paidAmount: number;
  withheldAmount: number;
}

export interface SubsidyLedger {
  year: number;
  throughMonth: number;
  perOrganization: number;
  units: UnitSubsidy[];
  organizations: SubsidyItem[];
}

/** The year up to the current month (a past year: all twelve months). */
function throughMonth(year: number, now: Date): number {
  const [currentYear, currentMonth] = shanghaiDate(now).split('-').map(Number);
  if (currentYear === undefined || currentMonth === undefined) throw new Error('unreachable');
  return year < currentYear ? 12 : year === currentYear ? currentMonth : 0;
}

export async function subsidyLedger(db: Db, year: number, now: Date): Promise<SubsidyLedger> {
  const month = throughMonth(year, now);
  const [units, rate, payments, current] = await Promise.all([
    listUnits(db),
    getSubsidyRate(db, year),
    listPayments(db),
    readTogether(db, { assignments: assignmentsRead(db) }),
  ]);
  const perOrganization = rate.city + rate.district;
  const candidates = month === 0 ? [] : await loadYearCandidates(db, year);
  const known = new Set(units.map((unit) => unit.code));
  // The committee's assignments (重复) move an organization's subsidy with its count.
  const organizations = resolveOrganizations(
    candidates.filter((record) => known.has(record.unitCode)),
    assignmentUnits(current.assignments),
  );
  // An organization is paid once whichever unit reports it: a payment under any of its records' keys counts.
  const paymentOf = (claims: readonly { orgKey: string }[]) =>
    claims.map((claim) => payments.get(claim.orgKey)).find((payment) => payment !== undefined);
  const end = month === 0 ? '' : periodEnd(year, month);
  const inYear = (establishedOn: string | null): boolean =>
    establishedOn !== null && establishedOn >= `${year}-01-01` && establishedOn <= end;

  /** The organization's line, reported under `claim`: paid if any of its records' keys was paid. */
  const item = (
    organization: (typeof organizations)[number],
    claim: (typeof candidates)[number],
    unpaid: 'due' | 'withheld',
  ): SubsidyItem => {
    const payment = paymentOf(organization.claims);
    return {
      unitCode: claim.unitCode,
      orgKey: claim.orgKey,
      orgName: claim.orgName,
      establishedOn: claim.establishedOn,
      status: payment ? 'paid' : unpaid,
      amount: payment ? payment.amount : perOrganization,
      paidAt: payment?.paidAt ?? null,
      foundUntrue: unpaid === 'withheld',
    };
  };

  const items: SubsidyItem[] = [];
  for (const organization of organizations) {
    const winner = organization.winner;
    if (winner && month > 0 && inYear(winner.establishedOn)) {
      items.push(item(organization, winner, 'due'));
      continue;
    }
    if (!organization.foundUntrue || month === 0) continue;
    // Found untrue: set up this year, not counted, and its subsidy withheld — or, already paid before
    // the check found it untrue, it stays paid (money went out), flagged for recovery.
    const claim = organization.claims.find(
      (record) => record.status === '已建团' && inYear(record.establishedOn),
    );
    if (claim) items.push(item(organization, claim, 'withheld'));
  }
  return {
    year,
    throughMonth: month,
    perOrganization,
    units: unitTotals(units, items),
    organizations: items,
  };
}

function unitTotals(units: Unit[], items: SubsidyItem[]): UnitSubsidy[] {
  return units.map((unit) => {
    const own = items.filter((item) => item.unitCode === unit.code);
    const total = (status: SubsidyStatus) => own.filter((item) => item.status === status);
    const amount = (list: SubsidyItem[]) => list.reduce((sum, item) => sum + item.amount, 0);
    return {
      unitCode: unit.code,
      unitName: unit.name,
      due: total('due').length,
      paid: total('paid').length,
      withheld: total('withheld').length,
      dueAmount: amount(total('due')),
      paidAmount: amount(total('paid')),
      withheldAmount: amount(total('withheld')),
    };
  });
}

/** The subsidy ledger as the caller may see it: a unit token its own unit, others all or one unit. */
export async function subsidiesFor(
  db: Db,
  caller: Caller,
  year: number,
  unitCode: string | undefined,
  now: Date,
): Promise<SubsidyLedger> {
  if (unitCode) requireUnitScope(caller, unitCode);
  const scope = caller.role === 'unit' ? caller.unitCode : (unitCode ?? null);
  const ledger = await subsidyLedger(db, year, now);
  if (scope === null) return ledger;
  return {
    ...ledger,
    units: ledger.units.filter((unit) => unit.unitCode === scope),
    organizations: ledger.organizations.filter((item) => item.unitCode === scope),
  };
}

/**
 * Marks subsidies paid (the route lets admins only): every named organization must have a subsidy due; one already
 * paid is reported, never paid twice. A dry run writes nothing and lists what cannot be paid instead of refusing.
 */
export async function paySubsidies(
  db: Db,
  caller: Caller,
  year: number,
  orgKeys: string[],
  now: Date,
  options: { dryRun?: boolean } = {},
): Promise<SubsidyPayments> {
  const dryRun = options.dryRun === true;
  const ledger = await subsidyLedger(db, year, now);
  const byKey = new Map(ledger.organizations.map((item) => [item.orgKey, item]));
  const problems = orgKeys.flatMap((key, index): SubsidyNotPayable[] => {
    const item = byKey.get(key);
    if (!item) {
      return [
        {
          index,
          orgKey: key,
          code: 'subsidy.notDue',
          message: `“${key}”在${year}年没有应拨补贴`,
          messageEn: `“${key}” has no subsidy due in ${year}`,
        },
      ];
    }
    if (item.status === 'withheld') {
      return [
        {
          index,
          orgKey: key,
          code: 'subsidy.withheld',
          message: `“${item.orgName}”抽查不属实，补贴暂停拨付`,
          messageEn: `“${item.orgName}” was found 不属实 by a spot check: its subsidy is withheld`,
        },
      ];
    }
    return [];
  });
  if (problems.length > 0 && !dryRun) {
    throw new ApiError(422, 'validation_failed', `${problems.length} 个组织不能拨付补贴，未写入任何数据`, {
      messageEn: `${problems.length} organization(s) have no subsidy due; nothing was written`,
      problems,
    });
  }
  const alreadyPaid = [...new Set(orgKeys)].filter((key) => byKey.get(key)?.status === 'paid');
  const toPay = [...new Set(orgKeys)].flatMap((key) => {
    const item = byKey.get(key);
    return item && item.status === 'due' ? [item] : [];
  });
  const paidAt = now.toISOString();
  if (toPay.length > 0 && !dryRun) {
    const payments = toPay.map((item) => ({
      orgKey: item.orgKey,
      unitCode: item.unitCode,
      year,
      amount: item.amount,
      paidAt,
      paidBy: caller.tokenId,
    }));
    await commit(db, [insertPaymentsStatement(db, payments)], {
      at: paidAt,
      actor: caller.tokenId,
      action: 'subsidies.pay',
      detail: { year, count: toPay.length },
    });
  }
  return {
    dryRun,
    // A dry run answers what would be paid: the lines as they stand, still due.
    paid: dryRun ? toPay : toPay.map((item) => ({ ...item, status: 'paid' as const, paidAt })),
    alreadyPaid,
    notPayable: problems,
  };
}
