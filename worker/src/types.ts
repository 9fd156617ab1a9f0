// Hono environment types: bindings (wrangler types) plus secrets and per-request variables.
import type { Caller } from './auth';

export interface Bindings extends Env {
  /** The first admin token: `.dev.vars` locally, `wrangler secret put ADMIN_TOKEN` in production. */
  ADMIN_TOKEN?: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: { caller: Caller };
}
