// SQL for 支持中心 (issue 15): the centre's organizations, with their figures from their units' current ledgers.
import { type CentreOrganization, CentreRelationSchema, StatusSchema } from '@tuanjian/shared';
import type { Db } from './db';

interface CentreRow {
  unit_code: string;
  org_key: string;
  org_name: string | null;
  relation: string;
  since: string;
  until: string | null;
  status: string | null;
  established_on: string | null;
  youth_count: number | null;
  member_count: number | null;
}

export async function centreOrganizations(db: Db): Promise<CentreOrganization[]> {
  const { results } = await db
    .prepare(
      `SELECT c.unit_code, c.org_key, c.relation, c.since, c.until, o.org_name, o.status, o.established_on,
         o.youth_count, o.member_count
       FROM centre_organizations AS c
       LEFT JOIN organizations AS o ON o.unit_code = c.unit_code AND o.org_key = c.org_key
       ORDER BY c.relation DESC, c.since, c.unit_code, c.org_key`,
    )
    .all<CentreRow>();
  return results.map((row) => ({
    unitCode: row.unit_code,
    orgKey: row.org_key,
    orgName: row.org_name,
    relation: CentreRelationSchema.parse(row.relation),
    since: row.since,
    until: row.until,
    status: row.status === null ? null : StatusSchema.parse(row.status),
    establishedOn: row.established_on,
    youthCount: row.youth_count,
    memberCount: row.member_count,
  }));
}

/** The organization of a unit's current ledger with this key, or this name (normalized), if any. */
export async function findOrganization(
  db: Db,
  unitCode: string,
  by: { orgKey?: string | undefined; nameKey?: string | undefined },
): Promise<{ orgKey: string; orgName: string } | null> {
  return db
    .prepare(
      `SELECT org_key AS orgKey, org_name AS orgName FROM organizations
       WHERE unit_code = ?1 AND (org_key = ?2 OR name_key = ?3) ORDER BY org_key = ?2 DESC LIMIT 1`,
    )
    .bind(unitCode, by.orgKey ?? null, by.nameKey ?? null)
    .first<{ orgKey: string; orgName: string }>();
}

export function upsertCentreStatement(
  db: Db,
  row: { unitCode: string; orgKey: string; relation: string; since: string; until: string | null },
  setBy: string,
  setAt: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO centre_organizations (unit_code, org_key, relation, since, until, set_by, set_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (unit_code, org_key) DO UPDATE SET relation = excluded.relation, since = excluded.since,
         until = excluded.until, set_by = excluded.set_by, set_at = excluded.set_at`,
    )
    .bind(row.unitCode, row.orgKey, row.relation, row.since, row.until, setBy, setAt);
}

export function deleteCentreStatement(db: Db, unitCode: string, orgKey: string): D1PreparedStatement {
  return db
    .prepare('DELETE FROM centre_organizations WHERE unit_code = ?1 AND org_key = ?2')
    .bind(unitCode, orgKey);
}
