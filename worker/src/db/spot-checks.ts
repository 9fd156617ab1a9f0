// SQL for spot checks (电话抽查) recorded by the district committee.

import type { CheckResult } from '@tuanjian/shared';
import { CheckResultSchema } from '@tuanjian/shared';
import type { Db } from './db';

export interface SpotCheck {
  id: string;
  unitCode: string;
  orgKey: string;
  checkedOn: string;
  result: CheckResult;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

interface SpotCheckRow {
  id: string;
  unit_code: string;
  org_key: string;
  checked_on: string;
  result: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

function toSpotCheck(row: SpotCheckRow): SpotCheck {
  return {
    id: row.id,
    unitCode: row.unit_code,
    orgKey: row.org_key,
    checkedOn: row.checked_on,
    result: CheckResultSchema.parse(row.result),
    note: row.note,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

/**
 * The latest check per (unit, organization) among those recorded by `recordedBy` (an ISO instant),
 * by check date then recording time, keyed `unit\0orgKey`: what was known of each at that moment.
 */
export async function latestSpotChecks(db: Db, recordedBy: string): Promise<Map<string, SpotCheck>> {
  const { results } = await db
    .prepare(
      `SELECT * FROM spot_checks WHERE recorded_at <= ?1 ORDER BY unit_code, org_key, checked_on, recorded_at`,
    )
    .bind(recordedBy)
    .all<SpotCheckRow>();
  const latest = new Map<string, SpotCheck>();
  for (const row of results) latest.set(`${row.unit_code}\u0000${row.org_key}`, toSpotCheck(row));
  return latest;
}

/**
 * Records checks, and keeps `check_overrides` (each organization's latest check, which overrides its
 * sheet) current: a check replaces the override unless the override was checked on a later day.
 */
export function insertSpotChecksStatements(db: Db, checks: SpotCheck[]): D1PreparedStatement[] {
  const json = JSON.stringify(checks);
  return [
    db
      .prepare(
        `INSERT INTO spot_checks (id, unit_code, org_key, checked_on, result, note, recorded_by, recorded_at)
         SELECT value->>'id', value->>'unitCode', value->>'orgKey', value->>'checkedOn', value->>'result',
           value->>'note', value->>'recordedBy', value->>'recordedAt' FROM json_each(?1)`,
      )
      .bind(json),
    db
      .prepare(
        `INSERT INTO check_overrides (unit_code, org_key, checked_on, result, recorded_at)
         SELECT value->>'unitCode', value->>'orgKey', value->>'checkedOn', value->>'result', value->>'recordedAt'
         FROM json_each(?1) WHERE true ORDER BY value->>'checkedOn', key
         ON CONFLICT (unit_code, org_key) DO UPDATE SET checked_on = excluded.checked_on, result = excluded.result,
           recorded_at = excluded.recorded_at
         WHERE excluded.checked_on >= check_overrides.checked_on`,
      )
      .bind(json),
  ];
}

export async function listSpotChecks(
  db: Db,
  unitCode: string | null,
): Promise<(SpotCheck & { orgName: string | null })[]> {
  // The name from the organization's latest version in the unit's ledger (kept after it is removed).
  const { results } = await db
    .prepare(
      `SELECT s.*, (SELECT v.org_name FROM org_versions v WHERE v.unit_code = s.unit_code AND v.org_key = s.org_key
         ORDER BY v.from_version DESC LIMIT 1) AS org_name
       FROM spot_checks s WHERE ?1 IS NULL OR s.unit_code = ?1 ORDER BY s.checked_on DESC, s.recorded_at DESC`,
    )
    .bind(unitCode)
    .all<SpotCheckRow & { org_name: string | null }>();
  return results.map((row) => ({ ...toSpotCheck(row), orgName: row.org_name }));
}

/**
 * The identity of each check already recorded for these units (unit, organization, date, result, note):
 * submitting the same call sheet again finds its rows here and records nothing new.
 */
export async function recordedCheckKeys(db: Db, unitCodes: readonly string[]): Promise<Set<string>> {
  if (unitCodes.length === 0) return new Set();
  const { results } = await db
    .prepare(
      `SELECT unit_code, org_key, checked_on, result, note FROM spot_checks
       WHERE unit_code IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(unitCodes))
    .all<Pick<SpotCheckRow, 'unit_code' | 'org_key' | 'checked_on' | 'result' | 'note'>>();
  return new Set(
    results.map((row) => checkKey(row.unit_code, row.org_key, row.checked_on, row.result, row.note)),
  );
}

/** What makes two recorded checks the same check. */
export function checkKey(
  unitCode: string,
  orgKey: string,
  checkedOn: string,
  result: string,
  note: string | null,
): string {
  return JSON.stringify([unitCode, orgKey, checkedOn, result, note ?? '']);
}
