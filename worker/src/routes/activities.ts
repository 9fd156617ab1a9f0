// /activities: 活动台账 (issue 15) — a unit's activity ledger (its own; the committee any unit's): the current
// activities, a whole-sheet upload (dry run first), the upload history with diffs, and restore.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  ActivityDiffSchema,
  ActivityLedgerSchema,
  ActivityUploadRecordSchema,
  ActivityUploadRequestSchema,
  ActivityUploadResponseSchema,
  UploadSourceSchema,
  YearSchema,
} from '@tuanjian/shared';
import type { Context } from 'hono';
import { ErrorSchema, errorResponses } from '../errors';
import {
  activityLedger,
  activityUploadDetail,
  activityUploads,
  restoreActivities,
  uploadActivities,
} from '../services/activities';
import type { AppEnv } from '../types';
import { digits, validationHook } from './common';

const TAGS = ['activities'];
const dryRunQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });
const keyHeader = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });
const conflict = {
  409: {
    description:
      'ledger_changed (the activity ledger moved since the dry run) or removals_unconfirmed (the upload removes ' +
      'activities and expectRemoved does not state their number); nothing written',
    content: { 'application/json': { schema: ErrorSchema } },
  },
} as const;
const notFound = {
  404: { description: 'No such unit or upload', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

const ledgerRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'activityLedger',
  tags: TAGS,
  summary: 'A unit’s current activities, optionally one year’s (a unit token: its own)',
  request: { query: z.object({ unitCode: z.string(), year: digits(YearSchema).optional() }) },
  responses: {
    200: { description: 'By day', content: { 'application/json': { schema: ActivityLedgerSchema } } },
    ...errorResponses,
    ...notFound,
  },
});

const uploadRoute = createRoute({
  method: 'post',
  path: '/uploads',
  operationId: 'uploadActivities',
  tags: TAGS,
  summary:
    'Upload a unit’s whole activity sheet (dryRun=true: check and diff only); each activity must belong to an organization of the unit’s ledger that has a League organization',
  request: {
    query: dryRunQuery,
    headers: keyHeader,
    body: { content: { 'application/json': { schema: ActivityUploadRequestSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'Dry run, or a replay of an upload already applied',
      content: { 'application/json': { schema: ActivityUploadResponseSchema } },
    },
    201: {
      description: 'Applied',
      content: { 'application/json': { schema: ActivityUploadResponseSchema } },
    },
    ...errorResponses,
    ...notFound,
    ...conflict,
    422: {
      description:
        'Rows with errors (validation_failed: details.diagnostics, each with its row and header), or an ' +
        'Idempotency-Key already used with another sheet; nothing written',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/uploads',
  operationId: 'listActivityUploads',
  tags: TAGS,
  summary: 'Activity upload history, newest first (a unit token sees its own unit)',
  request: {
    query: z.object({
      unitCode: z.string().optional(),
      limit: digits(z.number().int().min(1).max(500)).default(50),
    }),
  },
  responses: {
    200: {
      description: 'Newest first',
      content: { 'application/json': { schema: z.object({ uploads: z.array(ActivityUploadRecordSchema) }) } },
    },
    ...errorResponses,
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/uploads/{id}',
  operationId: 'getActivityUpload',
  tags: TAGS,
  summary:
    'One activity upload with its diff: added and removed activities whole, changed ones before → after',
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: {
      description: 'The upload and its diff',
      content: {
        'application/json': {
          schema: z.object({ upload: ActivityUploadRecordSchema, diff: ActivityDiffSchema }),
        },
      },
    },
    ...errorResponses,
    ...notFound,
  },
});

const restoreRoute = createRoute({
  method: 'post',
  path: '/uploads/{id}/restore',
  operationId: 'restoreActivities',
  tags: TAGS,
  summary:
    'Bring back the unit’s activities as they stood after this upload: an upload of its own (dryRun=true first)',
  request: {
    params: z.object({ id: z.string() }),
    query: dryRunQuery,
    headers: keyHeader,
    body: {
      content: {
        'application/json': {
          schema: z.object({
            source: UploadSourceSchema.optional(),
            expectRemoved: z.number().int().min(0).optional(),
            baseVersion: z.number().int().min(0).optional(),
          }),
        },
      },
      required: false,
    },
  },
  responses: {
    200: {
      description: 'Dry run, or a replay of a restore already applied',
      content: { 'application/json': { schema: ActivityUploadResponseSchema } },
    },
    201: {
      description: 'Restored',
      content: { 'application/json': { schema: ActivityUploadResponseSchema } },
    },
    ...errorResponses,
    ...notFound,
    ...conflict,
  },
});

function options(
  c: Context<AppEnv>,
  query: { dryRun?: 'true' | 'false' | undefined },
  key: string | undefined,
) {
  return { dryRun: query.dryRun === 'true', idempotencyKey: key ?? null, now: c.var.now };
}

export const activityRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(ledgerRoute, async (c) =>
    c.json(await activityLedger(c.var.db, c.var.caller, c.req.valid('query')), 200),
  )
  .openapi(uploadRoute, async (c) => {
    const result = await uploadActivities(
      c.var.db,
      c.var.caller,
      c.req.valid('json'),
      options(c, c.req.valid('query'), c.req.valid('header')['idempotency-key']),
    );
    c.header('ETag', `"${result.response.version}"`);
    return result.created ? c.json(result.response, 201) : c.json(result.response, 200);
  })
  .openapi(listRoute, async (c) =>
    c.json({ uploads: await activityUploads(c.var.db, c.var.caller, c.req.valid('query')) }, 200),
  )
  .openapi(detailRoute, async (c) =>
    c.json(await activityUploadDetail(c.var.db, c.var.caller, c.req.valid('param').id), 200),
  )
  .openapi(restoreRoute, async (c) => {
    const result = await restoreActivities(
      c.var.db,
      c.var.caller,
      { uploadId: c.req.valid('param').id, ...(c.req.valid('json') ?? {}) },
      options(c, c.req.valid('query'), c.req.valid('header')['idempotency-key']),
    );
    return result.created ? c.json(result.response, 201) : c.json(result.response, 200);
  });
