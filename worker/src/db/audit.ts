// SQL for the audit log: who did what, when.
import type { Db } from './db';

export function auditStatement(
  db: Db,
  entry: { at: string; actor: string; action: string; target?: string | null; detail?: unknown },
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO audit_log (at, actor, action, target, detail_json) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(
      entry.at,
      entry.actor,
      entry.action,
      entry.target ?? null,
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
    );
}
