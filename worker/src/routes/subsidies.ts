// /subsidies: what is due, paid and withheld per unit and organization; admins mark payments.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { SubsidyLedgerSchema, SubsidyPaymentsSchema, YearSchema } from '@tuanjian/shared';
import { requireRole } from '../auth';
import { ErrorSchema, errorResponses } from '../errors';
import { subsidiesForCaller } from '../services/least-data';
import { paySubsidies, subsidiesFor } from '../services/subsidies';
import type { AppEnv } from '../types';
import { digits, validationHook } from './common';

// The shapes are shared with the add-in's client (@tuanjian/shared).
const LedgerSchema = SubsidyLedgerSchema.openapi('SubsidyLedger');
const PaymentsSchema = SubsidyPaymentsSchema.openapi('SubsidyPayments');

const ledgerRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'getSubsidies',
  tags: ['subsidies'],
  summary: 'Subsidies due, paid and withheld (a unit token sees its own unit)',
  request: { query: z.object({ year: digits(YearSchema), unitCode: z.string().optional() }) },
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
  summary: 'Mark subsidies paid (admin); an organization is never paid twice. ?dryRun=true writes nothing',
  request: {
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
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
      description:
        'What was paid now (a dry run: what would be), what had been paid before, and (a dry run) what cannot be paid',
      content: { 'application/json': { schema: PaymentsSchema } },
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
    return c.json(
      subsidiesForCaller(await subsidiesFor(c.var.db, c.var.caller, year, unitCode, c.var.now), c.var.caller),
      200,
    );
  })
  .openapi(payRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    const { year, orgKeys } = c.req.valid('json');
    const dryRun = c.req.valid('query').dryRun === 'true';
    return c.json(await paySubsidies(c.var.db, c.var.caller, year, orgKeys, c.var.now, { dryRun }), 200);
  });
