// SQL for the data version: bumped in the same batch as every write that changes the figures.
import type { Db } from './db';

export async function dataVersion(db: Db): Promise<string> {
  const row = await db
    .prepare('SELECT epoch, version FROM data_version WHERE id = 1')
    .first<{ epoch: string; version: number }>();
  return row ? `${row.epoch}:${row.version}` : 'none';
}

export function bumpDataVersionStatement(db: Db): D1PreparedStatement {
  return db.prepare('UPDATE data_version SET version = version + 1 WHERE id = 1');
}
