// Bearer-token access: SHA-256 lookups, the bootstrap admin secret, role and unit-scope guards.
import type { Role } from '@tuanjian/shared';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import {
  authFailures,
  findActiveTokenByHash,
  lastUsedIsStale,
  recordAuthFailure,
  touchTokenLastUsed,
} from './db/tokens';
import { ApiError } from './errors';
import type { AppEnv, Caller } from './types';

export type { Caller };

/** The admin that ADMIN_TOKEN signs in as: no row in tokens, so history names it from here. */
export const BOOTSTRAP_ADMIN = { tokenId: 'bootstrap-admin', label: '初始管理员' } as const;

const MAX_FAILURES_PER_WINDOW = 20;

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

function clientOf(headers: Headers): string {
  return headers.get('CF-Connecting-IP') ?? headers.get('X-Forwarded-For')?.split(',')[0]?.trim() ?? 'local';
}

async function timingSafeEqualHex(a: string, b: string): Promise<boolean> {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Resolves the caller from `Authorization: Bearer …`; counts and limits failed attempts per client. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const client = clientOf(c.req.raw.headers);
  const nowSeconds = Math.floor(c.var.now.getTime() / 1000);
  if ((await authFailures(c.var.db, client, nowSeconds)) >= MAX_FAILURES_PER_WINDOW) {
    throw new ApiError(429, 'rate_limited', '令牌验证失败次数过多，请 10 分钟后再试', {
      messageEn: 'Too many failed token attempts; try again in 10 minutes',
    });
  }
  const plain = match?.[1];
  if (!plain) {
    throw new ApiError(401, 'unauthorized', '缺少访问令牌（Authorization: Bearer …）', {
      messageEn: 'Missing bearer token',
    });
  }
  const hash = await sha256Hex(plain);
  const adminSecret = c.env.ADMIN_TOKEN;
  if (adminSecret && (await timingSafeEqualHex(hash, await sha256Hex(adminSecret)))) {
    c.set('caller', { ...BOOTSTRAP_ADMIN, role: 'admin', unitCode: null });
    return next();
  }
  const token = await findActiveTokenByHash(c.var.db, hash);
  if (!token) {
    await recordAuthFailure(c.var.db, client, nowSeconds);
    throw new ApiError(401, 'unauthorized', '访问令牌无效或已吊销', {
      messageEn: 'Invalid or revoked token',
    });
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
