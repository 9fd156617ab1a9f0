// 重复: organizations several units report. The admin sees every unit's record side by side, the default
// (earliest 建团时间) and the assignment in force, and may assign the organization to another unit that
// reports it (with a reason, audited) or revoke that; a unit sees only that one of its organizations is
// also reported elsewhere, with the other units' names and none of their records.
import {
  type DistrictDuplicate,
  type DuplicateAssignmentResult,
  type DuplicateAssignments,
  type DuplicateRow,
  type DuplicatesResponse,
  orgKey,
  type ResolvedOrganization,
  resolveOrganizations,
  type Unit,
  type UnitDuplicate,
} from '@tuanjian/shared';
import { type Caller, requireRole } from '../auth';
import { type Db, readTogether } from '../db/db';
import {
  assignmentsRead,
  insertAssignmentStatement,
  revokeAssignmentStatement,
  type StoredAssignment,
} from '../db/duplicates';
import { type StoredRecord, sharedRecordsRead } from '../db/ledger';
import { unitsRead } from '../db/units';
import { commit } from '../db/write';
import { ApiError } from '../errors';

/** The assignments as counting takes them: organization key → unit. */
export function assignmentUnits(assignments: ReadonlyMap<string, StoredAssignment>): DuplicateAssignments {
  return new Map([...assignments].map(([key, assignment]) => [key, assignment.unitCode]));
}

interface DuplicateInputs {
  units: Unit[];
  assignments: Map<string, StoredAssignment>;
  /** The organizations reported by more than one unit, resolved with the assignments in force. */
  organizations: ResolvedOrganization<StoredRecord>[];
}

/** One batch: units, the records other units share, and the assignments; then the duplicates resolved. */
async function loadDuplicates(db: Db): Promise<DuplicateInputs> {
  const { units, shared, assignments } = await readTogether(db, {
    units: unitsRead(db),
    shared: sharedRecordsRead(db),
    assignments: assignmentsRead(db),
  });
  const known = new Set(units.map((unit) => unit.code));
  const organizations = resolveOrganizations(
    shared.filter((record) => known.has(record.unitCode)),
    assignmentUnits(assignments),
  ).filter((organization) => new Set(organization.claims.map((claim) => claim.unitCode)).size > 1);
  organizations.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { units, assignments, organizations };
}

function unitNamer(units: readonly Unit[]): (unitCode: string) => string {
  const names = new Map(units.map((unit) => [unit.code, unit.name]));
  return (unitCode) => names.get(unitCode) ?? unitCode;
}

function isEligible(record: StoredRecord): boolean {
  return record.status === '已建团' && record.establishedOn !== null && record.checkResult !== '不属实';
}

function rowOf(record: StoredRecord, unitName: string): DuplicateRow {
  return {
    unitCode: record.unitCode,
    unitName,
    orgKey: record.orgKey,
    row: record.row,
    orgName: record.orgName,
    creditCode: record.creditCode,
    orgType: record.orgType,
    status: record.status,
    establishedOn: record.establishedOn,
    mode: record.mode,
    leagueOrgType: record.leagueOrgType,
    secretary: record.secretary,
    phone: record.phone,
    checkResult: record.checkResult,
    firstReportedAt: record.firstReportedAt,
    eligible: isEligible(record),
  };
}

/**
 * The assignment kept for an organization: under its key, or under the key of one of its records (a
 * record that gained or lost its credit code since), as counting finds it.
 */
function assignmentOf(
  organization: ResolvedOrganization<StoredRecord>,
  assignments: ReadonlyMap<string, StoredAssignment>,
): StoredAssignment | null {
  const direct = assignments.get(organization.key);
  if (direct) return direct;
  for (const claim of organization.claims) {
    const found = assignments.get(claim.orgKey) ?? assignments.get(orgKey(null, claim.orgName));
    if (found) return found;
  }
  return null;
}

function districtDuplicate(
  organization: ResolvedOrganization<StoredRecord>,
  assignments: ReadonlyMap<string, StoredAssignment>,
  nameOf: (unitCode: string) => string,
): DistrictDuplicate {
  const first = organization.claims[0];
  if (!first) throw new Error('a duplicate has at least two records');
  const assignment = assignmentOf(organization, assignments);
  return {
    orgKey: organization.key,
    orgName: first.orgName,
    creditCode: organization.claims.find((claim) => claim.creditCode !== null)?.creditCode ?? null,
    defaultUnitCode: first.unitCode,
    countedFor: organization.winner?.unitCode ?? null,
    assignment:
      assignment === null
        ? null
        : {
            unitCode: assignment.unitCode,
            reason: assignment.reason,
            assignedAt: assignment.assignedAt,
            assignedBy: assignment.assignedBy,
          },
    foundUntrue: organization.foundUntrue,
    rows: organization.claims.map((claim) => rowOf(claim, nameOf(claim.unitCode))),
  };
}

/** A unit's own record of a duplicate: that others report it (their names only) and whom it counts for. */
function unitDuplicate(
  organization: ResolvedOrganization<StoredRecord>,
  own: StoredRecord,
  nameOf: (unitCode: string) => string,
): UnitDuplicate {
  const others = [...new Set(organization.claims.map((claim) => claim.unitCode))].filter(
    (unitCode) => unitCode !== own.unitCode,
  );
  const winner = organization.winner;
  return {
    orgKey: own.orgKey,
    orgName: own.orgName,
    creditCode: own.creditCode,
    establishedOn: own.establishedOn,
    countedHere: winner?.unitCode === own.unitCode,
    countedFor: winner ? { unitCode: winner.unitCode, unitName: nameOf(winner.unitCode) } : null,
    assigned: organization.assignedTo !== null,
    otherUnits: others.map((unitCode) => ({ unitCode, unitName: nameOf(unitCode) })),
  };
}

/**
 * GET /duplicates: for an admin every duplicate with each unit's record side by side; for a unit token its
 * own organizations that another unit reports too, without that unit's record (no names of secretaries,
 * no phones, no dates). Readers read the summary's figures, not this.
 */
export async function duplicatesFor(db: Db, caller: Caller): Promise<DuplicatesResponse> {
  requireRole(caller, 'admin', 'unit');
  const { units, assignments, organizations } = await loadDuplicates(db);
  const nameOf = unitNamer(units);
  if (caller.role === 'admin') {
    return {
      scope: 'district',
      duplicates: organizations.map((organization) => districtDuplicate(organization, assignments, nameOf)),
    };
  }
  const unitCode = caller.unitCode ?? '';
  return {
    scope: 'unit',
    unitCode,
    duplicates: organizations.flatMap((organization) => {
      const own = organization.claims.find((claim) => claim.unitCode === unitCode);
      return own ? [unitDuplicate(organization, own, nameOf)] : [];
    }),
  };
}

function notADuplicate(orgKey: string): ApiError {
  return new ApiError(404, 'not_found', `“${orgKey}”现在不是多个单位重复报送的组织`, {
    messageEn: `${orgKey} is not reported by more than one unit now`,
    orgKey,
  });
}

function refused(code: string, message: string, messageEn: string, orgKey: string, unitCode: string) {
  return new ApiError(422, 'validation_failed', message, {
    messageEn,
    problems: [{ index: 0, code, orgKey, unitCode, message }],
  });
}

/**
 * Assigns a duplicated organization to another unit that reports it as established (admin), with a
 * reason: one batch with the audit row and the data-version bump, so every figure follows at once. The
 * same unit and reason again changes nothing; the default unit is refused (revoke the assignment instead).
 */
export async function assignDuplicate(
  db: Db,
  caller: Caller,
  orgKey: string,
  request: { unitCode: string; reason: string },
  now: Date,
): Promise<DuplicateAssignmentResult> {
  requireRole(caller, 'admin');
  const { units, assignments, organizations } = await loadDuplicates(db);
  const nameOf = unitNamer(units);
  const organization = organizations.find((each) => each.key === orgKey);
  if (!organization) throw notADuplicate(orgKey);
  const reason = request.reason.trim();
  const { unitCode } = request;
  const claims = organization.claims.filter((claim) => claim.unitCode === unitCode);
  if (claims.length === 0) {
    throw refused(
      'duplicate.unitNotReporting',
      `${nameOf(unitCode)}的台账中没有这个组织，不能计入该单位`,
      `${unitCode} does not report this organization`,
      orgKey,
      unitCode,
    );
  }
  if (!claims.some(isEligible)) {
    throw refused(
      'duplicate.notEstablished',
      `${nameOf(unitCode)}报送的这个组织不是已建团（或抽查不属实），不能计入该单位`,
      `${unitCode} does not report this organization as established (or it was found untrue)`,
      orgKey,
      unitCode,
    );
  }
  if (unitCode === organization.claims[0]?.unitCode) {
    throw refused(
      'duplicate.isDefault',
      `按建团时间最早，这个组织默认已计入${nameOf(unitCode)}；要恢复默认，请撤销指定`,
      `${unitCode} is the default unit already; revoke the assignment to return to the default`,
      orgKey,
      unitCode,
    );
  }
  const current = assignmentOf(organization, assignments);
  if (current && current.orgKey === orgKey && current.unitCode === unitCode && current.reason === reason) {
    return { changed: false, duplicate: districtDuplicate(organization, assignments, nameOf) };
  }
  const at = now.toISOString();
  const assignment: StoredAssignment = {
    orgKey,
    unitCode,
    reason,
    assignedAt: at,
    assignedBy: caller.label,
  };
  const statements = [revokeAssignmentStatement(db, orgKey, at, caller.tokenId)];
  // An assignment kept under one of its records' keys (found by the fallback) is replaced too.
  if (current && current.orgKey !== orgKey)
    statements.push(revokeAssignmentStatement(db, current.orgKey, at, caller.tokenId));
  statements.push(insertAssignmentStatement(db, { ...assignment, assignedById: caller.tokenId }));
  await commit(db, statements, {
    at,
    actor: caller.tokenId,
    action: 'duplicates.assign',
    target: orgKey,
    detail: {
      unitCode,
      reason,
      defaultUnitCode: organization.claims[0]?.unitCode ?? null,
      previous: current ? { unitCode: current.unitCode, reason: current.reason } : null,
    },
  });
  return { changed: true, duplicate: await duplicateNow(db, orgKey) };
}

/** The duplicate as it stands after a write (null when it is no longer one). */
async function duplicateNow(db: Db, orgKey: string): Promise<DistrictDuplicate | null> {
  const { units, assignments, organizations } = await loadDuplicates(db);
  const organization = organizations.find((each) => each.key === orgKey);
  return organization ? districtDuplicate(organization, assignments, unitNamer(units)) : null;
}

/**
 * Revokes the assignment of an organization (admin): it counts for the default unit again. Audited in
 * the same batch; revoking when no assignment is in force changes nothing (a second click is harmless).
 */
export async function revokeDuplicateAssignment(
  db: Db,
  caller: Caller,
  orgKey: string,
  now: Date,
): Promise<DuplicateAssignmentResult> {
  requireRole(caller, 'admin');
  const { units, assignments, organizations } = await loadDuplicates(db);
  const organization = organizations.find((each) => each.key === orgKey);
  const current = organization ? assignmentOf(organization, assignments) : (assignments.get(orgKey) ?? null);
  if (!current) {
    return {
      changed: false,
      duplicate: organization ? districtDuplicate(organization, assignments, unitNamer(units)) : null,
    };
  }
  const at = now.toISOString();
  await commit(db, [revokeAssignmentStatement(db, current.orgKey, at, caller.tokenId)], {
    at,
    actor: caller.tokenId,
    action: 'duplicates.revoke',
    target: orgKey,
    detail: { unitCode: current.unitCode, reason: current.reason },
  });
  return { changed: true, duplicate: await duplicateNow(db, orgKey) };
}
