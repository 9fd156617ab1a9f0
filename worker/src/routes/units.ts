// /units and /quotas: list, create, update units; read and set a year's quotas in bulk.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  QuotaYearSchema,
  SubsidyRateSchema,
  UnitKindSchema,
  UnitRecordSchema,
  UnitSchema,
} from '@tuanjian/shared';
import { requireRole } from '../auth';
import { auditStatement } from '../db/audit';
import { bumpDataVersionStatement } from '../db/data-version';
import {
  getSubsidyRate,
  insertUnitsStatement,
  listQuotas,
  listUnits,
  quotaHistoryStatements,
  setQuotasStatement,
  setSubsidyRateStatement,
  updateUnit,
} from '../db/units';
import { commit } from '../db/write';
import { ApiError, ErrorSchema, errorResponses } from '../errors';
import type { AppEnv } from '../types';
import { validationHook } from './common';

const UnitOut = UnitRecordSchema.openapi('Unit');
const notFound = {
  description: 'Not found',
  content: { 'application/json': { schema: ErrorSchema } },
} as const;
const conflict = {
  description: 'Already exists',
  content: { 'application/json': { schema: ErrorSchema } },
} as const;

const listUnitsRoute = createRoute({
  method: 'get',
  path: '/units',
  summary: 'All units (直属团组织)',
  responses: {
    200: {
      description: 'Units in table order',
      content: { 'application/json': { schema: z.object({ units: z.array(UnitOut) }) } },
    },
    ...errorResponses,
  },
});

const createUnitRoute = createRoute({
  method: 'post',
  path: '/units',
  summary: 'Create a unit (admin)',
  request: { body: { content: { 'application/json': { schema: UnitSchema } }, required: true } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: z.object({ unit: UnitOut }) } } },
    ...errorResponses,
    409: conflict,
  },
});

const updateUnitRoute = createRoute({
  method: 'patch',
  path: '/units/{code}',
  summary: 'Rename, re-kind or deactivate a unit (admin)',
  request: {
    params: z.object({ code: z.string() }),
    body: {
      content: {
        'application/json': {
          schema: z.object({
            name: z.string().min(2).max(50).optional(),
            kind: UnitKindSchema.optional(),
            active: z.boolean().optional(),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: { description: 'Updated', content: { 'application/json': { schema: z.object({ unit: UnitOut }) } } },
    ...errorResponses,
    404: notFound,
    409: conflict,
  },
});

const listQuotasRoute = createRoute({
  method: 'get',
  path: '/quotas/{year}',
  summary: 'A year’s quotas (年度指标) and subsidy rate',
  request: { params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
  responses: {
    200: { description: 'Quotas', content: { 'application/json': { schema: QuotaYearSchema } } },
    ...errorResponses,
  },
});

const setQuotasRoute = createRoute({
  method: 'put',
  path: '/quotas/{year}',
  summary: 'Set a year’s quotas in bulk, and optionally its subsidy rate (admin)',
  request: {
    params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    body: {
      content: {
        'application/json': {
          schema: z.object({
            quotas: z
              .array(z.object({ unitCode: z.string(), quota: z.number().int().min(0).max(100000) }))
              .max(2000),
            subsidyRate: SubsidyRateSchema.optional(),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'The year after the change',
      content: { 'application/json': { schema: QuotaYearSchema } },
    },
    ...errorResponses,
    422: {
      description: 'Unknown units or duplicates; nothing written',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message);
}

export const unitRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listUnitsRoute, async (c) => c.json({ units: await listUnits(c.var.db) }, 200))
  .openapi(createUnitRoute, async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin');
    const unit = c.req.valid('json');
    const now = c.var.now.toISOString();
    try {
      await c.var.db.batch([
        bumpDataVersionStatement(c.var.db),
        insertUnitsStatement(c.var.db, [unit], now),
        auditStatement(c.var.db, {
          at: now,
          actor: caller.tokenId,
          action: 'unit.create',
          target: unit.code,
        }),
      ]);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ApiError(409, 'conflict', `单位代码“${unit.code}”或名称“${unit.name}”已存在`, {
          messageEn: 'A unit with this code or name already exists',
        });
      }
      throw error;
    }
    return c.json({ unit }, 201);
  })
  .openapi(updateUnitRoute, async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin');
    const code = c.req.valid('param').code;
    let unit: Awaited<ReturnType<typeof updateUnit>>;
    try {
      unit = await updateUnit(c.var.db, code, c.req.valid('json'));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ApiError(409, 'conflict', '已有同名单位', {
          messageEn: 'A unit with this name already exists',
        });
      }
      throw error;
    }
    if (!unit)
      throw new ApiError(404, 'not_found', `单位“${code}”不存在`, {
        messageEn: `Unit ${code} does not exist`,
      });
    await auditStatement(c.var.db, {
      at: c.var.now.toISOString(),
      actor: caller.tokenId,
      action: 'unit.update',
      target: code,
    }).run();
    return c.json({ unit }, 200);
  })
  .openapi(listQuotasRoute, async (c) => {
    const year = c.req.valid('param').year;
    const [quotas, subsidyRate] = await Promise.all([
      listQuotas(c.var.db, year),
      getSubsidyRate(c.var.db, year),
    ]);
    return c.json({ year, quotas, subsidyRate }, 200);
  })
  .openapi(setQuotasRoute, async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin');
    const year = c.req.valid('param').year;
    const body = c.req.valid('json');
    const known = new Set((await listUnits(c.var.db)).map((unit) => unit.code));
    const seen = new Set<string>();
    const problems: { index: number; unitCode: string; code: string; message: string }[] = [];
    body.quotas.forEach((quota, index) => {
      if (!known.has(quota.unitCode)) {
        problems.push({
          index,
          unitCode: quota.unitCode,
          code: 'unit.unknown',
          message: `单位“${quota.unitCode}”不存在`,
        });
      } else if (seen.has(quota.unitCode)) {
        problems.push({
          index,
          unitCode: quota.unitCode,
          code: 'quota.duplicate',
          message: `单位“${quota.unitCode}”重复`,
        });
      }
      seen.add(quota.unitCode);
    });
    if (problems.length > 0) {
      throw new ApiError(422, 'validation_failed', `指标表中有 ${problems.length} 处错误，未写入任何数据`, {
        messageEn: `${problems.length} problem(s) in the quotas; nothing was written`,
        problems,
      });
    }
    const now = c.var.now.toISOString();
    await commit(
      c.var.db,
      [
        setQuotasStatement(c.var.db, year, body.quotas, now),
        ...(body.subsidyRate ? [setSubsidyRateStatement(c.var.db, year, body.subsidyRate)] : []),
        ...quotaHistoryStatements(c.var.db, year, body.quotas, body.subsidyRate, now),
      ],
      {
        at: now,
        actor: caller.tokenId,
        action: 'quotas.set',
        target: String(year),
        detail: { count: body.quotas.length },
      },
    );
    const [quotas, subsidyRate] = await Promise.all([
      listQuotas(c.var.db, year),
      getSubsidyRate(c.var.db, year),
    ]);
    return c.json({ year, quotas, subsidyRate }, 200);
  });
