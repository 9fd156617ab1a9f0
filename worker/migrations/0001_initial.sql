-- League Building Tracker: units, quotas, tokens, the current ledger, upload history, spot checks,
-- subsidies, published bulletins and the audit log.

CREATE TABLE units (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE quotas (
  unit_code TEXT NOT NULL REFERENCES units (code),
  year INTEGER NOT NULL,
  quota INTEGER NOT NULL CHECK (quota >= 0),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (unit_code, year)
);

-- Subsidy amounts per year (yuan per League organization set up); absent year = 300 + 300.
CREATE TABLE subsidy_rates (
  year INTEGER PRIMARY KEY,
  city INTEGER NOT NULL,
  district INTEGER NOT NULL
);

CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'unit', 'reader')),
  unit_code TEXT REFERENCES units (code),
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT,
  revoked_at TEXT,
  CHECK ((role = 'unit') = (unit_code IS NOT NULL))
);

-- The current ledger: one row per organization per unit, replaced wholesale by each upload.
CREATE TABLE organizations (
  unit_code TEXT NOT NULL REFERENCES units (code),
  org_key TEXT NOT NULL,
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
  PRIMARY KEY (unit_code, org_key)
);
CREATE INDEX organizations_org_key ON organizations (org_key);
CREATE INDEX organizations_established ON organizations (status, established_on);

CREATE TABLE uploads (
  id TEXT PRIMARY KEY,
  unit_code TEXT NOT NULL REFERENCES units (code),
  token_id TEXT NOT NULL,
  idempotency_key TEXT UNIQUE,
  content_hash TEXT NOT NULL,
  report_year INTEGER NOT NULL,
  report_month INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  added INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  removed INTEGER NOT NULL,
  response_json TEXT NOT NULL
);
CREATE INDEX uploads_unit ON uploads (unit_code, created_at);
CREATE INDEX uploads_report ON uploads (report_year, report_month);

-- Spot checks recorded by the district committee (电话抽查); the latest per organization wins over the sheet's.
CREATE TABLE spot_checks (
  id TEXT PRIMARY KEY,
  unit_code TEXT NOT NULL REFERENCES units (code),
  org_key TEXT NOT NULL,
  checked_on TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('属实', '不属实', '无法联系')),
  note TEXT,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX spot_checks_org ON spot_checks (unit_code, org_key, checked_on);

-- One payment per organization, whichever unit reports it.
CREATE TABLE subsidy_payments (
  org_key TEXT PRIMARY KEY,
  unit_code TEXT NOT NULL REFERENCES units (code),
  year INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  paid_at TEXT NOT NULL,
  paid_by TEXT NOT NULL
);

CREATE TABLE bulletins (
  issue_number INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  month INTEGER NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  corrects INTEGER REFERENCES bulletins (issue_number),
  summary_json TEXT NOT NULL,
  bulletin_json TEXT NOT NULL
);
CREATE INDEX bulletins_period ON bulletins (year, month);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  detail_json TEXT
);

-- Failed token attempts per client, per 10-minute window.
CREATE TABLE auth_failures (
  client TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (client, window_start)
);
