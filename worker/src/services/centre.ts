// 支持中心 (issue 15): the committee sets which organizations are resident in or linked to the centre; every
// role reads the headline figures, the committee the organizations too (least data: names are per-organization).
import {
  type CentreOrganization,
  type CentreRelation,
  centreHeadline,
  centreSentence,
  inCentreDuring,
  isCalendarDate,
  normalizeOrgName,
} from '@tuanjian/shared';
import { type Caller, requireRole } from '../auth';
import {
  centreOrganizations,
  deleteCentreStatement,
  findOrganization,
  upsertCentreStatement,
} from '../db/centre';
import type { Db } from '../db/db';
import { commit } from '../db/write';
import { ApiError } from '../errors';

export async function centreView(db: Db, caller: Caller, year: number) {
  const organizations = await centreOrganizations(db);
  const headline = centreHeadline(organizations, year);
  return {
    headline,
    sentence: centreSentence(headline),
    organizations:
      caller.role === 'admin'
        ? organizations.filter((organization) => inCentreDuring(organization, year))
        : null,
  };
}

export interface CentreInput {
  unitCode: string;
  orgKey?: string | undefined;
  orgName?: string | undefined;
  relation: CentreRelation;
  since: string;
  until?: string | null | undefined;
}

function unprocessable(message: string, messageEn: string): ApiError {
  return new ApiError(422, 'validation_failed', message, { messageEn });
}

/** Puts an organization of a unit's ledger (by key or by name) in the centre, or changes its place or dates. */
export async function setCentreOrganization(
  db: Db,
  caller: Caller,
  input: CentreInput,
  now: Date,
): Promise<CentreOrganization> {
  requireRole(caller, 'admin');
  const until = input.until ?? null;
  if (!isCalendarDate(input.since) || (until !== null && !isCalendarDate(until))) {
    throw unprocessable('日期无效，请写成2026-03-01', 'since and until must be dates like 2026-03-01');
  }
  if (until !== null && until < input.since) {
    throw unprocessable('结束日期早于开始日期', 'until is before since');
  }
  const found = await findOrganization(db, input.unitCode, {
    orgKey: input.orgKey,
    nameKey: input.orgName === undefined ? undefined : normalizeOrgName(input.orgName),
  });
  if (!found) {
    const what = input.orgName ?? input.orgKey ?? '';
    throw unprocessable(
      `单位“${input.unitCode}”的台账中没有组织“${what}”`,
      `No organization ${what} in unit ${input.unitCode}'s ledger`,
    );
  }
  const at = now.toISOString();
  const row = {
    unitCode: input.unitCode,
    orgKey: found.orgKey,
    relation: input.relation,
    since: input.since,
    until,
  };
  await commit(db, [upsertCentreStatement(db, row, caller.tokenId, at)], {
    at,
    actor: caller.tokenId,
    action: 'centre.set',
    target: `${input.unitCode}/${found.orgKey}`,
    detail: row,
  });
  const stored = (await centreOrganizations(db)).find(
    (organization) => organization.unitCode === input.unitCode && organization.orgKey === found.orgKey,
  );
  if (!stored) throw new Error('the centre organization just written is not there');
  return stored;
}

export async function removeCentreOrganization(
  db: Db,
  caller: Caller,
  unitCode: string,
  orgKey: string,
  now: Date,
): Promise<void> {
  requireRole(caller, 'admin');
  const exists = (await centreOrganizations(db)).some(
    (organization) => organization.unitCode === unitCode && organization.orgKey === orgKey,
  );
  if (!exists)
    throw new ApiError(404, 'not_found', '这家组织不在支持中心名单中', { messageEn: 'Not in the centre' });
  const at = now.toISOString();
  await commit(db, [deleteCentreStatement(db, unitCode, orgKey)], {
    at,
    actor: caller.tokenId,
    action: 'centre.remove',
    target: `${unitCode}/${orgKey}`,
  });
}
