// District oversight read from the month's figures: cross-unit duplicates (admin) and reporting status
// (报送情况: who uploaded for the month, who was late, who is missing).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { CrossUnitDuplicateSchema, MonthSchema, ReportingDetailSchema, YearSchema } from '@tuanjian/shared';
import { requireRole } from '../auth';
import { errorResponses } from '../errors';
import { reportingFor } from '../services/reporting';
import { summaryFor } from '../services/summary';
import type { AppEnv } from '../types';
import { validationHook } from './common';

const PeriodQuery = z.object({
  year: z.coerce.number().pipe(YearSchema),
  month: z.coerce.number().pipe(MonthSchema),
});

const duplicatesRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listDuplicates',
  tags: ['oversight'],
  summary: 'Organizations reported by more than one unit, and whom each is counted for (admin)',
  request: { query: PeriodQuery },
  responses: {
    200: {
      description: 'Duplicates',
      content: {
        'application/json': { schema: z.object({ duplicates: z.array(CrossUnitDuplicateSchema) }) },
      },
    },
    ...errorResponses,
  },
});

const reportingRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'reportingStatus',
  tags: ['oversight'],
  summary: 'Who uploaded for the month, who was late, who is missing (报送情况)',
  request: { query: PeriodQuery },
  responses: {
    200: {
      description:
        'Reporting status: unit names by status, the deadline, and each unit with its last upload and contact',
      content: { 'application/json': { schema: ReportingDetailSchema.openapi('ReportingDetail') } },
    },
    ...errorResponses,
  },
});

export const duplicateRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  duplicatesRoute,
  async (c) => {
    requireRole(c.var.caller, 'admin');
    const { year, month } = c.req.valid('query');
    const summary = await summaryFor(c.env, c.var.db, year, month, c.var.now);
    return c.json({ duplicates: summary.duplicates }, 200);
  },
);

export const reportingRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  reportingRoute,
  async (c) => {
    requireRole(c.var.caller, 'admin', 'reader');
    const { year, month } = c.req.valid('query');
    return c.json(await reportingFor(c.env, c.var.db, year, month, c.var.now), 200);
  },
);
