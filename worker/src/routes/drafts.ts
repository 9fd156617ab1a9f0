// /upload-drafts: a unit ledger too large for one request, sent in parts; POST /uploads with the
// draft's id then validates and writes it like any upload (dry run first).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { UploadDraftRequestSchema, UploadDraftSchema, UploadPartRequestSchema } from '@tuanjian/shared';
import { ErrorSchema, errorResponses } from '../errors';
import { createDraft, describeDraft, putPart, requireDraft } from '../services/drafts';
import type { AppEnv } from '../types';
import { digits, validationHook } from './common';

const notFound = {
  404: {
    description: 'No such draft (or it expired, or an upload committed it)',
    content: { 'application/json': { schema: ErrorSchema } },
  },
} as const;

const createDraftRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'createUploadDraft',
  tags: ['uploads'],
  summary: 'Start an upload in parts (for a ledger over the row cap of one request)',
  description:
    'Then PUT each part in sheet order (at most 10,000 rows each), then POST /uploads with `draftId` ' +
    'instead of `rows` (dryRun=true first). A draft expires after 24 hours; the upload that commits it deletes it.',
  request: {
    body: { content: { 'application/json': { schema: UploadDraftRequestSchema } }, required: true },
  },
  responses: {
    201: { description: 'The draft', content: { 'application/json': { schema: UploadDraftSchema } } },
    ...errorResponses,
    404: { description: 'No such unit', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

const partParams = z.object({
  id: z.string().min(1).max(64),
  part: digits(z.number().int().min(1).max(100)),
});

const putPartRoute = createRoute({
  method: 'put',
  path: '/{id}/parts/{part}',
  operationId: 'putUploadPart',
  tags: ['uploads'],
  summary: 'One part of an upload in parts (sending a part again replaces it)',
  request: {
    params: partParams,
    body: { content: { 'application/json': { schema: UploadPartRequestSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'The draft with the parts received so far',
      content: { 'application/json': { schema: UploadDraftSchema } },
    },
    ...errorResponses,
    ...notFound,
    413: {
      description: 'More rows than the draft was created for (too_many_rows)',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

const getDraftRoute = createRoute({
  method: 'get',
  path: '/{id}',
  operationId: 'getUploadDraft',
  tags: ['uploads'],
  summary: 'A draft and the parts it has received',
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: {
    200: { description: 'The draft', content: { 'application/json': { schema: UploadDraftSchema } } },
    ...errorResponses,
    ...notFound,
  },
});

export const draftRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(createDraftRoute, async (c) =>
    c.json(await createDraft(c.var.db, c.var.caller, c.req.valid('json'), c.var.now), 201),
  )
  .openapi(putPartRoute, async (c) => {
    const { id, part } = c.req.valid('param');
    return c.json(await putPart(c.var.db, c.var.caller, id, part, c.req.valid('json').rows, c.var.now), 200);
  })
  .openapi(getDraftRoute, async (c) => {
    const draft = await requireDraft(c.var.db, c.var.caller, c.req.valid('param').id, c.var.now);
    return c.json(await describeDraft(c.var.db, draft), 200);
  });
