// /uploads: a unit's whole ledger (dry run or atomic write of what changed), the upload history with
// full diffs, and restore of an earlier upload's ledger.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  HistoryDiffSchema,
  UploadRecordSchema as SharedUploadRecordSchema,
  UploadRequestSchema,
  UploadResponseSchema,
  UploadSourceSchema,
} from '@tuanjian/shared';
import type { Context } from 'hono';
import { requireRole, requireUnitScope } from '../auth';
import { ApiError, ErrorSchema, errorResponses } from '../errors';
import { lateAfterDay } from '../services/config';
import { uploadDetail, uploadsFor } from '../services/history';
import { processUpload, restoreUpload, type UploadOptions } from '../services/upload';
import type { AppEnv } from '../types';
import { digits, validationHook } from './common';

/** The shared history record, named for the API document. */
const UploadRecordSchema = SharedUploadRecordSchema.openapi('Upload');

const uploadHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).optional(),
  'if-match': z
    .string()
    .max(40)
    .optional()
    .openapi({ description: 'The unit’s ledger version the dry run saw, as its ETag (e.g. "12")' }),
});

const conflictResponse = {
  409: {
    description:
      'ledger_changed (the ledger moved since the dry run; details.diff is the fresh one) or removals_unconfirmed ' +
      '(the upload removes organizations and expectRemoved does not state their number); nothing written',
    content: { 'application/json': { schema: ErrorSchema } },
  },
} as const;

const postUpload = createRoute({
  method: 'post',
  path: '/',
  operationId: 'upload',
  tags: ['uploads'],
  summary: 'Upload a unit’s whole ledger (dryRun=true: answer only)',
  request: {
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
    headers: uploadHeaders,
    body: { content: { 'application/json': { schema: UploadRequestSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'Dry run, or a replay of an upload already applied',
      content: { 'application/json': { schema: UploadResponseSchema } },
    },
    201: { description: 'Applied', content: { 'application/json': { schema: UploadResponseSchema } } },
    ...errorResponses,
    ...conflictResponse,
    422: {
      description:
        'Rows with errors (validation_failed), or an Idempotency-Key already used with another body ' +
        '(idempotency_key_reused); nothing written',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listUploads',
  tags: ['uploads'],
  summary: 'Upload history (a unit token sees its own unit)',
  request: {
    query: z.object({
      unitCode: z.string().optional(),
      limit: digits(z.number().int().min(1).max(500)).default(50),
    }),
  },
  responses: {
    200: {
      description: 'Newest first',
      content: { 'application/json': { schema: z.object({ uploads: z.array(UploadRecordSchema) }) } },
    },
    ...errorResponses,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getUpload',
  tags: ['uploads'],
  summary: 'One upload with its full diff: added and removed rows whole, changed fields before → after',
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: {
      description: 'The upload and its diff',
      content: {
        'application/json': {
          schema: z.object({
            upload: UploadRecordSchema,
            diff: HistoryDiffSchema,
            legacy: z.boolean().openapi({
              description:
                'Made before the versioned ledger: only organization references were kept (added/changed/removed rows are refs)',
            }),
          }),
        },
      },
    },
    ...errorResponses,
    404: { description: 'No such upload', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

const restoreRoute = createRoute({
  method: 'post',
  path: '/{id}/restore',
  operationId: 'restoreUpload',
  tags: ['uploads'],
  summary:
    'Restore the unit’s ledger as it stood after this upload: an upload of its own (dryRun=true first)',
  request: {
    params: z.object({ id: z.string() }),
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
    headers: uploadHeaders,
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
      content: { 'application/json': { schema: UploadResponseSchema } },
    },
    201: { description: 'Restored', content: { 'application/json': { schema: UploadResponseSchema } } },
    ...errorResponses,
    ...conflictResponse,
    404: { description: 'No such upload', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

/**
 * The version an `If-Match` header names: `"12"`, `W/"12"` or `12`; `*` names none.
 * @example parseIfMatch('"12"') // => 12
 */
export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined || header.trim() === '*') return null;
  const match = /^\s*(?:W\/)?"?(\d{1,12})"?\s*$/.exec(header);
  if (!match?.[1]) {
    throw new ApiError(400, 'bad_request', 'If-Match 须为台账版本号，例如 "12"', {
      messageEn: 'If-Match must name a ledger version, e.g. "12"',
    });
  }
  return Number(match[1]);
}

/** An upload's options from its request: dry run or not, Idempotency-Key, If-Match, and the request's clock. */
function uploadOptions(
  c: Context<AppEnv>,
  query: { dryRun?: 'true' | 'false' | undefined },
  headers: { 'idempotency-key'?: string | undefined; 'if-match'?: string | undefined },
): UploadOptions {
  return {
    dryRun: query.dryRun === 'true',
    idempotencyKey: headers['idempotency-key'] ?? null,
    ifMatch: parseIfMatch(headers['if-match']),
    now: c.var.now,
    lateAfterDay: lateAfterDay(c.env),
  };
}

function answer(c: Context<AppEnv>, result: Awaited<ReturnType<typeof processUpload>>) {
  c.header('ETag', `"${result.response.ledgerVersion}"`);
  return result;
}

export const uploadRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(postUpload, async (c) => {
    const request = c.req.valid('json');
    requireRole(c.var.caller, 'admin', 'unit');
    requireUnitScope(c.var.caller, request.unitCode);
    const options = uploadOptions(c, c.req.valid('query'), c.req.valid('header'));
    const result = answer(c, await processUpload(c.var.db, c.var.caller, request, options));
    return result.created ? c.json(result.response, 201) : c.json(result.response, 200);
  })
  .openapi(restoreRoute, async (c) => {
    requireRole(c.var.caller, 'admin', 'unit');
    const options = uploadOptions(c, c.req.valid('query'), c.req.valid('header'));
    const restore = { uploadId: c.req.valid('param').id, ...(c.req.valid('json') ?? {}) };
    const result = answer(c, await restoreUpload(c.var.db, c.var.caller, restore, options));
    return result.created ? c.json(result.response, 201) : c.json(result.response, 200);
  })
  .openapi(listRoute, async (c) => {
    requireRole(c.var.caller, 'admin', 'unit');
    return c.json({ uploads: await uploadsFor(c.var.db, c.var.caller, c.req.valid('query')) }, 200);
  })
  .openapi(getRoute, async (c) => {
    requireRole(c.var.caller, 'admin', 'unit');
    return c.json(await uploadDetail(c.var.db, c.var.caller, c.req.valid('param').id), 200);
  });
