-- The live summary sums each unit's current activities of the year in SQL (活动开展): a covering index of the open
-- versions by day, so the sum reads the index alone, not every version an upload ever closed.
CREATE INDEX activity_versions_open_day ON activity_versions (held_on, unit_code, served) WHERE to_version IS NULL;
