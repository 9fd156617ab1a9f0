// SQL for access tokens (stored as SHA-256 hashes) and the failed-attempt counter.

import type { Role } from '@tuanjian/shared';
import { RoleSchema } from '@tuanjian/shared';
import type { Db } from './db';

export interface TokenRecord {
  id: string;
  role: Role;
  unitCode: string | null;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

interface TokenRow {
  id: string;
  role: string;
  unit_code: string | null;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

function toToken(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    role: RoleSchema.parse(row.role),
    unitCode: row.unit_code,
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export async function findActiveTokenByHash(db: Db, hash: string): Promise<TokenRecord | null> {
  const row = await db
    .prepare(
      'SELECT id, role, unit_code, label, created_at, revoked_at FROM tokens WHERE hash = ?1 AND revoked_at IS NULL',
    )
    .bind(hash)
    .first<TokenRow>();
  return row ? toToken(row) : null;
}

export async function insertToken(
  db: Db,
  token: { id: string; hash: string; role: Role; unitCode: string | null; label: string; createdBy: string },
  now: string,
): Promise<TokenRecord> {
  const row = await db
    .prepare(
      `INSERT INTO tokens (id, hash, role, unit_code, label, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       RETURNING id, role, unit_code, label, created_at, revoked_at`,
    )
    .bind(token.id, token.hash, token.role, token.unitCode, token.label, now, token.createdBy)
    .first<TokenRow>();
  if (!row) throw new Error('token insert returned nothing');
  return toToken(row);
}

export async function listTokens(db: Db): Promise<TokenRecord[]> {
  const { results } = await db
    .prepare('SELECT id, role, unit_code, label, created_at, revoked_at FROM tokens ORDER BY created_at, id')
    .all<TokenRow>();
  return results.map(toToken);
}

export async function revokeToken(db: Db, id: string, now: string): Promise<TokenRecord | null> {
  const row = await db
    .prepare(
      `UPDATE tokens SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1
       RETURNING id, role, unit_code, label, created_at, revoked_at`,
    )
    .bind(id, now)
    .first<TokenRow>();
  return row ? toToken(row) : null;
}

const WINDOW_SECONDS = 600;

/** Failed attempts of a client in the current window. */
export async function authFailures(db: Db, client: string, nowSeconds: number): Promise<number> {
  const window = Math.floor(nowSeconds / WINDOW_SECONDS) * WINDOW_SECONDS;
  const row = await db
    .prepare('SELECT count FROM auth_failures WHERE client = ?1 AND window_start = ?2')
    .bind(client, window)
    .first<{ count: number }>();
  return row?.count ?? 0;
}

export async function recordAuthFailure(db: Db, client: string, nowSeconds: number): Promise<void> {
  const window = Math.floor(nowSeconds / WINDOW_SECONDS) * WINDOW_SECONDS;
  await db.batch([
    db.prepare('DELETE FROM auth_failures WHERE window_start < ?1').bind(window - WINDOW_SECONDS),
    db
      .prepare(
        `INSERT INTO auth_failures (client, window_start, count) VALUES (?1, ?2, 1)
         ON CONFLICT (client, window_start) DO UPDATE SET count = count + 1`,
      )
      .bind(client, window),
  ]);
}
