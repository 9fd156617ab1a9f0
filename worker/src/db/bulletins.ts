// SQL for published bulletins: numbered issues (第N期), frozen once written.
import type { Bulletin, Summary } from '@tuanjian/shared';
import { BulletinSchema, SummarySchema } from '@tuanjian/shared';

export interface PublishedBulletin {
  issueNumber: number;
  year: number;
  month: number;
  publishedAt: string;
  publishedBy: string;
  corrects: number | null;
  summary: Summary;
  bulletin: Bulletin;
}

interface BulletinRow {
  issue_number: number;
  year: number;
  month: number;
  published_at: string;
  published_by: string;
  corrects: number | null;
  summary_json: string;
  bulletin_json: string;
}

function toPublished(row: BulletinRow): PublishedBulletin {
  return {
    issueNumber: row.issue_number,
    year: row.year,
    month: row.month,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    corrects: row.corrects,
    summary: SummarySchema.parse(JSON.parse(row.summary_json)),
    bulletin: BulletinSchema.parse(JSON.parse(row.bulletin_json)),
  };
}

export async function nextIssueNumber(db: D1Database): Promise<number> {
  const row = await db
    .prepare('SELECT coalesce(max(issue_number), 0) + 1 AS next FROM bulletins')
    .first<{ next: number }>();
  return row?.next ?? 1;
}

/**
 * Inserts an issue. With `onlyIfNone`, nothing is written when the month already has an issue
 * (the cron's guard: running twice publishes once). Returns whether a row was written.
 */
export async function insertBulletin(
  db: D1Database,
  issue: Omit<PublishedBulletin, 'summary' | 'bulletin'> & { summary: Summary; bulletin: Bulletin },
  onlyIfNone: boolean,
): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO bulletins (issue_number, year, month, published_at, published_by, corrects, summary_json, bulletin_json)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
       WHERE NOT (?9 AND EXISTS (SELECT 1 FROM bulletins WHERE year = ?2 AND month = ?3))
       ON CONFLICT (issue_number) DO NOTHING`,
    )
    .bind(
      issue.issueNumber,
      issue.year,
      issue.month,
      issue.publishedAt,
      issue.publishedBy,
      issue.corrects,
      JSON.stringify(issue.summary),
      JSON.stringify(issue.bulletin),
      onlyIfNone ? 1 : 0,
    )
    .run();
  return result.meta.changes === 1;
}

export async function listBulletins(
  db: D1Database,
  filter: { year?: number | undefined },
): Promise<Omit<PublishedBulletin, 'summary' | 'bulletin'>[]> {
  const { results } = await db
    .prepare(
      `SELECT issue_number, year, month, published_at, published_by, corrects FROM bulletins
       WHERE ?1 IS NULL OR year = ?1 ORDER BY issue_number`,
    )
    .bind(filter.year ?? null)
    .all<Omit<BulletinRow, 'summary_json' | 'bulletin_json'>>();
  return results.map((row) => ({
    issueNumber: row.issue_number,
    year: row.year,
    month: row.month,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    corrects: row.corrects,
  }));
}

export async function getBulletin(db: D1Database, issueNumber: number): Promise<PublishedBulletin | null> {
  const row = await db
    .prepare('SELECT * FROM bulletins WHERE issue_number = ?1')
    .bind(issueNumber)
    .first<BulletinRow>();
  return row ? toPublished(row) : null;
}

export async function latestBulletinFor(db: D1Database, year: number, month: number): Promise<number | null> {
  const row = await db
    .prepare('SELECT max(issue_number) AS n FROM bulletins WHERE year = ?1 AND month = ?2')
    .bind(year, month)
    .first<{ n: number | null }>();
  return row?.n ?? null;
}
