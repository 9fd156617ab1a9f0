// /tokens: admins create (plain token shown once), list and revoke access tokens.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { RoleSchema } from '@tuanjian/shared';
import { newPlainToken, requireRole, sha256Hex } from '../auth';
import { auditStatement } from '../db/audit';
import { insertToken, listTokens, revokeToken } from '../db/tokens';
import { getUnit } from '../db/units';
import { ApiError, ErrorSchema, errorResponses } from '../errors';
import type { AppEnv } from '../types';
import { validationHook } from './common';

const TokenSchema = z
  .object({
    id: z.string(),
    role: RoleSchema,
    unitCode: z.string().nullable(),
    label: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('Token');

const CreateTokenSchema = z.object({
  role: RoleSchema,
  unitCode: z.string().nullable().optional(),
  label: z.string().min(1).max(100),
});

const createTokenRoute = createRoute({
  method: 'post',
  path: '/tokens',
  summary: 'Create a token (admin); the plain token is in this answer only',
  request: { body: { content: { 'application/json': { schema: CreateTokenSchema } }, required: true } },
  responses: {
    201: {
      description: 'Created',
      content: { 'application/json': { schema: z.object({ token: z.string(), record: TokenSchema }) } },
    },
    ...errorResponses,
  },
});

const listTokensRoute = createRoute({
  method: 'get',
  path: '/tokens',
  summary: 'List tokens (admin); hashes and plain tokens are never shown',
  responses: {
    200: {
      description: 'Tokens',
      content: { 'application/json': { schema: z.object({ tokens: z.array(TokenSchema) }) } },
    },
    ...errorResponses,
  },
});

const revokeTokenRoute = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  summary: 'Revoke a token (admin)',
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: {
      description: 'Revoked',
      content: { 'application/json': { schema: z.object({ record: TokenSchema }) } },
    },
    ...errorResponses,
    404: { description: 'No such token', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

export const tokenRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(createTokenRoute, async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin');
    const body = c.req.valid('json');
    const unitCode = body.unitCode ?? null;
    if ((body.role === 'unit') !== (unitCode !== null)) {
      throw new ApiError(400, 'bad_request', '单位令牌必须指定单位，其他角色不能指定单位', {
        messageEn: 'A unit token needs unitCode; other roles must not have one',
      });
    }
    if (unitCode && !(await getUnit(c.var.db, unitCode))) {
      throw new ApiError(400, 'bad_request', `单位“${unitCode}”不存在`, {
        messageEn: `Unit ${unitCode} does not exist`,
      });
    }
    const plain = newPlainToken();
    const now = c.var.now.toISOString();
    const record = await insertToken(
      c.var.db,
      {
        id: crypto.randomUUID(),
        hash: await sha256Hex(plain),
        role: body.role,
        unitCode,
        label: body.label,
        createdBy: caller.tokenId,
      },
      now,
    );
    await auditStatement(c.var.db, {
      at: now,
      actor: caller.tokenId,
      action: 'token.create',
      target: record.id,
    }).run();
    return c.json({ token: plain, record }, 201);
  })
  .openapi(listTokensRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    return c.json({ tokens: await listTokens(c.var.db) }, 200);
  })
  .openapi(revokeTokenRoute, async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin');
    const now = c.var.now.toISOString();
    const record = await revokeToken(c.var.db, c.req.valid('param').id, now);
    if (!record) throw new ApiError(404, 'not_found', '找不到该令牌', { messageEn: 'No such token' });
    await auditStatement(c.var.db, {
      at: now,
      actor: caller.tokenId,
      action: 'token.revoke',
      target: record.id,
    }).run();
    return c.json({ record }, 200);
  });
