// SQL for upload history: each upload with who, when, its content hash and the answer (diff) it gave.
import type { UploadResponse } from '@tuanjian/shared';
import { UploadResponseSchema } from '@tuanjian/shared';

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
  response_json: string;
}

const COLUMNS = `id, unit_code, token_id, idempotency_key, content_hash, report_year, report_month, created_at,
  row_count, added, changed, removed, response_json`;

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
  };
}

function toResponse(row: UploadRow): UploadResponse {
  return UploadResponseSchema.parse(JSON.parse(row.response_json));
}

export async function findUploadByIdempotencyKey(
  db: D1Database,
  key: string,
): Promise<{ upload: UploadRecord; response: UploadResponse } | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM uploads WHERE idempotency_key = ?1`)
    .bind(key)
    .first<UploadRow>();
  return row ? { upload: toUpload(row), response: toResponse(row) } : null;
}

export async function latestUpload(
  db: D1Database,
  unitCode: string,
): Promise<{ upload: UploadRecord; response: UploadResponse } | null> {
  const row = await db
    .prepare(
      `SELECT ${COLUMNS} FROM uploads WHERE unit_code = ?1 ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    )
    .bind(unitCode)
    .first<UploadRow>();
  return row ? { upload: toUpload(row), response: toResponse(row) } : null;
}

export function insertUploadStatement(
  db: D1Database,
  upload: UploadRecord,
  response: UploadResponse,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO uploads (${COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)`,
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
      JSON.stringify(response),
    );
}

export async function listUploads(
  db: D1Database,
  filter: { unitCode?: string | undefined; limit: number },
): Promise<UploadRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM uploads WHERE ?1 IS NULL OR unit_code = ?1 ORDER BY created_at DESC, rowid DESC LIMIT ?2`,
    )
    .bind(filter.unitCode ?? null, filter.limit)
    .all<UploadRow>();
  return results.map(toUpload);
}

export async function getUpload(
  db: D1Database,
  id: string,
): Promise<{ upload: UploadRecord; response: UploadResponse } | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM uploads WHERE id = ?1`).bind(id).first<UploadRow>();
  return row ? { upload: toUpload(row), response: toResponse(row) } : null;
}

/** Uploads that report for a month (for 报送情况). */
export async function uploadsForMonth(
  db: D1Database,
  year: number,
  month: number,
): Promise<{ unitCode: string; reportYear: number; reportMonth: number; uploadedAt: string }[]> {
  const { results } = await db
    .prepare(
      'SELECT unit_code, report_year, report_month, created_at FROM uploads WHERE report_year = ?1 AND report_month = ?2',
    )
    .bind(year, month)
    .all<{ unit_code: string; report_year: number; report_month: number; created_at: string }>();
  return results.map((row) => ({
    unitCode: row.unit_code,
    reportYear: row.report_year,
    reportMonth: row.report_month,
    uploadedAt: row.created_at,
  }));
}
