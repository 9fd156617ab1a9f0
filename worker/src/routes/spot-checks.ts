// /spot-checks: 电话抽查 — a reproducible sample to phone, the results recorded (admin), the list (admin, or a
// unit token for its own organizations).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  CheckResultSchema,
  IsoDateSchema,
  RecordedSpotChecksSchema,
  SpotCheckSampleSchema,
  SpotCheckSchema,
} from '@tuanjian/shared';
import { requireRole, requireUnitScope } from '../auth';
import { listSpotChecks } from '../db/spot-checks';
import { ErrorSchema, errorResponses } from '../errors';
import { recordSpotChecks, spotCheckSample } from '../services/spot-checks';
import type { AppEnv } from '../types';
import { validationHook } from './common';

const SampleRequest = z.object({
  unitCode: z.string(),
  size: z.number().int().min(1).max(200),
  seed: z.string().min(1).max(100).openapi({ description: 'Same seed, same sample' }),
});

const sampleRoute = createRoute({
  method: 'post',
  path: '/sample',
  operationId: 'spotCheckSample',
  tags: ['spot checks'],
  summary: 'A reproducible random sample of a unit’s established organizations to phone (admin)',
  request: { body: { content: { 'application/json': { schema: SampleRequest } }, required: true } },
  responses: {
    200: {
      description: 'The sample, in call order',
      content: {
        'application/json': {
          schema: SpotCheckSampleSchema,
        },
      },
    },
    ...errorResponses,
    404: { description: 'No such unit', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

const recordRoute = createRoute({
  method: 'post',
  path: '/',
  operationId: 'recordSpotChecks',
  tags: ['spot checks'],
  summary:
    'Record spot-check results (admin); 不属实 takes the organization out of the count and its subsidy',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            checks: z
              .array(
                z.object({
                  unitCode: z.string(),
                  orgKey: z.string(),
                  checkedOn: IsoDateSchema,
                  result: CheckResultSchema,
                  note: z.string().max(500).optional(),
                }),
              )
              .min(1)
              .max(500),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'Every check was already recorded: nothing new written',
      content: { 'application/json': { schema: RecordedSpotChecksSchema } },
    },
    201: { description: 'Recorded', content: { 'application/json': { schema: RecordedSpotChecksSchema } } },
    ...errorResponses,
    422: {
      description: 'Unknown organizations, impossible dates or dates in the future; nothing written',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

const listChecksRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'listSpotChecks',
  tags: ['spot checks'],
  summary: 'Recorded spot checks, with the organization’s name (a unit token sees its own unit’s)',
  request: { query: z.object({ unitCode: z.string().optional() }) },
  responses: {
    200: {
      description: 'Newest first',
      content: {
        'application/json': {
          schema: z.object({ checks: z.array(SpotCheckSchema.openapi('ListedSpotCheck')) }),
        },
      },
    },
    ...errorResponses,
  },
});

export const spotCheckRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(sampleRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    const { unitCode, size, seed } = c.req.valid('json');
    return c.json(await spotCheckSample(c.var.db, unitCode, size, seed), 200);
  })
  .openapi(recordRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    const recorded = await recordSpotChecks(c.var.db, c.var.caller, c.req.valid('json').checks, c.var.now);
    return recorded.checks.length > 0 ? c.json(recorded, 201) : c.json(recorded, 200);
  })
  .openapi(listChecksRoute, async (c) => {
    const { caller } = c.var;
    requireRole(caller, 'admin', 'unit');
    const { unitCode } = c.req.valid('query');
    if (unitCode !== undefined) requireUnitScope(caller, unitCode);
    // A unit reads the results of its own organizations (its desk, SPEC §7), never another unit's.
    const scope = caller.role === 'unit' ? (caller.unitCode ?? '') : (unitCode ?? null);
    return c.json({ checks: await listSpotChecks(c.var.db, scope) }, 200);
  });
