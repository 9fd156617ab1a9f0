// /summary: the live figures and bulletin as JSON, CSV (Power Query) or printable HTML, or as known at
// an earlier moment.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { MonthSchema, renderBulletin, YearSchema } from '@tuanjian/shared';
import { ApiError, errorResponses } from '../errors';
import { summaryCsv } from '../render/csv';
import { bulletinHtml } from '../render/html';
import { instantOf, previousMonth, shanghaiDate } from '../services/clock';
import { summaryForCaller } from '../services/least-data';
import { summaryFor } from '../services/summary';
import type { AppEnv } from '../types';
import { digits, validationHook } from './common';
import { asCsv, FormatSchema, filename, formatted } from './formats';

const summaryRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'getSummary',
  tags: ['summary'],
  summary:
    'Live monthly summary and bulletin (format=json|csv|html), or as known at an earlier moment (asOf)',
  request: {
    query: z.object({
      year: digits(YearSchema).optional().openapi({
        description:
          'With month; both left out: the last ended month in Asia/Shanghai (a query that never needs editing)',
      }),
      month: digits(MonthSchema).optional(),
      format: FormatSchema,
      asOf: z.iso.datetime({ offset: true }).optional().openapi({
        description:
          'Count from the ledger, spot checks and quotas as they stood at this ISO time (e.g. a published issue’s publishedAt)',
      }),
    }),
  },
  responses: { 200: { description: 'The figures', content: formatted }, ...errorResponses },
});

export const summaryRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  summaryRoute,
  async (c) => {
    const query = c.req.valid('query');
    const { format, asOf } = query;
    if ((query.year === undefined) !== (query.month === undefined))
      throw new ApiError(400, 'bad_request', 'year 和 month 须同时给出，或都不给（默认上个月）', {
        messageEn: 'Give year and month together, or neither (last month by default)',
      });
    // Both left out: the last ended month, as every screen defaults (SPEC §10).
    const { year, month } =
      query.year !== undefined && query.month !== undefined
        ? { year: query.year, month: query.month }
        : previousMonth(c.var.now);
    const at = asOf === undefined ? c.var.now : instantOf(asOf);
    if (at.getTime() > c.var.now.getTime()) {
      throw new ApiError(400, 'bad_request', 'asOf 不能晚于现在', {
        messageEn: 'asOf cannot be in the future',
      });
    }
    const summary = summaryForCaller(
      await summaryFor(c.env, c.var.db, year, month, at, { asOf: asOf !== undefined }),
      c.var.caller,
    );
    if (format === 'csv') return asCsv(c, summaryCsv(summary), filename(year, month, '-live'));
    const bulletin = renderBulletin(summary, {
      issueNumber: null,
      date: shanghaiDate(at),
      issuer: c.env.ISSUER,
    });
    if (format === 'html')
      return c.html(bulletinHtml({ summary, bulletin }, { year, month, issueNumber: null }), 200);
    return c.json({ summary, bulletin }, 200);
  },
);
