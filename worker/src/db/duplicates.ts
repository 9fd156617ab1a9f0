// SQL for the committee's settlements of cross-unit duplicates (重复): the assignment in force per
// organization, the assignments as known at an instant, and the statements that assign and revoke.
import type { DuplicateAssignment } from '@tuanjian/shared';
import type { Db, Read } from './db';

interface AssignmentRow {
  org_key: string;
  unit_code: string;
  reason: string;
  assigned_at: string;
  assigned_by_label: string;
}

/** An assignment in force, with the organization key it is kept under. */
export type StoredAssignment = DuplicateAssignment & { orgKey: string };

function toAssignment(row: AssignmentRow): StoredAssignment {
  return {
    orgKey: row.org_key,
    unitCode: row.unit_code,
    reason: row.reason,
    assignedAt: row.assigned_at,
    assignedBy: row.assigned_by_label,
  };
}

const COLUMNS = 'org_key, unit_code, reason, assigned_at, assigned_by_label';

function byKey(rows: unknown[] | undefined): Map<string, StoredAssignment> {
  return new Map(((rows ?? []) as AssignmentRow[]).map((row) => [row.org_key, toAssignment(row)]));
}

/** The assignments in force, by organization key, as a read that can share a batch. */
export function assignmentsRead(db: Db): Read<Map<string, StoredAssignment>> {
  return {
    statements: [db.prepare(`SELECT ${COLUMNS} FROM duplicate_assignments WHERE revoked_at IS NULL`)],
    map: ([rows]) => byKey(rows),
  };
}

/** The assignments that were in force at an instant (ISO): for the figures as known then. */
export async function assignmentsAsOf(db: Db, at: string): Promise<Map<string, StoredAssignment>> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM duplicate_assignments
       WHERE assigned_at <= ?1 AND (revoked_at IS NULL OR revoked_at > ?1)`,
    )
    .bind(at)
    .all<AssignmentRow>();
  return byKey(results);
}

/** Ends the assignment in force for an organization, if there is one (a revoke, or before a replacement). */
export function revokeAssignmentStatement(
  db: Db,
  orgKey: string,
  at: string,
  revokedBy: string,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE duplicate_assignments SET revoked_at = ?2, revoked_by = ?3
       WHERE org_key = ?1 AND revoked_at IS NULL`,
    )
    .bind(orgKey, at, revokedBy);
}

/** Puts an assignment in force: run it after `revokeAssignmentStatement` for the same key, in one batch. */
export function insertAssignmentStatement(
  db: Db,
  assignment: StoredAssignment & { assignedById: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO duplicate_assignments (org_key, unit_code, reason, assigned_at, assigned_by, assigned_by_label)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
    )
    .bind(
      assignment.orgKey,
      assignment.unitCode,
      assignment.reason,
      assignment.assignedAt,
      assignment.assignedById,
      assignment.assignedBy,
    );
}
