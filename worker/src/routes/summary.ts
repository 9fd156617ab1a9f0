// /summary and /bulletins: live figures and published issues as JSON, CSV (Power Query) or printable HTML.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  IssueMetaSchema,
  MonthSchema,
  renderBulletin,
  SummaryResponseSchema,
  YearSchema,
} from '@tuanjian/shared';
import type { Context } from 'hono';
import { requireRole } from '../auth';
import { getBulletin, listBulletins } from '../db/bulletins';
import { ApiError, ErrorSchema, errorResponses } from '../errors';
import { summaryCsv } from '../render/csv';
import { bulletinHtml } from '../render/html';
import { shanghaiDate } from '../services/clock';
import { lateAfterDay } from '../services/config';
import { publishBulletin } from '../services/publish';
import { summaryFor } from '../services/summary';
import type { AppEnv } from '../types';
import { validationHook } from './common';

const FormatSchema = z.enum(['json', 'csv', 'html']).default('json');
const PeriodQuery = z.object({
  year: z.coerce.number().pipe(YearSchema),
  month: z.coerce.number().pipe(MonthSchema),
  format: FormatSchema,
});
const SummaryResponse = SummaryResponseSchema.openapi('SummaryResponse');
const IssueMeta = IssueMetaSchema.openapi('BulletinIssue');
// The shared IssueSchema, extended from the named meta so the document refers to BulletinIssue.
const IssueResponse = IssueMeta.extend(SummaryResponseSchema.shape);

const formatted = {
  'application/json': { schema: SummaryResponse },
  'text/csv': { schema: z.string() },
  'text/html': { schema: z.string() },
} as const;

const summaryRoute = createRoute({
  method: 'get',
  path: '/summary',
  summary:
    'Live monthly summary and bulletin (format=json|csv|html), or as known at an earlier moment (asOf)',
  request: {
    query: PeriodQuery.extend({
      asOf: z.iso.datetime({ offset: true }).optional().openapi({
        description:
          'Count from the ledger, spot checks and quotas as they stood at this ISO time (e.g. a published issue’s publishedAt)',
      }),
    }),
  },
  responses: { 200: { description: 'The figures', content: formatted }, ...errorResponses },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/bulletins',
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
  path: '/bulletins',
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
  path: '/bulletins/{issue}',
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

function filename(year: number, month: number, suffix: string): string {
  return `bulletin-${year}-${String(month).padStart(2, '0')}${suffix}`;
}

function asCsv(c: Context, csv: string, name: string): Response {
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}.csv"`,
  });
}

export const summaryRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(summaryRoute, async (c) => {
    const { year, month, format, asOf } = c.req.valid('query');
    const at = asOf === undefined ? c.var.now : new Date(asOf);
    if (at.getTime() > c.var.now.getTime()) {
      throw new ApiError(400, 'bad_request', 'asOf 不能晚于现在', {
        messageEn: 'asOf cannot be in the future',
      });
    }
    const summary = await summaryFor(c.env, c.var.db, year, month, at, { asOf: asOf !== undefined });
    if (format === 'csv') return asCsv(c, summaryCsv(summary), filename(year, month, '-live'));
    const bulletin = renderBulletin(summary, {
      issueNumber: null,
      date: shanghaiDate(at),
      issuer: c.env.ISSUER,
    });
    if (format === 'html') return c.html(bulletinHtml(bulletin), 200);
    return c.json({ summary, bulletin }, 200);
  })
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
    if (format === 'html') return c.html(bulletinHtml(issue.bulletin), 200);
    return c.json(issue, 200);
  });
