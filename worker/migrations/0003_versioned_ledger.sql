-- The versioned ledger (SPEC §6): every version of every organization record is kept with the upload
-- that created it and the one that replaced or removed it; the current ledger is the open versions.
-- Upload history is rebuilt from the versions (no stored answer blobs); each unit's ledger has a
-- version that uploads name (optimistic concurrency); per-unit tallies and the names and credit codes
-- several units share are kept current in every write batch, so a summary reads per-unit figures
-- instead of the whole ledger. Every existing row is carried over.
PRAGMA defer_foreign_keys = on;

-- Each unit's ledger version: bumped by every upload (and restore) of the unit, named by the next one.
CREATE TABLE unit_ledgers (
  unit_code TEXT PRIMARY KEY REFERENCES units (code),
  version INTEGER NOT NULL,
  upload_id TEXT,
  organizations INTEGER NOT NULL,
  -- The first version whose ledger can be rebuilt (uploads before the versioned ledger kept no rows).
  history_from INTEGER NOT NULL DEFAULT 0
);

-- A row that can only be written when a unit's ledger is still at the version an upload was built on:
-- inserting it with a stale version fails the CHECK and so aborts the whole batch (D1 has no BEGIN).
CREATE TABLE ledger_guard (
  unit_code TEXT NOT NULL,
  expected INTEGER NOT NULL,
  actual INTEGER,
  CONSTRAINT ledger_moved CHECK (actual IS expected)
);

CREATE TABLE org_versions (
  id INTEGER PRIMARY KEY,
  unit_code TEXT NOT NULL REFERENCES units (code),
  org_key TEXT NOT NULL,
  -- The normalized name (NFKC, no whitespace, case-folded): the cross-unit match where a code is missing.
  name_key TEXT NOT NULL,
  row_no INTEGER NOT NULL,
  org_name TEXT NOT NULL,
  credit_code TEXT,
  org_type TEXT NOT NULL,
  youth_count INTEGER NOT NULL,
  member_count INTEGER NOT NULL,
  status TEXT NOT NULL,
  established_on TEXT,
  mode TEXT,
  league_org_type TEXT,
  secretary TEXT,
  phone TEXT,
  has_party_org INTEGER,
  checked_on TEXT,
  check_result TEXT,
  note TEXT,
  first_reported_at TEXT NOT NULL,
  -- A fingerprint of the compared fields: an upload finds what changed without reading whole rows.
  content_hash TEXT NOT NULL,
  from_version INTEGER NOT NULL,
  from_upload TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  to_version INTEGER,
  to_upload TEXT,
  valid_to TEXT
);
-- Indexes cost every upload's insert: only those a read needs. One organization's history is read by
-- unit through org_versions_created; figures as known at a time read every version anyway.
CREATE UNIQUE INDEX org_versions_current ON org_versions (unit_code, org_key) WHERE to_version IS NULL;
CREATE INDEX org_versions_created ON org_versions (unit_code, from_version);
CREATE INDEX org_versions_ended ON org_versions (unit_code, to_version) WHERE to_version IS NOT NULL;
CREATE INDEX org_versions_name ON org_versions (name_key, unit_code) WHERE to_version IS NULL;
CREATE INDEX org_versions_code ON org_versions (credit_code, unit_code)
  WHERE to_version IS NULL AND credit_code IS NOT NULL;

-- The latest recorded spot check of each organization (by check date, then recording time): it
-- overrides what the unit's sheet says about the organization, from whatever date.
CREATE TABLE check_overrides (
  unit_code TEXT NOT NULL,
  org_key TEXT NOT NULL,
  checked_on TEXT NOT NULL,
  result TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (unit_code, org_key)
);
INSERT INTO check_overrides (unit_code, org_key, checked_on, result, recorded_at)
SELECT unit_code, org_key, checked_on, result, recorded_at FROM (
  SELECT *, row_number() OVER (PARTITION BY unit_code, org_key ORDER BY checked_on DESC, recorded_at DESC) AS n
  FROM spot_checks
) WHERE n = 1;
CREATE INDEX spot_checks_recorded ON spot_checks (recorded_at);

-- Uploads: the ledger version each made, what it was built on, from which surface, and the hash of the
-- request (the same Idempotency-Key with another body is refused). The answer is no longer stored.
ALTER TABLE uploads ADD COLUMN version INTEGER;
ALTER TABLE uploads ADD COLUMN base_version INTEGER;
ALTER TABLE uploads ADD COLUMN source TEXT NOT NULL DEFAULT 'api';
ALTER TABLE uploads ADD COLUMN restored_from TEXT;
ALTER TABLE uploads ADD COLUMN request_hash TEXT;
ALTER TABLE uploads ADD COLUMN unchanged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE uploads ADD COLUMN warning_count INTEGER NOT NULL DEFAULT 0;

UPDATE uploads SET version = (
  SELECT count(*) FROM uploads AS earlier
  WHERE earlier.unit_code = uploads.unit_code
    AND (earlier.created_at < uploads.created_at OR (earlier.created_at = uploads.created_at AND earlier.rowid <= uploads.rowid))
);
UPDATE uploads SET base_version = version - 1;
CREATE UNIQUE INDEX uploads_unit_version ON uploads (unit_code, version);

-- What uploads before this migration changed, as their stored answers listed it (organization
-- references only: the rows themselves were not kept then).
CREATE TABLE legacy_upload_changes (
  upload_id TEXT NOT NULL REFERENCES uploads (id),
  kind TEXT NOT NULL CHECK (kind IN ('added', 'changed', 'removed')),
  org_key TEXT NOT NULL,
  org_name TEXT NOT NULL,
  credit_code TEXT,
  row_no INTEGER,
  changes_json TEXT
);
CREATE INDEX legacy_upload_changes_upload ON legacy_upload_changes (upload_id);
INSERT INTO legacy_upload_changes (upload_id, kind, org_key, org_name, credit_code, row_no, changes_json)
SELECT u.id, kinds.kind, j.value->>'orgKey', j.value->>'orgName', j.value->>'creditCode', j.value->>'row',
  CASE WHEN kinds.kind = 'changed' THEN json(j.value->'changes') END
FROM uploads AS u
JOIN (SELECT 'added' AS kind UNION ALL SELECT 'changed' UNION ALL SELECT 'removed') AS kinds
JOIN json_each(u.response_json, '$.diff.' || kinds.kind) AS j;
UPDATE uploads SET unchanged = coalesce(response_json->>'$.diff.unchanged', 0),
  warning_count = coalesce(json_array_length(response_json, '$.warnings'), 0);
ALTER TABLE uploads DROP COLUMN response_json;

-- The warnings an upload gave, one row each (a replayed answer is rebuilt from these and the versions).
CREATE TABLE upload_warnings (
  upload_id TEXT NOT NULL REFERENCES uploads (id),
  ordinal INTEGER NOT NULL,
  diagnostic_json TEXT NOT NULL,
  PRIMARY KEY (upload_id, ordinal)
);

-- The current ledger moves into versions: one open version per organization, made by the unit's
-- latest upload. The name key is SQL's reading of the normalized name (the stored names are already
-- NFKC with single spaces; SQL folds ASCII case only): an upload puts any other right.
INSERT INTO org_versions (unit_code, org_key, name_key, row_no, org_name, credit_code, org_type, youth_count,
  member_count, status, established_on, mode, league_org_type, secretary, phone, has_party_org, checked_on,
  check_result, note, first_reported_at, content_hash, from_version, from_upload, valid_from)
SELECT o.unit_code, o.org_key,
  CASE WHEN o.org_key LIKE 'n:%' THEN substr(o.org_key, 3) ELSE lower(replace(o.org_name, ' ', '')) END,
  o.row_no, o.org_name, o.credit_code, o.org_type, o.youth_count, o.member_count, o.status, o.established_on,
  o.mode, o.league_org_type, o.secretary, o.phone, o.has_party_org, o.checked_on, o.check_result, o.note,
  o.first_reported_at,
  -- Not the fingerprint an upload computes: the first upload after the migration sees every row as
  -- possibly changed, compares the fields and rewrites only those that really changed.
  'migrated',
  coalesce(latest.version, 0), coalesce(latest.id, 'migration'), coalesce(latest.created_at, o.first_reported_at)
FROM organizations AS o
LEFT JOIN (
  SELECT unit_code, id, version, created_at FROM uploads AS u
  WHERE version = (SELECT max(version) FROM uploads AS m WHERE m.unit_code = u.unit_code)
) AS latest ON latest.unit_code = o.unit_code;
DROP TABLE organizations;

-- The current ledger, and the same with each organization's latest recorded spot check applied.
CREATE VIEW organizations AS
SELECT unit_code, org_key, name_key, row_no, org_name, credit_code, org_type, youth_count, member_count, status,
  established_on, mode, league_org_type, secretary, phone, has_party_org, checked_on, check_result, note,
  first_reported_at, content_hash, id AS version_id, from_version
FROM org_versions WHERE to_version IS NULL;

CREATE VIEW effective_organizations AS
SELECT o.*, coalesce(c.checked_on, o.checked_on) AS effective_checked_on,
  coalesce(c.result, o.check_result) AS effective_result
FROM organizations AS o
LEFT JOIN check_overrides AS c ON c.unit_code = o.unit_code AND c.org_key = o.org_key;

INSERT INTO unit_ledgers (unit_code, version, upload_id, organizations, history_from)
SELECT units.code, coalesce((SELECT max(version) FROM uploads WHERE unit_code = units.code), 0),
  (SELECT id FROM uploads WHERE unit_code = units.code ORDER BY version DESC LIMIT 1),
  (SELECT count(*) FROM organizations WHERE unit_code = units.code),
  coalesce((SELECT max(version) FROM uploads WHERE unit_code = units.code), 0)
FROM units;

-- Per-unit tallies, kept current in every write batch: established organizations (已建团, with a date,
-- not found 不属实) by month set up and mode, and checks by month and result. Each record counts as an
-- organization of its own here; a summary corrects for the records other units share.
CREATE TABLE tally_established (
  unit_code TEXT NOT NULL,
  month TEXT NOT NULL,
  mode TEXT NOT NULL,
  organizations INTEGER NOT NULL,
  PRIMARY KEY (unit_code, month, mode)
);
CREATE TABLE tally_checks (
  unit_code TEXT NOT NULL,
  month TEXT NOT NULL,
  result TEXT NOT NULL,
  organizations INTEGER NOT NULL,
  PRIMARY KEY (unit_code, month, result)
);
INSERT INTO tally_established (unit_code, month, mode, organizations)
SELECT unit_code, substr(established_on, 1, 7), coalesce(mode, ''), count(*) FROM effective_organizations
WHERE status = '已建团' AND established_on IS NOT NULL AND coalesce(effective_result, '') <> '不属实'
GROUP BY 1, 2, 3;
INSERT INTO tally_checks (unit_code, month, result, organizations)
SELECT unit_code, substr(effective_checked_on, 1, 7), coalesce(effective_result, ''), count(*)
FROM effective_organizations WHERE effective_checked_on IS NOT NULL
GROUP BY 1, 2, 3;

-- Names and credit codes in more than one unit's current ledger: the records a summary resolves one by one.
CREATE TABLE shared_names (name_key TEXT PRIMARY KEY);
CREATE TABLE shared_codes (credit_code TEXT PRIMARY KEY);
INSERT INTO shared_names (name_key)
SELECT name_key FROM organizations GROUP BY name_key HAVING count(DISTINCT unit_code) > 1;
INSERT INTO shared_codes (credit_code)
SELECT credit_code FROM organizations WHERE credit_code IS NOT NULL
GROUP BY credit_code HAVING count(DISTINCT unit_code) > 1;

-- Quotas and subsidy rates as they stood at any time (figures "as known at" a moment).
CREATE TABLE quota_history (
  unit_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  quota INTEGER NOT NULL,
  valid_from TEXT NOT NULL
);
CREATE INDEX quota_history_year ON quota_history (year, unit_code, valid_from);
INSERT INTO quota_history (unit_code, year, quota, valid_from) SELECT unit_code, year, quota, updated_at FROM quotas;
CREATE TABLE subsidy_rate_history (
  year INTEGER NOT NULL,
  city INTEGER NOT NULL,
  district INTEGER NOT NULL,
  valid_from TEXT NOT NULL
);
INSERT INTO subsidy_rate_history (year, city, district, valid_from)
SELECT year, city, district, '1970-01-01T00:00:00.000Z' FROM subsidy_rates;

-- One issue per month; a correction names the issue it corrects (the latest of the month) and why.
-- Issues published twice for one month before this rule become a chain of corrections.
ALTER TABLE bulletins ADD COLUMN correction_reason TEXT;
UPDATE bulletins SET corrects = (
  SELECT max(earlier.issue_number) FROM bulletins AS earlier
  WHERE earlier.year = bulletins.year AND earlier.month = bulletins.month
    AND earlier.issue_number < bulletins.issue_number
);
CREATE UNIQUE INDEX bulletins_one_per_month ON bulletins (year, month) WHERE corrects IS NULL;
CREATE UNIQUE INDEX bulletins_one_correction ON bulletins (corrects) WHERE corrects IS NOT NULL;

-- What each issue counted, per unit and organization: the next issue states the 核减 since.
CREATE TABLE bulletin_counted (
  issue_number INTEGER NOT NULL REFERENCES bulletins (issue_number),
  unit_code TEXT NOT NULL,
  org_key TEXT NOT NULL,
  PRIMARY KEY (issue_number, unit_code, org_key)
);
