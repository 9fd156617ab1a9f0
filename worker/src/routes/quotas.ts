// /quotas: a year's quotas (年度指标) and subsidy rate, read and set in bulk.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { QuotaYearSchema, SubsidyRateSchema, YearSchema } from '@tuanjian/shared';
import { requireRole } from '../auth';
import { ErrorSchema, errorResponses } from '../errors';
import { quotaYear, setQuotas } from '../services/units';
import type { AppEnv } from '../types';
import { digits, validationHook } from './common';

/** Yuan per organization set up, per level: whole yuan, at most 100,000 (the seed's rate is 300 + 300). */
const Yuan = z.number().int('补贴金额须为整数元 / whole yuan').min(0).max(100_000);
const SubsidyRateInput = SubsidyRateSchema.extend({ city: Yuan, district: Yuan }).openapi('SubsidyRateInput');

const listQuotasRoute = createRoute({
  method: 'get',
  path: '/{year}',
  operationId: 'getQuotas',
  tags: ['quotas'],
  summary: 'A year’s quotas (年度指标) and subsidy rate',
  request: { params: z.object({ year: digits(YearSchema) }) },
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
    params: z.object({ year: digits(YearSchema) }),
    body: {
      content: {
        'application/json': {
          schema: z.object({
            quotas: z
              .array(z.object({ unitCode: z.string(), quota: z.number().int().min(0).max(100000) }))
              .max(2000),
            subsidyRate: SubsidyRateInput.optional(),
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
