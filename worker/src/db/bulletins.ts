// SQL for published bulletins: numbered issues (第N期), frozen once written; one per month unless a
// correction names the issue it corrects; what each issue counted, for the next one's 核减.
import type { Bulletin, IssueCount, Summary } from '@tuanjian/shared';
import { BulletinSchema, SummarySchema } from '@tuanjian/shared';
import type { Db, Read } from './db';
import { isUniqueViolation, jsonChunks, readTogether } from './db';

export interface PublishedBulletin {
  issueNumber: number;
  year: number;
  month: number;
  publishedAt: string;
  publishedBy: string;
  corrects: number | null;
  correctionReason: string | null;
  summary: Summary;
  bulletin: Bulletin;
}

export type IssueMeta = Omit<PublishedBulletin, 'summary' | 'bulletin'>;

interface BulletinRow {
  issue_number: number;
  year: number;
  month: number;
  published_at: string;
  published_by: string;
  corrects: number | null;
  correction_reason: string | null;
  summary_json: string;
  bulletin_json: string;
}

const META_COLUMNS = 'issue_number, year, month, published_at, published_by, corrects, correction_reason';

function toMeta(row: Omit<BulletinRow, 'summary_json' | 'bulletin_json'>): IssueMeta {
  return {
    issueNumber: row.issue_number,
    year: row.year,
    month: row.month,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    corrects: row.corrects,
    correctionReason: row.correction_reason,
  };
}

/** A stored issue no longer readable as an issue (a hand-edited row, a schema it predates). */
export class UnreadableIssue extends Error {
  constructor(
    readonly issueNumber: number,
    readonly detail: string,
  ) {
    super(`issue ${issueNumber} is not readable: ${detail}`);
  }
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toPublished(row: BulletinRow): PublishedBulletin {
  const summary = SummarySchema.safeParse(parsedJson(row.summary_json));
  const bulletin = BulletinSchema.safeParse(parsedJson(row.bulletin_json));
  if (!summary.success || !bulletin.success) {
    const issues = [...(summary.error?.issues ?? []), ...(bulletin.error?.issues ?? [])];
    throw new UnreadableIssue(
      row.issue_number,
      issues.map((issue) => `${issue.path.join('.') || '(whole)'}: ${issue.message}`).join('; '),
    );
  }
  return { ...toMeta(row), summary: summary.data, bulletin: bulletin.data };
}

export async function nextIssueNumber(db: Db): Promise<number> {
  const row = await db
    .prepare('SELECT coalesce(max(issue_number), 0) + 1 AS next FROM bulletins')
    .first<{ next: number }>();
  return row?.next ?? 1;
}

/**
 * The statements that publish an issue and record what it counted. A plain INSERT: a second issue for
 * the month (without a correction), a second correction of one issue or a taken issue number fails
 * the batch on a unique index — see `publishConflict`.
 */
export function publishStatements(
  db: Db,
  issue: PublishedBulletin,
  counted: readonly IssueCount[],
): D1PreparedStatement[] {
  const statements = [
    db
      .prepare(
        `INSERT INTO bulletins (issue_number, year, month, published_at, published_by, corrects, correction_reason,
           summary_json, bulletin_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`,
      )
      .bind(
        issue.issueNumber,
        issue.year,
        issue.month,
        issue.publishedAt,
        issue.publishedBy,
        issue.corrects,
        issue.correctionReason,
        JSON.stringify(issue.summary),
        JSON.stringify(issue.bulletin),
      ),
  ];
  for (const chunk of jsonChunks(counted, (entry) => JSON.stringify([entry.unitCode, entry.orgKey]))) {
    statements.push(
      db
        .prepare(
          `INSERT INTO bulletin_counted (issue_number, unit_code, org_key)
           SELECT ?1, value->>0, value->>1 FROM json_each(?2)`,
        )
        .bind(issue.issueNumber, chunk),
    );
  }
  return statements;
}

/** Which unique rule a failed publish hit: the month already has an issue, the issue was corrected, or the number was taken. */
export function publishConflict(error: unknown): 'month' | 'correction' | 'number' | null {
  if (!isUniqueViolation(error) || !(error instanceof Error)) return null;
  if (/bulletins\.corrects/.test(error.message)) return 'correction';
  if (/bulletins\.year/.test(error.message)) return 'month';
  if (/bulletins\.issue_number/.test(error.message)) return 'number';
  return null;
}

export async function listBulletins(db: Db, filter: { year?: number | undefined }): Promise<IssueMeta[]> {
  const { results } = await db
    .prepare(`SELECT ${META_COLUMNS} FROM bulletins WHERE ?1 IS NULL OR year = ?1 ORDER BY issue_number`)
    .bind(filter.year ?? null)
    .all<Omit<BulletinRow, 'summary_json' | 'bulletin_json'>>();
  return results.map(toMeta);
}

export async function issueExists(db: Db, issueNumber: number): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS found FROM bulletins WHERE issue_number = ?1')
    .bind(issueNumber)
    .first<{ found: number }>();
  return row !== null;
}

export async function getBulletin(db: Db, issueNumber: number): Promise<PublishedBulletin | null> {
  const row = await db
    .prepare('SELECT * FROM bulletins WHERE issue_number = ?1')
    .bind(issueNumber)
    .first<BulletinRow>();
  return row ? toPublished(row) : null;
}

/** The month's latest issue (the original or its latest correction), or null. */
export async function latestIssueOfMonth(db: Db, year: number, month: number): Promise<IssueMeta | null> {
  const row = await db
    .prepare(
      `SELECT ${META_COLUMNS} FROM bulletins WHERE year = ?1 AND month = ?2 ORDER BY issue_number DESC LIMIT 1`,
    )
    .bind(year, month)
    .first<Omit<BulletinRow, 'summary_json' | 'bulletin_json'>>();
  return row ? toMeta(row) : null;
}

/** The last issue published before an instant (any month), with what it counted; null before the first. */
export function lastIssueRead(
  db: Db,
  before: string,
): Read<{ issueNumber: number; counted: IssueCount[] } | null> {
  const last =
    'SELECT issue_number FROM bulletins WHERE published_at < ?1 ORDER BY issue_number DESC LIMIT 1';
  return {
    statements: [
      db.prepare(last).bind(before),
      db
        .prepare(`SELECT unit_code, org_key FROM bulletin_counted WHERE issue_number = (${last})`)
        .bind(before),
    ],
    map: ([issue, counted]) => {
      const row = (issue ?? [])[0] as { issue_number: number } | undefined;
      if (!row) return null;
      return {
        issueNumber: row.issue_number,
        counted: ((counted ?? []) as { unit_code: string; org_key: string }[]).map((entry) => ({
          unitCode: entry.unit_code,
          orgKey: entry.org_key,
        })),
      };
    },
  };
}

export async function lastIssueBefore(
  db: Db,
  before: string,
): Promise<{ issueNumber: number; counted: IssueCount[] } | null> {
  return (await readTogether(db, { issue: lastIssueRead(db, before) })).issue;
}
