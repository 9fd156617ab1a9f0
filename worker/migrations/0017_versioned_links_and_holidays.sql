-- 领导联系 and the holiday list, versioned (issue 15): a year's links or holidays replaced keep their earlier rows
-- with the moment they stopped standing, so a summary "as known at" an earlier moment (and so a published
-- issue's 工作动态) reads the links and holidays of that moment. Rows before this migration stand from the start.
CREATE TABLE leader_links_versioned (
  year INTEGER NOT NULL,
  position INTEGER NOT NULL,
  leader TEXT NOT NULL,
  title TEXT NOT NULL,
  unit_codes_json TEXT NOT NULL,
  centre INTEGER NOT NULL,
  set_at TEXT NOT NULL,
  replaced_at TEXT
);
INSERT INTO leader_links_versioned (year, position, leader, title, unit_codes_json, centre, set_at)
SELECT year, position, leader, title, unit_codes_json, centre, '1970-01-01T00:00:00.000Z' FROM leader_links;
DROP TABLE leader_links;
ALTER TABLE leader_links_versioned RENAME TO leader_links;
CREATE UNIQUE INDEX leader_links_current ON leader_links (year, leader) WHERE replaced_at IS NULL;
CREATE INDEX leader_links_year ON leader_links (year, set_at);

CREATE TABLE holidays_versioned (
  date TEXT NOT NULL,
  name TEXT NOT NULL,
  set_at TEXT NOT NULL,
  replaced_at TEXT
);
INSERT INTO holidays_versioned (date, name, set_at) SELECT date, name, '1970-01-01T00:00:00.000Z' FROM holidays;
DROP TABLE holidays;
ALTER TABLE holidays_versioned RENAME TO holidays;
CREATE UNIQUE INDEX holidays_current ON holidays (date) WHERE replaced_at IS NULL;
CREATE INDEX holidays_day ON holidays (date, set_at);
