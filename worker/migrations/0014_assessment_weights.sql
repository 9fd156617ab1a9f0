-- 年度考核 (SPEC §8, issue 15): the weights the committee sets for a year's assessment. Each change is a new
-- version (nothing overwritten); the assessment names the version it used. No row: the product's defaults.
CREATE TABLE assessment_weights (
  year INTEGER NOT NULL,
  version INTEGER NOT NULL,
  weights_json TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL,
  PRIMARY KEY (year, version)
);
