// /centre: 支持中心 (issue 15) — the headline figures (every role), the organizations (admin), and setting an
// organization's place in the centre (admin).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  CentreOrganizationSchema,
  CentreRelationSchema,
  CentreResponseSchema,
  IsoDateSchema,
  YearSchema,
} from '@tuanjian/shared';
import { ErrorSchema, errorResponses } from '../errors';
import { centreView, removeCentreOrganization, setCentreOrganization } from '../services/centre';
import type { AppEnv } from '../types';
import { digits, validationHook } from './common';

const TAGS = ['support centre'];

const getRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'supportCentre',
  tags: TAGS,
  summary: 'The support centre’s figures for a year (every role); its organizations (admin only)',
  request: { query: z.object({ year: digits(YearSchema) }) },
  responses: {
    200: {
      description: 'Headline and sentence',
      content: { 'application/json': { schema: CentreResponseSchema } },
    },
    ...errorResponses,
  },
});

const putRoute = createRoute({
  method: 'put',
  path: '/organizations',
  operationId: 'setCentreOrganization',
  tags: TAGS,
  summary:
    'Put an organization of a unit’s ledger (by orgKey or orgName) in the centre, or change its dates (admin)',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z
            .object({
              unitCode: z.string().min(1).max(20),
              orgKey: z.string().min(1).max(200).optional(),
              orgName: z.string().min(1).max(200).optional(),
              relation: CentreRelationSchema,
              since: IsoDateSchema,
              until: IsoDateSchema.nullable().optional(),
            })
            .refine((body) => body.orgKey !== undefined || body.orgName !== undefined, {
              message: 'orgKey or orgName',
            }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: { description: 'As stored', content: { 'application/json': { schema: CentreOrganizationSchema } } },
    ...errorResponses,
    422: {
      description: 'No such organization in the unit’s ledger, or dates out of order; nothing written',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/organizations/{unitCode}/{orgKey}',
  operationId: 'removeCentreOrganization',
  tags: TAGS,
  summary: 'Take an organization off the centre’s list (admin; the audit log keeps it)',
  request: { params: z.object({ unitCode: z.string().min(1).max(20), orgKey: z.string().min(1).max(200) }) },
  responses: {
    204: { description: 'Removed' },
    ...errorResponses,
    404: { description: 'Not in the centre', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

export const centreRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getRoute, async (c) =>
    c.json(await centreView(c.var.db, c.var.caller, c.req.valid('query').year), 200),
  )
  .openapi(putRoute, async (c) =>
    c.json(await setCentreOrganization(c.var.db, c.var.caller, c.req.valid('json'), c.var.now), 200),
  )
  .openapi(deleteRoute, async (c) => {
    const { unitCode, orgKey } = c.req.valid('param');
    await removeCentreOrganization(c.var.db, c.var.caller, unitCode, orgKey, c.var.now);
    return c.body(null, 204);
  });
