// SQL for units (直属团组织) and their yearly quotas and subsidy rates.

import type { Quota, SubsidyRate, Unit } from '@tuanjian/shared';
import { UnitKindSchema } from '@tuanjian/shared';
import type { Db, Read } from './db';
import { readTogether } from './db';

interface UnitRow {
  code: string;
  name: string;
  kind: string;
  active: number;
  contact: string | null;
  phone: string | null;
}

function toUnit(row: UnitRow): Unit {
  return {
    code: row.code,
    name: row.name,
    kind: UnitKindSchema.parse(row.kind),
    active: row.active === 1,
    ...(row.contact ? { contact: row.contact } : {}),
    ...(row.phone ? { phone: row.phone } : {}),
  };
}

export function unitsRead(db: Db): Read<Unit[]> {
  return {
    statements: [db.prepare('SELECT code, name, kind, active, contact, phone FROM units ORDER BY rowid')],
    map: ([rows]) => ((rows ?? []) as UnitRow[]).map(toUnit),
  };
}

export async function listUnits(db: Db): Promise<Unit[]> {
  return (await readTogether(db, { units: unitsRead(db) })).units;
}

export async function getUnit(db: Db, code: string): Promise<Unit | null> {
  const row = await db
    .prepare('SELECT code, name, kind, active, contact, phone FROM units WHERE code = ?1')
    .bind(code)
    .first<UnitRow>();
  return row ? toUnit(row) : null;
}

export function insertUnitsStatement(db: Db, units: Unit[], now: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO units (code, name, kind, active, contact, phone, created_at)
       SELECT value->>'code', value->>'name', value->>'kind', value->>'active', value->>'contact', value->>'phone', ?2
       FROM json_each(?1)`,
    )
    .bind(JSON.stringify(units.map((u) => ({ ...u, active: u.active ? 1 : 0 }))), now);
}

export interface UnitPatch {
  name?: string | undefined;
  kind?: string | undefined;
  active?: boolean | undefined;
  /** An empty text clears it. */
  contact?: string | undefined;
  phone?: string | undefined;
}

/** Renames, re-kinds, (de)activates a unit or sets its contact; its result row is the unit after the change (unitFrom). */
export function updateUnitStatement(db: Db, code: string, patch: UnitPatch): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE units SET name = coalesce(?2, name), kind = coalesce(?3, kind), active = coalesce(?4, active),
         contact = CASE WHEN ?5 IS NULL THEN contact ELSE nullif(trim(?5), '') END,
         phone = CASE WHEN ?6 IS NULL THEN phone ELSE nullif(trim(?6), '') END
       WHERE code = ?1 RETURNING code, name, kind, active, contact, phone`,
    )
    .bind(
      code,
      patch.name ?? null,
      patch.kind ?? null,
      patch.active === undefined ? null : patch.active ? 1 : 0,
      patch.contact ?? null,
      patch.phone ?? null,
    );
}

/** The unit a statement with `RETURNING code, name, kind, active, contact, phone` returned, if any. */
export function unitFrom(result: D1Result | undefined): Unit | null {
  const row = (result?.results as UnitRow[] | undefined)?.[0];
  return row ? toUnit(row) : null;
}

export function quotasRead(db: Db, year?: number): Read<Quota[]> {
  return {
    statements: [
      db
        .prepare(
          'SELECT unit_code, year, quota FROM quotas WHERE ?1 IS NULL OR year = ?1 ORDER BY year, unit_code',
        )
        .bind(year ?? null),
    ],
    map: ([rows]) =>
      ((rows ?? []) as { unit_code: string; year: number; quota: number }[]).map((row) => ({
        unitCode: row.unit_code,
        year: row.year,
        quota: row.quota,
      })),
  };
}

export async function listQuotas(db: Db, year?: number): Promise<Quota[]> {
  return (await readTogether(db, { quotas: quotasRead(db, year) })).quotas;
}

/** Upserts a year's quotas in one statement. */
export function setQuotasStatement(
  db: Db,
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

export function subsidyRateRead(db: Db, year: number): Read<SubsidyRate> {
  return {
    statements: [db.prepare('SELECT city, district FROM subsidy_rates WHERE year = ?1').bind(year)],
    map: ([rows]) => {
      const row = (rows ?? [])[0] as { city: number; district: number } | undefined;
      return row ? { city: row.city, district: row.district } : DEFAULT_SUBSIDY;
    },
  };
}

export async function getSubsidyRate(db: Db, year: number): Promise<SubsidyRate> {
  return (await readTogether(db, { rate: subsidyRateRead(db, year) })).rate;
}

export function setSubsidyRateStatement(db: Db, year: number, rate: SubsidyRate): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO subsidy_rates (year, city, district) VALUES (?1, ?2, ?3)
       ON CONFLICT (year) DO UPDATE SET city = excluded.city, district = excluded.district`,
    )
    .bind(year, rate.city, rate.district);
}

/** True when the database answers a trivial query. */
export async function databaseReachable(db: Db): Promise<boolean> {
  try {
    return (await db.prepare('SELECT 1 AS one').first<{ one: number }>())?.one === 1;
  } catch {
    return false;
  }
}

/** A year's quotas as they stood at an instant (the latest setting of each unit's made by then). */
export async function quotasAsOf(db: Db, year: number, at: string): Promise<Quota[]> {
  const { results } = await db
    .prepare(
      `SELECT unit_code, year, quota FROM quota_history AS h
       WHERE year = ?1 AND valid_from <= ?2
         AND rowid = (SELECT rowid FROM quota_history AS l WHERE l.year = h.year AND l.unit_code = h.unit_code
                      AND l.valid_from <= ?2 ORDER BY valid_from DESC, rowid DESC LIMIT 1)
       ORDER BY unit_code`,
    )
    .bind(year, at)
    .all<{ unit_code: string; year: number; quota: number }>();
  return results.map((row) => ({ unitCode: row.unit_code, year: row.year, quota: row.quota }));
}

/** A year's subsidy rate as it stood at an instant (the default when none was set by then). */
export async function subsidyRateAsOf(db: Db, year: number, at: string): Promise<SubsidyRate> {
  const row = await db
    .prepare(
      `SELECT city, district FROM subsidy_rate_history WHERE year = ?1 AND valid_from <= ?2
       ORDER BY valid_from DESC, rowid DESC LIMIT 1`,
    )
    .bind(year, at)
    .first<{ city: number; district: number }>();
  return row ? { city: row.city, district: row.district } : DEFAULT_SUBSIDY;
}

/** The history rows a quota (and rate) setting appends, so figures can be asked "as known at" a moment. */
export function quotaHistoryStatements(
  db: Db,
  year: number,
  quotas: { unitCode: string; quota: number }[],
  rate: SubsidyRate | undefined,
  now: string,
): D1PreparedStatement[] {
  const statements = [
    db
      .prepare(
        `INSERT INTO quota_history (unit_code, year, quota, valid_from)
         SELECT value->>'unitCode', ?2, value->>'quota', ?3 FROM json_each(?1)`,
      )
      .bind(JSON.stringify(quotas), year, now),
  ];
  if (rate) {
    statements.push(
      db
        .prepare(
          'INSERT INTO subsidy_rate_history (year, city, district, valid_from) VALUES (?1, ?2, ?3, ?4)',
        )
        .bind(year, rate.city, rate.district, now),
    );
  }
  return statements;
}
