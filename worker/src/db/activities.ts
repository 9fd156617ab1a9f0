// SQL for 活动台账 (issue 15): each unit's activity ledger as versions (open ones are the current ledger), its
// uploads, the guard that refuses a write built on a moved ledger, and the reads the bulletin counts from
// (current, or as known at a moment).
import {
  ACTIVITY_STANDOUTS,
  type ActivityKind,
  type ActivityUploadRecord,
  type CountedActivity,
  type LedgerActivity,
  type LedgerOrganization,
  type UnitActivityTally,
} from '@tuanjian/shared';
import { type Db, jsonChunks, type Read } from './db';

interface ActivityRow {
  id: number;
  unit_code: string;
  activity_key: string;
  org_key: string;
  org_name: string;
  held_on: string;
  title: string;
  kind: string;
  served: number;
  partners_json: string;
  note: string | null;
  row_no: number;
  content_hash: string;
}

/** An open version: the activity, its key and fingerprint, and the version row's id. */
export interface StoredActivity {
  versionId: number;
  key: string;
  contentHash: string;
  activity: LedgerActivity;
}

const COLUMNS = `id, unit_code, activity_key, org_key, org_name, held_on, title, kind, served, partners_json, note,
  row_no, content_hash`;

function toStored(row: ActivityRow): StoredActivity {
  const partners: unknown = JSON.parse(row.partners_json);
  return {
    versionId: row.id,
    key: row.activity_key,
    contentHash: row.content_hash,
    activity: {
      unitCode: row.unit_code,
      row: row.row_no,
      orgKey: row.org_key,
      orgName: row.org_name,
      heldOn: row.held_on,
      title: row.title,
      kind: row.kind as ActivityKind,
      served: row.served,
      partners: Array.isArray(partners) ? partners.map(String) : [],
      note: row.note,
    },
  };
}

/** The unit's current activities, by day then row. */
export async function currentActivities(db: Db, unitCode: string): Promise<StoredActivity[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM activity_versions WHERE unit_code = ?1 AND to_version IS NULL
       ORDER BY held_on, row_no`,
    )
    .bind(unitCode)
    .all<ActivityRow>();
  return results.map(toStored);
}

/** The unit's activities as they stood at `version` (after the upload that made it). */
export async function activitiesAtVersion(
  db: Db,
  unitCode: string,
  version: number,
): Promise<StoredActivity[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM activity_versions
       WHERE unit_code = ?1 AND from_version <= ?2 AND (to_version IS NULL OR to_version > ?2)
       ORDER BY held_on, row_no`,
    )
    .bind(unitCode, version)
    .all<ActivityRow>();
  return results.map(toStored);
}

/** What one upload opened and closed (its diff is rebuilt from these). */
export async function activitiesOfUpload(
  db: Db,
  uploadId: string,
): Promise<{ opened: StoredActivity[]; closed: StoredActivity[] }> {
  const [opened, closed] = await db.batch<ActivityRow>([
    db
      .prepare(`SELECT ${COLUMNS} FROM activity_versions WHERE from_upload = ?1 ORDER BY held_on, row_no`)
      .bind(uploadId),
    db
      .prepare(`SELECT ${COLUMNS} FROM activity_versions WHERE to_upload = ?1 ORDER BY held_on, row_no`)
      .bind(uploadId),
  ]);
  return { opened: (opened?.results ?? []).map(toStored), closed: (closed?.results ?? []).map(toStored) };
}

/** The unit's activity ledger version (0 before its first upload). */
export async function activityLedgerVersion(db: Db, unitCode: string): Promise<number> {
  const row = await db
    .prepare('SELECT version FROM activity_ledgers WHERE unit_code = ?1')
    .bind(unitCode)
    .first<{ version: number }>();
  return row?.version ?? 0;
}

/** The organizations of the unit's current ledger, as the activity check looks them up. */
export async function ledgerOrganizations(db: Db, unitCode: string): Promise<LedgerOrganization[]> {
  const { results } = await db
    .prepare('SELECT org_key, org_name, status FROM organizations WHERE unit_code = ?1')
    .bind(unitCode)
    .all<{ org_key: string; org_name: string; status: string }>();
  return results.map((row) => ({
    orgKey: row.org_key,
    orgName: row.org_name,
    established: row.status === '已建团',
  }));
}

interface UploadRow {
  id: string;
  unit_code: string;
  version: number;
  base_version: number;
  source: string;
  content_hash: string;
  idempotency_key: string | null;
  created_at: string;
  row_count: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  warning_count: number;
  restored_from: string | null;
  label: string | null;
}

/** An upload as history keeps it, with what only the worker needs (its content hash and key). */
export interface StoredActivityUpload extends ActivityUploadRecord {
  contentHash: string;
  idempotencyKey: string | null;
}

function toUpload(row: UploadRow): StoredActivityUpload {
  return {
    id: row.id,
    unitCode: row.unit_code,
    version: row.version,
    baseVersion: row.base_version,
    source: row.source as ActivityUploadRecord['source'],
    createdAt: row.created_at,
    rowCount: row.row_count,
    added: row.added,
    changed: row.changed,
    removed: row.removed,
    unchanged: row.unchanged,
    warningCount: row.warning_count,
    restoredFrom: row.restored_from,
    uploadedBy: row.label,
    contentHash: row.content_hash,
    idempotencyKey: row.idempotency_key,
  };
}

const UPLOAD_SELECT = `SELECT u.*, t.label FROM activity_uploads AS u LEFT JOIN tokens AS t ON t.id = u.token_id`;

/** A unit's activity uploads (every unit's when null), newest first. */
export async function listActivityUploads(
  db: Db,
  unitCode: string | null,
  limit: number,
): Promise<StoredActivityUpload[]> {
  const { results } = await db
    .prepare(
      `${UPLOAD_SELECT} WHERE ?1 IS NULL OR u.unit_code = ?1 ORDER BY u.created_at DESC, u.version DESC LIMIT ?2`,
    )
    .bind(unitCode, limit)
    .all<UploadRow>();
  return results.map(toUpload);
}

export async function findActivityUpload(db: Db, id: string): Promise<StoredActivityUpload | null> {
  const row = await db.prepare(`${UPLOAD_SELECT} WHERE u.id = ?1`).bind(id).first<UploadRow>();
  return row ? toUpload(row) : null;
}

export async function findActivityUploadByKey(
  db: Db,
  unitCode: string,
  idempotencyKey: string,
): Promise<StoredActivityUpload | null> {
  const row = await db
    .prepare(`${UPLOAD_SELECT} WHERE u.unit_code = ?1 AND u.idempotency_key = ?2`)
    .bind(unitCode, idempotencyKey)
    .first<UploadRow>();
  return row ? toUpload(row) : null;
}

/** The unit's latest activity upload (the one that made its current version). */
export async function latestActivityUpload(db: Db, unitCode: string): Promise<StoredActivityUpload | null> {
  const row = await db
    .prepare(`${UPLOAD_SELECT} WHERE u.unit_code = ?1 ORDER BY u.version DESC LIMIT 1`)
    .bind(unitCode)
    .first<UploadRow>();
  return row ? toUpload(row) : null;
}

/** One activity to open: its key and fingerprint with it. */
export interface OpenActivity {
  key: string;
  contentHash: string;
  activity: Omit<LedgerActivity, 'unitCode'>;
}

export interface ActivityChange {
  unitCode: string;
  /** The version the change was checked against: a moved ledger fails the batch. */
  baseVersion: number;
  /** The token that made it (history names its label). */
  tokenId: string;
  upload: StoredActivityUpload;
  close: number[];
  open: OpenActivity[];
}

/**
 * The statements of one activity upload, for one atomic batch: the guard (the ledger still at the base version),
 * close the replaced and removed versions, open the new ones (rows travel as JSON parameters read back with
 * json_each), record the upload, move the unit's version, release the guard.
 */
export function activityChangeStatements(db: Db, change: ActivityChange): D1PreparedStatement[] {
  const { upload } = change;
  const statements: D1PreparedStatement[] = [
    db
      .prepare(
        `INSERT INTO activity_guard (unit_code, expected, actual)
         VALUES (?1, ?2, coalesce((SELECT version FROM activity_ledgers WHERE unit_code = ?1), 0))`,
      )
      .bind(change.unitCode, change.baseVersion),
  ];
  for (const chunk of jsonChunks(change.close)) {
    statements.push(
      db
        .prepare(
          `UPDATE activity_versions SET to_version = ?2, to_upload = ?3, valid_to = ?4
           WHERE id IN (SELECT value FROM json_each(?1)) AND to_version IS NULL`,
        )
        .bind(chunk, upload.version, upload.id, upload.createdAt),
    );
  }
  const encode = ({ key, contentHash, activity }: OpenActivity) =>
    JSON.stringify([
      key,
      activity.orgKey,
      activity.orgName,
      activity.heldOn,
      activity.title,
      activity.kind,
      activity.served,
      JSON.stringify(activity.partners),
      activity.note,
      activity.row,
      contentHash,
    ]);
  for (const chunk of jsonChunks(change.open, encode)) {
    statements.push(
      db
        .prepare(
          `INSERT INTO activity_versions (unit_code, activity_key, org_key, org_name, held_on, title, kind, served,
             partners_json, note, row_no, content_hash, from_version, from_upload, valid_from)
           SELECT ?1, value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7,
             value->>8, value->>9, value->>10, ?3, ?4, ?5
           FROM json_each(?2)`,
        )
        .bind(change.unitCode, chunk, upload.version, upload.id, upload.createdAt),
    );
  }
  statements.push(
    db
      .prepare(
        `INSERT INTO activity_uploads (id, unit_code, version, base_version, token_id, source, content_hash,
           idempotency_key, created_at, row_count, added, changed, removed, unchanged, warning_count, restored_from)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)`,
      )
      .bind(
        upload.id,
        upload.unitCode,
        upload.version,
        upload.baseVersion,
        change.tokenId,
        upload.source,
        upload.contentHash,
        upload.idempotencyKey,
        upload.createdAt,
        upload.rowCount,
        upload.added,
        upload.changed,
        upload.removed,
        upload.unchanged,
        upload.warningCount,
        upload.restoredFrom,
      ),
    db
      .prepare(
        `INSERT INTO activity_ledgers (unit_code, version, upload_id, activities)
         VALUES (?1, ?2, ?3, (SELECT count(*) FROM activity_versions WHERE unit_code = ?1 AND to_version IS NULL))
         ON CONFLICT (unit_code) DO UPDATE SET version = excluded.version, upload_id = excluded.upload_id,
           activities = excluded.activities`,
      )
      .bind(change.unitCode, upload.version, upload.id),
    db.prepare('DELETE FROM activity_guard WHERE unit_code = ?1').bind(change.unitCode),
  );
  return statements;
}

/** Whether a D1 error is the activity guard failing: the unit's activity ledger moved since it was read. */
export function isActivityLedgerMoved(error: unknown): boolean {
  return error instanceof Error && /activity_ledger_moved/.test(error.message);
}

interface CountedRow {
  unit_code: string;
  org_name: string;
  held_on: string;
  title: string;
  kind: string;
  served: number;
}

function toCounted(row: CountedRow): CountedActivity {
  return {
    unitCode: row.unit_code,
    orgName: row.org_name,
    heldOn: row.held_on,
    title: row.title,
    kind: row.kind as ActivityKind,
    served: row.served,
  };
}

/**
 * The year's activities every unit keeps, for the bulletin: the current ones (`at` null), or those as known at
 * the instant `at` (an ISO time: opened by then and not yet closed).
 */
export function yearActivitiesRead(db: Db, year: number, at: string | null): Read<CountedActivity[]> {
  const statement =
    at === null
      ? db
          .prepare(
            `SELECT unit_code, org_name, held_on, title, kind, served FROM activity_versions
             WHERE to_version IS NULL AND held_on BETWEEN ?1 AND ?2`,
          )
          .bind(`${year}-01-01`, `${year}-12-31`)
      : db
          .prepare(
            `SELECT unit_code, org_name, held_on, title, kind, served FROM activity_versions
             WHERE held_on BETWEEN ?1 AND ?2 AND valid_from <= ?3 AND (valid_to IS NULL OR valid_to > ?3)`,
          )
          .bind(`${year}-01-01`, `${year}-12-31`, at);
  return {
    statements: [statement],
    map: ([rows]) => ((rows ?? []) as CountedRow[]).map(toCounted),
  };
}

interface TallyRow {
  unit_code: string;
  year_n: number;
  year_s: number;
  month_n: number;
  month_s: number;
}

/**
 * The month's 活动开展 as the live summary reads it: each unit's current activities and 人次 from 1 January to the
 * month's end and in the month, summed in SQL over the open versions' covering index, and the month's most
 * served as candidates for the standouts (a few more than named: an unknown unit's are left out after).
 */
export function activityTalliesRead(
  db: Db,
  year: number,
  month: number,
): Read<{ tallies: UnitActivityTally[]; standouts: CountedActivity[] }> {
  const monthFirst = `${year}-${String(month).padStart(2, '0')}-01`;
  const monthLast = `${year}-${String(month).padStart(2, '0')}-31`;
  return {
    statements: [
      db
        .prepare(
          `SELECT unit_code, count(*) AS year_n, sum(served) AS year_s, sum(held_on >= ?2) AS month_n,
             sum(CASE WHEN held_on >= ?2 THEN served ELSE 0 END) AS month_s
           FROM activity_versions WHERE to_version IS NULL AND held_on BETWEEN ?1 AND ?3 GROUP BY unit_code`,
        )
        .bind(`${year}-01-01`, monthFirst, monthLast),
      db
        .prepare(
          `SELECT unit_code, org_name, held_on, title, kind, served FROM activity_versions
           WHERE to_version IS NULL AND held_on BETWEEN ?1 AND ?2
           ORDER BY served DESC, held_on, title, org_name LIMIT ?3`,
        )
        .bind(monthFirst, monthLast, ACTIVITY_STANDOUTS + 7),
    ],
    map: ([tallies, standouts]) => ({
      tallies: ((tallies ?? []) as TallyRow[]).map((row) => ({
        unitCode: row.unit_code,
        inMonth: { activities: row.month_n, served: row.month_s },
        toDate: { activities: row.year_n, served: row.year_s },
      })),
      standouts: ((standouts ?? []) as CountedRow[]).map(toCounted),
    }),
  };
}
