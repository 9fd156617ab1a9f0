// /quotas: a year's quotas (年度指标) and subsidy rate, read and set in bulk.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { QuotaYearSchema, SubsidyRateSchema } from '@tuanjian/shared';
import { requireRole } from '../auth';
import { ErrorSchema, errorResponses } from '../errors';
import { quotaYear, setQuotas } from '../services/units';
import type { AppEnv } from '../types';
import { validationHook } from './common';

const listQuotasRoute = createRoute({
  method: 'get',
  path: '/{year}',
  operationId: 'getQuotas',
  tags: ['quotas'],
  summary: 'A year’s quotas (年度指标) and subsidy rate',
  request: { params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
  responses: {
    200: { description: 'Quotas', content: { 'application/json': { schema: QuotaYearSchema } } },
    ...errorResponses,
  },
});

const setQuotasRoute = createRoute({
  method: 'put',
  path: '/{year}',
  operationId: 'setQuotas',
  tags: ['quotas'],
  summary: 'Set a year’s quotas in bulk, and optionally its subsidy rate (admin)',
  request: {
    params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    body: {
      content: {
        'application/json': {
          schema: z.object({
            quotas: z
              .array(z.object({ unitCode: z.string(), quota: z.number().int().min(0).max(100000) }))
              .max(2000),
            subsidyRate: SubsidyRateSchema.optional(),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'The year after the change',
      content: { 'application/json': { schema: QuotaYearSchema } },
    },
    ...errorResponses,
    422: {
      description: 'Unknown units or duplicates; nothing written',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

export const quotaRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listQuotasRoute, async (c) => c.json(await quotaYear(c.var.db, c.req.valid('param').year), 200))
  .openapi(setQuotasRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    const { year } = c.req.valid('param');
    return c.json(await setQuotas(c.var.db, c.var.caller, year, c.req.valid('json'), c.var.now), 200);
  });
