// District oversight read from the month's figures: reporting status (报送情况: who uploaded for the month,
// who was late, who is missing). Cross-unit duplicates (重复) have their own routes (./duplicates).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { MonthSchema, ReportingDetailSchema, YearSchema } from '@tuanjian/shared';
import { requireRole } from '../auth';
import { errorResponses } from '../errors';
import { reportingForCaller } from '../services/least-data';
import { reportingFor } from '../services/reporting';
import type { AppEnv } from '../types';
import { digits, validationHook } from './common';

const PeriodQuery = z.object({
  year: digits(YearSchema),
  month: digits(MonthSchema),
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

export const reportingRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  reportingRoute,
  async (c) => {
    requireRole(c.var.caller, 'admin', 'reader');
    const { year, month } = c.req.valid('query');
    return c.json(
      reportingForCaller(await reportingFor(c.env, c.var.db, year, month, c.var.now), c.var.caller),
      200,
    );
  },
);
