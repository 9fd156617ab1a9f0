// 电话抽查: a reproducible sample of a unit's established organizations to phone, and the results.
import { type CheckResult, isCalendarDate, shanghaiDate } from '@tuanjian/shared';
import { type Caller, sha256Hex } from '../auth';
import type { Db } from '../db/db';
import { loadUnitLedger, refreshDerivedStatements } from '../db/ledger';
import { checkKey, insertSpotChecksStatements, recordedCheckKeys, type SpotCheck } from '../db/spot-checks';
import { getUnit } from '../db/units';
import { commit } from '../db/write';
import { ApiError } from '../errors';

/** The same seed gives the same sample, whatever the row order (a keyed hash of each organization). */
export async function spotCheckSample(db: Db, unitCode: string, size: number, seed: string) {
  if (!(await getUnit(db, unitCode))) {
    throw new ApiError(404, 'not_found', `单位“${unitCode}”不存在`, {
      messageEn: `Unit ${unitCode} does not exist`,
    });
  }
  const established = (await loadUnitLedger(db, unitCode)).filter((r) => r.status === '已建团');
  const keyed = await Promise.all(
    established.map(async (record) => ({ record, key: await sha256Hex(`${seed}\u0000${record.orgKey}`) })),
  );
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const sample = keyed.slice(0, size).map(({ record }) => ({
    orgKey: record.orgKey,
    orgName: record.orgName,
    creditCode: record.creditCode,
    establishedOn: record.establishedOn,
    leagueOrgType: record.leagueOrgType,
    secretary: record.secretary,
    phone: record.phone,
    row: record.row,
  }));
  return { unitCode, seed, population: established.length, sample };
}

export interface SpotCheckInput {
  unitCode: string;
  orgKey: string;
  checkedOn: string;
  result: CheckResult;
  note?: string | undefined;
}

/**
 * Records spot-check results: every organization must be in its unit's ledger, every date a real day
 * not after today. 不属实 leaves the figures of every month at once, whatever its check date. A check
 * already recorded (same organization, date, result and note) is not recorded again: submitting the
 * same call sheet twice records it once; `alreadyRecorded` counts what was skipped.
 */
export async function recordSpotChecks(
  db: Db,
  caller: Caller,
  checks: SpotCheckInput[],
  now: Date,
): Promise<{ checks: SpotCheck[]; alreadyRecorded: number }> {
  const today = shanghaiDate(now);
  const ledgers = new Map<string, Set<string>>();
  for (const unitCode of new Set(checks.map((check) => check.unitCode))) {
    ledgers.set(unitCode, new Set((await loadUnitLedger(db, unitCode)).map((r) => r.orgKey)));
  }
  const problems = checks.flatMap((check, index) => {
    if (!ledgers.get(check.unitCode)?.has(check.orgKey)) {
      return [
        {
          index,
          code: 'organization.unknown',
          message: `单位“${check.unitCode}”的台账中没有组织“${check.orgKey}”`,
        },
      ];
    }
    if (!isCalendarDate(check.checkedOn)) {
      return [{ index, code: 'date.invalid', message: `抽查日期“${check.checkedOn}”不是有效日期` }];
    }
    if (check.checkedOn > today) {
      return [{ index, code: 'date.future', message: `抽查日期“${check.checkedOn}”晚于今天（${today}）` }];
    }
    return [];
  });
  if (problems.length > 0) {
    throw new ApiError(422, 'validation_failed', `抽查结果中有 ${problems.length} 处错误，未写入任何数据`, {
      messageEn: `${problems.length} problem(s) in the spot checks; nothing was written`,
      problems,
    });
  }
  const seen = await recordedCheckKeys(db, [...ledgers.keys()]);
  const fresh = checks.filter((check) => {
    const key = checkKey(check.unitCode, check.orgKey, check.checkedOn, check.result, check.note ?? null);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const alreadyRecorded = checks.length - fresh.length;
  if (fresh.length === 0) return { checks: [], alreadyRecorded };
  const recordedAt = now.toISOString();
  const rows: SpotCheck[] = fresh.map((check) => ({
    id: crypto.randomUUID(),
    unitCode: check.unitCode,
    orgKey: check.orgKey,
    checkedOn: check.checkedOn,
    result: check.result,
    note: check.note ?? null,
    recordedBy: caller.tokenId,
    recordedAt,
  }));
  // The checks and the tallies of the units they concern commit together.
  await commit(
    db,
    [
      ...insertSpotChecksStatements(db, rows),
      ...refreshDerivedStatements(db, [...ledgers.keys()], { nameKeys: [], creditCodes: [] }),
    ],
    {
      at: recordedAt,
      actor: caller.tokenId,
      action: 'spotChecks.record',
      detail: { count: rows.length, alreadyRecorded },
    },
  );
  return { checks: rows, alreadyRecorded };
}
