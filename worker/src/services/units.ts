// Units and a year's quotas: create, rename or deactivate a unit; read and set quotas in bulk.
import type { QuotaYear, Unit } from '@tuanjian/shared';
import type { Caller } from '../auth';
import { type Db, isUniqueViolation } from '../db/db';
import {
  getSubsidyRate,
  getUnit,
  insertUnitsStatement,
  listQuotas,
  listUnits,
  quotaHistoryStatements,
  setQuotasStatement,
  setSubsidyRateStatement,
  type UnitPatch,
  unitFrom,
  updateUnitStatement,
} from '../db/units';
import { commit } from '../db/write';
import { ApiError } from '../errors';

function unitExists(unit: Pick<Unit, 'code' | 'name'>): ApiError {
  return new ApiError(409, 'conflict', `单位代码“${unit.code}”或名称“${unit.name}”已存在`, {
    messageEn: 'A unit with this code or name already exists',
  });
}

/**
 * Refuses writing a deactivated unit's ledger (uploads, upload drafts, restores), whoever asks: nothing
 * is written. Reactivate the unit first.
 */
export function requireActiveUnit(unit: Pick<Unit, 'code' | 'name' | 'active'>): void {
  if (unit.active) return;
  throw new ApiError(
    409,
    'unit_inactive',
    `单位“${unit.name}”已停用，不能上传或恢复台账；如需上传，请先重新启用该单位`,
    {
      messageEn: `Unit ${unit.code} is deactivated: its ledger cannot be uploaded or restored; reactivate it first`,
      unitCode: unit.code,
    },
  );
}

export async function createUnit(db: Db, caller: Caller, unit: Unit, now: Date): Promise<Unit> {
  const at = now.toISOString();
  try {
    await commit(db, [insertUnitsStatement(db, [unit], at)], {
      at,
      actor: caller.tokenId,
      action: 'unit.create',
      target: unit.code,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw unitExists(unit);
    throw error;
  }
  return unit;
}

export async function updateUnit(
  db: Db,
  caller: Caller,
  code: string,
  patch: UnitPatch,
  now: Date,
): Promise<Unit> {
  if (!(await getUnit(db, code))) {
    throw new ApiError(404, 'not_found', `单位“${code}”不存在`, { messageEn: `Unit ${code} does not exist` });
  }
  let updated: Unit | null;
  try {
    const [result] = await commit(db, [updateUnitStatement(db, code, patch)], {
      at: now.toISOString(),
      actor: caller.tokenId,
      action: 'unit.update',
      target: code,
    });
    updated = unitFrom(result);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError(409, 'conflict', '已有同名单位', {
        messageEn: 'A unit with this name already exists',
      });
    }
    throw error;
  }
  if (!updated) throw new Error(`unit ${code} vanished during its update`);
  return updated;
}

export async function quotaYear(db: Db, year: number): Promise<QuotaYear> {
  const [quotas, subsidyRate] = await Promise.all([listQuotas(db, year), getSubsidyRate(db, year)]);
  return { year, quotas, subsidyRate };
}

export interface QuotaChange {
  quotas: { unitCode: string; quota: number }[];
  subsidyRate?: QuotaYear['subsidyRate'] | undefined;
}

export async function setQuotas(
  db: Db,
  caller: Caller,
  year: number,
  change: QuotaChange,
  now: Date,
): Promise<QuotaYear> {
  const known = new Set((await listUnits(db)).map((unit) => unit.code));
  const seen = new Set<string>();
  const problems: { index: number; unitCode: string; code: string; message: string }[] = [];
  change.quotas.forEach((quota, index) => {
    if (!known.has(quota.unitCode)) {
      problems.push({
        index,
        unitCode: quota.unitCode,
        code: 'unit.unknown',
        message: `单位“${quota.unitCode}”不存在`,
      });
    } else if (seen.has(quota.unitCode)) {
      problems.push({
        index,
        unitCode: quota.unitCode,
        code: 'quota.duplicate',
        message: `单位“${quota.unitCode}”重复`,
      });
    }
    seen.add(quota.unitCode);
  });
  if (problems.length > 0) {
    throw new ApiError(422, 'validation_failed', `指标表中有 ${problems.length} 处错误，未写入任何数据`, {
      messageEn: `${problems.length} problem(s) in the quotas; nothing was written`,
      problems,
    });
  }
  const at = now.toISOString();
  await commit(
    db,
    [
      setQuotasStatement(db, year, change.quotas, at),
      ...(change.subsidyRate ? [setSubsidyRateStatement(db, year, change.subsidyRate)] : []),
      ...quotaHistoryStatements(db, year, change.quotas, change.subsidyRate, at),
    ],
    {
      at,
      actor: caller.tokenId,
      action: 'quotas.set',
      target: String(year),
      detail: { count: change.quotas.length },
    },
  );
  return quotaYear(db, year);
}
