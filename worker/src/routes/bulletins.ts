// /bulletins: publish a month's issue (or a correction), list issues, read one as JSON, CSV or HTML.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { MonthSchema, YearSchema } from '@tuanjian/shared';
import { requireRole } from '../auth';
import { getBulletin, listBulletins } from '../db/bulletins';
import { ApiError, ErrorSchema, errorResponses } from '../errors';
import { summaryCsv } from '../render/csv';
import { bulletinHtml } from '../render/html';
import { lateAfterDay } from '../services/config';
import { publishBulletin } from '../services/publish';
import type { AppEnv } from '../types';
import { validationHook } from './common';
import { asCsv, FormatSchema, filename, formatted, IssueMeta, IssueResponse } from './formats';

const publishRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'publishBulletin',
  tags: ['bulletins'],
  summary: 'Publish a month’s bulletin as a new numbered issue (admin)',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            year: YearSchema,
            month: MonthSchema,
            correction: z
              .object({
                corrects: z.number().int().min(1).openapi({ description: 'The month’s latest issue' }),
                reason: z.string().trim().min(2).max(200),
              })
              .optional()
              .openapi({ description: 'Publish a correction of the month’s issue on purpose' }),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    201: { description: 'Published', content: { 'application/json': { schema: IssueResponse } } },
    ...errorResponses,
    409: {
      description:
        'already_published (the month has an issue: publish a correction to change it), month_not_ended, ' +
        'or a correction that does not name the month’s latest issue',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listBulletins',
  tags: ['bulletins'],
  summary: 'Published issues',
  request: { query: z.object({ year: z.coerce.number().pipe(YearSchema).optional() }) },
  responses: {
    200: {
      description: 'Issues, oldest first',
      content: { 'application/json': { schema: z.object({ bulletins: z.array(IssueMeta) }) } },
    },
    ...errorResponses,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{issue}',
  operationId: 'getBulletin',
  tags: ['bulletins'],
  summary: 'One published issue (format=json|csv|html)',
  request: {
    params: z.object({ issue: z.coerce.number().int().min(1) }),
    query: z.object({ format: FormatSchema }),
  },
  responses: {
    200: {
      description: 'The frozen issue',
      content: { ...formatted, 'application/json': { schema: IssueResponse } },
    },
    ...errorResponses,
    404: { description: 'No such issue', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

export const bulletinRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(publishRoute, async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin');
    const { year, month, correction } = c.req.valid('json');
    const issue = await publishBulletin(c.var.db, {
      year,
      month,
      publishedBy: caller.tokenId,
      now: c.var.now,
      lateAfterDay: lateAfterDay(c.env),
      district: c.env.DISTRICT_NAME,
      issuer: c.env.ISSUER,
      correction,
    });
    return c.json(issue, 201);
  })
  .openapi(listRoute, async (c) =>
    c.json({ bulletins: await listBulletins(c.var.db, c.req.valid('query')) }, 200),
  )
  .openapi(getRoute, async (c) => {
    const issue = await getBulletin(c.var.db, c.req.valid('param').issue);
    if (!issue)
      throw new ApiError(404, 'not_found', '找不到该期通报', { messageEn: 'No such bulletin issue' });
    const format = c.req.valid('query').format;
    if (format === 'csv')
      return asCsv(
        c,
        summaryCsv(issue.summary),
        filename(issue.year, issue.month, `-no${issue.issueNumber}`),
      );
    if (format === 'html')
      return c.html(
        bulletinHtml(issue, { year: issue.year, month: issue.month, issueNumber: issue.issueNumber }),
        200,
      );
    return c.json(issue, 200);
  });
