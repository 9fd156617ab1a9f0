-- A fingerprint of each version's sheet row as the unit sent it (the cells, in column order): a client
-- that knows the open versions' row fingerprints (GET /ledger/fingerprints) sends only the rows that
-- differ and names the rest by version (an upload patch), so an unchanged row is neither sent, parsed
-- nor validated again. Versions stored before this have none: their rows are sent once more in full, and
-- that upload fills it in.
ALTER TABLE org_versions ADD COLUMN row_hash TEXT;
