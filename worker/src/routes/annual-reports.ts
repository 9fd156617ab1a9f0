// /annual-reports: 年度通报 (issue 15) — a year's report as it stands (every role; the award candidates by name
// for the committee only), printable as HTML, and published once the year has ended (admin), frozen from then.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AnnualReportResponseSchema, YearSchema } from '@tuanjian/shared';
import { ErrorSchema, errorResponses } from '../errors';
import { annualReportHtml } from '../render/html';
import { annualReport, publishAnnualReport } from '../services/annual-report';
import type { AppEnv } from '../types';
import { digits, validationHook } from './common';

const TAGS = ['annual reports'];
const AnnualReport = AnnualReportResponseSchema.openapi('AnnualReport');

const getRoute = createRoute({
  method: 'get',
  path: '/{year}',
  operationId: 'annualReport',
  tags: TAGS,
  summary:
    'A year’s report (年度通报): published and frozen, or as it stands over the months ended (format=json|html)',
  request: {
    params: z.object({ year: digits(YearSchema) }),
    query: z.object({ format: z.enum(['json', 'html']).default('json') }),
  },
  responses: {
    200: {
      description: 'The figures and the report (the candidates’ organizations and people for admins only)',
      content: { 'application/json': { schema: AnnualReport }, 'text/html': { schema: z.string() } },
    },
    ...errorResponses,
  },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'publishAnnualReport',
  tags: TAGS,
  summary: 'Publish a year’s report once the year has ended (admin): frozen from then on',
  request: {
    body: { content: { 'application/json': { schema: z.object({ year: YearSchema }) } }, required: true },
  },
  responses: {
    201: { description: 'Published', content: { 'application/json': { schema: AnnualReport } } },
    ...errorResponses,
    409: {
      description: 'already_published, or month_not_ended (the year has not ended); nothing written',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

export const annualReportRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getRoute, async (c) => {
    const { year } = c.req.valid('param');
    const answer = await annualReport(c.env, c.var.db, c.var.caller, year, c.var.now);
    if (c.req.valid('query').format === 'html') return c.html(annualReportHtml(answer.report), 200);
    return c.json(answer, 200);
  })
  .openapi(publishRoute, async (c) =>
    c.json(
      await publishAnnualReport(c.env, c.var.db, c.var.caller, c.req.valid('json').year, c.var.now),
      201,
    ),
  );
