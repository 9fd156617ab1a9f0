// SQL for the per-unit tallies kept current in every write batch (see refreshDerivedStatements): read
// for a period, they give each unit's figures with every record taken as an organization of its own.
import type { LedgerTally, Mode, SpotCheckCounts, UnitTally } from '@tuanjian/shared';
import { CHECK_RESULTS, MODES, unitTallyIn } from '@tuanjian/shared';
import type { Db, Read } from './db';

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

function asMode(value: string): Mode | null {
  return MODES.find((mode) => mode === value) ?? null;
}

function asResult(value: string): keyof Omit<SpotCheckCounts, 'done'> | null {
  return CHECK_RESULTS.find((result) => result === value) ?? null;
}

/**
 * The district's tally for year Y up to month M from the stored per-unit tallies: three small reads
 * whose size grows with units × months, not with organizations.
 */
export function storedTallyRead(db: Db, year: number, month: number): Read<LedgerTally> {
  const throughMonth = `${year}-${pad2(month)}`;
  const yearStart = `${year}-01`;
  return {
    statements: [
      db
        .prepare(
          `SELECT unit_code, mode, sum(organizations) AS established,
           sum(CASE WHEN month >= ?2 THEN organizations ELSE 0 END) AS counted,
           sum(CASE WHEN month = ?1 THEN organizations ELSE 0 END) AS this_month
         FROM tally_established WHERE month <= ?1 GROUP BY unit_code, mode`,
        )
        .bind(throughMonth, yearStart),
      db
        .prepare(
          `SELECT unit_code, result, sum(organizations) AS to_date,
           sum(CASE WHEN month = ?1 THEN organizations ELSE 0 END) AS this_month
         FROM tally_checks WHERE month BETWEEN ?2 AND ?1 GROUP BY unit_code, result`,
        )
        .bind(throughMonth, yearStart),
      db.prepare('SELECT unit_code, organizations FROM unit_ledgers'),
    ],
    map: ([established, checks, counts]) => tallyFromRows(established ?? [], checks ?? [], counts ?? []),
  };
}

function tallyFromRows(established: unknown[], checks: unknown[], counts: unknown[]): LedgerTally {
  const units = new Map<string, UnitTally>();
  const tallyOf = (unitCode: string): UnitTally => unitTallyIn(units, unitCode);
  let organizations = 0;
  let districtEstablished = 0;
  for (const row of counts as { unit_code: string; organizations: number }[]) {
    if (row.organizations === 0) continue;
    tallyOf(row.unit_code).organizations = row.organizations;
    organizations += row.organizations;
  }
  const establishedRows = established as {
    unit_code: string;
    mode: string;
    established: number;
    counted: number;
    this_month: number;
  }[];
  for (const row of establishedRows) {
    const tally = tallyOf(row.unit_code);
    tally.established += row.established;
    tally.counted += row.counted;
    tally.newThisMonth += row.this_month;
    districtEstablished += row.established;
    const mode = asMode(row.mode);
    if (mode) {
      tally.modes.toDate[mode] += row.counted;
      tally.modes.month[mode] += row.this_month;
    }
  }
  const checkRows = checks as {
    unit_code: string;
    result: string;
    to_date: number;
    this_month: number;
  }[];
  for (const row of checkRows) {
    const tally = tallyOf(row.unit_code);
    tally.spotChecks.toDate.done += row.to_date;
    tally.spotChecks.month.done += row.this_month;
    const result = asResult(row.result);
    if (result) {
      tally.spotChecks.toDate[result] += row.to_date;
      tally.spotChecks.month[result] += row.this_month;
    }
  }
  return { units, organizations, established: districtEstablished, duplicates: [] };
}
