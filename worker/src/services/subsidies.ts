// The subsidy ledger (补贴): per organization due, paid or withheld; per unit the totals.
import { countedRecords, type Unit } from '@tuanjian/shared';
import { listPayments } from '../db/subsidies';
import { getSubsidyRate, listUnits } from '../db/units';
import { shanghaiDate } from './clock';
import { effectiveLedger, periodEnd } from './summary';

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

export async function subsidyLedger(db: D1Database, year: number, now: Date): Promise<SubsidyLedger> {
  const month = throughMonth(year, now);
  const [units, rate, payments] = await Promise.all([
    listUnits(db),
    getSubsidyRate(db, year),
    listPayments(db),
  ]);
  const perOrganization = rate.city + rate.district;
  const ledger = month === 0 ? [] : await effectiveLedger(db, periodEnd(year, month));
  const counted = month === 0 ? [] : countedRecords(ledger, { units, year, month });
  const countedKeys = new Set(counted.map((record) => record.orgKey));

  const items: SubsidyItem[] = counted.map((record) => {
    const payment = payments.get(record.orgKey);
    return {
      unitCode: record.unitCode,
      orgKey: record.orgKey,
      orgName: record.orgName,
      establishedOn: record.establishedOn,
      status: payment ? 'paid' : 'due',
      amount: payment ? payment.amount : perOrganization,
      paidAt: payment?.paidAt ?? null,
      foundUntrue: false,
    };
  });
  // Found untrue on a spot check: set up this year, not counted, and its subsidy withheld.
  const end = month === 0 ? '' : periodEnd(year, month);
  const withheld = new Set<string>();
  for (const record of ledger) {
    if (record.status !== '已建团' || record.checkResult !== '不属实' || record.establishedOn === null)
      continue;
    if (record.establishedOn < `${year}-01-01` || record.establishedOn > end) continue;
    if (countedKeys.has(record.orgKey) || withheld.has(record.orgKey)) continue;
    withheld.add(record.orgKey);
    // Already paid before the check found it untrue: it stays paid (money went out), flagged for recovery.
    const payment = payments.get(record.orgKey);
    items.push({
      unitCode: record.unitCode,
      orgKey: record.orgKey,
      orgName: record.orgName,
      establishedOn: record.establishedOn,
      status: payment ? 'paid' : 'withheld',
      amount: payment ? payment.amount : perOrganization,
      paidAt: payment?.paidAt ?? null,
      foundUntrue: true,
    });
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
