// /subsidies: what is due, paid and withheld per unit and organization; admins mark payments.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { YearSchema } from '@tuanjian/shared';
import { requireRole } from '../auth';
import { ErrorSchema, errorResponses } from '../errors';
import { paySubsidies, subsidiesFor } from '../services/subsidies';
import type { AppEnv } from '../types';
import { validationHook } from './common';

const ItemSchema = z.object({
  unitCode: z.string(),
  orgKey: z.string(),
  orgName: z.string(),
  establishedOn: z.string().nullable(),
  status: z.enum(['due', 'paid', 'withheld']),
  amount: z.number(),
  paidAt: z.string().nullable(),
  /** Found 不属实 by a spot check: withheld, or (when it was paid before) to be recovered. */
  foundUntrue: z.boolean(),
});
const LedgerSchema = z
  .object({
    year: z.number().int(),
    throughMonth: z.number().int(),
    perOrganization: z.number(),
    units: z.array(
      z.object({
        unitCode: z.string(),
        unitName: z.string(),
        due: z.number().int(),
        paid: z.number().int(),
        withheld: z.number().int(),
        dueAmount: z.number(),
        paidAmount: z.number(),
        withheldAmount: z.number(),
      }),
    ),
    organizations: z.array(ItemSchema),
  })
  .openapi('SubsidyLedger');

const ledgerRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'getSubsidies',
  tags: ['subsidies'],
  summary: 'Subsidies due, paid and withheld (a unit token sees its own unit)',
  request: { query: z.object({ year: z.coerce.number().pipe(YearSchema), unitCode: z.string().optional() }) },
  responses: {
    200: { description: 'The subsidy ledger', content: { 'application/json': { schema: LedgerSchema } } },
    ...errorResponses,
  },
});

const payRoute = createRoute({
  method: 'post',
  path: '/payments',
  operationId: 'paySubsidies',
  tags: ['subsidies'],
  summary: 'Mark subsidies paid (admin); an organization is never paid twice',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ year: YearSchema, orgKeys: z.array(z.string()).max(5000) }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'What was paid now and what had been paid before',
      content: {
        'application/json': {
          schema: z.object({ paid: z.array(ItemSchema), alreadyPaid: z.array(z.string()) }),
        },
      },
    },
    ...errorResponses,
    422: {
      description: 'Organizations with nothing due; nothing written',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

export const subsidyRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(ledgerRoute, async (c) => {
    const { year, unitCode } = c.req.valid('query');
    return c.json(await subsidiesFor(c.var.db, c.var.caller, year, unitCode, c.var.now), 200);
  })
  .openapi(payRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    const { year, orgKeys } = c.req.valid('json');
    return c.json(await paySubsidies(c.var.db, c.var.caller, year, orgKeys, c.var.now), 200);
  });
