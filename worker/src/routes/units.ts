// /units: list, create, rename or deactivate units (直属团组织).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { UnitKindSchema, UnitRecordSchema, UnitSchema } from '@tuanjian/shared';
import { requireRole } from '../auth';
import { listUnits } from '../db/units';
import { ErrorSchema, errorResponses } from '../errors';
import { unitsForCaller } from '../services/least-data';
import { createUnit, updateUnit } from '../services/units';
import type { AppEnv } from '../types';
import { validationHook } from './common';

const UnitOut = UnitRecordSchema.openapi('Unit');
const notFound = {
  description: 'Not found',
  content: { 'application/json': { schema: ErrorSchema } },
} as const;
const conflict = {
  description: 'Already exists',
  content: { 'application/json': { schema: ErrorSchema } },
} as const;

const listUnitsRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listUnits',
  tags: ['units'],
  summary: 'All units (直属团组织)',
  responses: {
    200: {
      description: 'Units in table order',
      content: { 'application/json': { schema: z.object({ units: z.array(UnitOut) }) } },
    },
    ...errorResponses,
  },
});

const createUnitRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createUnit',
  tags: ['units'],
  summary: 'Create a unit (admin)',
  request: { body: { content: { 'application/json': { schema: UnitSchema } }, required: true } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: z.object({ unit: UnitOut }) } } },
    ...errorResponses,
    409: conflict,
  },
});

const updateUnitRoute = createRoute({
  method: 'patch',
  path: '/{code}',
  operationId: 'updateUnit',
  tags: ['units'],
  summary: 'Rename, re-kind or deactivate a unit, or set its reporting contact (admin)',
  request: {
    params: z.object({ code: z.string() }),
    body: {
      content: {
        'application/json': {
          schema: z.object({
            name: z.string().min(2).max(50).optional(),
            kind: UnitKindSchema.optional(),
            active: z.boolean().optional(),
            /** 报送联系人 and phone; an empty text clears them. */
            contact: z.string().max(50).optional(),
            phone: z.string().max(30).optional(),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: { description: 'Updated', content: { 'application/json': { schema: z.object({ unit: UnitOut }) } } },
    ...errorResponses,
    404: notFound,
    409: conflict,
  },
});

export const unitRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listUnitsRoute, async (c) =>
    c.json({ units: unitsForCaller(await listUnits(c.var.db), c.var.caller) }, 200),
  )
  .openapi(createUnitRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    const unit = await createUnit(c.var.db, c.var.caller, c.req.valid('json'), c.var.now);
    return c.json({ unit }, 201);
  })
  .openapi(updateUnitRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    const { code } = c.req.valid('param');
    const unit = await updateUnit(c.var.db, c.var.caller, code, c.req.valid('json'), c.var.now);
    return c.json({ unit }, 200);
  });
