-- Read-only links to a published issue's printable page (/b/<token>), for people without a token: the
-- committee sends the link instead of a file. Only the token's SHA-256 is kept (the link is shown once);
-- revoking sets revoked_at, and a new link for an issue revokes the one before it.
CREATE TABLE bulletin_shares (
  token_hash TEXT PRIMARY KEY,
  issue_number INTEGER NOT NULL REFERENCES bulletins (issue_number),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX bulletin_shares_issue ON bulletin_shares (issue_number, revoked_at);
