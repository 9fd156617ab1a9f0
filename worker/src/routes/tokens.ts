// /tokens: admins create (plain token shown once), list and revoke access tokens.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AccessTokenSchema, RoleSchema } from '@tuanjian/shared';
import { requireRole } from '../auth';
import { listTokens } from '../db/tokens';
import { ErrorSchema, errorResponses } from '../errors';
import { createToken, revokeToken } from '../services/tokens';
import type { AppEnv } from '../types';
import { validationHook } from './common';

const TokenSchema = AccessTokenSchema.openapi('Token');

const CreateTokenSchema = z.object({
  role: RoleSchema,
  unitCode: z.string().nullable().optional(),
  label: z.string().min(1).max(100),
});

const createTokenRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createToken',
  tags: ['tokens'],
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
  path: '/',
  operationId: 'listTokens',
  tags: ['tokens'],
  summary: 'List tokens (admin) with when each was last used; hashes and plain tokens are never shown',
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
  path: '/{id}',
  operationId: 'revokeToken',
  tags: ['tokens'],
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
    requireRole(c.var.caller, 'admin');
    return c.json(await createToken(c.var.db, c.var.caller, c.req.valid('json'), c.var.now), 201);
  })
  .openapi(listTokensRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    return c.json({ tokens: await listTokens(c.var.db) }, 200);
  })
  .openapi(revokeTokenRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    const record = await revokeToken(c.var.db, c.var.caller, c.req.valid('param').id, c.var.now);
    return c.json({ record }, 200);
  });
