// Reading the versioned ledger's history: a unit's uploads, one upload's full diff, one organization's
// versions. A unit token sees its own unit only.
import { BOOTSTRAP_ADMIN, type Caller, requireUnitScope } from '../auth';
import type { Db } from '../db/db';
import { loadOrganizationVersions } from '../db/ledger';
import { tokenLabels } from '../db/tokens';
import { getUpload, listUploads, type UploadRecord } from '../db/uploads';
import { ApiError } from '../errors';
import { uploadDiff } from './upload';

/** An upload as the API shows it: without the request digest kept for Idempotency-Key checks. */
function shown({ requestHash: _hash, ...upload }: UploadRecord, labels: ReadonlyMap<string, string>) {
  const uploadedBy =
    upload.tokenId === BOOTSTRAP_ADMIN.tokenId ? BOOTSTRAP_ADMIN.label : (labels.get(upload.tokenId) ?? null);
  return { ...upload, uploadedBy };
}

export async function uploadsFor(
  db: Db,
  caller: Caller,
  query: { unitCode?: string | undefined; limit: number },
) {
  if (query.unitCode) requireUnitScope(caller, query.unitCode);
  const unitCode = caller.role === 'unit' ? (caller.unitCode ?? undefined) : query.unitCode;
  const uploads = await listUploads(db, { unitCode, limit: query.limit });
  const labels = await tokenLabels(
    db,
    uploads.map((upload) => upload.tokenId),
  );
  return uploads.map((upload) => shown(upload, labels));
}

/** One upload and its full diff: added and removed rows whole, changed fields before → after. */
export async function uploadDetail(db: Db, caller: Caller, id: string) {
  const upload = await getUpload(db, id);
  if (!upload) throw new ApiError(404, 'not_found', '找不到该上传记录', { messageEn: 'No such upload' });
  requireUnitScope(caller, upload.unitCode);
  const [full, labels] = await Promise.all([uploadDiff(db, upload), tokenLabels(db, [upload.tokenId])]);
  if (full.legacy && full.legacyRefs) {
    // Rows were not kept before the versioned ledger: the references stand in for them.
    const refs = full.legacyRefs;
    return {
      upload: shown(upload, labels),
      diff: { added: [], changed: refs.changed, removed: [], unchanged: refs.unchanged },
      legacy: true,
      legacyAdded: refs.added,
      legacyRemoved: refs.removed,
    };
  }
  return {
    upload: shown(upload, labels),
    diff: {
      added: full.added,
      changed: full.changed.map((entry) => ({
        orgKey: entry.after.orgKey,
        orgName: entry.after.orgName,
        creditCode: entry.after.creditCode,
        row: entry.after.row,
        changes: entry.changes,
      })),
      removed: full.removed,
      unchanged: full.unchanged,
    },
    legacy: false,
  };
}

/** Every version of one organization in a unit's ledger, oldest first. */
export async function organizationHistory(db: Db, caller: Caller, unitCode: string, orgKey: string) {
  requireUnitScope(caller, unitCode);
  const versions = await loadOrganizationVersions(db, unitCode, orgKey);
  return versions.map((version) => ({
    record: version.record,
    fromVersion: version.fromVersion,
    fromUpload: version.fromUpload,
    validFrom: version.validFrom,
    toVersion: version.toVersion,
    toUpload: version.toUpload,
    validTo: version.validTo,
  }));
}
