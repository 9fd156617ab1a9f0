// SQL for the organizations ledger: read a unit's or the district's ledger, page through it, replace it.
import type { LedgerRecord } from '@tuanjian/shared';
import { CHECK_RESULTS, LEAGUE_ORG_TYPES, MODES, ORG_TYPES, STATUSES } from '@tuanjian/shared';

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

const COLUMNS = `unit_code, org_key, row_no, org_name, credit_code, org_type, youth_count, member_count, status,
  established_on, mode, league_org_type, secretary, phone, has_party_org, checked_on, check_result, note,
  first_reported_at`;

/**
 * One of a column's allowed values, checked rather than cast. A lookup in a list of at most five: this
 * runs for every row of the district on a recount, where a zod parse per cell cost more than the count.
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

export async function loadUnitLedger(db: D1Database, unitCode: string): Promise<StoredRecord[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM organizations WHERE unit_code = ?1 ORDER BY row_no`)
    .bind(unitCode)
    .all<OrganizationRow>();
  return results.map(toRecord);
}

export async function loadDistrictLedger(db: D1Database): Promise<StoredRecord[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM organizations ORDER BY unit_code, row_no`)
    .all<OrganizationRow>();
  return results.map(toRecord);
}

/** Other units' organizations, for the cross-unit duplicate warning. */
export async function loadOtherUnitKeys(
  db: D1Database,
  unitCode: string,
): Promise<{ orgKey: string; orgName: string; unitCode: string }[]> {
  const { results } = await db
    .prepare('SELECT org_key, org_name, unit_code FROM organizations WHERE unit_code <> ?1')
    .bind(unitCode)
    .all<{ org_key: string; org_name: string; unit_code: string }>();
  return results.map((row) => ({ orgKey: row.org_key, orgName: row.org_name, unitCode: row.unit_code }));
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
  db: D1Database,
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
      .prepare(`SELECT ${COLUMNS} FROM organizations ${where} ORDER BY unit_code, row_no LIMIT ?5 OFFSET ?6`)
      .bind(...binds, filter.pageSize, (filter.page - 1) * filter.pageSize),
  ]);
  const total = Number((count?.results[0] as { total?: number } | undefined)?.total ?? 0);
  const rows = (page?.results ?? []) as OrganizationRow[];
  return { total, records: rows.map(toRecord) };
}

/** Largest JSON parameter per insert statement: D1 caps a string at 2 MB; stay well under. */
const MAX_PARAM_BYTES = 900_000;

function recordJson(record: StoredRecord): string {
  return JSON.stringify([
    record.orgKey,
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
  ]);
}

/** JSON arrays of encoded rows, each under the parameter cap. */
export function chunkRows(encoded: string[], maxBytes = MAX_PARAM_BYTES): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  const encoder = new TextEncoder();
  for (const row of encoded) {
    const bytes = encoder.encode(row).length + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(row);
    size += bytes;
  }
  if (current.length > 0) chunks.push(`[${current.join(',')}]`);
  return chunks;
}

/**
 * Statements that replace a unit's whole ledger: one delete and one insert per ~1 MB of rows
 * (rows travel as one JSON parameter read back with json_each). Run them inside one `db.batch`.
 */
export function replaceLedgerStatements(
  db: D1Database,
  unitCode: string,
  records: StoredRecord[],
): D1PreparedStatement[] {
  const statements = [db.prepare('DELETE FROM organizations WHERE unit_code = ?1').bind(unitCode)];
  for (const chunk of chunkRows(records.map(recordJson))) {
    statements.push(
      db
        .prepare(
          `INSERT INTO organizations (${COLUMNS})
           SELECT ?1, value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7,
             value->>8, value->>9, value->>10, value->>11, value->>12, value->>13, value->>14, value->>15,
             value->>16, value->>17
           FROM json_each(?2)`,
        )
        .bind(unitCode, chunk),
    );
  }
  return statements;
}
