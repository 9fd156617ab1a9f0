// The one write shape: every write is one atomic batch that also bumps the data version (cached
// summaries are never served past it) and records who did what in the audit log.
import { auditStatement } from './audit';
import { bumpDataVersionStatement } from './data-version';
import type { Db } from './db';

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target?: string | null;
  detail?: unknown;
}

/**
 * Runs `statements` as one batch with the data-version bump and the audit row: all of it or none.
 * @example await commit(db, [insertUnitsStatement(db, units, now)], { at: now, actor, action: 'unit.create' });
 */
export function commit(db: Db, statements: D1PreparedStatement[], audit: AuditEntry): Promise<D1Result[]> {
  return db.batch([...statements, bumpDataVersionStatement(db), auditStatement(db, audit)]);
}

/**
 * The write shape for staging that changes no figure and no record (an upload's parts before the
 * upload): one atomic batch, without the data-version bump or an audit row — the upload that commits
 * the parts is audited and bumps the version.
 */
export function stage(db: Db, statements: D1PreparedStatement[]): Promise<D1Result[]> {
  return db.batch(statements);
}
