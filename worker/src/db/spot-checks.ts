// SQL for spot checks (电话抽查) recorded by the district committee.
import type { CheckResult } from '@tuanjian/shared';
import { CheckResultSchema } from '@tuanjian/shared';

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

/** The latest recorded check per (unit, organization) on or before a date, keyed `unit\0orgKey`. */
export async function latestSpotChecks(db: D1Database, onOrBefore: string): Promise<Map<string, SpotCheck>> {
  const { results } = await db
    .prepare(
      `SELECT * FROM spot_checks WHERE checked_on <= ?1 ORDER BY unit_code, org_key, checked_on, recorded_at`,
    )
    .bind(onOrBefore)
    .all<SpotCheckRow>();
  const latest = new Map<string, SpotCheck>();
  for (const row of results) latest.set(`${row.unit_code}\u0000${row.org_key}`, toSpotCheck(row));
  return latest;
}

export function insertSpotChecksStatement(db: D1Database, checks: SpotCheck[]): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO spot_checks (id, unit_code, org_key, checked_on, result, note, recorded_by, recorded_at)
       SELECT value->>'id', value->>'unitCode', value->>'orgKey', value->>'checkedOn', value->>'result',
         value->>'note', value->>'recordedBy', value->>'recordedAt' FROM json_each(?1)`,
    )
    .bind(JSON.stringify(checks));
}

export async function listSpotChecks(db: D1Database, unitCode: string | null): Promise<SpotCheck[]> {
  const { results } = await db
    .prepare(
      'SELECT * FROM spot_checks WHERE ?1 IS NULL OR unit_code = ?1 ORDER BY checked_on DESC, recorded_at DESC',
    )
    .bind(unitCode)
    .all<SpotCheckRow>();
  return results.map(toSpotCheck);
}
