// Hono environment types: bindings (wrangler types) plus secrets and per-request variables.
import type { Role } from '@tuanjian/shared';
import type { Db } from './db/db';

/** Who is calling: the token's id, role and (for a unit token) unit. */
export interface Caller {
  tokenId: string;
  role: Role;
  unitCode: string | null;
  label: string;
}

export interface Bindings extends Env {
  /** The first admin token: `.dev.vars` locally, `wrangler secret put ADMIN_TOKEN` in production. */
  ADMIN_TOKEN?: string;
  /** An ISO instant that replaces the wall clock (tests; never set in production). */
  PINNED_NOW?: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    caller: Caller;
    /** This request's "now", read once by the clock middleware. */
    now: Date;
    /** This request's D1 session (read replicas; see db/session.ts). */
    db: Db;
  };
}
