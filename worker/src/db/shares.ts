// SQL for the read-only links to a published issue (/b/<token>): only the token's hash is stored; one
// live link per issue (a new one revokes the one before); revoking keeps the row, with when.
import { auditStatement } from './audit';
import type { Db } from './db';

export interface ShareState {
  issueNumber: number;
  /** When the live link was made; null when the issue has none. */
  createdAt: string | null;
}

/** The issue a live link opens, or null for an unknown or revoked one. */
export async function issueOfShare(db: Db, tokenHash: string): Promise<number | null> {
  const row = await db
    .prepare('SELECT issue_number FROM bulletin_shares WHERE token_hash = ?1 AND revoked_at IS NULL')
    .bind(tokenHash)
    .first<{ issue_number: number }>();
  return row?.issue_number ?? null;
}

export async function shareState(db: Db, issueNumber: number): Promise<ShareState> {
  const row = await db
    .prepare(
      `SELECT created_at FROM bulletin_shares WHERE issue_number = ?1 AND revoked_at IS NULL
       ORDER BY created_at DESC LIMIT 1`,
    )
    .bind(issueNumber)
    .first<{ created_at: string }>();
  return { issueNumber, createdAt: row?.created_at ?? null };
}

/** Revokes the issue's live link, if any, and makes a new one, in one batch. */
export async function replaceShare(
  db: Db,
  share: { issueNumber: number; tokenHash: string; createdBy: string; now: string },
): Promise<void> {
  await db.batch([
    db
      .prepare('UPDATE bulletin_shares SET revoked_at = ?2 WHERE issue_number = ?1 AND revoked_at IS NULL')
      .bind(share.issueNumber, share.now),
    db
      .prepare(
        'INSERT INTO bulletin_shares (token_hash, issue_number, created_at, created_by) VALUES (?1, ?2, ?3, ?4)',
      )
      .bind(share.tokenHash, share.issueNumber, share.now, share.createdBy),
    auditStatement(db, {
      at: share.now,
      actor: share.createdBy,
      action: 'bulletin.share',
      target: String(share.issueNumber),
    }),
  ]);
}

/** Revokes the issue's live link; the number of links revoked (0 or 1). */
export async function revokeShare(
  db: Db,
  revoke: { issueNumber: number; actor: string; now: string },
): Promise<number> {
  const [result] = await db.batch([
    db
      .prepare('UPDATE bulletin_shares SET revoked_at = ?2 WHERE issue_number = ?1 AND revoked_at IS NULL')
      .bind(revoke.issueNumber, revoke.now),
    auditStatement(db, {
      at: revoke.now,
      actor: revoke.actor,
      action: 'bulletin.unshare',
      target: String(revoke.issueNumber),
    }),
  ]);
  return result?.meta.changes ?? 0;
}
