// 活动台账 (issue 15): a unit uploads its whole activity sheet; the worker checks it against the unit's ledger
// (an activity belongs to an organization there that has a League organization), answers a dry run with the
// diff, and applies an upload as one atomic batch that makes the unit's next activity ledger version. Every
// version is kept: history lists the uploads with their diffs, and a restore brings an earlier version back as
// an upload of its own. Units upload their own; the committee any unit's.
import {
  type Activity,
  type ActivityDiff,
  type ActivityLedger,
  type ActivityUploadRecord,
  type ActivityUploadRequest,
  type ActivityUploadResponse,
  activityContentHash,
  activityKey,
  checkActivities,
  type Diagnostic,
  type LedgerActivity,
  ledgerByName,
  shanghaiDate,
  type UploadSource,
} from '@tuanjian/shared';
import { type Caller, requireRole, requireUnitScope, sha256Hex } from '../auth';
import {
  type ActivityChange,
  activitiesAtVersion,
  activitiesOfUpload,
  activityChangeStatements,
  activityLedgerVersion,
  currentActivities,
  findActivityUpload,
  findActivityUploadByKey,
  isActivityLedgerMoved,
  latestActivityUpload,
  ledgerOrganizations,
  listActivityUploads,
  type OpenActivity,
  type StoredActivity,
  type StoredActivityUpload,
} from '../db/activities';
import type { Db } from '../db/db';
import { getUnit } from '../db/units';
import { commit } from '../db/write';
import { ApiError } from '../errors';

export interface ActivityUploadOptions {
  dryRun: boolean;
  idempotencyKey: string | null;
  now: Date;
}

function publicUpload({
  contentHash: _hash,
  idempotencyKey: _key,
  ...upload
}: StoredActivityUpload): ActivityUploadRecord {
  return upload;
}

function validationFailure(diagnostics: Diagnostic[]): ApiError {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return new ApiError(422, 'validation_failed', `活动台账中有 ${errors} 处错误，未写入任何数据`, {
    messageEn: `The activity sheet has ${errors} error(s); nothing was written`,
    errorCount: errors,
    warningCount: diagnostics.length - errors,
    diagnostics,
  });
}

async function requireKnownUnit(db: Db, unitCode: string): Promise<void> {
  const unit = await getUnit(db, unitCode);
  if (!unit) {
    throw new ApiError(404, 'not_found', `没有代码为 ${unitCode} 的单位`, {
      messageEn: `No unit ${unitCode}`,
    });
  }
}

/** The diff of `next` against the unit's current activities, and what to close and open to get there. */
function plan(unitCode: string, current: readonly StoredActivity[], next: readonly OpenActivity[]) {
  const byKey = new Map(current.map((stored) => [stored.key, stored]));
  const diff: ActivityDiff = { added: [], changed: [], removed: [], unchanged: 0 };
  const close: number[] = [];
  const open: OpenActivity[] = [];
  const seen = new Set<string>();
  for (const item of next) {
    seen.add(item.key);
    const after = { unitCode, ...item.activity };
    const before = byKey.get(item.key);
    if (!before) {
      diff.added.push(after);
      open.push(item);
    } else if (before.contentHash !== item.contentHash) {
      diff.changed.push({ before: before.activity, after });
      close.push(before.versionId);
      open.push(item);
    } else diff.unchanged++;
  }
  for (const stored of current) {
    if (seen.has(stored.key)) continue;
    diff.removed.push(stored.activity);
    close.push(stored.versionId);
  }
  return { diff, close, open };
}

function toOpen(activity: Omit<Activity, never>): OpenActivity {
  const { row, ...content } = activity;
  return { key: activityKey(activity), contentHash: activityContentHash(content), activity };
}

/** The hash an upload is known by: its activities' keys and fingerprints, in key order. */
function contentHashOf(next: readonly OpenActivity[]): Promise<string> {
  return sha256Hex(JSON.stringify(next.map((item) => `${item.key}:${item.contentHash}`).sort()));
}

interface Target {
  unitCode: string;
  activities: Activity[];
  warnings: Diagnostic[];
  rowCount: number;
  source: UploadSource;
  expectRemoved: number | undefined;
  baseVersion: number | undefined;
  restoredFrom: string | null;
}

/** Checks, diffs and (unless a dry run) applies one target: the shared path of an upload and a restore. */
async function apply(
  db: Db,
  caller: Caller,
  target: Target,
  options: ActivityUploadOptions,
): Promise<{ response: ActivityUploadResponse; created: boolean }> {
  const next = target.activities.map(toOpen);
  const [current, version, contentHash] = await Promise.all([
    currentActivities(db, target.unitCode),
    activityLedgerVersion(db, target.unitCode),
    contentHashOf(next),
  ]);
  const { diff, close, open } = plan(target.unitCode, current, next);
  const answer = (overrides: Partial<ActivityUploadResponse>): ActivityUploadResponse => ({
    uploadId: null,
    dryRun: options.dryRun,
    replayed: false,
    unitCode: target.unitCode,
    rowCount: target.rowCount,
    version,
    baseVersion: version,
    restoredFrom: target.restoredFrom,
    diff,
    warnings: target.warnings,
    ...overrides,
  });
  if (options.idempotencyKey) {
    const earlier = await findActivityUploadByKey(db, target.unitCode, options.idempotencyKey);
    if (earlier && earlier.contentHash !== contentHash) {
      throw new ApiError(422, 'idempotency_key_reused', '这个 Idempotency-Key 已用于另一份活动台账', {
        messageEn: 'This Idempotency-Key was used for another activity sheet',
      });
    }
    if (earlier) return { response: await replay(db, earlier, target.warnings), created: false };
  }
  if (options.dryRun) return { response: answer({}), created: false };

  if (target.baseVersion !== undefined && target.baseVersion !== version)
    throw moved(target.baseVersion, version);
  if (diff.removed.length > 0 && target.expectRemoved !== diff.removed.length) {
    throw new ApiError(
      409,
      'removals_unconfirmed',
      target.expectRemoved === undefined
        ? `这次上传将删除${diff.removed.length}场活动，请确认删除数量后再上传；未写入任何数据`
        : `这次上传将删除${diff.removed.length}场活动，与确认的${target.expectRemoved}场不符；未写入任何数据`,
      {
        messageEn: `This upload removes ${diff.removed.length} activities; state that number (expectRemoved) to confirm. Nothing was written`,
        expectRemoved: target.expectRemoved ?? null,
        version,
        removed: diff.removed,
      },
    );
  }
  const latest = await latestActivityUpload(db, target.unitCode);
  if (
    latest &&
    latest.contentHash === contentHash &&
    close.length === 0 &&
    open.length === 0 &&
    !target.restoredFrom
  ) {
    // The same activities again (a retry, or the same sheet sent twice): the upload already made stands.
    return { response: await replay(db, latest, target.warnings), created: false };
  }

  const nowIso = options.now.toISOString();
  const upload: StoredActivityUpload = {
    id: crypto.randomUUID(),
    unitCode: target.unitCode,
    version: version + 1,
    baseVersion: version,
    source: target.source,
    createdAt: nowIso,
    rowCount: target.rowCount,
    added: diff.added.length,
    changed: diff.changed.length,
    removed: diff.removed.length,
    unchanged: diff.unchanged,
    warningCount: target.warnings.length,
    restoredFrom: target.restoredFrom,
    uploadedBy: caller.label,
    contentHash,
    idempotencyKey: options.idempotencyKey,
  };
  const change: ActivityChange = {
    unitCode: target.unitCode,
    baseVersion: version,
    tokenId: caller.tokenId,
    upload,
    close,
    open,
  };
  try {
    await commit(db, activityChangeStatements(db, change), {
      at: nowIso,
      actor: caller.tokenId,
      action: target.restoredFrom ? 'activities.restore' : 'activities.upload',
      target: target.unitCode,
      detail: {
        uploadId: upload.id,
        version: upload.version,
        added: upload.added,
        changed: upload.changed,
        removed: upload.removed,
        ...(target.restoredFrom ? { restoredFrom: target.restoredFrom } : {}),
      },
    });
  } catch (error) {
    if (options.idempotencyKey) {
      const winner = await findActivityUploadByKey(db, target.unitCode, options.idempotencyKey);
      if (winner) return { response: await replay(db, winner, target.warnings), created: false };
    }
    if (isActivityLedgerMoved(error)) throw moved(version, await activityLedgerVersion(db, target.unitCode));
    throw error;
  }
  return { response: answer({ uploadId: upload.id, dryRun: false, version: upload.version }), created: true };
}

function moved(baseVersion: number, version: number): ApiError {
  return new ApiError(
    409,
    'ledger_changed',
    `活动台账已被更新（现为第${version}版，预检时为第${baseVersion}版）；请重新预检后再上传，未写入任何数据`,
    {
      messageEn: `The activity ledger moved to version ${version} since version ${baseVersion}; run the dry run again. Nothing was written`,
      baseVersion,
      version,
    },
  );
}

/** The answer an upload already made gives again: its diff rebuilt from the versions it opened and closed. */
async function replay(
  db: Db,
  upload: StoredActivityUpload,
  warnings: Diagnostic[],
): Promise<ActivityUploadResponse> {
  return {
    uploadId: upload.id,
    dryRun: false,
    replayed: true,
    unitCode: upload.unitCode,
    rowCount: upload.rowCount,
    version: upload.version,
    baseVersion: upload.baseVersion,
    restoredFrom: upload.restoredFrom,
    diff: await uploadDiff(db, upload),
    warnings,
  };
}

async function uploadDiff(
  db: Db,
  upload: Pick<StoredActivityUpload, 'id' | 'unchanged'>,
): Promise<ActivityDiff> {
  const { opened, closed } = await activitiesOfUpload(db, upload.id);
  const closedByKey = new Map(closed.map((stored) => [stored.key, stored]));
  const openedKeys = new Set(opened.map((stored) => stored.key));
  return {
    added: opened.filter((stored) => !closedByKey.has(stored.key)).map((stored) => stored.activity),
    changed: opened.flatMap((stored) => {
      const before = closedByKey.get(stored.key);
      return before ? [{ before: before.activity, after: stored.activity }] : [];
    }),
    removed: closed.filter((stored) => !openedKeys.has(stored.key)).map((stored) => stored.activity),
    unchanged: upload.unchanged,
  };
}

/** POST /activities/uploads: check the unit's whole activity sheet; answer a dry run, or apply it. */
export async function uploadActivities(
  db: Db,
  caller: Caller,
  request: ActivityUploadRequest,
  options: ActivityUploadOptions,
): Promise<{ response: ActivityUploadResponse; created: boolean }> {
  requireRole(caller, 'admin', 'unit');
  requireUnitScope(caller, request.unitCode);
  await requireKnownUnit(db, request.unitCode);
  const organizations = ledgerByName(await ledgerOrganizations(db, request.unitCode));
  const checked = checkActivities(request.rows, { today: shanghaiDate(options.now), organizations });
  if (checked.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    throw validationFailure(checked.diagnostics);
  }
  return apply(
    db,
    caller,
    {
      unitCode: request.unitCode,
      activities: checked.activities,
      warnings: checked.diagnostics,
      rowCount: request.rows.length,
      source: request.source ?? 'api',
      expectRemoved: request.expectRemoved,
      baseVersion: request.baseVersion,
      restoredFrom: null,
    },
    options,
  );
}

async function visibleUpload(db: Db, caller: Caller, id: string): Promise<StoredActivityUpload> {
  requireRole(caller, 'admin', 'unit');
  const upload = await findActivityUpload(db, id);
  if (!upload || (caller.role === 'unit' && caller.unitCode !== upload.unitCode)) {
    throw new ApiError(404, 'not_found', '没有这次活动台账上传', { messageEn: 'No such activity upload' });
  }
  return upload;
}

/**
 * POST /activities/uploads/{id}/restore: the unit's activities as they stood after that upload, brought back
 * as an upload of its own (dry run first). The activities are not checked again against today's ledger: a
 * restore brings back what was, and history shows it.
 */
export async function restoreActivities(
  db: Db,
  caller: Caller,
  request: { uploadId: string; source?: UploadSource; expectRemoved?: number; baseVersion?: number },
  options: ActivityUploadOptions,
): Promise<{ response: ActivityUploadResponse; created: boolean }> {
  const upload = await visibleUpload(db, caller, request.uploadId);
  const activities = (await activitiesAtVersion(db, upload.unitCode, upload.version)).map(
    ({ activity: { unitCode: _unit, ...activity } }) => activity,
  );
  return apply(
    db,
    caller,
    {
      unitCode: upload.unitCode,
      activities,
      warnings: [],
      rowCount: activities.length,
      source: request.source ?? 'api',
      expectRemoved: request.expectRemoved,
      baseVersion: request.baseVersion,
      restoredFrom: upload.id,
    },
    options,
  );
}

/** GET /activities/uploads: a unit's activity uploads (a unit token sees its own), newest first. */
export async function activityUploads(
  db: Db,
  caller: Caller,
  query: { unitCode?: string | undefined; limit: number },
): Promise<ActivityUploadRecord[]> {
  requireRole(caller, 'admin', 'unit');
  const unitCode = caller.role === 'unit' ? caller.unitCode : (query.unitCode ?? null);
  if (query.unitCode && caller.role === 'unit') requireUnitScope(caller, query.unitCode);
  return (await listActivityUploads(db, unitCode, query.limit)).map(publicUpload);
}

/** GET /activities/uploads/{id}: one upload with its diff. */
export async function activityUploadDetail(
  db: Db,
  caller: Caller,
  id: string,
): Promise<{ upload: ActivityUploadRecord; diff: ActivityDiff }> {
  const upload = await visibleUpload(db, caller, id);
  return { upload: publicUpload(upload), diff: await uploadDiff(db, upload) };
}

/** GET /activities: the unit's current activity ledger (a unit token: its own), optionally one year's. */
export async function activityLedger(
  db: Db,
  caller: Caller,
  query: { unitCode: string; year?: number | undefined },
): Promise<ActivityLedger> {
  requireRole(caller, 'admin', 'unit');
  requireUnitScope(caller, query.unitCode);
  await requireKnownUnit(db, query.unitCode);
  const [stored, version] = await Promise.all([
    currentActivities(db, query.unitCode),
    activityLedgerVersion(db, query.unitCode),
  ]);
  const activities: LedgerActivity[] = stored
    .map((item) => item.activity)
    .filter((activity) => query.year === undefined || activity.heldOn.startsWith(`${query.year}-`));
  return { unitCode: query.unitCode, version, activities };
}
