// /uploads: a unit's whole ledger (dry run or atomic write of what changed), the upload history with
// full diffs, restore of an earlier upload's ledger, and one organization's versions.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  HistoryDiffSchema,
  LedgerRecordSchema,
  UploadRequestSchema,
  UploadResponseSchema,
  UploadSourceSchema,
} from '@tuanjian/shared';
import type { Context } from 'hono';
import { requireRole, requireUnitScope } from '../auth';
import { loadOrganizationVersions } from '../db/ledger';
import { getUpload, listUploads } from '../db/uploads';
import { ApiError, ErrorSchema, errorResponses } from '../errors';
import { lateAfterDay } from '../services/config';
import { processUpload, restoreUpload, type UploadOptions, uploadDiff } from '../services/upload';
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
    unchanged: z.number().int(),
    warningCount: z.number().int(),
    version: z.number().int().openapi({ description: 'The unit’s ledger version this upload made' }),
    baseVersion: z.number().int(),
    source: UploadSourceSchema,
    restoredFrom: z.string().nullable(),
  })
  .openapi('Upload');

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
  path: '/uploads',
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
  path: '/uploads',
  summary: 'Upload history (a unit token sees its own unit)',
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
  path: '/uploads/{id}/restore',
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

const organizationRoute = createRoute({
  method: 'get',
  path: '/ledger/history',
  summary: 'Every version of one organization in a unit’s ledger, oldest first',
  request: { query: z.object({ unitCode: z.string(), orgKey: z.string() }) },
  responses: {
    200: {
      description: 'The versions, each with the uploads that made and ended it',
      content: {
        'application/json': {
          schema: z.object({
            versions: z.array(
              z.object({
                record: LedgerRecordSchema.extend({ orgKey: z.string() }),
                fromVersion: z.number().int(),
                fromUpload: z.string(),
                validFrom: z.string(),
                toVersion: z.number().int().nullable(),
                toUpload: z.string().nullable(),
                validTo: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    ...errorResponses,
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
    const options = uploadOptions(c, c.req.valid('query'), c.req.valid('header'));
    const result = answer(c, await processUpload(c.var.db, c.var.caller, c.req.valid('json'), options));
    return result.created ? c.json(result.response, 201) : c.json(result.response, 200);
  })
  .openapi(restoreRoute, async (c) => {
    const options = uploadOptions(c, c.req.valid('query'), c.req.valid('header'));
    const restore = { uploadId: c.req.valid('param').id, ...(c.req.valid('json') ?? {}) };
    const result = answer(c, await restoreUpload(c.var.db, c.var.caller, restore, options));
    return result.created ? c.json(result.response, 201) : c.json(result.response, 200);
  })
  .openapi(listRoute, async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin', 'unit');
    const query = c.req.valid('query');
    if (query.unitCode) requireUnitScope(caller, query.unitCode);
    const unitCode = caller.role === 'unit' ? (caller.unitCode ?? undefined) : query.unitCode;
    const uploads = await listUploads(c.var.db, { unitCode, limit: query.limit });
    return c.json({ uploads: uploads.map(({ requestHash: _hash, ...upload }) => upload) }, 200);
  })
  .openapi(getRoute, async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin', 'unit');
    const upload = await getUpload(c.var.db, c.req.valid('param').id);
    if (!upload) throw new ApiError(404, 'not_found', '找不到该上传记录', { messageEn: 'No such upload' });
    requireUnitScope(caller, upload.unitCode);
    const full = await uploadDiff(c.var.db, upload);
    const { requestHash: _hash, ...record } = upload;
    if (full.legacy && full.legacyRefs) {
      // Rows were not kept before the versioned ledger: the references stand in for them.
      const refs = full.legacyRefs;
      return c.json(
        {
          upload: record,
          diff: { added: [], changed: refs.changed, removed: [], unchanged: refs.unchanged },
          legacy: true,
          legacyAdded: refs.added,
          legacyRemoved: refs.removed,
        },
        200,
      );
    }
    return c.json(
      {
        upload: record,
        diff: {
          added: full.added,
          changed: full.changed.map((entry) => ({
            orgKey: entry.after.orgKey,
            orgName: entry.after.orgName,
            creditCode: entry.after.creditCode,
            row: entry.after.row,
            changes: entry.changes,
          })),
          removed: full.removed,
          unchanged: full.unchanged,
        },
        legacy: false,
      },
      200,
    );
  })
  .openapi(organizationRoute, async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin', 'unit');
    const { unitCode, orgKey } = c.req.valid('query');
    requireUnitScope(caller, unitCode);
    const versions = await loadOrganizationVersions(c.var.db, unitCode, orgKey);
    return c.json(
      {
        versions: versions.map((version) => ({
          record: version.record,
          fromVersion: version.fromVersion,
          fromUpload: version.fromUpload,
          validFrom: version.validFrom,
          toVersion: version.toVersion,
          toUpload: version.toUpload,
          validTo: version.validTo,
        })),
      },
      200,
    );
  });
