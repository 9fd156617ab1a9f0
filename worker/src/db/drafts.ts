// SQL for uploads in parts: a draft per unit ledger too large for one request, its parts kept as JSON
// chunks (each under D1's value limit) until one POST /uploads commits the draft or it expires.
import type { SheetRow } from '@tuanjian/shared';
import type { Db } from './db';
import { jsonChunks } from './db';

export interface DraftRecord {
  id: string;
  unitCode: string;
  tokenId: string;
  parts: number;
  rowCount: number;
  createdAt: string;
  expiresAt: string;
}

export interface DraftPartInfo {
  part: number;
  rowCount: number;
  firstRow: number;
  lastRow: number;
}

export async function getDraft(db: Db, id: string, nowIso: string): Promise<DraftRecord | null> {
  const row = await db
    .prepare(
      `SELECT id, unit_code, token_id, parts, row_count, created_at, expires_at FROM upload_drafts
       WHERE id = ?1 AND expires_at > ?2`,
    )
    .bind(id, nowIso)
    .first<{
      id: string;
      unit_code: string;
      token_id: string;
      parts: number;
      row_count: number;
      created_at: string;
      expires_at: string;
    }>();
  return row
    ? {
        id: row.id,
        unitCode: row.unit_code,
        tokenId: row.token_id,
        parts: row.parts,
        rowCount: row.row_count,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }
    : null;
}

/** The parts received so far, in part order. */
export async function draftParts(db: Db, id: string): Promise<DraftPartInfo[]> {
  const { results } = await db
    .prepare(
      `SELECT part, row_count, first_row, last_row FROM upload_draft_parts
       WHERE draft_id = ?1 AND chunk = 0 ORDER BY part`,
    )
    .bind(id)
    .all<{ part: number; row_count: number; first_row: number; last_row: number }>();
  return results.map((row) => ({
    part: row.part,
    rowCount: row.row_count,
    firstRow: row.first_row,
    lastRow: row.last_row,
  }));
}

/** A new draft; drafts past their expiry go in the same batch. */
export function insertDraftStatements(db: Db, draft: DraftRecord): D1PreparedStatement[] {
  return [
    ...deleteDraftsStatements(db, 'expires_at <= ?1', draft.createdAt),
    db
      .prepare(
        `INSERT INTO upload_drafts (id, unit_code, token_id, parts, row_count, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
      )
      .bind(
        draft.id,
        draft.unitCode,
        draft.tokenId,
        draft.parts,
        draft.rowCount,
        draft.createdAt,
        draft.expiresAt,
      ),
  ];
}

/** One part's rows (in sheet order), replacing what an earlier PUT of the same part stored. */
export function putPartStatements(db: Db, draftId: string, part: number, rows: readonly SheetRow[]) {
  const statements = [
    db.prepare('DELETE FROM upload_draft_parts WHERE draft_id = ?1 AND part = ?2').bind(draftId, part),
  ];
  const first = rows[0]?.row ?? 0;
  const last = rows[rows.length - 1]?.row ?? 0;
  jsonChunks(rows).forEach((chunk, index) => {
    statements.push(
      db
        .prepare(
          `INSERT INTO upload_draft_parts (draft_id, part, chunk, rows_json, row_count, first_row, last_row)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
        )
        .bind(draftId, part, index, chunk, index === 0 ? rows.length : 0, first, last),
    );
  });
  return statements;
}

/** One part's rows, read back chunk by chunk. */
export async function readPart(db: Db, draftId: string, part: number): Promise<SheetRow[]> {
  const { results } = await db
    .prepare('SELECT rows_json FROM upload_draft_parts WHERE draft_id = ?1 AND part = ?2 ORDER BY chunk')
    .bind(draftId, part)
    .all<{ rows_json: string }>();
  const rows: SheetRow[] = [];
  for (const { rows_json } of results) {
    // Stored by putPartStatements after the request schema checked every row.
    for (const row of JSON.parse(rows_json) as SheetRow[]) rows.push(row);
  }
  return rows;
}

function deleteDraftsStatements(db: Db, where: string, value: string): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `DELETE FROM upload_draft_parts WHERE draft_id IN (SELECT id FROM upload_drafts WHERE ${where})`,
      )
      .bind(value),
    db.prepare(`DELETE FROM upload_drafts WHERE ${where}`).bind(value),
  ];
}

/** The draft and its parts, gone (in the batch that commits it). */
export function deleteDraftStatements(db: Db, draftId: string): D1PreparedStatement[] {
  return deleteDraftsStatements(db, 'id = ?1', draftId);
}
