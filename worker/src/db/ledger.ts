// SQL for the versioned ledger: every version of every organization record; the current ledger is the
// open versions. Reads of the current ledger, of a unit's ledger at any version and of the district's
// at any time; the statements an upload writes (only what changed).
import type { LedgerRecord } from '@tuanjian/shared';
import { CHECK_RESULTS, LEAGUE_ORG_TYPES, MODES, ORG_TYPES, STATUSES } from '@tuanjian/shared';
import type { Db, Read } from './db';
import { jsonChunks, readTogether } from './db';

export interface OrganizationRow {
  unit_code: string;
  org_key: string;
  row_no: number;
  org_name: string;
  credit_code: string | null;
  org_type: string;
  youth_count: number;
  member_count: number;
  status: string;
  established_on: string | null;
  mode: string | null;
  league_org_type: string | null;
  secretary: string | null;
  phone: string | null;
  has_party_org: number | null;
  checked_on: string | null;
  check_result: string | null;
  note: string | null;
  first_reported_at: string;
}

export type StoredRecord = LedgerRecord & { orgKey: string };

/** A stored version: the record, and the versions of the unit's ledger it was part of. */
export interface RecordVersion {
  versionId: number;
  record: StoredRecord;
  nameKey: string;
  contentHash: string;
  rowHash: string | null;
  fromVersion: number;
  fromUpload: string;
  validFrom: string;
  toVersion: number | null;
  toUpload: string | null;
  validTo: string | null;
}

interface VersionRow extends OrganizationRow {
  id: number;
  name_key: string;
  content_hash: string;
  row_hash: string | null;
  from_version: number;
  from_upload: string;
  valid_from: string;
  to_version: number | null;
  to_upload: string | null;
  valid_to: string | null;
}

const RECORD_COLUMNS = `unit_code, org_key, row_no, org_name, credit_code, org_type, youth_count, member_count, status,
  established_on, mode, league_org_type, secretary, phone, has_party_org, checked_on, check_result, note,
  first_reported_at`;

const VERSION_COLUMNS = `id, name_key, content_hash, row_hash, from_version, from_upload, valid_from, to_version, to_upload,
  valid_to, ${RECORD_COLUMNS}`;

const EFFECTIVE_COLUMNS = RECORD_COLUMNS.replace(
  'checked_on, check_result',
  'effective_checked_on AS checked_on, effective_result AS check_result',
);

/** Not shared with another unit (by name or credit code): such a record is an organization of its own. */
const UNSHARED = `name_key NOT IN (SELECT name_key FROM shared_names)
  AND (credit_code IS NULL OR credit_code NOT IN (SELECT credit_code FROM shared_codes))`;

/**
 * One of a column's allowed values, checked rather than cast. A lookup in a list of at most five: this
 * runs for every row it reads, where a zod parse per cell cost more than the count.
 */
function oneOf<T extends string>(values: readonly T[], value: string, column: string): T {
  const found = values.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`organizations.${column} holds an unknown value: ${value}`);
  return found;
}

/** Maps a stored row back to the domain record; enum columns are checked, never cast. */
export function toRecord(row: OrganizationRow): StoredRecord {
  return {
    orgKey: row.org_key,
    row: row.row_no,
    orgName: row.org_name,
    creditCode: row.credit_code,
    orgType: oneOf(ORG_TYPES, row.org_type, 'org_type'),
    unitCode: row.unit_code,
    youthCount: row.youth_count,
    memberCount: row.member_count,
    status: oneOf(STATUSES, row.status, 'status'),
    establishedOn: row.established_on,
    mode: row.mode === null ? null : oneOf(MODES, row.mode, 'mode'),
    leagueOrgType:
      row.league_org_type === null ? null : oneOf(LEAGUE_ORG_TYPES, row.league_org_type, 'league_org_type'),
    secretary: row.secretary,
    phone: row.phone,
    hasPartyOrg: row.has_party_org === null ? null : row.has_party_org === 1,
    checkedOn: row.checked_on,
    checkResult: row.check_result === null ? null : oneOf(CHECK_RESULTS, row.check_result, 'check_result'),
    note: row.note,
    firstReportedAt: row.first_reported_at,
  };
}

function toVersion(row: VersionRow): RecordVersion {
  return {
    versionId: row.id,
    record: toRecord(row),
    nameKey: row.name_key,
    contentHash: row.content_hash,
    rowHash: row.row_hash,
    fromVersion: row.from_version,
    fromUpload: row.from_upload,
    validFrom: row.valid_from,
    toVersion: row.to_version,
    toUpload: row.to_upload,
    validTo: row.valid_to,
  };
}

export async function loadUnitLedger(db: Db, unitCode: string): Promise<StoredRecord[]> {
  const { results } = await db
    .prepare(`SELECT ${RECORD_COLUMNS} FROM organizations WHERE unit_code = ?1 ORDER BY row_no`)
    .bind(unitCode)
    .all<OrganizationRow>();
  return results.map(toRecord);
}

/** The current ledger of the district with each organization's latest recorded spot check applied. */
export async function loadEffectiveLedger(db: Db): Promise<StoredRecord[]> {
  const { results } = await db
    .prepare(`SELECT ${EFFECTIVE_COLUMNS} FROM effective_organizations ORDER BY unit_code, row_no`)
    .all<OrganizationRow>();
  return results.map(toRecord);
}

/**
 * The current records other units share a name or a credit code with (SPEC §3), spot checks applied:
 * the only records a summary has to resolve one by one. Kept small by `shared_names`/`shared_codes`.
 */
export function sharedRecordsRead(db: Db): Read<StoredRecord[]> {
  return {
    statements: [
      // Two index lookups (a UNION, not an OR, which would scan every row).
      db.prepare(
        `SELECT ${EFFECTIVE_COLUMNS} FROM effective_organizations WHERE name_key IN (SELECT name_key FROM shared_names)
         UNION
         SELECT ${EFFECTIVE_COLUMNS} FROM effective_organizations
         WHERE credit_code IN (SELECT credit_code FROM shared_codes)
         ORDER BY unit_code, row_no`,
      ),
    ],
    map: ([rows]) => ((rows ?? []) as OrganizationRow[]).map(toRecord),
  };
}

export async function loadSharedRecords(db: Db): Promise<StoredRecord[]> {
  return (await readTogether(db, { shared: sharedRecordsRead(db) })).shared;
}

/**
 * Keys of the records that count between two dates and that no other unit shares: established, not
 * found 不属实 (spot checks applied). The shared ones are resolved by the caller.
 */
export async function loadUnsharedCountedKeys(
  db: Db,
  from: string,
  through: string,
): Promise<{ unitCode: string; orgKey: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT unit_code, org_key FROM effective_organizations
       WHERE status = '已建团' AND established_on BETWEEN ?1 AND ?2 AND coalesce(effective_result, '') <> '不属实'
         AND ${UNSHARED}`,
    )
    .bind(from, through)
    .all<{ unit_code: string; org_key: string }>();
  return results.map((row) => ({ unitCode: row.unit_code, orgKey: row.org_key }));
}

/**
 * The records a year's subsidies can concern: those established in the year (spot checks applied),
 * and every record another unit shares (to resolve which unit an organization counts for).
 */
export async function loadYearCandidates(db: Db, year: number): Promise<StoredRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT ${EFFECTIVE_COLUMNS} FROM effective_organizations
       WHERE status = '已建团' AND established_on BETWEEN ?1 AND ?2
       UNION
       SELECT ${EFFECTIVE_COLUMNS} FROM effective_organizations WHERE name_key IN (SELECT name_key FROM shared_names)
       UNION
       SELECT ${EFFECTIVE_COLUMNS} FROM effective_organizations
       WHERE credit_code IN (SELECT credit_code FROM shared_codes)
       ORDER BY unit_code, row_no`,
    )
    .bind(`${year}-01-01`, `${year}-12-31`)
    .all<OrganizationRow>();
  return results.map(toRecord);
}

/**
 * The records the last issue published before `before` counted that are now found 不属实 (spot checks
 * applied): the 核减 candidates, as a read that can share a batch.
 */
export function countedFoundUntrueRead(db: Db, before: string): Read<StoredRecord[]> {
  return {
    statements: [
      db
        .prepare(
          `SELECT ${EFFECTIVE_COLUMNS} FROM effective_organizations
           WHERE effective_result = '不属实' AND (unit_code, org_key) IN (
             SELECT unit_code, org_key FROM bulletin_counted WHERE issue_number = (
               SELECT issue_number FROM bulletins WHERE published_at < ?1 ORDER BY issue_number DESC LIMIT 1))`,
        )
        .bind(before),
    ],
    map: ([rows]) => ((rows ?? []) as OrganizationRow[]).map(toRecord),
  };
}

/** Every unit's ledger as it stood at an instant: the versions valid then (spot checks not applied). */
export async function loadLedgerAsOf(db: Db, asOf: string): Promise<StoredRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT ${RECORD_COLUMNS} FROM org_versions
       WHERE valid_from <= ?1 AND (valid_to IS NULL OR valid_to > ?1) ORDER BY unit_code, row_no`,
    )
    .bind(asOf)
    .all<OrganizationRow>();
  return results.map(toRecord);
}

/** A unit's ledger as it stood right after its ledger reached `version`. */
export async function loadUnitLedgerAt(db: Db, unitCode: string, version: number): Promise<RecordVersion[]> {
  const { results } = await db
    .prepare(
      `SELECT ${VERSION_COLUMNS} FROM org_versions
       WHERE unit_code = ?1 AND from_version <= ?2 AND (to_version IS NULL OR to_version > ?2) ORDER BY row_no`,
    )
    .bind(unitCode, version)
    .all<VersionRow>();
  return results.map(toVersion);
}

/** The versions one upload opened or closed: its diff, in full. */
export async function loadVersionsTouchedBy(
  db: Db,
  unitCode: string,
  version: number,
): Promise<RecordVersion[]> {
  const { results } = await db
    .prepare(
      `SELECT ${VERSION_COLUMNS} FROM org_versions WHERE unit_code = ?1 AND from_version = ?2
       UNION ALL
       SELECT ${VERSION_COLUMNS} FROM org_versions WHERE unit_code = ?1 AND to_version = ?2
       ORDER BY row_no`,
    )
    .bind(unitCode, version)
    .all<VersionRow>();
  return results.map(toVersion);
}

/** Every version of one organization in one unit's ledger, oldest first. */
export async function loadOrganizationVersions(
  db: Db,
  unitCode: string,
  orgKey: string,
): Promise<RecordVersion[]> {
  const { results } = await db
    .prepare(
      `SELECT ${VERSION_COLUMNS} FROM org_versions WHERE unit_code = ?1 AND org_key = ?2 ORDER BY from_version`,
    )
    .bind(unitCode, orgKey)
    .all<VersionRow>();
  return results.map(toVersion);
}

/** What an upload needs of the current ledger to find what changed: keys and fingerprints, not rows. */
export interface CurrentFingerprint {
  versionId: number;
  orgKey: string;
  nameKey: string;
  creditCode: string | null;
  contentHash: string;
  /** The fingerprint of the sheet row it was stored from (null before row fingerprints were kept). */
  rowHash: string | null;
  row: number;
  firstReportedAt: string;
}

type FingerprintEntry = [number, string, string, string | null, string, string | null, number, string];

/**
 * The unit's current versions as keys and fingerprints, in one value: D1 hands rows over one by one,
 * a text in one piece (5,000 organizations: about 13 ms against 21–29 ms as rows, locally).
 */
export function fingerprintsRead(db: Db, unitCode: string): Read<CurrentFingerprint[]> {
  return {
    statements: [
      db
        .prepare(
          `SELECT json_group_array(json_array(id, org_key, name_key, credit_code, content_hash, row_hash, row_no,
             first_reported_at)) AS entries
           FROM org_versions WHERE unit_code = ?1 AND to_version IS NULL`,
        )
        .bind(unitCode),
    ],
    map: ([rows]) => {
      const entries = (rows as { entries: string | null }[] | undefined)?.[0]?.entries ?? '[]';
      return (JSON.parse(entries) as FingerprintEntry[]).map(
        ([versionId, orgKey, nameKey, creditCode, contentHash, rowHash, row, firstReportedAt]) => ({
          versionId,
          orgKey,
          nameKey,
          creditCode,
          contentHash,
          rowHash,
          row,
          firstReportedAt,
        }),
      );
    },
  };
}

export async function loadFingerprints(db: Db, unitCode: string): Promise<CurrentFingerprint[]> {
  return (await readTogether(db, { current: fingerprintsRead(db, unitCode) })).current;
}

/** Whole records of some versions (the before side of changed and removed organizations). */
export async function loadVersions(
  db: Db,
  versionIds: readonly number[],
): Promise<Map<number, RecordVersion>> {
  const found = new Map<number, RecordVersion>();
  const statements = jsonChunks(versionIds).map((chunk) =>
    db
      .prepare(`SELECT ${VERSION_COLUMNS} FROM org_versions WHERE id IN (SELECT value FROM json_each(?1))`)
      .bind(chunk),
  );
  if (statements.length === 0) return found;
  for (const result of await db.batch<VersionRow>(statements)) {
    for (const row of result.results) found.set(row.id, toVersion(row));
  }
  return found;
}

/**
 * Other units' current organizations with one of these names or credit codes (the cross-unit duplicate
 * warning): a lookup per name and code instead of reading every other unit's ledger.
 */
export async function loadOtherUnitMatches(
  db: Db,
  unitCode: string,
  nameKeys: readonly string[],
  creditCodes: readonly string[],
): Promise<{ orgKey: string; orgName: string; unitCode: string }[]> {
  const statements = [
    ...jsonChunks(nameKeys).map((chunk) =>
      db
        .prepare(
          `SELECT org_key, org_name, unit_code FROM organizations
           WHERE name_key IN (SELECT value FROM json_each(?2)) AND unit_code <> ?1`,
        )
        .bind(unitCode, chunk),
    ),
    ...jsonChunks(creditCodes).map((chunk) =>
      db
        .prepare(
          `SELECT org_key, org_name, unit_code FROM organizations
           WHERE credit_code IN (SELECT value FROM json_each(?2)) AND unit_code <> ?1`,
        )
        .bind(unitCode, chunk),
    ),
  ];
  if (statements.length === 0) return [];
  const seen = new Set<string>();
  const matches: { orgKey: string; orgName: string; unitCode: string }[] = [];
  for (const result of await db.batch<{ org_key: string; org_name: string; unit_code: string }>(statements)) {
    for (const row of result.results) {
      const id = `${row.unit_code}\u0000${row.org_key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      matches.push({ orgKey: row.org_key, orgName: row.org_name, unitCode: row.unit_code });
    }
  }
  return matches;
}

/** The names and credit codes more than one unit's current ledger holds (kept current by every write). */
export interface SharedKeys {
  nameKeys: Set<string>;
  creditCodes: Set<string>;
}

/** The names and credit codes more than one unit reports (kept current by every write). */
export function sharedKeysRead(db: Db): Read<SharedKeys> {
  return {
    statements: [
      db.prepare('SELECT name_key AS key FROM shared_names'),
      db.prepare('SELECT credit_code AS key FROM shared_codes'),
    ],
    map: ([names, codes]) => ({
      nameKeys: new Set(((names ?? []) as { key: string }[]).map((row) => row.key)),
      creditCodes: new Set(((codes ?? []) as { key: string }[]).map((row) => row.key)),
    }),
  };
}

export interface LedgerFilter {
  unitCode?: string | undefined;
  status?: string | undefined;
  mode?: string | undefined;
  year?: number | undefined;
  page: number;
  pageSize: number;
}

export async function listOrganizations(
  db: Db,
  filter: LedgerFilter,
): Promise<{ total: number; records: StoredRecord[] }> {
  const where = `WHERE (?1 IS NULL OR unit_code = ?1) AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR mode = ?3)
    AND (?4 IS NULL OR substr(established_on, 1, 4) = ?4)`;
  const binds = [
    filter.unitCode ?? null,
    filter.status ?? null,
    filter.mode ?? null,
    filter.year?.toString() ?? null,
  ];
  const [count, page] = await db.batch([
    db.prepare(`SELECT count(*) AS total FROM organizations ${where}`).bind(...binds),
    db
      .prepare(
        `SELECT ${RECORD_COLUMNS} FROM organizations ${where} ORDER BY unit_code, row_no LIMIT ?5 OFFSET ?6`,
      )
      .bind(...binds, filter.pageSize, (filter.page - 1) * filter.pageSize),
  ]);
  const total = Number((count?.results[0] as { total?: number } | undefined)?.total ?? 0);
  const rows = (page?.results ?? []) as OrganizationRow[];
  return { total, records: rows.map(toRecord) };
}

/** A new version to open: the record, its normalized name and its fingerprints. */
export interface NewVersion {
  record: StoredRecord;
  nameKey: string;
  contentHash: string;
  /** The fingerprint of the sheet row it came from (shared rowFingerprint); null when not from a sheet. */
  rowHash: string | null;
}

/** One upload's changes to a unit's ledger, as versions to open and close. */
export interface LedgerChange {
  unitCode: string;
  uploadId: string;
  /** The unit's ledger version this upload makes (the one it was built on + 1). */
  version: number;
  at: string;
  /** Versions to open: added organizations and the new state of changed ones. */
  open: NewVersion[];
  /** Versions to close: the old state of changed organizations and removed ones. */
  close: number[];
  /**
   * Current versions whose sheet row moved, or whose stored name key or fingerprint is put right
   * (rows stored before the versioned ledger): the same content, so no new version.
   */
  touchUp: { versionId: number; row: number; nameKey: string; contentHash: string; rowHash: string | null }[];
}

function versionJson(version: NewVersion): string {
  const { record } = version;
  return JSON.stringify([
    record.orgKey,
    version.nameKey,
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
    record.firstReportedAt,
    version.contentHash,
    version.rowHash,
  ]);
}

/**
 * The statements that apply one upload's change: close the replaced and removed versions, open the
 * new ones (rows travel as JSON parameters of at most ~900 KB, read back with json_each), touch up
 * row numbers, and move the unit's ledger version. Run them inside one batch after the version guard.
 */
export function ledgerChangeStatements(db: Db, change: LedgerChange): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (const chunk of jsonChunks(change.close)) {
    statements.push(
      db
        .prepare(
          `UPDATE org_versions SET to_version = ?2, to_upload = ?3, valid_to = ?4
           WHERE id IN (SELECT value FROM json_each(?1)) AND to_version IS NULL`,
        )
        .bind(chunk, change.version, change.uploadId, change.at),
    );
  }
  for (const chunk of jsonChunks(change.open, versionJson)) {
    statements.push(
      db
        .prepare(
          `INSERT INTO org_versions (unit_code, org_key, name_key, row_no, org_name, credit_code, org_type,
             youth_count, member_count, status, established_on, mode, league_org_type, secretary, phone,
             has_party_org, checked_on, check_result, note, first_reported_at, content_hash, row_hash,
             from_version, from_upload, valid_from)
           SELECT ?1, value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7,
             value->>8, value->>9, value->>10, value->>11, value->>12, value->>13, value->>14, value->>15,
             value->>16, value->>17, value->>18, value->>19, value->>20, ?3, ?4, ?5
           FROM json_each(?2)`,
        )
        .bind(change.unitCode, chunk, change.version, change.uploadId, change.at),
    );
  }
  const touchUp = (entry: LedgerChange['touchUp'][number]) =>
    JSON.stringify([entry.versionId, entry.row, entry.nameKey, entry.contentHash, entry.rowHash]);
  for (const chunk of jsonChunks(change.touchUp, touchUp)) {
    statements.push(
      db
        .prepare(
          `UPDATE org_versions SET row_no = moved.value->>1, name_key = moved.value->>2, content_hash = moved.value->>3,
             row_hash = coalesce(moved.value->>4, row_hash)
           FROM json_each(?1) AS moved WHERE org_versions.id = moved.value->>0`,
        )
        .bind(chunk),
    );
  }
  statements.push(
    db
      .prepare(
        `INSERT INTO unit_ledgers (unit_code, version, upload_id, organizations)
         VALUES (?1, ?2, ?3, (SELECT count(*) FROM organizations WHERE unit_code = ?1))
         ON CONFLICT (unit_code) DO UPDATE SET version = excluded.version, upload_id = excluded.upload_id,
           organizations = excluded.organizations`,
      )
      .bind(change.unitCode, change.version, change.uploadId),
  );
  return statements;
}

/** The unit's ledger version (0 before its first upload). */
export function ledgerVersionRead(db: Db, unitCode: string): Read<number> {
  return {
    statements: [db.prepare('SELECT version FROM unit_ledgers WHERE unit_code = ?1').bind(unitCode)],
    map: ([rows]) => (rows as { version: number }[] | undefined)?.[0]?.version ?? 0,
  };
}

export async function ledgerVersion(db: Db, unitCode: string): Promise<number> {
  const row = await db
    .prepare('SELECT version FROM unit_ledgers WHERE unit_code = ?1')
    .bind(unitCode)
    .first<{ version: number }>();
  return row?.version ?? 0;
}

/**
 * Fails the batch it is in (CHECK constraint `ledger_moved`) unless the unit's ledger is still at
 * `expected`: the check and the write are one atomic step. Pair with `releaseGuardStatement` at the end.
 */
export function ledgerGuardStatement(db: Db, unitCode: string, expected: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO ledger_guard (unit_code, expected, actual)
       VALUES (?1, ?2, coalesce((SELECT version FROM unit_ledgers WHERE unit_code = ?1), 0))`,
    )
    .bind(unitCode, expected);
}

export function releaseGuardStatement(db: Db, unitCode: string): D1PreparedStatement {
  return db.prepare('DELETE FROM ledger_guard WHERE unit_code = ?1').bind(unitCode);
}

/** Whether a D1 error is the version guard failing: the unit's ledger moved since the upload read it. */
export function isLedgerMoved(error: unknown): boolean {
  return error instanceof Error && /ledger_moved/.test(error.message);
}

/**
 * Recounts a unit's tallies from its current ledger with spot checks applied, and refreshes which of
 * the given names and credit codes more than one unit reports. Inside the write batch: computed from
 * what the batch itself has just written, so concurrent writers can never leave them stale.
 */
export function refreshDerivedStatements(
  db: Db,
  unitCodes: readonly string[],
  touched: { nameKeys: readonly string[]; creditCodes: readonly string[] },
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (const units of jsonChunks(unitCodes)) {
    statements.push(
      db
        .prepare('DELETE FROM tally_established WHERE unit_code IN (SELECT value FROM json_each(?1))')
        .bind(units),
      db
        .prepare(
          `INSERT INTO tally_established (unit_code, month, mode, organizations)
           SELECT unit_code, substr(established_on, 1, 7), coalesce(mode, ''), count(*) FROM effective_organizations
           WHERE unit_code IN (SELECT value FROM json_each(?1)) AND status = '已建团' AND established_on IS NOT NULL
             AND coalesce(effective_result, '') <> '不属实'
           GROUP BY 1, 2, 3`,
        )
        .bind(units),
      db.prepare('DELETE FROM tally_checks WHERE unit_code IN (SELECT value FROM json_each(?1))').bind(units),
      db
        .prepare(
          `INSERT INTO tally_checks (unit_code, month, result, organizations)
           SELECT unit_code, substr(effective_checked_on, 1, 7), coalesce(effective_result, ''), count(*)
           FROM effective_organizations
           WHERE unit_code IN (SELECT value FROM json_each(?1)) AND effective_checked_on IS NOT NULL
           GROUP BY 1, 2, 3`,
        )
        .bind(units),
    );
  }
  for (const names of jsonChunks(touched.nameKeys)) {
    statements.push(
      db.prepare('DELETE FROM shared_names WHERE name_key IN (SELECT value FROM json_each(?1))').bind(names),
      db
        .prepare(
          `INSERT INTO shared_names (name_key)
           SELECT name_key FROM organizations WHERE name_key IN (SELECT value FROM json_each(?1))
           GROUP BY name_key HAVING count(DISTINCT unit_code) > 1`,
        )
        .bind(names),
    );
  }
  for (const codes of jsonChunks(touched.creditCodes)) {
    statements.push(
      db
        .prepare('DELETE FROM shared_codes WHERE credit_code IN (SELECT value FROM json_each(?1))')
        .bind(codes),
      db
        .prepare(
          `INSERT INTO shared_codes (credit_code)
           SELECT credit_code FROM organizations WHERE credit_code IN (SELECT value FROM json_each(?1))
           GROUP BY credit_code HAVING count(DISTINCT unit_code) > 1`,
        )
        .bind(codes),
    );
  }
  return statements;
}

/** The first version of a unit's ledger that can be rebuilt (earlier uploads kept no rows). */
export async function historyFrom(db: Db, unitCode: string): Promise<number> {
  const row = await db
    .prepare('SELECT history_from FROM unit_ledgers WHERE unit_code = ?1')
    .bind(unitCode)
    .first<{ history_from: number }>();
  return row?.history_from ?? 0;
}

// An upload patch (SPEC §6): the client names the unchanged rows by version and sends only the rest.
// `keep` is the patch's JSON array of [versionId, sheet row now], one bound parameter (at most 50,000
// pairs: under 900 KB).

/** The unit's open versions as [versionId, row fingerprint, sheet row] (GET /ledger/fingerprints). */
export function rowFingerprintsRead(db: Db, unitCode: string): Read<[number, string | null, number][]> {
  return {
    statements: [
      db
        .prepare(
          `SELECT json_group_array(json_array(id, row_hash, row_no)) AS entries
           FROM org_versions WHERE unit_code = ?1 AND to_version IS NULL`,
        )
        .bind(unitCode),
    ],
    map: ([rows]) =>
      JSON.parse((rows as { entries: string | null }[] | undefined)?.[0]?.entries ?? '[]') as [
        number,
        string | null,
        number,
      ][],
  };
}

/**
 * How many of a patch's kept versions are open versions of the unit (each counted once), and how many
 * of those moved to another sheet row.
 */
export function keptVersionsRead(
  db: Db,
  unitCode: string,
  keep: string,
): Read<{ kept: number; moved: number }> {
  return {
    statements: [
      db
        .prepare(
          // CROSS JOIN keeps json_each outside: one primary-key lookup per kept version (SQLite would
          // otherwise walk the unit's versions and scan the whole list for each, 16 s at 5,000).
          `SELECT count(DISTINCT o.id) AS kept, count(DISTINCT CASE WHEN o.row_no <> k.value->>1 THEN o.id END) AS moved
           FROM json_each(?2) AS k CROSS JOIN org_versions AS o ON o.id = k.value->>0
           WHERE o.unit_code = ?1 AND o.to_version IS NULL`,
        )
        .bind(unitCode, keep),
    ],
    map: ([rows]) => {
      const row = (rows as { kept: number; moved: number }[] | undefined)?.[0];
      return { kept: row?.kept ?? 0, moved: row?.moved ?? 0 };
    },
  };
}

/**
 * The unit's open versions a patch does not keep (whole): the ones its rows replace, and the ones it
 * removes. Usually a handful, whatever the ledger's size.
 */
export function unkeptVersionsRead(db: Db, unitCode: string, keep: string): Read<RecordVersion[]> {
  return {
    statements: [
      db
        .prepare(
          `SELECT ${VERSION_COLUMNS} FROM org_versions
           WHERE unit_code = ?1 AND to_version IS NULL
             AND id NOT IN (SELECT value->>0 FROM json_each(?2))`,
        )
        .bind(unitCode, keep),
    ],
    map: ([rows]) => ((rows ?? []) as VersionRow[]).map(toVersion),
  };
}

/**
 * The unit's open versions another unit shares a name or credit code with (shared_names, shared_codes):
 * those a patch keeps get their cross-unit warnings again, as a whole upload would give them.
 */
export function sharedVersionsRead(db: Db, unitCode: string): Read<RecordVersion[]> {
  return {
    statements: [
      db
        .prepare(
          `SELECT ${VERSION_COLUMNS} FROM org_versions
           WHERE name_key IN (SELECT name_key FROM shared_names) AND unit_code = ?1 AND to_version IS NULL
           UNION
           SELECT ${VERSION_COLUMNS} FROM org_versions
           WHERE credit_code IN (SELECT credit_code FROM shared_codes) AND unit_code = ?1 AND to_version IS NULL`,
        )
        .bind(unitCode),
    ],
    map: ([rows]) => ((rows ?? []) as VersionRow[]).map(toVersion),
  };
}

/** The unit's open versions with one of these names or credit codes (the same organization twice in a sheet). */
export async function loadUnitMatches(
  db: Db,
  unitCode: string,
  nameKeys: readonly string[],
  creditCodes: readonly string[],
): Promise<RecordVersion[]> {
  const statements = [
    ...jsonChunks(nameKeys).map((chunk) =>
      db
        .prepare(
          `SELECT ${VERSION_COLUMNS} FROM org_versions
           WHERE name_key IN (SELECT value FROM json_each(?2)) AND unit_code = ?1 AND to_version IS NULL`,
        )
        .bind(unitCode, chunk),
    ),
    ...jsonChunks(creditCodes).map((chunk) =>
      db
        .prepare(
          `SELECT ${VERSION_COLUMNS} FROM org_versions
           WHERE credit_code IN (SELECT value FROM json_each(?2)) AND unit_code = ?1 AND to_version IS NULL`,
        )
        .bind(unitCode, chunk),
    ),
  ];
  if (statements.length === 0) return [];
  const found = new Map<number, RecordVersion>();
  for (const result of await db.batch<VersionRow>(statements)) {
    for (const row of result.results) found.set(row.id, toVersion(row));
  }
  return [...found.values()];
}

/** Moves a patch's kept versions to their sheet rows now (no new version: the same content). */
export function keptRowsStatement(db: Db, unitCode: string, keep: string): D1PreparedStatement {
  return db
    .prepare(
      // The unary + keeps SQLite from walking the unit's versions by index (and the list for each):
      // json_each outside, one primary-key lookup per kept version.
      `UPDATE org_versions SET row_no = k.value->>1
       FROM json_each(?2) AS k
       WHERE org_versions.id = k.value->>0 AND +org_versions.unit_code = ?1 AND +org_versions.to_version IS NULL
         AND org_versions.row_no <> k.value->>1`,
    )
    .bind(unitCode, keep);
}
