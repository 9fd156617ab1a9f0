// The floor for D1: the worker's own schema in a plain SQLite file through node:sqlite, no HTTP, no worker.
// Writes do what the worker's batch does to the versioned ledger (close what changed, open its new
// version), by hand, in one transaction.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { fingerprint, normalizeOrgName, orgKey, type TrackingRecord, type Unit } from '@tuanjian/shared';
import type { DemoDistrict } from '@tuanjian/shared/demo';
import type { BenchPeriod } from './data';

/** The organizations columns in the worker's order (worker/src/db/ledger.ts). */
export const ORGANIZATION_COLUMNS = `unit_code, org_key, row_no, org_name, credit_code, org_type, youth_count,
  member_count, status, established_on, mode, league_org_type, secretary, phone, has_party_org, checked_on,
  check_result, note, first_reported_at`;

/** A version's columns: the record's, then its name key, fingerprint and the version that opened it. */
const VERSION_COLUMNS = `${ORGANIZATION_COLUMNS}, name_key, content_hash, from_version, from_upload, valid_from`;

/** node:sqlite prints an ExperimentalWarning when first loaded: load it once, with that warning silenced. */
async function loadSqlite(): Promise<typeof import('node:sqlite')> {
  const original = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (text.includes('SQLite')) return;
    Reflect.apply(original, process, [warning, ...rest]);
  }) as typeof process.emitWarning;
  try {
    return await import('node:sqlite');
  } finally {
    process.emitWarning = original;
  }
}

function recordParams(unitCode: string, record: TrackingRecord, firstReportedAt: string) {
  return [
    unitCode,
    orgKey(record.creditCode, record.orgName),
    record.row,
    record.orgName,
    record.creditCode,
    record.orgType,
    record.youthCount,
    record.memberCount,
    record.status,
    record.establishedOn,
    record.mode,
    record.leagueOrgType,
    record.secretary,
    record.phone,
    record.hasPartyOrg === null ? null : record.hasPartyOrg ? 1 : 0,
    record.checkedOn,
    record.checkResult,
    record.note,
    firstReportedAt,
  ];
}

/**
 * The summary's aggregation as one query: claims across units (eligible first, earliest 建团时间, first
 * report, unit, row), 不属实 anywhere removing an organization, the latest spot check overriding the sheet,
 * per-unit quota / counted / new this month / established / organizations / modes / spot checks, expected,
 * gap, rate, state, rank, subsidy, reporting status and the district's duplicate count.
 * ?1 year, ?2 year start, ?3 month start, ?4 period end, ?5 month, ?6 first late instant (ISO, UTC).
 */
const SUMMARY_SQL = `
WITH spot AS (
  SELECT unit_code, org_key, checked_on, result,
         row_number() OVER (PARTITION BY unit_code, org_key ORDER BY checked_on DESC, recorded_at DESC) AS latest
  FROM spot_checks WHERE checked_on <= ?4
),
ledger AS (
  SELECT o.unit_code, o.org_key, o.row_no, o.status, o.established_on, o.mode, o.first_reported_at,
         coalesce(s.checked_on, o.checked_on) AS checked_on, coalesce(s.result, o.check_result) AS check_result,
         (o.status = '已建团' AND o.established_on IS NOT NULL
          AND coalesce(s.result, o.check_result, '') <> '不属实') AS eligible
  FROM organizations o
  JOIN units u ON u.code = o.unit_code
  LEFT JOIN spot s ON s.unit_code = o.unit_code AND s.org_key = o.org_key AND s.latest = 1
),
untrue AS MATERIALIZED (SELECT org_key FROM ledger WHERE check_result = '不属实'),
shared_keys AS (SELECT org_key FROM organizations GROUP BY org_key HAVING count(*) > 1),
-- Only an organization reported more than once needs its claims ordered; any other record is its own winner.
lost_claims AS MATERIALIZED (
  SELECT unit_code, org_key FROM (
    SELECT unit_code, org_key,
      row_number() OVER (PARTITION BY org_key ORDER BY eligible DESC, established_on IS NULL, established_on,
                         first_reported_at, unit_code, row_no) AS claim
    FROM ledger WHERE org_key IN shared_keys)
  WHERE claim > 1
),
marked AS MATERIALIZED (
  SELECT l.*,
    (l.eligible AND l.org_key NOT IN untrue AND l.established_on BETWEEN ?2 AND ?4
     AND NOT EXISTS (SELECT 1 FROM lost_claims x WHERE x.unit_code = l.unit_code AND x.org_key = l.org_key))
      AS counted,
    (l.eligible AND l.established_on <= ?4) AS established
  FROM ledger l
),
by_unit AS (
  SELECT unit_code,
    count(*) AS organizations,
    sum(counted) AS counted,
    sum(counted AND established_on >= ?3) AS new_this_month,
    sum(established) AS established,
    sum(counted AND mode = '独立建团') AS mode_independent,
    sum(counted AND mode = '联合建团') AS mode_joint,
    sum(counted AND mode = '楼宇建团') AS mode_building,
    sum(counted AND mode = '区域建团') AS mode_area,
    sum(checked_on BETWEEN ?2 AND ?4) AS spot_checked
  FROM marked GROUP BY unit_code
),
per_unit AS (
  SELECT u.rowid AS position, u.code, u.name, q.quota,
    coalesce(b.organizations, 0) AS organizations, coalesce(b.counted, 0) AS counted,
    coalesce(b.new_this_month, 0) AS new_this_month, coalesce(b.established, 0) AS established,
    b.mode_independent, b.mode_joint, b.mode_building, b.mode_area, b.spot_checked,
    (SELECT min(created_at) FROM uploads up
      WHERE up.unit_code = u.code AND up.report_year = ?1 AND up.report_month = ?5) AS first_upload
  FROM units u
  LEFT JOIN quotas q ON q.unit_code = u.code AND q.year = ?1
  LEFT JOIN by_unit b ON b.unit_code = u.code
  WHERE u.active = 1 OR b.organizations > 0
)
SELECT p.*,
  p.quota * ?5 / 12.0 AS expected,
  p.counted - p.quota * ?5 / 12.0 AS gap,
  CASE WHEN p.quota > 0 THEN p.counted * 1.0 / p.quota END AS rate,
  CASE WHEN p.quota > 0 THEN
    CASE WHEN p.counted >= p.quota THEN '已完成' WHEN p.counted = 0 THEN '未启动'
         WHEN p.counted * 12 >= p.quota * ?5 THEN '正常' ELSE '滞后' END END AS state,
  CASE WHEN p.quota > 0 THEN rank() OVER (ORDER BY p.quota > 0 DESC, p.counted * 1.0 / p.quota DESC,
                                                   p.counted DESC) END AS rank,
  p.counted * coalesce((SELECT city + district FROM subsidy_rates WHERE year = ?1), 600) AS subsidy,
  CASE WHEN p.first_upload IS NULL THEN 'missing' WHEN p.first_upload < ?6 THEN 'onTime' ELSE 'late' END
    AS reporting,
  (SELECT count(*) FROM (SELECT org_key FROM shared_keys k
     WHERE (SELECT count(DISTINCT unit_code) FROM organizations o WHERE o.org_key = k.org_key) > 1)) AS duplicates
FROM per_unit p
ORDER BY p.position`;

export interface RawUnitRow {
  code: string;
  counted: number;
  newThisMonth: number;
  established: number;
  organizations: number;
  rank: number | null;
}

export class RawLedgerDb {
  private readonly insert: StatementSync;
  private readonly closeVersion: StatementSync;
  private readonly current: StatementSync;
  private readonly refreshTallies: StatementSync[];
  private version = 1;

  private constructor(private readonly db: DatabaseSync) {
    this.insert = db.prepare(
      `INSERT INTO org_versions (${VERSION_COLUMNS}) VALUES (${Array.from({ length: 24 }, (_, i) => `?${i + 1}`).join(', ')})`,
    );
    this.closeVersion = db.prepare(
      'UPDATE org_versions SET to_version = ?2, to_upload = ?3, valid_to = ?4 WHERE id = ?1',
    );
    this.current = db.prepare(
      'SELECT id, org_key, content_hash FROM org_versions WHERE unit_code = ?1 AND to_version IS NULL',
    );
    this.refreshTallies = [
      db.prepare('DELETE FROM tally_established WHERE unit_code = ?1'),
      db.prepare(
        `INSERT INTO tally_established (unit_code, month, mode, organizations)
         SELECT unit_code, substr(established_on, 1, 7), coalesce(mode, ''), count(*) FROM effective_organizations
         WHERE unit_code = ?1 AND status = '已建团' AND established_on IS NOT NULL
           AND coalesce(effective_result, '') <> '不属实'
         GROUP BY 1, 2, 3`,
      ),
      db.prepare('DELETE FROM tally_checks WHERE unit_code = ?1'),
      db.prepare(
        `INSERT INTO tally_checks (unit_code, month, result, organizations)
         SELECT unit_code, substr(effective_checked_on, 1, 7), coalesce(effective_result, ''), count(*)
         FROM effective_organizations WHERE unit_code = ?1 AND effective_checked_on IS NOT NULL
         GROUP BY 1, 2, 3`,
      ),
    ];
  }

  /** A new database file in `dir` with the worker's migrations applied, in WAL mode like a server would. */
  static async create(root: string, dir: string): Promise<RawLedgerDb> {
    const { DatabaseSync } = await loadSqlite();
    const db = new DatabaseSync(path.join(dir, 'raw.sqlite'));
    db.exec('PRAGMA journal_mode = WAL');
    const migrations = path.join(root, 'worker', 'migrations');
    for (const file of readdirSync(migrations)
      .filter((name) => name.endsWith('.sql'))
      .sort())
      db.exec(readFileSync(path.join(migrations, file), 'utf8'));
    return new RawLedgerDb(db);
  }

  private open(unitCode: string, record: TrackingRecord, firstReportedAt: string, now: string): void {
    this.insert.run(
      ...recordParams(unitCode, record, firstReportedAt),
      normalizeOrgName(record.orgName),
      fingerprint(record),
      this.version,
      `raw-${this.version}`,
      now,
    );
  }

  addUnits(units: Unit[], now: string): void {
    const statement = this.db.prepare(
      'INSERT INTO units (code, name, kind, active, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
    );
    for (const unit of units) statement.run(unit.code, unit.name, unit.kind, unit.active ? 1 : 0, now);
  }

  /** The district as the API seeding leaves it: units, quotas, subsidy rate, ledgers and one upload each. */
  loadDistrict(district: DemoDistrict, period: BenchPeriod, uploadedAt: string): void {
    this.db.exec('BEGIN');
    this.addUnits(district.units, uploadedAt);
    const quota = this.db.prepare(
      'INSERT INTO quotas (unit_code, year, quota, updated_at) VALUES (?1, ?2, ?3, ?4)',
    );
    for (const q of district.quotas) quota.run(q.unitCode, q.year, q.quota, uploadedAt);
    this.db
      .prepare('INSERT INTO subsidy_rates (year, city, district) VALUES (?1, ?2, ?3)')
      .run(period.year, district.subsidy.city, district.subsidy.district);
    for (const record of district.records) this.open(record.unitCode, record, uploadedAt, uploadedAt);
    const upload = this.db.prepare(
      `INSERT INTO uploads (id, unit_code, token_id, content_hash, report_year, report_month, created_at,
         row_count, added, changed, removed, version, base_version) VALUES (?1, ?2, 'bench', '', ?3, ?4, ?5, 0, 0, 0, 0, 1, 0)`,
    );
    for (const unit of district.units)
      upload.run(`raw-${unit.code}`, unit.code, period.year, period.month, uploadedAt);
    this.db.exec('COMMIT');
  }

  /**
   * Writes a unit's ledger as the worker's batch does, by hand, in one transaction: read the open
   * versions' keys and fingerprints, close the changed and removed ones, open the new and changed.
   * Answers the number of versions written (opened + closed).
   */
  writeLedger(unitCode: string, records: TrackingRecord[], now: string): number {
    this.db.exec('BEGIN');
    try {
      this.version++;
      const current = new Map(
        this.current
          .all(unitCode)
          .map((row) => [String(row.org_key), { id: Number(row.id), hash: String(row.content_hash) }]),
      );
      let written = 0;
      for (const record of records) {
        const key = orgKey(record.creditCode, record.orgName);
        const old = current.get(key);
        current.delete(key);
        if (old && old.hash === fingerprint(record)) continue;
        if (old) {
          this.closeVersion.run(old.id, this.version, `raw-${this.version}`, now);
          written++;
        }
        this.open(unitCode, record, now, now);
        written++;
      }
      for (const removed of current.values()) {
        this.closeVersion.run(removed.id, this.version, `raw-${this.version}`, now);
        written++;
      }
      // The unit's tallies, recounted as the worker's batch does (worker/src/db/ledger.ts).
      for (const statement of this.refreshTallies) statement.run(unitCode);
      this.db.exec('COMMIT');
      return written;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Every organization row, as the worker's loadDistrictLedger selects them. */
  districtRows(): Record<string, unknown>[] {
    return this.db
      .prepare(`SELECT ${ORGANIZATION_COLUMNS} FROM organizations ORDER BY unit_code, row_no`)
      .all();
  }

  /** Other units' organizations with these names, as the worker's loadOtherUnitMatches looks them up. */
  otherUnitMatches(
    unitCode: string,
    nameKeys: string[],
  ): { orgKey: string; orgName: string; unitCode: string }[] {
    return this.db
      .prepare(
        `SELECT org_key, org_name, unit_code FROM organizations
         WHERE name_key IN (SELECT value FROM json_each(?2)) AND unit_code <> ?1`,
      )
      .all(unitCode, JSON.stringify(nameKeys))
      .map((row) => ({
        orgKey: String(row.org_key),
        orgName: String(row.org_name),
        unitCode: String(row.unit_code),
      }));
  }

  /** The summary as one query; answers the per-unit figures the API's summary is checked against. */
  summary(period: BenchPeriod, lateAfterDay: number): RawUnitRow[] {
    const pad = (n: number) => String(n).padStart(2, '0');
    const lastDay = new Date(Date.UTC(period.year, period.month, 0)).getUTCDate();
    const nextYear = period.month === 12 ? period.year + 1 : period.year;
    const nextMonth = period.month === 12 ? 1 : period.month + 1;
    const lateFrom = new Date(Date.UTC(nextYear, nextMonth - 1, lateAfterDay + 1) - 8 * 3600_000);
    return this.db
      .prepare(SUMMARY_SQL)
      .all(
        period.year,
        `${period.year}-01-01`,
        `${period.year}-${pad(period.month)}-01`,
        `${period.year}-${pad(period.month)}-${pad(lastDay)}`,
        period.month,
        lateFrom.toISOString(),
      )
      .map((row) => ({
        code: String(row.code),
        counted: Number(row.counted),
        newThisMonth: Number(row.new_this_month),
        established: Number(row.established),
        organizations: Number(row.organizations),
        rank: row.rank === null ? null : Number(row.rank),
      }));
  }

  close(): void {
    this.db.close();
  }
}
