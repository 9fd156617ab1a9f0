// What each role may read of the figures (SPEC §1, issue 14 point 3): admins everything; units their own
// organizations only (a duplicate is theirs, reported elsewhere too, nothing of the other unit's record);
// readers — automation pulling figures — per-unit aggregates, never an organization by name, nor a person.
import type { ReportingDetail, SubsidyLedger, Summary, Unit } from '@tuanjian/shared';
import type { Caller } from '../types';

/**
 * The summary as `caller` may read it: cross-unit duplicates cut to the caller's own, or none for a reader; the
 * standout activities' organizations only of the caller's own unit.
 */
export function summaryForCaller(summary: Summary, caller: Caller): Summary {
  if (caller.role === 'admin') return summary;
  // The month's standout activities: the organization that held one only for its own unit (none for a reader).
  const activities = summary.activities && {
    ...summary.activities,
    standouts: summary.activities.standouts.map((activity) =>
      caller.role === 'unit' && activity.unitCode === caller.unitCode
        ? activity
        : { ...activity, orgName: null },
    ),
  };
  if (caller.role === 'reader') return { ...summary, duplicates: [], activities };
  const own = caller.unitCode;
  return {
    ...summary,
    activities,
    duplicates: summary.duplicates.flatMap((duplicate) => {
      const mine = duplicate.reportedBy.filter((claim) => claim.unitCode === own);
      return mine.length > 0 ? [{ ...duplicate, reportedBy: mine }] : [];
    }),
  };
}

/** The subsidy ledger for a reader: the units' totals, without the organizations behind them. */
export function subsidiesForCaller(ledger: SubsidyLedger, caller: Caller): SubsidyLedger {
  return caller.role === 'reader' ? { ...ledger, organizations: [] } : ledger;
}

/** Reporting for a reader: each unit's status and last upload, without its contact person and phone. */
export function reportingForCaller(detail: ReportingDetail, caller: Caller): ReportingDetail {
  if (caller.role !== 'reader') return detail;
  return { ...detail, units: detail.units.map((unit) => ({ ...unit, contact: null, phone: null })) };
}

/** The units as `caller` may read them: the 报送联系人 and phone only to an admin, or to the unit itself. */
export function unitsForCaller(units: readonly Unit[], caller: Caller): Unit[] {
  if (caller.role === 'admin') return [...units];
  return units.map((unit) => {
    if (caller.role === 'unit' && unit.code === caller.unitCode) return unit;
    const { contact: _contact, phone: _phone, ...rest } = unit;
    return rest;
  });
}
