// SQL for access tokens (stored as SHA-256 hashes).

import type { Role } from '@tuanjian/shared';
import { RoleSchema } from '@tuanjian/shared';
import type { Db } from './db';
import { jsonChunks } from './db';
import { stage } from './write';

export interface TokenRecord {
  id: string;
  role: Role;
  unitCode: string | null;
  label: string;
  createdAt: string;
  revokedAt: string | null;
  /** When the token last authenticated (to within LAST_USED_GRANULARITY_MS); null = never. */
  lastUsedAt: string | null;
}

/** A token as authentication sees it: with whether its unit (a unit token's) is still active. */
export interface ActiveToken extends TokenRecord {
  /** False when the unit of a unit token is deactivated; true for every other token. */
  unitActive: boolean;
}

interface TokenRow {
  id: string;
  role: string;
  unit_code: string | null;
  label: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const TOKEN_COLUMNS = 'id, role, unit_code, label, created_at, revoked_at, last_used_at';

function toToken(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    role: RoleSchema.parse(row.role),
    unitCode: row.unit_code,
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at ?? null,
  };
}

/** The unrevoked token with this hash, and whether its unit is active, in one read. */
export async function findActiveTokenByHash(db: Db, hash: string): Promise<ActiveToken | null> {
  const row = await db
    .prepare(
      `SELECT t.id, t.role, t.unit_code, t.label, t.created_at, t.revoked_at, t.last_used_at,
              coalesce(u.active, 1) AS unit_active
       FROM tokens AS t LEFT JOIN units AS u ON u.code = t.unit_code
       WHERE t.hash = ?1 AND t.revoked_at IS NULL`,
    )
    .bind(hash)
    .first<TokenRow & { unit_active: number }>();
  return row ? { ...toToken(row), unitActive: row.unit_active === 1 } : null;
}

/** How stale a token's last-used time may get before authentication writes it again. */
/** The labels of some tokens by id (revoked ones too: history names who made each upload). */
export async function tokenLabels(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  for (const chunk of jsonChunks([...new Set(ids)])) {
    const { results } = await db
      .prepare('SELECT id, label FROM tokens WHERE id IN (SELECT value FROM json_each(?1))')
      .bind(chunk)
      .all<{ id: string; label: string }>();
    for (const row of results) labels.set(row.id, row.label);
  }
  return labels;
}

export const LAST_USED_GRANULARITY_MS = 10 * 60 * 1000;

/** Whether an authentication at `now` should write the token's last-used time. */
export function lastUsedIsStale(lastUsedAt: string | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - Date.parse(lastUsedAt) >= LAST_USED_GRANULARITY_MS;
}

/**
 * Records that a token authenticated at `now`: bookkeeping, not data (no audit row, no data-version
 * bump, so cached summaries stay valid). Guarded in SQL too, so concurrent requests write once.
 */
export async function touchTokenLastUsed(db: Db, id: string, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - LAST_USED_GRANULARITY_MS).toISOString();
  await stage(db, [
    db
      .prepare(
        'UPDATE tokens SET last_used_at = ?2 WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at <= ?3)',
      )
      .bind(id, now.toISOString(), cutoff),
  ]);
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
       RETURNING ${TOKEN_COLUMNS}`,
    )
    .bind(token.id, token.hash, token.role, token.unitCode, token.label, now, token.createdBy);
}

/** The token a statement with `RETURNING ${TOKEN_COLUMNS}` returned. */
export function tokenFrom(result: D1Result | undefined): TokenRecord | null {
  const row = (result?.results as TokenRow[] | undefined)?.[0];
  return row ? toToken(row) : null;
}

export async function getToken(db: Db, id: string): Promise<TokenRecord | null> {
  const row = await db
    .prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE id = ?1`)
    .bind(id)
    .first<TokenRow>();
  return row ? toToken(row) : null;
}

export async function listTokens(db: Db): Promise<TokenRecord[]> {
  const { results } = await db
    .prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens ORDER BY created_at, id`)
    .all<TokenRow>();
  return results.map(toToken);
}

/** Revokes a token (a revoked one keeps its first revocation time); returns it (tokenFrom). */
export function revokeTokenStatement(db: Db, id: string, now: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE tokens SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1
       RETURNING ${TOKEN_COLUMNS}`,
    )
    .bind(id, now);
}
