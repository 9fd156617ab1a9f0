// An upload of one unit's whole ledger (or a restore of an earlier one): re-validate with the shared
// rules, find what changed against the current versions by fingerprint, and write only that — in one
// atomic batch that first checks the ledger is still at the version the upload was built on.
import type {
  Diagnostic,
  FieldChange,
  OrgRef,
  TrackingRecord,
  UploadDiff,
  UploadRequest,
  UploadResponse,
  UploadSource,
} from '@tuanjian/shared';
import {
  COMPARED_FIELDS,
  crossUnitDiagnostics,
  fingerprint,
  hasErrors,
  hash64,
  inSheetDuplicateDiagnostic,
  mergeDiagnostics,
  normalizeOrgName,
  orgKey,
  rowFingerprint,
  type SheetRow,
  validateRows,
} from '@tuanjian/shared';
import type { Caller } from '../auth';
import { requireRole, requireUnitScope, sha256Hex } from '../auth';
import type { Db } from '../db/db';
import { readTogether } from '../db/db';
import { deleteDraftStatements } from '../db/drafts';
import {
  type CurrentFingerprint,
  fingerprintsRead,
  historyFrom,
  isLedgerMoved,
  keptRowsStatement,
  keptVersionsRead,
  type LedgerChange,
  ledgerChangeStatements,
  ledgerGuardStatement,
  ledgerVersion,
  ledgerVersionRead,
  loadFingerprints,
  loadOtherUnitMatches,
  loadUnitLedgerAt,
  loadUnitMatches,
  loadVersions,
  loadVersionsTouchedBy,
  type NewVersion,
  type RecordVersion,
  refreshDerivedStatements,
  releaseGuardStatement,
  type SharedKeys,
  type StoredRecord,
  sharedKeysRead,
  sharedVersionsRead,
  unkeptVersionsRead,
} from '../db/ledger';
import { getUnit, unitsRead } from '../db/units';
import {
  findUploadByIdempotencyKey,
  getUpload,
  insertUploadStatement,
  insertWarningsStatements,
  latestUpload,
  latestUploadRead,
  loadLegacyChanges,
  loadWarnings,
  type UploadRecord,
  uploadByKeyRead,
} from '../db/uploads';
import { commit } from '../db/write';
import { ApiError } from '../errors';
import { defaultReportMonth, shanghaiDate } from './clock';
import { requireDraft, validateDraft } from './drafts';
import { requireActiveUnit } from './units';

export interface UploadOptions {
  dryRun: boolean;
  idempotencyKey: string | null;
  now: Date;
  lateAfterDay: number;
  /** The ledger version named by `If-Match`, when the request had one. */
  ifMatch?: number | null;
}

/**
 * What identifies a request body for Idempotency-Key checks: SHA-256 over the row hashes and the other
 * fields — the same body gives the same digest, without serializing a large body again whole.
 */
async function requestDigest(request: UploadRequest): Promise<string> {
  // An upload in parts is named by its draft, which exists until the upload that commits it.
  const { rows = [], ...rest } = request;
  return sha256Hex(`${JSON.stringify(rest)}|${rows.map((row) => hash64(JSON.stringify(row))).join('')}`);
}

function ref(record: StoredRecord, withRow: boolean): OrgRef {
  return {
    orgKey: record.orgKey,
    orgName: record.orgName,
    creditCode: record.creditCode,
    row: withRow ? record.row : null,
  };
}

function fieldChanges(before: TrackingRecord, after: TrackingRecord): FieldChange[] {
  return COMPARED_FIELDS.filter((field) => before[field] !== after[field]).map((field) => ({
    field,
    before: before[field],
    after: after[field],
  }));
}

/** The fields the per-unit tallies count by (worker/src/db/ledger.ts refreshDerivedStatements). */
const COUNTED_FIELDS: ReadonlySet<string> = new Set([
  'status',
  'establishedOn',
  'mode',
  'checkedOn',
  'checkResult',
]);

/** What an upload would change, found by fingerprint against the current versions. */
interface ChangePlan {
  /** Whether anything the unit's tallies count changed (a row added or removed, or a counted field). */
  countsChanged: boolean;
  open: NewVersion[];
  close: number[];
  touchUp: LedgerChange['touchUp'];
  diff: UploadDiff;
  touched: { nameKeys: string[]; creditCodes: string[] };
}

async function planChange(db: Db, current: CurrentFingerprint[], next: NewVersion[]): Promise<ChangePlan> {
  const byKey = new Map(current.map((entry) => [entry.orgKey, entry]));
  const nextKeys = new Set(next.map((version) => version.record.orgKey));
  // The before side, in one read: changed rows (their fingerprint differs), rows stored before the
  // versioned ledger (no fingerprint: compare their fields once), and removed rows.
  const wanted: number[] = current
    .filter((entry) => !nextKeys.has(entry.orgKey))
    .map((entry) => entry.versionId);
  for (const version of next) {
    const old = byKey.get(version.record.orgKey);
    if (old && (old.contentHash !== version.contentHash || old.contentHash.length !== 16))
      wanted.push(old.versionId);
  }
  return planFrom(current, next, await loadVersions(db, wanted));
}

/**
 * What changes from the `current` versions to the `next` ones, with `before` holding the whole
 * current version of every changed and removed organization.
 */
function planFrom(
  current: readonly CurrentFingerprint[],
  next: readonly NewVersion[],
  before: ReadonlyMap<number, RecordVersion>,
): ChangePlan {
  const byKey = new Map(current.map((entry) => [entry.orgKey, entry]));
  const nextKeys = new Set(next.map((version) => version.record.orgKey));
  const removedIds = current.filter((entry) => !nextKeys.has(entry.orgKey));
  const plan: ChangePlan = {
    countsChanged: false,
    open: [],
    close: [],
    touchUp: [],
    diff: { added: [], changed: [], removed: [], unchanged: 0 },
    touched: { nameKeys: [], creditCodes: [] },
  };
  const touch = (nameKey: string, creditCode: string | null) => {
    plan.touched.nameKeys.push(nameKey);
    if (creditCode !== null) plan.touched.creditCodes.push(creditCode);
  };
  for (const version of next) {
    const { record } = version;
    const old = byKey.get(record.orgKey);
    if (!old) {
      plan.countsChanged = true;
      plan.open.push(version);
      plan.diff.added.push(ref(record, true));
      touch(version.nameKey, record.creditCode);
      continue;
    }
    const oldVersion = before.get(old.versionId);
    const changes =
      old.contentHash === version.contentHash
        ? []
        : oldVersion
          ? fieldChanges(oldVersion.record, record)
          : [];
    if (changes.length === 0) {
      plan.diff.unchanged++;
      if (
        old.row !== record.row ||
        old.nameKey !== version.nameKey ||
        old.contentHash !== version.contentHash ||
        (version.rowHash !== null && old.rowHash !== version.rowHash)
      ) {
        plan.touchUp.push({
          versionId: old.versionId,
          row: record.row,
          nameKey: version.nameKey,
          contentHash: version.contentHash,
          rowHash: version.rowHash,
        });
        if (old.nameKey !== version.nameKey) {
          touch(old.nameKey, null);
          touch(version.nameKey, null);
        }
      }
      continue;
    }
    plan.open.push(version);
    plan.close.push(old.versionId);
    plan.diff.changed.push({ ...ref(record, true), changes });
    if (changes.some((change) => COUNTED_FIELDS.has(change.field))) plan.countsChanged = true;
    touch(old.nameKey, old.creditCode);
    touch(version.nameKey, record.creditCode);
  }
  for (const entry of removedIds) {
    plan.countsChanged = true;
    plan.close.push(entry.versionId);
    const old = before.get(entry.versionId);
    plan.diff.removed.push(
      old
        ? ref(old.record, false)
        : { orgKey: entry.orgKey, orgName: entry.orgKey.slice(2), creditCode: entry.creditCode, row: null },
    );
    touch(entry.nameKey, entry.creditCode);
  }
  return plan;
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

function emptyLedger(): ApiError {
  // Replacing a ledger with nothing would wipe it: an empty sheet is refused like any bad input.
  return validationFailure([
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

function unitNotFound(unitCode: string): ApiError {
  return new ApiError(404, 'not_found', `单位“${unitCode}”不存在`, {
    messageEn: `Unit ${unitCode} does not exist`,
  });
}

async function requireUnit(db: Db, caller: Caller, unitCode: string) {
  requireRole(caller, 'admin', 'unit');
  requireUnitScope(caller, unitCode);
  const unit = await getUnit(db, unitCode);
  if (!unit) throw unitNotFound(unitCode);
  return unit;
}

/** What to write as a unit's ledger, wherever it came from (a sheet, or an earlier version). */
interface LedgerTarget {
  unitCode: string;
  records: NewVersion[];
  warnings: Diagnostic[];
  period: { year: number; month: number };
  source: UploadSource;
  restoredFrom: string | null;
  expectRemoved: number | undefined;
  baseVersion: number | undefined;
  requestHash: string | null;
  /** The upload draft whose parts held the rows: deleted by the batch that commits them. */
  draftId: string | null;
}

/**
 * Validated records as versions to store. The records gain their key and first-report time in place:
 * a large upload holds one copy of its rows, not two.
 */
function newVersions(
  records: TrackingRecord[],
  current: readonly { orgKey: string; firstReportedAt: string }[],
  nowIso: string,
  rowHashes: ReadonlyMap<number, string> | null,
): NewVersion[] {
  const firstReported = new Map(current.map((entry) => [entry.orgKey, entry.firstReportedAt]));
  return records.map((record) => {
    const key = orgKey(record.creditCode, record.orgName);
    const stored: StoredRecord = Object.assign(record, {
      orgKey: key,
      firstReportedAt: firstReported.get(key) ?? nowIso,
    });
    return {
      record: stored,
      nameKey: normalizeOrgName(record.orgName),
      contentHash: fingerprint(record),
      rowHash: rowHashes?.get(record.row) ?? null,
    };
  });
}

/** Each sent row's fingerprint by its sheet row (rowFingerprint), stored with the version it becomes. */
function rowHashesOf(rows: readonly SheetRow[]): Map<number, string> {
  return new Map(rows.map((row) => [row.row, rowFingerprint(row.cells)]));
}

async function contentHashOf(target: Pick<LedgerTarget, 'unitCode' | 'period' | 'records'>): Promise<string> {
  return sha256Hex(
    [
      target.unitCode,
      target.period.year,
      target.period.month,
      ...target.records.map((v) => v.contentHash),
    ].join('|'),
  );
}

/**
 * Validates and applies (or, for a dry run, only answers) an upload of one unit's whole ledger.
 * Returns the answer and whether anything new was written.
 */
export async function processUpload(
  db: Db,
  caller: Caller,
  request: UploadRequest,
  options: UploadOptions,
): Promise<{ response: UploadResponse; created: boolean }> {
  requireRole(caller, 'admin', 'unit');
  requireUnitScope(caller, request.unitCode);
  if (request.keep !== undefined) return processPatch(db, caller, request, request.keep, options);
  if (request.draftId === undefined && (request.rows ?? []).length === 0) throw emptyLedger();

  const requestHash = options.idempotencyKey && !options.dryRun ? await requestDigest(request) : null;
  // Everything the upload reads before validating, in one round trip.
  const opening = await readTogether(db, {
    units: unitsRead(db),
    earlier: uploadByKeyRead(db, requestHash === null ? null : options.idempotencyKey),
    current: fingerprintsRead(db, request.unitCode),
    version: ledgerVersionRead(db, request.unitCode),
    latest: latestUploadRead(db, request.unitCode),
    shared: sharedKeysRead(db),
  });
  const { units, current } = opening;
  const unit = units.find((each) => each.code === request.unitCode);
  if (!unit) throw unitNotFound(request.unitCode);
  if (opening.earlier) {
    return { response: await replayOf(db, opening.earlier, unit.code, requestHash), created: false };
  }
  requireActiveUnit(unit);

  // After the key lookup: the upload that committed a draft deleted it, and its retry is a replay.
  const draft = request.draftId ? await requireDraft(db, caller, request.draftId, options.now) : null;
  if (draft && draft.unitCode !== unit.code) {
    throw new ApiError(400, 'bad_request', `这次分批上传属于单位“${draft.unitCode}”，不是“${unit.code}”`, {
      messageEn: `The draft belongs to unit ${draft.unitCode}, not ${unit.code}`,
    });
  }
  const context = { units, uploaderUnitCode: unit.code, today: shanghaiDate(options.now) };
  const first = draft ? await validateDraft(db, draft, context) : validateRows(request.rows ?? [], context);
  if (hasErrors(first.diagnostics)) throw validationFailure(first.diagnostics);
  const records = newVersions(
    first.records,
    current,
    options.now.toISOString(),
    draft ? null : rowHashesOf(request.rows ?? []),
  );
  const lookup = namesToLookUp(records, current, opening.shared);
  const others = await loadOtherUnitMatches(db, unit.code, lookup.nameKeys, lookup.creditCodes);
  const diagnostics =
    others.length === 0
      ? first.diagnostics
      : mergeDiagnostics(first.diagnostics, crossUnitDiagnostics(first.records, others, units));

  return applyLedger(
    db,
    caller,
    {
      ...sheetTarget(request, unit.code, records, diagnostics, options),
      baseVersion: options.ifMatch ?? request.baseVersion,
      requestHash,
      draftId: draft?.id ?? null,
    },
    { ...options, current, version: opening.version, latest: opening.latest },
  );
}

/** What an upload patch stands on: the versions it keeps, checked against the ledger it names. */
interface PatchBase {
  /** The patch's `keep` as the JSON parameter the SQL reads. */
  keep: string;
  kept: number;
  /** Kept versions whose sheet row changed. */
  moved: number;
  /** The open versions the patch does not keep, whole, by id. */
  before: Map<number, RecordVersion>;
}

/**
 * An upload patch (SPEC §6, issue 9): the rows of the sheet that differ from the ledger at `baseVersion`,
 * and the unchanged ones named by version. The same answer, checks, history and write as a whole
 * upload of the same sheet, except that warnings about a kept row are not given again (other than
 * the cross-unit ones): it was validated when it was stored.
 */
async function processPatch(
  db: Db,
  caller: Caller,
  request: UploadRequest,
  keep: readonly [number, number][],
  options: UploadOptions,
): Promise<{ response: UploadResponse; created: boolean }> {
  const baseVersion = options.ifMatch ?? request.baseVersion;
  if (baseVersion === undefined) {
    throw new ApiError(400, 'bad_request', '增量上传须注明所依据的台账版本（baseVersion 或 If-Match）', {
      messageEn:
        'An upload patch (keep) needs the ledger version its fingerprints came from (baseVersion or If-Match)',
    });
  }
  const rows = request.rows ?? [];
  if (rows.length === 0 && keep.length === 0) throw emptyLedger();
  const requestHash = options.idempotencyKey && !options.dryRun ? await requestDigest(request) : null;
  const keepJson = JSON.stringify(keep);
  const opening = await readTogether(db, {
    units: unitsRead(db),
    earlier: uploadByKeyRead(db, requestHash === null ? null : options.idempotencyKey),
    version: ledgerVersionRead(db, request.unitCode),
    latest: latestUploadRead(db, request.unitCode),
    kept: keptVersionsRead(db, request.unitCode, keepJson),
    unkept: unkeptVersionsRead(db, request.unitCode, keepJson),
    sharedVersions: sharedVersionsRead(db, request.unitCode),
  });
  const { units, version } = opening;
  const unit = units.find((each) => each.code === request.unitCode);
  if (!unit) throw unitNotFound(request.unitCode);
  if (opening.earlier) {
    return { response: await replayOf(db, opening.earlier, unit.code, requestHash), created: false };
  }
  requireActiveUnit(unit);
  if (version !== baseVersion) throw patchBaseMoved(baseVersion, version);
  if (opening.kept.kept !== keep.length) {
    throw new ApiError(400, 'bad_request', '增量上传保留的版本不在该单位的当前台账中，请重新获取台账指纹', {
      messageEn: `keep names ${keep.length} version(s), of which ${opening.kept.kept} are distinct open versions of this unit; fetch the fingerprints again`,
    });
  }

  const context = { units, uploaderUnitCode: unit.code, today: shanghaiDate(options.now) };
  const first = validateRows([...rows], context);
  if (hasErrors(first.diagnostics)) throw validationFailure(first.diagnostics);
  const current: CurrentFingerprint[] = opening.unkept.map(toFingerprint);
  const records = newVersions(first.records, current, options.now.toISOString(), rowHashesOf(rows));
  const keptRow = new Map(keep);
  const sharedKept = opening.sharedVersions.filter((version) => keptRow.has(version.versionId));
  const keptShared = sharedKept.map((version) => ({
    ...version.record,
    row: keptRow.get(version.versionId) ?? version.record.row,
  }));

  // The same organization on a sent row and on a kept one: a duplicate within the sheet.
  const sentNames = [...new Set(records.map((version) => version.nameKey))];
  const sentCodes = [...new Set(records.flatMap((version) => version.record.creditCode ?? []))];
  const [matches, others] = await Promise.all([
    loadUnitMatches(db, unit.code, sentNames, sentCodes),
    loadOtherUnitMatches(
      db,
      unit.code,
      [...new Set([...sentNames, ...sharedKept.map((version) => version.nameKey)])],
      [...new Set([...sentCodes, ...keptShared.flatMap((record) => record.creditCode ?? [])])],
    ),
  ]);
  const duplicates: Diagnostic[] = [];
  for (const match of matches) {
    const row = keptRow.get(match.versionId);
    if (row === undefined) continue;
    const kept = { row, orgName: match.record.orgName, creditCode: match.record.creditCode };
    const sent =
      records.find((version) => kept.creditCode !== null && version.record.creditCode === kept.creditCode) ??
      records.find((version) => version.nameKey === match.nameKey);
    if (sent) duplicates.push(inSheetDuplicateDiagnostic(sent.record, kept));
  }
  if (duplicates.length > 0) {
    throw validationFailure(mergeDiagnostics(first.diagnostics, duplicates));
  }
  const diagnostics =
    others.length === 0
      ? first.diagnostics
      : mergeDiagnostics(
          first.diagnostics,
          crossUnitDiagnostics([...first.records, ...keptShared], others, units),
        );

  return applyLedger(
    db,
    caller,
    {
      ...sheetTarget(request, unit.code, records, diagnostics, options),
      baseVersion,
      requestHash,
      draftId: null,
    },
    {
      ...options,
      current,
      version,
      latest: opening.latest,
      patch: {
        keep: keepJson,
        kept: opening.kept.kept,
        moved: opening.kept.moved,
        before: new Map(opening.unkept.map((version) => [version.versionId, version])),
      },
    },
  );
}

function toFingerprint(version: RecordVersion): CurrentFingerprint {
  return {
    versionId: version.versionId,
    orgKey: version.record.orgKey,
    nameKey: version.nameKey,
    creditCode: version.record.creditCode,
    contentHash: version.contentHash,
    rowHash: version.rowHash,
    row: version.record.row,
    firstReportedAt: version.record.firstReportedAt,
  };
}

/** What a patch upload stores as its content: the ledger it stood on and what it sent. */
async function patchHashOf(target: LedgerTarget, baseVersion: number, patch: PatchBase): Promise<string> {
  return sha256Hex(
    [
      'patch',
      target.unitCode,
      target.period.year,
      target.period.month,
      baseVersion,
      patch.keep,
      ...target.records.map((v) => v.contentHash),
    ].join('|'),
  );
}

/** A patch names a ledger version that is no longer the unit's: its fingerprints are stale. */
function patchBaseMoved(baseVersion: number, ledgerVersion: number): ApiError {
  return new ApiError(
    409,
    'ledger_changed',
    `台账已被更新（现为第${ledgerVersion}版，预检时为第${baseVersion}版）；请查看最新的修改后重新上传，未写入任何数据`,
    {
      messageEn: `The ledger moved to version ${ledgerVersion} since version ${baseVersion}; fetch its fingerprints and dry-run again. Nothing was written`,
      baseVersion,
      ledgerVersion,
    },
  );
}

/** What a sheet's upload (whole or a patch) writes, apart from the version, key and draft it names. */
function sheetTarget(
  request: UploadRequest,
  unitCode: string,
  records: NewVersion[],
  diagnostics: Diagnostic[],
  options: UploadOptions,
): Omit<LedgerTarget, 'baseVersion' | 'requestHash' | 'draftId'> {
  return {
    unitCode,
    records,
    warnings: diagnostics.filter((d) => d.severity === 'warning'),
    period:
      request.reportYear !== undefined && request.reportMonth !== undefined
        ? { year: request.reportYear, month: request.reportMonth }
        : defaultReportMonth(options.now, options.lateAfterDay),
    source: request.source ?? 'api',
    restoredFrom: null,
    expectRemoved: request.expectRemoved,
  };
}

/**
 * The names and credit codes to look up in other units' ledgers for the cross-unit warning: those of
 * new and changed rows, and those of unchanged rows that another unit already shares (shared_names and
 * shared_codes say which) — not one lookup per row of the sheet.
 */
function namesToLookUp(
  records: readonly NewVersion[],
  current: readonly CurrentFingerprint[],
  shared: SharedKeys,
): { nameKeys: string[]; creditCodes: string[] } {
  const byKey = new Map(current.map((entry) => [entry.orgKey, entry]));
  const nameKeys = new Set<string>();
  const creditCodes = new Set<string>();
  for (const version of records) {
    const old = byKey.get(version.record.orgKey);
    const fresh = !old || old.contentHash !== version.contentHash || old.nameKey !== version.nameKey;
    const code = version.record.creditCode;
    if (fresh || shared.nameKeys.has(version.nameKey)) nameKeys.add(version.nameKey);
    if (code && (fresh || shared.creditCodes.has(code))) creditCodes.add(code);
  }
  return { nameKeys: [...nameKeys], creditCodes: [...creditCodes] };
}

export interface RestoreRequest {
  uploadId: string;
  source?: UploadSource | undefined;
  expectRemoved?: number | undefined;
  baseVersion?: number | undefined;
}

/**
 * Restores a unit's ledger as it stood right after an earlier upload: an upload of its own (dry run
 * first; its own diff, history, audit and idempotency), with the same removal and version guards.
 */
export async function restoreUpload(
  db: Db,
  caller: Caller,
  request: RestoreRequest,
  options: UploadOptions,
): Promise<{ response: UploadResponse; created: boolean }> {
  const target = await getUpload(db, request.uploadId);
  if (!target) throw new ApiError(404, 'not_found', '找不到该上传记录', { messageEn: 'No such upload' });
  const unit = await requireUnit(db, caller, target.unitCode);
  const requestHash =
    options.idempotencyKey && !options.dryRun
      ? await sha256Hex(JSON.stringify({ restore: request.uploadId, ...request }))
      : null;
  if (options.idempotencyKey && !options.dryRun) {
    const earlier = await findUploadByIdempotencyKey(db, options.idempotencyKey);
    if (earlier) return { response: await replayOf(db, earlier, unit.code, requestHash), created: false };
  }
  requireActiveUnit(unit);
  if (target.version < (await historyFrom(db, unit.code))) {
    throw new ApiError(409, 'conflict', '该上传早于台账历史记录的启用，无法据此恢复', {
      messageEn: 'This upload predates the versioned ledger; its rows were not kept and cannot be restored',
      uploadId: target.id,
    });
  }
  const [versions, current] = await Promise.all([
    loadUnitLedgerAt(db, unit.code, target.version),
    loadFingerprints(db, unit.code),
  ]);
  if (versions.length === 0) throw emptyLedger();
  const records = versions.map((version) => ({
    record: version.record,
    nameKey: normalizeOrgName(version.record.orgName),
    contentHash: fingerprint(version.record),
    rowHash: version.rowHash,
  }));
  return applyLedger(
    db,
    caller,
    {
      unitCode: unit.code,
      records,
      warnings: [],
      period: defaultReportMonth(options.now, options.lateAfterDay),
      source: request.source ?? 'api',
      restoredFrom: target.id,
      expectRemoved: request.expectRemoved,
      baseVersion: options.ifMatch ?? request.baseVersion,
      requestHash,
      draftId: null,
    },
    { ...options, current },
  );
}

async function applyLedger(
  db: Db,
  caller: Caller,
  target: LedgerTarget,
  options: UploadOptions & {
    current: CurrentFingerprint[];
    /** The ledger version and latest upload, when read together with `current`. */
    version?: number;
    latest?: UploadRecord | null;
    /** An upload patch: `current` and `target.records` are then only what the patch does not keep. */
    patch?: PatchBase;
  },
): Promise<{ response: UploadResponse; created: boolean }> {
  const { patch } = options;
  const [version, plan] = await Promise.all([
    options.version ?? ledgerVersion(db, target.unitCode),
    patch
      ? planFrom(options.current, target.records, patch.before)
      : planChange(db, options.current, target.records),
  ]);
  if (patch) plan.diff.unchanged += patch.kept;
  const rowCount = target.records.length + (patch?.kept ?? 0);
  const response: UploadResponse = {
    uploadId: null,
    dryRun: options.dryRun,
    replayed: false,
    unitCode: target.unitCode,
    rowCount,
    ledgerVersion: version,
    baseVersion: version,
    restoredFrom: target.restoredFrom,
    diff: plan.diff,
    warnings: target.warnings,
  };
  if (options.dryRun) return { response, created: false };

  if (target.baseVersion !== undefined && target.baseVersion !== version) {
    throw ledgerChanged(response, target.baseVersion);
  }
  const removed = plan.diff.removed.length;
  if ((removed > 0 || target.expectRemoved !== undefined) && target.expectRemoved !== removed) {
    throw new ApiError(
      409,
      'removals_unconfirmed',
      target.expectRemoved === undefined
        ? `这次上传将删除${removed}个组织，请确认删除数量后再上传；未写入任何数据`
        : `这次上传将删除${removed}个组织，与确认的${target.expectRemoved}个不符；未写入任何数据`,
      {
        messageEn: `This upload removes ${removed} organization(s); state that number (expectRemoved) to confirm. Nothing was written`,
        expectRemoved: target.expectRemoved ?? null,
        ledgerVersion: version,
        removed: plan.diff.removed,
      },
    );
  }

  const contentHash = patch ? await patchHashOf(target, version, patch) : await contentHashOf(target);
  const latest = options.latest !== undefined ? options.latest : await latestUpload(db, target.unitCode);
  // A patch that changes nothing, not even a row number, names the same ledger as the latest upload.
  const sameLedger = patch
    ? plan.open.length === 0 &&
      plan.close.length === 0 &&
      plan.touchUp.length === 0 &&
      patch.moved === 0 &&
      latest?.reportYear === target.period.year &&
      latest.reportMonth === target.period.month
    : latest?.contentHash === contentHash;
  if (latest && latest.version === version && sameLedger && target.restoredFrom === null) {
    // The same ledger for the same month again: the upload already made counts, nothing new is written.
    return { response: await replayOf(db, latest, target.unitCode, null), created: false };
  }

  const uploadId = crypto.randomUUID();
  const nowIso = options.now.toISOString();
  const upload: UploadRecord = {
    id: uploadId,
    unitCode: target.unitCode,
    tokenId: caller.tokenId,
    idempotencyKey: options.idempotencyKey,
    contentHash,
    reportYear: target.period.year,
    reportMonth: target.period.month,
    createdAt: nowIso,
    rowCount,
    added: plan.diff.added.length,
    changed: plan.diff.changed.length,
    removed,
    unchanged: plan.diff.unchanged,
    warningCount: target.warnings.length,
    version: version + 1,
    baseVersion: version,
    source: target.source,
    restoredFrom: target.restoredFrom,
    requestHash: target.requestHash,
  };
  try {
    await commit(
      db,
      [
        ledgerGuardStatement(db, target.unitCode, version),
        ...ledgerChangeStatements(db, {
          unitCode: target.unitCode,
          uploadId,
          version: version + 1,
          at: nowIso,
          open: plan.open,
          close: plan.close,
          touchUp: plan.touchUp,
        }),
        ...(patch && patch.moved > 0 ? [keptRowsStatement(db, target.unitCode, patch.keep)] : []),
        ...refreshDerivedStatements(db, plan.countsChanged ? [target.unitCode] : [], plan.touched),
        insertUploadStatement(db, upload),
        ...insertWarningsStatements(db, uploadId, target.warnings),
        ...(target.draftId ? deleteDraftStatements(db, target.draftId) : []),
        releaseGuardStatement(db, target.unitCode),
      ],
      {
        at: nowIso,
        actor: caller.tokenId,
        action: target.restoredFrom ? 'ledger.restore' : 'upload',
        target: target.unitCode,
        detail: {
          uploadId,
          version: version + 1,
          added: upload.added,
          changed: upload.changed,
          removed,
          ...(target.restoredFrom ? { restoredFrom: target.restoredFrom } : {}),
        },
      },
    );
  } catch (error) {
    // A concurrent retry with the same key won the race: its answer is this upload's answer.
    if (options.idempotencyKey) {
      const winner = await findUploadByIdempotencyKey(db, options.idempotencyKey);
      if (winner)
        return { response: await replayOf(db, winner, target.unitCode, target.requestHash), created: false };
    }
    if (isLedgerMoved(error) && patch)
      throw patchBaseMoved(version, await ledgerVersion(db, target.unitCode));
    if (isLedgerMoved(error)) {
      // Another upload of this unit landed between our read and our write: answer with the fresh diff.
      const fresh = await applyLedger(db, caller, target, {
        ...options,
        dryRun: true,
        current: await loadFingerprints(db, target.unitCode),
        version: undefined,
        latest: undefined,
      });
      throw ledgerChanged(fresh.response, version);
    }
    throw error;
  }
  return {
    response: { ...response, uploadId, ledgerVersion: version + 1, baseVersion: version },
    created: true,
  };
}

function ledgerChanged(fresh: UploadResponse, baseVersion: number): ApiError {
  return new ApiError(
    409,
    'ledger_changed',
    `台账已被更新（现为第${fresh.ledgerVersion}版，预检时为第${baseVersion}版）；请查看最新的修改后重新上传，未写入任何数据`,
    {
      messageEn: `The ledger moved to version ${fresh.ledgerVersion} since version ${baseVersion}; review the fresh diff and upload again. Nothing was written`,
      baseVersion,
      ledgerVersion: fresh.ledgerVersion,
      diff: fresh.diff,
    },
  );
}

/** The answer an earlier upload gave, rebuilt from its history; another body under its key is refused. */
async function replayOf(
  db: Db,
  upload: UploadRecord,
  unitCode: string,
  requestHash: string | null,
): Promise<UploadResponse> {
  if (upload.unitCode !== unitCode) {
    throw new ApiError(409, 'conflict', 'Idempotency-Key 已用于另一单位的上传', {
      messageEn: 'This Idempotency-Key was already used for another unit',
    });
  }
  if (requestHash !== null && upload.requestHash !== null && upload.requestHash !== requestHash) {
    throw new ApiError(
      422,
      'idempotency_key_reused',
      '这个 Idempotency-Key 已用于内容不同的另一次上传；请为新的上传使用新的 Idempotency-Key，未写入任何数据',
      {
        messageEn:
          'This Idempotency-Key was used for an upload with another body; use a new key. Nothing was written',
        uploadId: upload.id,
      },
    );
  }
  const [diff, warnings] = await Promise.all([uploadDiff(db, upload), loadWarnings(db, upload.id)]);
  return {
    uploadId: upload.id,
    dryRun: false,
    replayed: true,
    unitCode: upload.unitCode,
    rowCount: upload.rowCount,
    ledgerVersion: upload.version,
    baseVersion: upload.baseVersion,
    restoredFrom: upload.restoredFrom,
    diff: toRefDiff(diff),
    warnings,
  };
}

/** An upload's diff in full: the versions it opened and closed, paired by organization. */
export interface FullDiff {
  added: StoredRecord[];
  changed: { before: StoredRecord; after: StoredRecord; changes: FieldChange[] }[];
  removed: StoredRecord[];
  unchanged: number;
  /** Uploads made before the versioned ledger: references only, as their answers listed them. */
  legacy: boolean;
  legacyRefs?: UploadDiff;
}

export async function uploadDiff(db: Db, upload: UploadRecord): Promise<FullDiff> {
  const touched = await loadVersionsTouchedBy(db, upload.unitCode, upload.version);
  if (touched.length === 0 && upload.added + upload.changed + upload.removed > 0) {
    const legacy = await loadLegacyChanges(db, upload.id);
    const refs: UploadDiff = { added: [], changed: [], removed: [], unchanged: upload.unchanged };
    for (const entry of legacy) {
      const orgRef = {
        orgKey: entry.orgKey,
        orgName: entry.orgName,
        creditCode: entry.creditCode,
        row: entry.row,
      };
      if (entry.kind === 'changed') {
        const parsed: unknown = entry.changesJson ? JSON.parse(entry.changesJson) : [];
        const changes = Array.isArray(parsed) ? (parsed as FieldChange[]) : [];
        refs.changed.push({ ...orgRef, changes });
      } else refs[entry.kind].push(orgRef);
    }
    return {
      added: [],
      changed: [],
      removed: [],
      unchanged: upload.unchanged,
      legacy: true,
      legacyRefs: refs,
    };
  }
  const opened = new Map<string, RecordVersion>();
  const closed = new Map<string, RecordVersion>();
  for (const version of touched) {
    if (version.fromVersion === upload.version) opened.set(version.record.orgKey, version);
    if (version.toVersion === upload.version) closed.set(version.record.orgKey, version);
  }
  const diff: FullDiff = { added: [], changed: [], removed: [], unchanged: upload.unchanged, legacy: false };
  for (const [key, after] of opened) {
    const before = closed.get(key);
    if (before) {
      diff.changed.push({
        before: before.record,
        after: after.record,
        changes: fieldChanges(before.record, after.record),
      });
    } else diff.added.push(after.record);
  }
  for (const [key, before] of closed) if (!opened.has(key)) diff.removed.push(before.record);
  return diff;
}

export function toRefDiff(diff: FullDiff): UploadDiff {
  if (diff.legacy && diff.legacyRefs) return diff.legacyRefs;
  return {
    added: diff.added.map((record) => ref(record, true)),
    changed: diff.changed.map((entry) => ({ ...ref(entry.after, true), changes: entry.changes })),
    removed: diff.removed.map((record) => ref(record, false)),
    unchanged: diff.unchanged,
  };
}
