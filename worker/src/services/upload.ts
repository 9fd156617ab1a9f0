// An upload: re-validate with the shared rules, diff against the stored ledger, replace it atomically.
import type {
  Diagnostic,
  OrgRef,
  TrackingRecord,
  UploadDiff,
  UploadRequest,
  UploadResponse,
} from '@tuanjian/shared';
import { hasErrors, orgKey, validateRows } from '@tuanjian/shared';
import type { Caller } from '../auth';
import { requireRole, requireUnitScope, sha256Hex } from '../auth';
import { auditStatement } from '../db/audit';
import { bumpDataVersionStatement } from '../db/data-version';
import { loadOtherUnitKeys, loadUnitLedger, replaceLedgerStatements, type StoredRecord } from '../db/ledger';
import { getUnit, listUnits } from '../db/units';
import { findUploadByIdempotencyKey, insertUploadStatement, latestUpload } from '../db/uploads';
import { ApiError } from '../errors';
import { defaultReportMonth, shanghaiDate } from './clock';

export interface UploadOptions {
  dryRun: boolean;
  idempotencyKey: string | null;
  now: Date;
  lateAfterDay: number;
}

/** Fields compared for the diff, in sheet order; row numbers and first-report times are not content. */
const COMPARED_FIELDS = [
  'orgName',
  'creditCode',
  'orgType',
  'youthCount',
  'memberCount',
  'status',
  'establishedOn',
  'mode',
  'leagueOrgType',
  'secretary',
  'phone',
  'hasPartyOrg',
  'checkedOn',
  'checkResult',
  'note',
] as const satisfies readonly (keyof TrackingRecord)[];

function ref(record: StoredRecord | (TrackingRecord & { orgKey: string }), withRow: boolean): OrgRef {
  return {
    orgKey: record.orgKey,
    orgName: record.orgName,
    creditCode: record.creditCode,
    row: withRow ? record.row : null,
  };
}

export function diffLedgers(before: StoredRecord[], after: StoredRecord[]): UploadDiff {
  const previous = new Map(before.map((record) => [record.orgKey, record]));
  const diff: UploadDiff = { added: [], changed: [], removed: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const record of after) {
    seen.add(record.orgKey);
    const old = previous.get(record.orgKey);
    if (!old) {
      diff.added.push(ref(record, true));
      continue;
    }
    const changes = COMPARED_FIELDS.filter((field) => old[field] !== record[field]).map((field) => ({
      field,
      before: old[field],
      after: record[field],
    }));
    if (changes.length === 0) diff.unchanged++;
    else diff.changed.push({ ...ref(record, true), changes });
  }
  for (const record of before) if (!seen.has(record.orgKey)) diff.removed.push(ref(record, false));
  return diff;
}

function validationFailure(diagnostics: Diagnostic[]): ApiError {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return new ApiError(422, 'validation_failed', `台账中有 ${errors} 处错误，未写入任何数据`, {
    messageEn: `The ledger has ${errors} error(s); nothing was written`,
    errorCount: errors,
    warningCount: warnings,
    diagnostics,
  });
}

/**
 * Validates and applies (or, for a dry run, only answers) an upload of one unit's whole ledger.
 * Returns the answer and whether anything new was written.
 */
export async function processUpload(
  db: D1Database,
  caller: Caller,
  request: UploadRequest,
  options: UploadOptions,
): Promise<{ response: UploadResponse; created: boolean }> {
  requireRole(caller, 'admin', 'unit');
  requireUnitScope(caller, request.unitCode);
  const unit = await getUnit(db, request.unitCode);
  if (!unit) {
    throw new ApiError(404, 'not_found', `单位“${request.unitCode}”不存在`, {
      messageEn: `Unit ${request.unitCode} does not exist`,
    });
  }

  if (request.rows.length === 0) {
    // Replacing a ledger with nothing would wipe it: an empty sheet is refused like any bad input.
    throw validationFailure([
      {
        row: null,
        column: null,
        header: null,
        severity: 'error',
        code: 'sheet.empty',
        message: '台账没有数据行：空台账不能上传',
        messageEn: 'The ledger has no data rows: an empty ledger cannot be uploaded',
      },
    ]);
  }

  if (options.idempotencyKey && !options.dryRun) {
    const earlier = await findUploadByIdempotencyKey(db, options.idempotencyKey);
    if (earlier)
      return { response: replayOf(earlier.response, earlier.upload.unitCode, request), created: false };
  }

  const [units, current, others] = await Promise.all([
    listUnits(db),
    loadUnitLedger(db, unit.code),
    loadOtherUnitKeys(db, unit.code),
  ]);
  const { records, diagnostics } = validateRows(request.rows, {
    units,
    uploaderUnitCode: unit.code,
    today: shanghaiDate(options.now),
    otherUnits: others,
  });
  if (hasErrors(diagnostics)) throw validationFailure(diagnostics);
  const warnings = diagnostics.filter((d) => d.severity === 'warning');

  const nowIso = options.now.toISOString();
  const firstReported = new Map(current.map((record) => [record.orgKey, record.firstReportedAt]));
  const next: StoredRecord[] = records.map((record) => {
    const key = orgKey(record.creditCode, record.orgName);
    return { ...record, orgKey: key, firstReportedAt: firstReported.get(key) ?? nowIso };
  });
  const period =
    request.reportYear !== undefined && request.reportMonth !== undefined
      ? { year: request.reportYear, month: request.reportMonth }
      : defaultReportMonth(options.now, options.lateAfterDay);
  const contentHash = await sha256Hex(
    JSON.stringify([
      unit.code,
      period.year,
      period.month,
      records.map((r) => COMPARED_FIELDS.map((f) => r[f])),
    ]),
  );

  if (!options.dryRun) {
    const latest = await latestUpload(db, unit.code);
    if (latest && latest.upload.contentHash === contentHash) {
      return { response: replayOf(latest.response, unit.code, request), created: false };
    }
  }

  const diff = diffLedgers(current, next);
  const uploadId = options.dryRun ? null : crypto.randomUUID();
  const response: UploadResponse = {
    uploadId,
    dryRun: options.dryRun,
    replayed: false,
    unitCode: unit.code,
    rowCount: records.length,
    diff,
    warnings,
  };
  if (options.dryRun || uploadId === null) return { response, created: false };

  try {
    await db.batch([
      ...replaceLedgerStatements(db, unit.code, next),
      bumpDataVersionStatement(db),
      insertUploadStatement(
        db,
        {
          id: uploadId,
          unitCode: unit.code,
          tokenId: caller.tokenId,
          idempotencyKey: options.idempotencyKey,
          contentHash,
          reportYear: period.year,
          reportMonth: period.month,
          createdAt: nowIso,
          rowCount: records.length,
          added: diff.added.length,
          changed: diff.changed.length,
          removed: diff.removed.length,
        },
        response,
      ),
      auditStatement(db, {
        at: nowIso,
        actor: caller.tokenId,
        action: 'upload',
        target: unit.code,
        detail: {
          uploadId,
          added: diff.added.length,
          changed: diff.changed.length,
          removed: diff.removed.length,
        },
      }),
    ]);
  } catch (error) {
    // A concurrent retry with the same key won the race: its answer is this upload's answer.
    if (options.idempotencyKey) {
      const winner = await findUploadByIdempotencyKey(db, options.idempotencyKey);
      if (winner)
        return { response: replayOf(winner.response, winner.upload.unitCode, request), created: false };
    }
    throw error;
  }
  return { response, created: true };
}

function replayOf(response: UploadResponse, storedUnit: string, request: UploadRequest): UploadResponse {
  if (storedUnit !== request.unitCode) {
    throw new ApiError(409, 'conflict', 'Idempotency-Key 已用于另一单位的上传', {
      messageEn: 'This Idempotency-Key was already used for another unit',
    });
  }
  return { ...response, replayed: true };
}
