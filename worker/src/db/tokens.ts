// SQL for access tokens (stored as SHA-256 hashes) and the failed-attempt counter.

import type { Role } from '@tuanjian/shared';
import { RoleSchema } from '@tuanjian/shared';
import type { Db } from './db';
import { stage } from './write';

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

export interface NewToken {
  id: string;
  hash: string;
  role: Role;
  unitCode: string | null;
  label: string;
  createdBy: string;
}

export function insertTokenStatement(db: Db, token: NewToken, now: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO tokens (id, hash, role, unit_code, label, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       RETURNING id, role, unit_code, label, created_at, revoked_at`,
    )
    .bind(token.id, token.hash, token.role, token.unitCode, token.label, now, token.createdBy);
}

/** The token a statement with `RETURNING id, role, unit_code, label, created_at, revoked_at` returned. */
export function tokenFrom(result: D1Result | undefined): TokenRecord | null {
  const row = (result?.results as TokenRow[] | undefined)?.[0];
  return row ? toToken(row) : null;
}

export async function getToken(db: Db, id: string): Promise<TokenRecord | null> {
  const row = await db
    .prepare('SELECT id, role, unit_code, label, created_at, revoked_at FROM tokens WHERE id = ?1')
    .bind(id)
    .first<TokenRow>();
  return row ? toToken(row) : null;
}

export async function listTokens(db: Db): Promise<TokenRecord[]> {
  const { results } = await db
    .prepare('SELECT id, role, unit_code, label, created_at, revoked_at FROM tokens ORDER BY created_at, id')
    .all<TokenRow>();
  return results.map(toToken);
}

/** Revokes a token (a revoked one keeps its first revocation time); returns it (tokenFrom). */
export function revokeTokenStatement(db: Db, id: string, now: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE tokens SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1
       RETURNING id, role, unit_code, label, created_at, revoked_at`,
    )
    .bind(id, now);
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
  // Bookkeeping of the login limiter, not data: no audit row, no data-version bump.
  await stage(db, [
    db.prepare('DELETE FROM auth_failures WHERE window_start < ?1').bind(window - WINDOW_SECONDS),
    db
      .prepare(
        `INSERT INTO auth_failures (client, window_start, count) VALUES (?1, ?2, 1)
         ON CONFLICT (client, window_start) DO UPDATE SET count = count + 1`,
      )
      .bind(client, window),
  ]);
}
