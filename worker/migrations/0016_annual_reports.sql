-- 年度通报 (issue 15): a year's report, published once the year has ended and frozen from then on. The figures
-- it was written from are kept whole (the assessment, the totals, the activities, the work, the centre and the
-- award candidates); the text is written from them on every read, so each reader gets it as their role may read
-- it (no organization or person for a reader) and the published figures never change.
CREATE TABLE annual_reports (
  year INTEGER PRIMARY KEY,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  figures_json TEXT NOT NULL
);
