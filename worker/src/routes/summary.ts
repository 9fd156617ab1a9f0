// /summary: the live figures and bulletin as JSON, CSV (Power Query) or printable HTML, or as known at
// an earlier moment.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { renderBulletin } from '@tuanjian/shared';
import { ApiError, errorResponses } from '../errors';
import { summaryCsv } from '../render/csv';
import { bulletinHtml } from '../render/html';
import { instantOf, shanghaiDate } from '../services/clock';
import { summaryFor } from '../services/summary';
import type { AppEnv } from '../types';
import { validationHook } from './common';
import { asCsv, filename, formatted, PeriodQuery } from './formats';

const summaryRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'getSummary',
  tags: ['summary'],
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

export const summaryRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  summaryRoute,
  async (c) => {
    const { year, month, format, asOf } = c.req.valid('query');
    const at = asOf === undefined ? c.var.now : instantOf(asOf);
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
  },
);
