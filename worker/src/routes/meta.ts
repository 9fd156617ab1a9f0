// /health (no token) and /me (who this token is).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { MeSchema } from '@tuanjian/shared';
import { databaseReachable, getUnit } from '../db/units';
import { errorResponses } from '../errors';
import type { AppEnv } from '../types';
import { validationHook } from './common';

export const healthRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'health',
  tags: ['meta'],
  summary: 'Liveness and database reachability (no token needed)',
  security: [],
  responses: {
    200: {
      description: 'Up',
      content: {
        'application/json': {
          schema: z.object({ ok: z.boolean(), database: z.boolean(), time: z.string() }),
        },
      },
    },
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'me',
  tags: ['meta'],
  summary: 'Who this token is: role and unit',
  responses: {
    200: {
      description: 'The caller',
      content: {
        'application/json': { schema: MeSchema },
      },
    },
    ...errorResponses,
  },
});

export const healthRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  healthRoute,
  async (c) => {
    const database = await databaseReachable(c.var.db);
    return c.json({ ok: database, database, time: c.var.now.toISOString() }, 200);
  },
);

export const meRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  meRoute,
  async (c) => {
    const caller = c.var.caller;
    const unit = caller.unitCode ? await getUnit(c.var.db, caller.unitCode) : null;
    return c.json(
      {
        tokenId: caller.tokenId,
        role: caller.role,
        label: caller.label,
        unitCode: caller.unitCode,
        unitName: unit?.name ?? null,
        district: c.env.DISTRICT_NAME,
      },
      200,
    );
  },
);
