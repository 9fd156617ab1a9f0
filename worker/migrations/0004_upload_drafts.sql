-- Uploads in parts: a ledger over one request's row cap arrives as a draft's parts (PUT, one request
-- each), then one POST /uploads names the draft. Parts are kept as JSON chunks under D1's 1 MB value
-- limit; the commit reads them one part at a time and deletes the draft in its own batch.
CREATE TABLE upload_drafts (
  id TEXT PRIMARY KEY,
  unit_code TEXT NOT NULL REFERENCES units (code),
  token_id TEXT NOT NULL,
  parts INTEGER NOT NULL CHECK (parts >= 1),
  row_count INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX upload_drafts_expiry ON upload_drafts (expires_at);

CREATE TABLE upload_draft_parts (
  draft_id TEXT NOT NULL REFERENCES upload_drafts (id) ON DELETE CASCADE,
  part INTEGER NOT NULL,
  chunk INTEGER NOT NULL,
  rows_json TEXT NOT NULL,
  -- The part's rows, first and last sheet row (written on the chunk 0 row only; 0 on the others).
  row_count INTEGER NOT NULL,
  first_row INTEGER NOT NULL,
  last_row INTEGER NOT NULL,
  PRIMARY KEY (draft_id, part, chunk)
);
