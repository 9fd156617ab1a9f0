// /bulletins: publish a month's issue (or a correction), list issues, read one as JSON, CSV or HTML.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { MonthSchema, YearSchema } from '@tuanjian/shared';
import { newPlainToken, requireRole, sha256Hex } from '../auth';
import { getBulletin, issueExists, listBulletins } from '../db/bulletins';
import type { Db } from '../db/db';
import { replaceShare, revokeShare, shareState } from '../db/shares';
import { ApiError, ErrorSchema, errorResponses } from '../errors';
import { summaryCsv } from '../render/csv';
import { bulletinHtml } from '../render/html';
import { lateAfterDay } from '../services/config';
import { summaryForCaller } from '../services/least-data';
import { publishBulletin } from '../services/publish';
import type { AppEnv } from '../types';
import { digits, validationHook } from './common';
import { asCsv, FormatSchema, filename, formatted, IssueMeta, IssueResponse } from './formats';
import { SHARE_PATH } from './shared-bulletin';

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
  request: { query: z.object({ year: digits(YearSchema).optional() }) },
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
    params: z.object({ issue: digits(z.number().int().min(1)) }),
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

const ShareSchema = z
  .object({
    issueNumber: z.number().int(),
    createdAt: z.string().nullable().openapi({ description: 'When the live link was made; null when none' }),
  })
  .openapi('BulletinShare');

const IssueParam = z.object({ issue: digits(z.number().int().min(1)) });
const noIssue = {
  description: 'No such issue',
  content: { 'application/json': { schema: ErrorSchema } },
} as const;

const shareStateRoute = createRoute({
  method: 'get',
  path: '/{issue}/share',
  operationId: 'getBulletinShare',
  tags: ['bulletins'],
  summary: 'Whether the issue has a live read-only link (admin); the link itself is shown only when made',
  request: { params: IssueParam },
  responses: {
    200: { description: 'The link’s state', content: { 'application/json': { schema: ShareSchema } } },
    ...errorResponses,
    404: noIssue,
  },
});

const shareRoute = createRoute({
  method: 'post',
  path: '/{issue}/share',
  operationId: 'shareBulletin',
  tags: ['bulletins'],
  summary:
    'Make a read-only link to the issue’s printable page, opened without a token (admin); revokes the one before',
  request: { params: IssueParam },
  responses: {
    201: {
      description: 'The link, shown this once (`path` is relative to the server)',
      content: { 'application/json': { schema: ShareSchema.extend({ path: z.string() }) } },
    },
    ...errorResponses,
    404: noIssue,
  },
});

const unshareRoute = createRoute({
  method: 'delete',
  path: '/{issue}/share',
  operationId: 'revokeBulletinShare',
  tags: ['bulletins'],
  summary: 'Revoke the issue’s read-only link (admin): it answers 404 from now on',
  request: { params: IssueParam },
  responses: {
    200: {
      description: 'Revoked (revoked = 0 when there was no live link)',
      content: {
        'application/json': { schema: z.object({ issueNumber: z.number().int(), revoked: z.number() }) },
      },
    },
    ...errorResponses,
    404: noIssue,
  },
});

async function existingIssue(db: Db, issue: number): Promise<void> {
  if (!(await issueExists(db, issue)))
    throw new ApiError(404, 'not_found', '找不到该期通报', { messageEn: 'No such bulletin issue' });
}

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
    return c.json({ ...issue, summary: summaryForCaller(issue.summary, c.var.caller) }, 200);
  })
  .openapi(shareStateRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    const { issue } = c.req.valid('param');
    await existingIssue(c.var.db, issue);
    return c.json(await shareState(c.var.db, issue), 200);
  })
  .openapi(shareRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    const { issue } = c.req.valid('param');
    await existingIssue(c.var.db, issue);
    const token = newPlainToken().replace(/^tj_/u, '');
    const now = c.var.now.toISOString();
    await replaceShare(c.var.db, {
      issueNumber: issue,
      tokenHash: await sha256Hex(token),
      createdBy: c.var.caller.tokenId,
      now,
    });
    return c.json({ issueNumber: issue, createdAt: now, path: `${SHARE_PATH}/${token}` }, 201);
  })
  .openapi(unshareRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    const { issue } = c.req.valid('param');
    await existingIssue(c.var.db, issue);
    const revoked = await revokeShare(c.var.db, {
      issueNumber: issue,
      actor: c.var.caller.tokenId,
      now: c.var.now.toISOString(),
    });
    return c.json({ issueNumber: issue, revoked }, 200);
  });
