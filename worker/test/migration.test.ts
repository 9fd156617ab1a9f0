// Migration 0003 (the versioned ledger) on a database filled under the old schema: every row is
// carried over, the derived tallies agree with counting the ledger, and the next upload writes only
// what really changed.
import { applyD1Migrations, type D1Migration } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { withCheckChar } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../src/auth';
import { liveSummary, summaryInFull } from '../src/services/summary';
import { processUpload } from '../src/services/upload';
import { establishedRow, plannedRow } from './helpers';

const bindings = env as unknown as { MIGRATION_DB: D1Database; TEST_MIGRATIONS: D1Migration[] };
const db = bindings.MIGRATION_DB;
const CODE = withCheckChar('51310115MJ4985617');
const ADMIN: Caller = { tokenId: 'migration-test', role: 'admin', unitCode: null, label: 'test' };

/** One organization row in the old `organizations` table. */
function oldRow(unit: string, key: string, name: string, row: number, fields: Record<string, unknown> = {}) {
  return {
    unit_code: unit,
    org_key: key,
    row_no: row,
    org_name: name,
    credit_code: null,
    org_type: '未登记青年自组织',
    youth_count: 20,
    member_count: 5,
    status: '已建团',
    established_on: '2026-03-10',
    mode: '独立建团',
    league_org_type: '团支部',
    secretary: '张伟',
    phone: '13812345678',
    has_party_org: null,
    checked_on: null,
    check_result: null,
    note: null,
    first_reported_at: '2026-04-02T02:00:00.000Z',
    ...fields,
  };
}

const OLD_ROWS = [
  oldRow('HM', 'n:花木青年志愿者协会', '花木青年志愿者协会', 4),
  oldRow('HM', `c:${CODE}`, '浦东青年社工协会', 5, {
    credit_code: CODE,
    org_type: '社会团体',
    established_on: '2026-02-01',
  }),
  oldRow('HM', 'n:花木筹建组织', '花木筹建组织', 6, {
    status: '筹建中',
    established_on: null,
    mode: null,
    league_org_type: null,
    secretary: null,
    phone: null,
  }),
  // The same organization in 张江镇's ledger, without its credit code: one organization.
  oldRow('ZJ', 'n:浦东青年社工协会', '浦东 青年社工协会', 4, { established_on: '2026-01-20' }),
  oldRow('ZJ', 'n:张江青年跑团', '张江青年跑团', 5, { checked_on: '2026-03-20', check_result: '不属实' }),
];

beforeAll(async () => {
  const old = bindings.TEST_MIGRATIONS.filter((migration) => migration.name < '0003');
  expect(old.map((migration) => migration.name)).toEqual(['0001_initial.sql', '0002_data_version.sql']);
  await applyD1Migrations(db, old);
  const statements = [
    db.prepare(
      `INSERT INTO units (code, name, kind, active, created_at) VALUES
       ('HM', '花木街道', '街道', 1, '2026-01-01'), ('ZJ', '张江镇', '镇', 1, '2026-01-01'), ('GQ', '高桥镇', '镇', 1, '2026-01-01')`,
    ),
    db.prepare(
      "INSERT INTO quotas (unit_code, year, quota, updated_at) VALUES ('HM', 2026, 6, '2026-01-05'), ('ZJ', 2026, 4, '2026-01-05')",
    ),
    db.prepare(
      "INSERT INTO spot_checks VALUES ('s1', 'HM', 'n:花木青年志愿者协会', '2026-04-10', '不属实', NULL, 'admin', '2026-04-11T00:00:00Z')",
    ),
    ...OLD_ROWS.map((row) =>
      db
        .prepare(
          `INSERT INTO organizations (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row)
            .map((_, i) => `?${i + 1}`)
            .join(', ')})`,
        )
        .bind(...Object.values(row)),
    ),
    db
      .prepare(
        `INSERT INTO uploads (id, unit_code, token_id, idempotency_key, content_hash, report_year, report_month, created_at,
         row_count, added, changed, removed, response_json) VALUES
       ('u1', 'HM', 't', 'k1', 'h1', 2026, 3, '2026-04-01T02:00:00.000Z', 2, 2, 0, 0, ?1),
       ('u2', 'HM', 't', 'k2', 'h2', 2026, 3, '2026-04-02T02:00:00.000Z', 3, 1, 1, 0, ?2),
       ('u3', 'ZJ', 't', NULL, 'h3', 2026, 3, '2026-04-02T03:00:00.000Z', 2, 2, 0, 0, '{"diff":{"added":[],"changed":[],"removed":[],"unchanged":0},"warnings":[]}')`,
      )
      .bind(
        JSON.stringify({
          diff: {
            added: [
              { orgKey: 'n:花木青年志愿者协会', orgName: '花木青年志愿者协会', creditCode: null, row: 4 },
              { orgKey: 'n:旧组织', orgName: '旧组织', creditCode: null, row: 5 },
            ],
            changed: [],
            removed: [],
            unchanged: 0,
          },
          warnings: [],
        }),
        JSON.stringify({
          diff: {
            added: [{ orgKey: 'n:花木筹建组织', orgName: '花木筹建组织', creditCode: null, row: 6 }],
            changed: [
              {
                orgKey: 'n:花木青年志愿者协会',
                orgName: '花木青年志愿者协会',
                creditCode: null,
                row: 4,
                changes: [{ field: 'youthCount', before: 18, after: 20 }],
              },
            ],
            removed: [{ orgKey: 'n:旧组织', orgName: '旧组织', creditCode: null, row: null }],
            unchanged: 1,
          },
          warnings: [
            {
              row: 5,
              column: 'creditCode',
              header: '统一社会信用代码',
              severity: 'warning',
              code: 'x',
              message: 'm',
              messageEn: 'm',
            },
          ],
        }),
      ),
    // Two issues published for March by parallel requests before one issue per month was enforced.
    db.prepare(
      `INSERT INTO bulletins (issue_number, year, month, published_at, published_by, corrects, summary_json, bulletin_json)
       VALUES (7, 2026, 3, '2026-04-01T01:00:00Z', 'cron', NULL, '{}', '{}'), (8, 2026, 3, '2026-04-01T01:00:00Z', 'admin', NULL, '{}', '{}')`,
    ),
  ];
  await db.batch(statements);
  await applyD1Migrations(db, bindings.TEST_MIGRATIONS);
});

describe('migration 0003 on a database filled under the old schema', () => {
  it('carries every organization row over as the current version, made by its unit’s latest upload', async () => {
    const { results } = await db
      .prepare(
        `SELECT unit_code, org_key, name_key, org_name, row_no, established_on, from_version, from_upload, to_version
         FROM org_versions ORDER BY unit_code, row_no`,
      )
      .all();
    expect(results).toEqual([
      expect.objectContaining({
        unit_code: 'HM',
        org_key: 'n:花木青年志愿者协会',
        name_key: '花木青年志愿者协会',
        from_version: 2,
        from_upload: 'u2',
        to_version: null,
      }),
      expect.objectContaining({
        unit_code: 'HM',
        org_key: `c:${CODE}`,
        name_key: '浦东青年社工协会',
        from_version: 2,
      }),
      expect.objectContaining({ unit_code: 'HM', org_key: 'n:花木筹建组织', established_on: null }),
      expect.objectContaining({
        unit_code: 'ZJ',
        org_key: 'n:浦东青年社工协会',
        name_key: '浦东青年社工协会',
        from_version: 1,
        from_upload: 'u3',
      }),
      expect.objectContaining({ unit_code: 'ZJ', org_key: 'n:张江青年跑团' }),
    ]);
    const view = await db.prepare('SELECT count(*) AS n FROM organizations').first<{ n: number }>();
    expect(view?.n).toBe(OLD_ROWS.length);
    const ledgers = await db
      .prepare(
        'SELECT unit_code, version, upload_id, organizations, history_from FROM unit_ledgers ORDER BY unit_code',
      )
      .all();
    expect(ledgers.results).toEqual([
      { unit_code: 'GQ', version: 0, upload_id: null, organizations: 0, history_from: 0 },
      { unit_code: 'HM', version: 2, upload_id: 'u2', organizations: 3, history_from: 2 },
      { unit_code: 'ZJ', version: 1, upload_id: 'u3', organizations: 2, history_from: 1 },
    ]);
  });

  it('keeps the old uploads’ diffs in pieces, with versions, and drops the stored answers', async () => {
    const columns = await db.prepare("SELECT name FROM pragma_table_info('uploads')").all<{ name: string }>();
    expect(columns.results.map((column) => column.name)).not.toContain('response_json');
    const uploads = await db
      .prepare('SELECT id, version, base_version, unchanged, warning_count FROM uploads ORDER BY id')
      .all();
    expect(uploads.results).toEqual([
      { id: 'u1', version: 1, base_version: 0, unchanged: 0, warning_count: 0 },
      { id: 'u2', version: 2, base_version: 1, unchanged: 1, warning_count: 1 },
      { id: 'u3', version: 1, base_version: 0, unchanged: 0, warning_count: 0 },
    ]);
    const changes = await db
      .prepare(
        "SELECT kind, org_key, changes_json FROM legacy_upload_changes WHERE upload_id = 'u2' ORDER BY kind",
      )
      .all();
    expect(changes.results).toEqual([
      { kind: 'added', org_key: 'n:花木筹建组织', changes_json: null },
      {
        kind: 'changed',
        org_key: 'n:花木青年志愿者协会',
        changes_json: '[{"field":"youthCount","before":18,"after":20}]',
      },
      { kind: 'removed', org_key: 'n:旧组织', changes_json: null },
    ]);
  });

  it('turns two issues of one month into an issue and its correction', async () => {
    const issues = await db
      .prepare('SELECT issue_number, corrects FROM bulletins ORDER BY issue_number')
      .all();
    expect(issues.results).toEqual([
      { issue_number: 7, corrects: null },
      { issue_number: 8, corrects: 7 },
    ]);
  });

  it('derives tallies and shared names that agree with counting the whole ledger', async () => {
    const shared = await db.prepare('SELECT name_key FROM shared_names').all();
    expect(shared.results).toEqual([{ name_key: '浦东青年社工协会' }]);
    const request = {
      year: 2026,
      month: 4,
      at: new Date('2026-05-01T02:00:00Z'),
      district: '浦东新区',
      lateAfterDay: 5,
    };
    const live = await liveSummary(db, request);
    expect(live).toEqual(await summaryInFull(db, request));
    // The spot check overrides the sheet; the organization both units report counts once, for 张江镇.
    expect(live.units.map((unit) => [unit.unitCode, unit.counted])).toEqual([
      ['HM', 0],
      ['ZJ', 1],
      ['GQ', 0],
    ]);
  });

  it('writes only what really changed on the first upload after the migration', async () => {
    const rows = [
      establishedRow(0, 'HM', { orgName: '花木青年志愿者协会' }),
      establishedRow(1, 'HM', {
        orgName: '浦东青年社工协会',
        creditCode: CODE,
        orgType: '社会团体',
        establishedOn: '2026-02-01',
      }),
      plannedRow(2, 'HM', {
        orgName: '花木筹建组织',
        orgType: '未登记青年自组织',
        youthCount: 20,
        memberCount: 5,
      }),
    ];
    const result = await processUpload(
      db,
      ADMIN,
      { unitCode: 'HM', rows, reportYear: 2026, reportMonth: 4 },
      { dryRun: false, idempotencyKey: null, now: new Date('2026-05-02T02:00:00Z'), lateAfterDay: 5 },
    );
    expect(result.created).toBe(true);
    expect(result.response.diff).toMatchObject({ added: [], changed: [], removed: [], unchanged: 3 });
    const versions = await db
      .prepare(
        "SELECT count(*) AS n, min(length(content_hash)) AS shortest FROM org_versions WHERE unit_code = 'HM'",
      )
      .first<{ n: number; shortest: number }>();
    // No new versions; the rows now carry their fingerprints.
    expect(versions).toEqual({ n: 3, shortest: 16 });
  });
});
