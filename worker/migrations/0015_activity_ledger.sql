-- 活动台账 (SPEC §8, issue 15): each unit's activity ledger, versioned as its organization ledger is (SPEC §6).
-- Every version of every activity is kept with the upload that opened it and the one that closed it; the current
-- activity ledger is the open versions. An upload names the version it was checked against, and a stale one
-- fails the whole batch through activity_guard's CHECK (D1 has no BEGIN).
CREATE TABLE activity_ledgers (
  unit_code TEXT PRIMARY KEY REFERENCES units (code),
  version INTEGER NOT NULL,
  upload_id TEXT,
  activities INTEGER NOT NULL
);

CREATE TABLE activity_guard (
  unit_code TEXT NOT NULL,
  expected INTEGER NOT NULL,
  actual INTEGER,
  CONSTRAINT activity_ledger_moved CHECK (actual IS expected)
);

CREATE TABLE activity_uploads (
  id TEXT PRIMARY KEY,
  unit_code TEXT NOT NULL REFERENCES units (code),
  version INTEGER NOT NULL,
  base_version INTEGER NOT NULL,
  token_id TEXT NOT NULL,
  source TEXT NOT NULL,
  -- The SHA-256 of the checked activities: the same sheet sent again (a retry) is answered, not applied twice.
  content_hash TEXT NOT NULL,
  idempotency_key TEXT,
  created_at TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  added INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  removed INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  warning_count INTEGER NOT NULL,
  -- For a restore: the upload whose activities it brought back.
  restored_from TEXT
);
CREATE UNIQUE INDEX activity_uploads_unit_version ON activity_uploads (unit_code, version);
CREATE UNIQUE INDEX activity_uploads_key ON activity_uploads (unit_code, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

CREATE TABLE activity_versions (
  id INTEGER PRIMARY KEY,
  unit_code TEXT NOT NULL REFERENCES units (code),
  -- Organization, day and normalized title (activityKey): the same activity across uploads.
  activity_key TEXT NOT NULL,
  org_key TEXT NOT NULL,
  org_name TEXT NOT NULL,
  held_on TEXT NOT NULL,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  served INTEGER NOT NULL,
  partners_json TEXT NOT NULL,
  note TEXT,
  row_no INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  from_version INTEGER NOT NULL,
  from_upload TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  to_version INTEGER,
  to_upload TEXT,
  valid_to TEXT
);
CREATE UNIQUE INDEX activity_versions_current ON activity_versions (unit_code, activity_key) WHERE to_version IS NULL;
CREATE INDEX activity_versions_created ON activity_versions (unit_code, from_version);
CREATE INDEX activity_versions_ended ON activity_versions (unit_code, to_version) WHERE to_version IS NOT NULL;
-- The bulletin reads a year's activities by day, current or as known at a moment.
CREATE INDEX activity_versions_day ON activity_versions (held_on);
