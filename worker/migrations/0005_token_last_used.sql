-- When each token last authenticated: shown to admins beside the token. Written at most once per
-- token per 10 minutes (worker/src/auth.ts), so reading the figures does not become a write per request.
ALTER TABLE tokens ADD COLUMN last_used_at TEXT;
