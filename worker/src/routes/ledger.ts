// /ledger: organizations with filters and paging, and one organization's versions; a unit token sees
// its own unit only.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { LedgerFingerprintsSchema, LedgerRecordSchema, ModeSchema, StatusSchema } from '@tuanjian/shared';
import { requireRole, requireUnitScope } from '../auth';
import { readTogether } from '../db/db';
import { ledgerVersionRead, listOrganizations, rowFingerprintsRead } from '../db/ledger';
import { errorResponses } from '../errors';
import { organizationHistory } from '../services/history';
import type { AppEnv } from '../types';
import { digits, validationHook } from './common';

const ledgerRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listLedger',
  tags: ['ledger'],
  summary: 'Organizations in the ledger',
  request: {
    query: z.object({
      unitCode: z.string().optional(),
      status: StatusSchema.optional(),
      mode: ModeSchema.optional(),
      year: digits(z.number().int().min(2000).max(2100))
        .optional()
        .openapi({ description: 'Year of 建团时间' }),
      page: digits(z.number().int().min(1)).default(1),
      pageSize: digits(z.number().int().min(1).max(1000)).default(100),
    }),
  },
  responses: {
    200: {
      description: 'One page',
      content: {
        'application/json': {
          schema: z.object({
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            organizations: z.array(LedgerRecordSchema.extend({ orgKey: z.string() })),
          }),
        },
      },
    },
    ...errorResponses,
  },
});

const organizationRoute = createRoute({
  method: 'get',
  path: '/history',
  operationId: 'organizationHistory',
  tags: ['ledger'],
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

const fingerprintsRoute = createRoute({
  method: 'get',
  path: '/fingerprints',
  operationId: 'ledgerFingerprints',
  tags: ['ledger'],
  summary: 'A unit’s open versions as row fingerprints, for an upload patch (only the rows that differ)',
  description:
    'Each open version as [versionId, row fingerprint, sheet row]. A client hashes its sheet rows the same way ' +
    '(shared `rowFingerprint`), sends the rows whose fingerprint is not listed and names the others in `keep` ' +
    '(POST /uploads with baseVersion = ledgerVersion). The ETag is the ledger version: with If-None-Match the ' +
    'answer is 304 while the ledger has not moved.',
  request: {
    query: z.object({ unitCode: z.string() }),
    headers: z.object({ 'if-none-match': z.string().max(40).optional() }),
  },
  responses: {
    200: {
      description: 'The fingerprints at the unit’s ledger version',
      content: { 'application/json': { schema: LedgerFingerprintsSchema.openapi('LedgerFingerprints') } },
    },
    304: { description: 'The ledger is still at the version named by If-None-Match' },
    ...errorResponses,
  },
});

export const ledgerRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(fingerprintsRoute, async (c) => {
    requireRole(c.var.caller, 'admin', 'unit');
    const { unitCode } = c.req.valid('query');
    requireUnitScope(c.var.caller, unitCode);
    const db = c.var.db;
    const known = c.req.valid('header')['if-none-match'];
    if (known !== undefined) {
      const { version } = await readTogether(db, { version: ledgerVersionRead(db, unitCode) });
      if (known === `"${version}"`) {
        c.header('ETag', `"${version}"`);
        return c.body(null, 304);
      }
    }
    const { version, versions } = await readTogether(db, {
      version: ledgerVersionRead(db, unitCode),
      versions: rowFingerprintsRead(db, unitCode),
    });
    c.header('ETag', `"${version}"`);
    return c.json({ unitCode, ledgerVersion: version, versions }, 200);
  })
  .openapi(ledgerRoute, async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin', 'unit');
    const query = c.req.valid('query');
    if (query.unitCode) requireUnitScope(caller, query.unitCode);
    const unitCode = caller.role === 'unit' ? (caller.unitCode ?? undefined) : query.unitCode;
    const { total, records } = await listOrganizations(c.var.db, { ...query, unitCode });
    return c.json({ total, page: query.page, pageSize: query.pageSize, organizations: records }, 200);
  })
  .openapi(organizationRoute, async (c) => {
    requireRole(c.var.caller, 'admin', 'unit');
    const { unitCode, orgKey } = c.req.valid('query');
    return c.json({ versions: await organizationHistory(c.var.db, c.var.caller, unitCode, orgKey) }, 200);
  });
