// /duplicates: 重复 — organizations several units report. GET answers an admin every unit's record side by
// side with the default and the assignment in force, and a unit token its own organizations reported
// elsewhere (other units' names only); PUT and DELETE …/assignment settle one (admin, audited).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  DuplicateAssignmentRequestSchema,
  DuplicateAssignmentResultSchema,
  DuplicatesResponseSchema,
} from '@tuanjian/shared';
import { ErrorSchema, errorResponses } from '../errors';
import { assignDuplicate, duplicatesFor, revokeDuplicateAssignment } from '../services/duplicates';
import type { AppEnv } from '../types';
import { validationHook } from './common';

const OrgKeyParam = z.object({
  orgKey: z
    .string()
    .min(3)
    .max(200)
    .openapi({
      param: { name: 'orgKey', in: 'path' },
      description: 'The organization’s key: c:<统一社会信用代码> or n:<normalized name> (URL-encoded)',
      example: 'c:51310115MJ4985617X',
    }),
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listDuplicates',
  tags: ['oversight'],
  summary:
    'Organizations reported by more than one unit: every record side by side (admin), or a unit’s own reported elsewhere (unit)',
  responses: {
    200: {
      description:
        'scope "district" (admin): each duplicate with every unit’s record, the default unit and the assignment; ' +
        'scope "unit": the unit’s own organizations another unit reports, with the other units’ names only',
      content: { 'application/json': { schema: DuplicatesResponseSchema.openapi('Duplicates') } },
    },
    ...errorResponses,
  },
});

const assignRoute = createRoute({
  method: 'put',
  path: '/{orgKey}/assignment',
  operationId: 'assignDuplicate',
  tags: ['oversight'],
  summary:
    'Count a duplicated organization for another unit that reports it, with a reason (admin; audited; counts and subsidies follow)',
  request: {
    params: OrgKeyParam,
    body: { content: { 'application/json': { schema: DuplicateAssignmentRequestSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'Assigned (changed: false when this unit and reason were in force already)',
      content: { 'application/json': { schema: DuplicateAssignmentResultSchema } },
    },
    ...errorResponses,
    404: {
      description: 'The organization is not reported by more than one unit',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    422: {
      description: 'The unit does not report it as established, or is the default unit; nothing written',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/{orgKey}/assignment',
  operationId: 'revokeDuplicateAssignment',
  tags: ['oversight'],
  summary: 'Revoke the assignment: the organization counts for the default unit again (admin; audited)',
  request: { params: OrgKeyParam },
  responses: {
    200: {
      description: 'Revoked (changed: false when no assignment was in force)',
      content: { 'application/json': { schema: DuplicateAssignmentResultSchema } },
    },
    ...errorResponses,
  },
});

export const duplicateRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => c.json(await duplicatesFor(c.var.db, c.var.caller), 200))
  .openapi(assignRoute, async (c) => {
    const { orgKey } = c.req.valid('param');
    const result = await assignDuplicate(c.var.db, c.var.caller, orgKey, c.req.valid('json'), c.var.now);
    return c.json(result, 200);
  })
  .openapi(revokeRoute, async (c) => {
    const { orgKey } = c.req.valid('param');
    return c.json(await revokeDuplicateAssignment(c.var.db, c.var.caller, orgKey, c.var.now), 200);
  });
