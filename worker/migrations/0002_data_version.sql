-- A counter every write that changes the figures bumps in the same batch: summaries computed for one
-- version can be reused until the next write. The epoch tells databases apart (a fresh one starts anew).
CREATE TABLE data_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  epoch TEXT NOT NULL,
  version INTEGER NOT NULL
);
INSERT INTO data_version (id, epoch, version) VALUES (1, lower(hex(randomblob(8))), 0);
