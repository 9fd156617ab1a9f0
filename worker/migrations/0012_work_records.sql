-- 工作记录 (SPEC §8, issue 15): the committee's visits (the weekly Thursday visits to the support centre, and
-- linked leaders' visits), its 双月例会, its 领导联系 for a year, and the holiday list the weekly cadence skips.
-- Nothing is deleted: a withdrawn record keeps its row, with who withdrew it and when, and counts no more from
-- then on (a published issue keeps what it counted). A record's id is the SHA-256 of its content, so a retried
-- request records nothing twice.
CREATE TABLE work_visits (
  id TEXT PRIMARY KEY,
  visited_on TEXT NOT NULL,
  visitors_json TEXT NOT NULL,
  organizations_json TEXT NOT NULL,
  unit_codes_json TEXT NOT NULL,
  notes TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  withdrawn_at TEXT,
  withdrawn_by TEXT
);
CREATE INDEX work_visits_day ON work_visits (visited_on);

CREATE TABLE work_meetings (
  id TEXT PRIMARY KEY,
  held_on TEXT NOT NULL,
  attending_units_json TEXT NOT NULL,
  topics TEXT NOT NULL,
  decisions TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  withdrawn_at TEXT,
  withdrawn_by TEXT
);
CREATE INDEX work_meetings_day ON work_meetings (held_on);

-- A year's links are replaced as a whole (PUT /work/leaders/{year}); the audit log keeps each version.
CREATE TABLE leader_links (
  year INTEGER NOT NULL,
  position INTEGER NOT NULL,
  leader TEXT NOT NULL,
  title TEXT NOT NULL,
  unit_codes_json TEXT NOT NULL,
  centre INTEGER NOT NULL,
  PRIMARY KEY (year, leader)
);

CREATE TABLE holidays (
  date TEXT PRIMARY KEY,
  name TEXT NOT NULL
);
