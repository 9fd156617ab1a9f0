// /ledger: organizations with filters and paging; a unit token sees its own unit only.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { LedgerRecordSchema, ModeSchema, StatusSchema } from '@tuanjian/shared';
import { requireRole, requireUnitScope } from '../auth';
import { listOrganizations } from '../db/ledger';
import { errorResponses } from '../errors';
import type { AppEnv } from '../types';
import { validationHook } from './common';

const ledgerRoute = createRoute({
  method: 'get',
  path: '/ledger',
  summary: 'Organizations in the ledger',
  request: {
    query: z.object({
      unitCode: z.string().optional(),
      status: StatusSchema.optional(),
      mode: ModeSchema.optional(),
      year: z.coerce
        .number()
        .int()
        .min(2000)
        .max(2100)
        .optional()
        .openapi({ description: 'Year of 建团时间' }),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(1000).default(100),
    }),
  },
  responses: {
    200: {
      description: 'One page',
      content: {
        'application/json': {
          schema: z.object({
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            organizations: z.array(LedgerRecordSchema.extend({ orgKey: z.string() })),
          }),
        },
      },
    },
    ...errorResponses,
  },
});

export const ledgerRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  ledgerRoute,
  async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin', 'unit');
    const query = c.req.valid('query');
    if (query.unitCode) requireUnitScope(caller, query.unitCode);
    const unitCode = caller.role === 'unit' ? (caller.unitCode ?? undefined) : query.unitCode;
    const { total, records } = await listOrganizations(c.var.db, { ...query, unitCode });
    return c.json({ total, page: query.page, pageSize: query.pageSize, organizations: records }, 200);
  },
);
