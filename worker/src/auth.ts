// Bearer-token access: SHA-256 lookups, the bootstrap admin secret, role and unit-scope guards.
import type { Role } from '@tuanjian/shared';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { findActiveTokenByHash, lastUsedIsStale, touchTokenLastUsed } from './db/tokens';
import { ApiError } from './errors';
import type { AppEnv, Caller } from './types';

export type { Caller };

/** The admin that ADMIN_TOKEN signs in as: no row in tokens, so history names it from here. */
export const BOOTSTRAP_ADMIN = { tokenId: 'bootstrap-admin', label: '初始管理员' } as const;

/** The limiter's period (wrangler.toml [[ratelimits]] AUTH_FAILURES): what a 429 asks the client to wait. */
export const AUTH_FAILURE_PERIOD_SECONDS = 60;

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new random token, shown once: `tj_` + 32 bytes base64url. */
export function newPlainToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `tj_${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/**
 * The client a failed attempt is counted for: the address Cloudflare puts in CF-Connecting-IP (it replaces
 * whatever a client sends). X-Forwarded-For is the client's own word and is not used.
 */
function clientOf(headers: Headers): string {
  return headers.get('CF-Connecting-IP')?.trim() || 'local';
}

/** 401 with the challenge RFC 6750 asks for. */
function unauthorized(c: Context<AppEnv>, message: string, messageEn: string, invalid: boolean): never {
  c.header('WWW-Authenticate', invalid ? 'Bearer error="invalid_token"' : 'Bearer');
  throw new ApiError(401, 'unauthorized', message, { messageEn });
}

/**
 * Counts one failed attempt of the client; over the limit the answer is 429 with Retry-After instead of
 * 401. Only failures are counted and only failures are refused: a valid token from the same address passes.
 */
async function failedAttempt(c: Context<AppEnv>, client: string): Promise<void> {
  const { success } = await c.env.AUTH_FAILURES.limit({ key: client });
  if (success) return;
  c.header('Retry-After', String(AUTH_FAILURE_PERIOD_SECONDS));
  throw new ApiError(429, 'rate_limited', '令牌验证失败次数过多，请 1 分钟后再试（正确的令牌不受影响）', {
    messageEn:
      'Too many failed token attempts from this address; try again in a minute (valid tokens still work)',
    retryAfterSeconds: AUTH_FAILURE_PERIOD_SECONDS,
  });
}

async function timingSafeEqualHex(a: string, b: string): Promise<boolean> {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Resolves the caller from `Authorization: Bearer …`. A wrong token counts against its client address
 * (failedAttempt); a valid one is never refused, whatever that address did before.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const plain = match?.[1];
  if (!plain) unauthorized(c, '缺少访问令牌（Authorization: Bearer …）', 'Missing bearer token', false);
  const hash = await sha256Hex(plain);
  const adminSecret = c.env.ADMIN_TOKEN;
  if (adminSecret && (await timingSafeEqualHex(hash, await sha256Hex(adminSecret)))) {
    c.set('caller', { ...BOOTSTRAP_ADMIN, role: 'admin', unitCode: null });
    return next();
  }
  const token = await findActiveTokenByHash(c.var.db, hash);
  if (!token) {
    await failedAttempt(c, clientOf(c.req.raw.headers));
    unauthorized(c, '访问令牌无效或已吊销', 'Invalid or revoked token', true);
  }
  if (!token.unitActive) {
    throw new ApiError(403, 'unit_inactive', '该单位已停用，令牌不再有效', {
      messageEn: 'This unit has been deactivated; its token no longer works',
      unitCode: token.unitCode,
    });
  }
  if (lastUsedIsStale(token.lastUsedAt, c.var.now)) {
    // At most one write per token per 10 minutes, after the answer where the runtime allows it.
    const touch = touchTokenLastUsed(c.var.db, token.id, c.var.now).catch((error: unknown) => {
      console.error('could not record when a token was last used', error);
    });
    afterAnswer(c, touch);
  }
  c.set('caller', { tokenId: token.id, role: token.role, unitCode: token.unitCode, label: token.label });
  return next();
});

/** Lets `work` finish after the answer (waitUntil); without an execution context it just runs on. */
function afterAnswer(c: Context<AppEnv>, work: Promise<void>): void {
  let waitUntil: ((promise: Promise<unknown>) => void) | null = null;
  try {
    const context = c.executionCtx;
    waitUntil = (promise) => context.waitUntil(promise);
  } catch {
    waitUntil = null;
  }
  if (waitUntil) waitUntil(work);
  else void work;
}

/** Throws 403 unless the caller has one of the roles. */
export function requireRole(caller: Caller, ...roles: Role[]): void {
  if (!roles.includes(caller.role)) {
    throw new ApiError(403, 'forbidden', `此操作需要以下角色之一：${roles.join('、')}`, {
      messageEn: `This action needs one of the roles: ${roles.join(', ')}`,
      role: caller.role,
    });
  }
}

/** Throws 403 when a unit token reaches for another unit. */
export function requireUnitScope(caller: Caller, unitCode: string): void {
  if (caller.role === 'unit' && caller.unitCode !== unitCode) {
    throw new ApiError(403, 'forbidden', '单位令牌只能访问本单位的数据', {
      messageEn: 'A unit token may only access its own unit',
      unitCode,
    });
  }
}
