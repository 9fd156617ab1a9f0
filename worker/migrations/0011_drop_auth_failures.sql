-- Failed token attempts are counted by the Workers Rate Limiting binding (AUTH_FAILURES in wrangler.toml),
-- which refuses only further failures: the D1 counter refused a whole address, valid tokens included.
DROP TABLE IF EXISTS auth_failures;
