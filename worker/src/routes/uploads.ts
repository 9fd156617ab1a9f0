// /uploads: a unit's whole ledger (dry run or atomic write), and the upload history.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { UploadRequestSchema, UploadResponseSchema } from '@tuanjian/shared';
import { requireRole, requireUnitScope } from '../auth';
import { getUpload, listUploads } from '../db/uploads';
import { ApiError, ErrorSchema, errorResponses } from '../errors';
import { lateAfterDay } from '../services/config';
import { processUpload } from '../services/upload';
import type { AppEnv } from '../types';
import { validationHook } from './common';

const UploadRecordSchema = z
  .object({
    id: z.string(),
    unitCode: z.string(),
    tokenId: z.string(),
    idempotencyKey: z.string().nullable(),
    contentHash: z.string(),
    reportYear: z.number().int(),
    reportMonth: z.number().int(),
    createdAt: z.string(),
    rowCount: z.number().int(),
    added: z.number().int(),
    changed: z.number().int(),
    removed: z.number().int(),
  })
  .openapi('Upload');

const postUpload = createRoute({
  method: 'post',
  path: '/uploads',
  summary: 'Upload a unit’s whole ledger (dryRun=true: answer only)',
  request: {
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
    headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
    body: { content: { 'application/json': { schema: UploadRequestSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'Dry run, or a replay of an upload already applied',
      content: { 'application/json': { schema: UploadResponseSchema } },
    },
    201: { description: 'Applied', content: { 'application/json': { schema: UploadResponseSchema } } },
    ...errorResponses,
    422: {
      description: 'Rows with errors; nothing written',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/uploads',
  summary: 'Upload history',
  request: {
    query: z.object({
      unitCode: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
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
  path: '/uploads/{id}',
  summary: 'One upload with the diff it caused',
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: {
      description: 'The upload and its answer',
      content: {
        'application/json': {
          schema: z.object({ upload: UploadRecordSchema, response: UploadResponseSchema }),
        },
      },
    },
    ...errorResponses,
    404: { description: 'No such upload', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

export const uploadRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(postUpload, async (c) => {
    const dryRun = c.req.valid('query').dryRun === 'true';
    const idempotencyKey = c.req.valid('header')['idempotency-key'] ?? null;
    const { response, created } = await processUpload(c.env.DB, c.var.caller, c.req.valid('json'), {
      dryRun,
      idempotencyKey,
      now: c.var.now,
      lateAfterDay: lateAfterDay(c.env),
    });
    return created ? c.json(response, 201) : c.json(response, 200);
  })
  .openapi(listRoute, async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin', 'unit');
    const query = c.req.valid('query');
    const unitCode = caller.role === 'unit' ? (caller.unitCode ?? undefined) : query.unitCode;
    if (query.unitCode && unitCode !== query.unitCode) requireUnitScope(caller, query.unitCode);
    return c.json({ uploads: await listUploads(c.env.DB, { unitCode, limit: query.limit }) }, 200);
  })
  .openapi(getRoute, async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin', 'unit');
    const found = await getUpload(c.env.DB, c.req.valid('param').id);
    if (!found) throw new ApiError(404, 'not_found', '找不到该上传记录', { messageEn: 'No such upload' });
    requireUnitScope(caller, found.upload.unitCode);
    return c.json(found, 200);
  });
