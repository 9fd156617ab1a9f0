// SQL for units (直属团组织) and their yearly quotas and subsidy rates.
import type { Quota, SubsidyRate, Unit } from '@tuanjian/shared';
import { UnitKindSchema } from '@tuanjian/shared';
import { bumpDataVersionStatement } from './data-version';

interface UnitRow {
  code: string;
  name: string;
  kind: string;
  active: number;
}

function toUnit(row: UnitRow): Unit {
  return { code: row.code, name: row.name, kind: UnitKindSchema.parse(row.kind), active: row.active === 1 };
}

export async function listUnits(db: D1Database): Promise<Unit[]> {
  const { results } = await db
    .prepare('SELECT code, name, kind, active FROM units ORDER BY rowid')
    .all<UnitRow>();
  return results.map(toUnit);
}

export async function getUnit(db: D1Database, code: string): Promise<Unit | null> {
  const row = await db
    .prepare('SELECT code, name, kind, active FROM units WHERE code = ?1')
    .bind(code)
    .first<UnitRow>();
  return row ? toUnit(row) : null;
}

export function insertUnitsStatement(db: D1Database, units: Unit[], now: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO units (code, name, kind, active, created_at)
       SELECT value->>'code', value->>'name', value->>'kind', value->>'active', ?2 FROM json_each(?1)`,
    )
    .bind(JSON.stringify(units.map((u) => ({ ...u, active: u.active ? 1 : 0 }))), now);
}

export async function updateUnit(
  db: D1Database,
  code: string,
  patch: { name?: string | undefined; kind?: string | undefined; active?: boolean | undefined },
): Promise<Unit | null> {
  // The update and the data-version bump commit together: a cached summary never outlives a rename.
  const [updated] = await db.batch([
    db
      .prepare(
        `UPDATE units SET name = coalesce(?2, name), kind = coalesce(?3, kind), active = coalesce(?4, active)
         WHERE code = ?1 RETURNING code, name, kind, active`,
      )
      .bind(
        code,
        patch.name ?? null,
        patch.kind ?? null,
        patch.active === undefined ? null : patch.active ? 1 : 0,
      ),
    bumpDataVersionStatement(db),
  ]);
  const row = (updated?.results as UnitRow[] | undefined)?.[0];
  return row ? toUnit(row) : null;
}

export async function listQuotas(db: D1Database, year?: number): Promise<Quota[]> {
  const { results } = await db
    .prepare(
      'SELECT unit_code, year, quota FROM quotas WHERE ?1 IS NULL OR year = ?1 ORDER BY year, unit_code',
    )
    .bind(year ?? null)
    .all<{ unit_code: string; year: number; quota: number }>();
  return results.map((row) => ({ unitCode: row.unit_code, year: row.year, quota: row.quota }));
}

/** Upserts a year's quotas in one statement. */
export function setQuotasStatement(
  db: D1Database,
  year: number,
  quotas: { unitCode: string; quota: number }[],
  now: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO quotas (unit_code, year, quota, updated_at)
       SELECT value->>'unitCode', ?2, value->>'quota', ?3 FROM json_each(?1) WHERE true
       ON CONFLICT (unit_code, year) DO UPDATE SET quota = excluded.quota, updated_at = excluded.updated_at`,
    )
    .bind(JSON.stringify(quotas), year, now);
}

export const DEFAULT_SUBSIDY: SubsidyRate = { city: 300, district: 300 };

export async function getSubsidyRate(db: D1Database, year: number): Promise<SubsidyRate> {
  const row = await db
    .prepare('SELECT city, district FROM subsidy_rates WHERE year = ?1')
    .bind(year)
    .first<{ city: number; district: number }>();
  return row ? { city: row.city, district: row.district } : DEFAULT_SUBSIDY;
}

export function setSubsidyRateStatement(
  db: D1Database,
  year: number,
  rate: SubsidyRate,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO subsidy_rates (year, city, district) VALUES (?1, ?2, ?3)
       ON CONFLICT (year) DO UPDATE SET city = excluded.city, district = excluded.district`,
    )
    .bind(year, rate.city, rate.district);
}

/** True when the database answers a trivial query. */
export async function databaseReachable(db: D1Database): Promise<boolean> {
  try {
    return (await db.prepare('SELECT 1 AS one').first<{ one: number }>())?.one === 1;
  } catch {
    return false;
  }
}
