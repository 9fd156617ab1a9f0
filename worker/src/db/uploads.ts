// SQL for upload history: each upload with who, when, from which surface, the ledger version it made
// and its counts; the warnings it gave, one row each. Its diff lives in the versions it opened and closed.
import type { Diagnostic, UploadSource } from '@tuanjian/shared';
import { DiagnosticSchema, UploadSourceSchema } from '@tuanjian/shared';
import type { Db, Read } from './db';
import { jsonChunks, readTogether } from './db';

export interface UploadRecord {
  id: string;
  unitCode: string;
  tokenId: string;
  idempotencyKey: string | null;
  contentHash: string;
  reportYear: number;
  reportMonth: number;
  createdAt: string;
  rowCount: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  warningCount: number;
  /** The unit's ledger version this upload made, and the one it was built on. */
  version: number;
  baseVersion: number;
  source: UploadSource;
  /** For a restore: the upload whose ledger it brought back. */
  restoredFrom: string | null;
  /** SHA-256 of the request, to tell a replay (same body) from a reused key (another body). */
  requestHash: string | null;
}

interface UploadRow {
  id: string;
  unit_code: string;
  token_id: string;
  idempotency_key: string | null;
  content_hash: string;
  report_year: number;
  report_month: number;
  created_at: string;
  row_count: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  warning_count: number;
  version: number;
  base_version: number;
  source: string;
  restored_from: string | null;
  request_hash: string | null;
}

const COLUMNS = `id, unit_code, token_id, idempotency_key, content_hash, report_year, report_month, created_at,
  row_count, added, changed, removed, unchanged, warning_count, version, base_version, source, restored_from,
  request_hash`;

function toUpload(row: UploadRow): UploadRecord {
  return {
    id: row.id,
    unitCode: row.unit_code,
    tokenId: row.token_id,
    idempotencyKey: row.idempotency_key,
    contentHash: row.content_hash,
    reportYear: row.report_year,
    reportMonth: row.report_month,
    createdAt: row.created_at,
    rowCount: row.row_count,
    added: row.added,
    changed: row.changed,
    removed: row.removed,
    unchanged: row.unchanged,
    warningCount: row.warning_count,
    version: row.version,
    baseVersion: row.base_version,
    source: UploadSourceSchema.parse(row.source),
    restoredFrom: row.restored_from,
    requestHash: row.request_hash,
  };
}

/** The upload made with an Idempotency-Key, if any (none when there is no key). */
export function uploadByKeyRead(db: Db, key: string | null): Read<UploadRecord | null> {
  if (key === null) return { statements: [], map: () => null };
  return {
    statements: [db.prepare(`SELECT ${COLUMNS} FROM uploads WHERE idempotency_key = ?1`).bind(key)],
    map: ([rows]) => {
      const row = (rows as UploadRow[] | undefined)?.[0];
      return row ? toUpload(row) : null;
    },
  };
}

/** The unit's latest upload, if any. */
export function latestUploadRead(db: Db, unitCode: string): Read<UploadRecord | null> {
  return {
    statements: [
      db
        .prepare(`SELECT ${COLUMNS} FROM uploads WHERE unit_code = ?1 ORDER BY version DESC LIMIT 1`)
        .bind(unitCode),
    ],
    map: ([rows]) => {
      const row = (rows as UploadRow[] | undefined)?.[0];
      return row ? toUpload(row) : null;
    },
  };
}

export async function findUploadByIdempotencyKey(db: Db, key: string): Promise<UploadRecord | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM uploads WHERE idempotency_key = ?1`)
    .bind(key)
    .first<UploadRow>();
  return row ? toUpload(row) : null;
}

export async function latestUpload(db: Db, unitCode: string): Promise<UploadRecord | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM uploads WHERE unit_code = ?1 ORDER BY version DESC LIMIT 1`)
    .bind(unitCode)
    .first<UploadRow>();
  return row ? toUpload(row) : null;
}

export function insertUploadStatement(db: Db, upload: UploadRecord): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO uploads (${COLUMNS})
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)`,
    )
    .bind(
      upload.id,
      upload.unitCode,
      upload.tokenId,
      upload.idempotencyKey,
      upload.contentHash,
      upload.reportYear,
      upload.reportMonth,
      upload.createdAt,
      upload.rowCount,
      upload.added,
      upload.changed,
      upload.removed,
      upload.unchanged,
      upload.warningCount,
      upload.version,
      upload.baseVersion,
      upload.source,
      upload.restoredFrom,
      upload.requestHash,
    );
}

/** The warnings of an upload, one row each, in statements of at most ~900 KB of JSON. */
export function insertWarningsStatements(
  db: Db,
  uploadId: string,
  warnings: readonly Diagnostic[],
): D1PreparedStatement[] {
  const numbered = warnings.map((warning, ordinal) => ({ warning, ordinal }));
  const encode = ({ warning, ordinal }: (typeof numbered)[number]) =>
    JSON.stringify([ordinal, JSON.stringify(warning)]);
  return jsonChunks(numbered, encode).map((chunk) =>
    db
      .prepare(
        `INSERT INTO upload_warnings (upload_id, ordinal, diagnostic_json)
         SELECT ?1, value->>0, value->>1 FROM json_each(?2)`,
      )
      .bind(uploadId, chunk),
  );
}

export async function loadWarnings(db: Db, uploadId: string): Promise<Diagnostic[]> {
  const { results } = await db
    .prepare('SELECT diagnostic_json FROM upload_warnings WHERE upload_id = ?1 ORDER BY ordinal')
    .bind(uploadId)
    .all<{ diagnostic_json: string }>();
  return results.map((row) => DiagnosticSchema.parse(JSON.parse(row.diagnostic_json)));
}

export async function listUploads(
  db: Db,
  filter: { unitCode?: string | undefined; limit: number },
): Promise<UploadRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM uploads WHERE ?1 IS NULL OR unit_code = ?1
       ORDER BY created_at DESC, unit_code, version DESC LIMIT ?2`,
    )
    .bind(filter.unitCode ?? null, filter.limit)
    .all<UploadRow>();
  return results.map(toUpload);
}

export async function getUpload(db: Db, id: string): Promise<UploadRecord | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM uploads WHERE id = ?1`).bind(id).first<UploadRow>();
  return row ? toUpload(row) : null;
}

/** What uploads made before the versioned ledger listed as their diff (organization references only). */
export async function loadLegacyChanges(
  db: Db,
  uploadId: string,
): Promise<
  {
    kind: 'added' | 'changed' | 'removed';
    orgKey: string;
    orgName: string;
    creditCode: string | null;
    row: number | null;
    changesJson: string | null;
  }[]
> {
  const { results } = await db
    .prepare(
      `SELECT kind, org_key, org_name, credit_code, row_no, changes_json FROM legacy_upload_changes
       WHERE upload_id = ?1 ORDER BY rowid`,
    )
    .bind(uploadId)
    .all<{
      kind: string;
      org_key: string;
      org_name: string;
      credit_code: string | null;
      row_no: number | null;
      changes_json: string | null;
    }>();
  return results.map((row) => ({
    kind: row.kind === 'added' ? 'added' : row.kind === 'changed' ? 'changed' : 'removed',
    orgKey: row.org_key,
    orgName: row.org_name,
    creditCode: row.credit_code,
    row: row.row_no,
    changesJson: row.changes_json,
  }));
}

export interface MonthUpload {
  unitCode: string;
  reportYear: number;
  reportMonth: number;
  uploadedAt: string;
}

/** Uploads that report for a month (for 报送情况), made by `asOf` when given; restores do not report. */
export function uploadsForMonthRead(
  db: Db,
  year: number,
  month: number,
  asOf: string | null = null,
): Read<MonthUpload[]> {
  return {
    statements: [
      db
        .prepare(
          `SELECT unit_code, report_year, report_month, created_at FROM uploads
           WHERE report_year = ?1 AND report_month = ?2 AND restored_from IS NULL AND (?3 IS NULL OR created_at <= ?3)`,
        )
        .bind(year, month, asOf),
    ],
    map: ([rows]) =>
      (
        (rows ?? []) as { unit_code: string; report_year: number; report_month: number; created_at: string }[]
      ).map((row) => ({
        unitCode: row.unit_code,
        reportYear: row.report_year,
        reportMonth: row.report_month,
        uploadedAt: row.created_at,
      })),
  };
}

export async function uploadsForMonth(
  db: Db,
  year: number,
  month: number,
  asOf: string | null = null,
): Promise<MonthUpload[]> {
  return (await readTogether(db, { uploads: uploadsForMonthRead(db, year, month, asOf) })).uploads;
}
