// Bench data: the 20,000-organization demo district, and as many further distinct organizations as a figure needs.
import {
  readTrackingSheet,
  type SheetRow,
  type TrackingRecord,
  type Unit,
  withCheckChar,
} from '@tuanjian/shared';
import { type DemoDistrict, generateDemoDistrict, ledgerToSheetValues } from '@tuanjian/shared/demo';
import { demoPeriod } from '../scripts/seed';

/** The district of the summary figures: 40 units, this many organizations (the generator's maximum). */
export const DISTRICT_ORGANIZATIONS = 20_000;
/** ledgerToSheetValues writes two title rows and the header: data starts on sheet row 4. */
const FIRST_DATA_ROW = 4;

export interface BenchPeriod {
  year: number;
  /** The last month with data, and the month the summary is asked for. */
  month: number;
}

/** The same year and month `npm start` seeds: this year up to last month (Asia/Shanghai). */
export function benchPeriod(now: Date): BenchPeriod {
  const { year, throughMonth } = demoPeriod(now);
  return { year, month: throughMonth };
}

export function benchDistrict(period: BenchPeriod): DemoDistrict {
  return generateDemoDistrict({
    organizations: DISTRICT_ORGANIZATIONS,
    year: period.year,
    throughMonth: period.month,
  });
}

/**
 * Makes ledgers of any size from the district's organizations, each record renamed and re-coded so it is
 * unlike every other record made here and every organization of the district: no row of a bench ledger
 * is a duplicate in its sheet or of another unit, so every figure measures the clean path.
 */
export class LedgerFactory {
  private serial = 0;

  constructor(private readonly pool: readonly TrackingRecord[]) {
    if (pool.length === 0) throw new Error('the pool of organizations is empty');
  }

  /** `count` records of `unit`, in sheet order (rows 4, 5, …). */
  ledger(count: number, unit: Unit): TrackingRecord[] {
    const records: TrackingRecord[] = [];
    for (let index = 0; index < count; index++) {
      const base = this.pool[this.serial % this.pool.length];
      if (!base) throw new Error('pool index out of range');
      this.serial++;
      const tag = String(this.serial).padStart(8, '0');
      records.push({
        ...base,
        row: FIRST_DATA_ROW + index,
        unitCode: unit.code,
        orgName: `${base.orgName}（B${tag}）`,
        // Keep the registration authority, category and division (characters 1–8): the category must
        // still match the organization type.
        creditCode: base.creditCode === null ? null : withCheckChar(`${base.creditCode.slice(0, 8)}B${tag}`),
      });
    }
    return records;
  }
}

/** A ledger as the tracking sheet's values (optionally with messy but valid cells), as Excel hands them over. */
export function sheetValues(records: TrackingRecord[], units: Unit[], messy: boolean): unknown[][] {
  return ledgerToSheetValues(records, { units, messy });
}

/** The rows the add-in sends: a sheet read by the shared reader. */
export function uploadRows(records: TrackingRecord[], units: Unit[]): SheetRow[] {
  const read = readTrackingSheet(sheetValues(records, units, false));
  if (read.problems.some((problem) => problem.severity === 'error'))
    throw new Error(`bench sheet unreadable: ${read.problems[0]?.message}`);
  return read.rows;
}

/** The district's records grouped by unit, in unit order. */
export function ledgersByUnit(district: DemoDistrict): Map<string, TrackingRecord[]> {
  const byUnit = new Map<string, TrackingRecord[]>(district.units.map((unit) => [unit.code, []]));
  for (const record of district.records) byUnit.get(record.unitCode)?.push(record);
  return byUnit;
}
