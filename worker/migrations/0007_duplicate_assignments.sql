-- 重复: the committee's settlement of an organization that several units report. By default it counts
-- for the unit with the earliest 建团时间; an admin may assign it to another unit that reports it, with a
-- reason. Keyed by the organization's identity (c:<credit code> or n:<normalized name>, as org_key is
-- elsewhere), so an assignment survives re-uploads. Rows are never deleted: a revoke or a replacement sets
-- revoked_at, which keeps the history (and the figures as known at any earlier moment).
CREATE TABLE duplicate_assignments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_key TEXT NOT NULL,
  unit_code TEXT NOT NULL REFERENCES units (code),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  assigned_at TEXT NOT NULL,
  assigned_by TEXT NOT NULL,
  assigned_by_label TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT
);

-- At most one assignment in force per organization.
CREATE UNIQUE INDEX duplicate_assignments_current ON duplicate_assignments (org_key) WHERE revoked_at IS NULL;
CREATE INDEX duplicate_assignments_time ON duplicate_assignments (assigned_at);
