// District oversight: spot-check samples and results (电话抽查), cross-unit duplicates, reporting status.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  CheckResultSchema,
  CrossUnitDuplicateSchema,
  IsoDateSchema,
  MonthSchema,
  ReportingStatusSchema,
  YearSchema,
} from '@tuanjian/shared';
import { requireRole, sha256Hex } from '../auth';
import { loadUnitLedger, refreshDerivedStatements } from '../db/ledger';
import { insertSpotChecksStatements, listSpotChecks, type SpotCheck } from '../db/spot-checks';
import { getUnit } from '../db/units';
import { commit } from '../db/write';
import { ApiError, ErrorSchema, errorResponses } from '../errors';
import { shanghaiDate } from '../services/clock';
import { summaryFor } from '../services/summary';
import type { AppEnv } from '../types';
import { validationHook } from './common';

const SpotCheckOut = z
  .object({
    id: z.string(),
    unitCode: z.string(),
    orgKey: z.string(),
    checkedOn: z.string(),
    result: CheckResultSchema,
    note: z.string().nullable(),
    recordedBy: z.string(),
    recordedAt: z.string(),
  })
  .openapi('SpotCheck');

const SampleRequest = z.object({
  unitCode: z.string(),
  size: z.number().int().min(1).max(200),
  seed: z.string().min(1).max(100).openapi({ description: 'Same seed, same sample' }),
});

const SampleOrg = z.object({
  orgKey: z.string(),
  orgName: z.string(),
  creditCode: z.string().nullable(),
  establishedOn: z.string().nullable(),
  leagueOrgType: z.string().nullable(),
  secretary: z.string().nullable(),
  phone: z.string().nullable(),
  row: z.number().int(),
});

const sampleRoute = createRoute({
  method: 'post',
  path: '/spot-checks/sample',
  summary: 'A reproducible random sample of a unit’s established organizations to phone (admin)',
  request: { body: { content: { 'application/json': { schema: SampleRequest } }, required: true } },
  responses: {
    200: {
      description: 'The sample, in call order',
      content: {
        'application/json': {
          schema: z.object({
            unitCode: z.string(),
            seed: z.string(),
            population: z.number().int(),
            sample: z.array(SampleOrg),
          }),
        },
      },
    },
    ...errorResponses,
    404: { description: 'No such unit', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

const recordRoute = createRoute({
  method: 'post',
  path: '/spot-checks',
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
    201: {
      description: 'Recorded',
      content: { 'application/json': { schema: z.object({ checks: z.array(SpotCheckOut) }) } },
    },
    ...errorResponses,
    422: {
      description: 'Unknown organizations, impossible dates or dates in the future; nothing written',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

const listChecksRoute = createRoute({
  method: 'get',
  path: '/spot-checks',
  summary: 'Recorded spot checks (admin)',
  request: { query: z.object({ unitCode: z.string().optional() }) },
  responses: {
    200: {
      description: 'Newest first',
      content: { 'application/json': { schema: z.object({ checks: z.array(SpotCheckOut) }) } },
    },
    ...errorResponses,
  },
});

const PeriodQuery = z.object({
  year: z.coerce.number().pipe(YearSchema),
  month: z.coerce.number().pipe(MonthSchema),
});

const duplicatesRoute = createRoute({
  method: 'get',
  path: '/duplicates',
  summary: 'Organizations reported by more than one unit, and whom each is counted for (admin)',
  request: { query: PeriodQuery },
  responses: {
    200: {
      description: 'Duplicates',
      content: {
        'application/json': { schema: z.object({ duplicates: z.array(CrossUnitDuplicateSchema) }) },
      },
    },
    ...errorResponses,
  },
});

const reportingRoute = createRoute({
  method: 'get',
  path: '/reporting',
  summary: 'Who uploaded for the month, who was late, who is missing (报送情况)',
  request: { query: PeriodQuery },
  responses: {
    200: {
      description: 'Reporting status by unit name',
      content: { 'application/json': { schema: ReportingStatusSchema } },
    },
    ...errorResponses,
  },
});

/** YYYY-MM-DD that names a real day (the schema checks only the shape: 2026-02-30 passes it). */
function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export const oversightRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(sampleRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    const { unitCode, size, seed } = c.req.valid('json');
    if (!(await getUnit(c.var.db, unitCode))) {
      throw new ApiError(404, 'not_found', `单位“${unitCode}”不存在`, {
        messageEn: `Unit ${unitCode} does not exist`,
      });
    }
    const established = (await loadUnitLedger(c.var.db, unitCode)).filter((r) => r.status === '已建团');
    // Order by a keyed hash of each organization: the same seed gives the same order, whatever the row order.
    const keyed = await Promise.all(
      established.map(async (record) => ({ record, key: await sha256Hex(`${seed}\u0000${record.orgKey}`) })),
    );
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const sample = keyed.slice(0, size).map(({ record }) => ({
      orgKey: record.orgKey,
      orgName: record.orgName,
      creditCode: record.creditCode,
      establishedOn: record.establishedOn,
      leagueOrgType: record.leagueOrgType,
      secretary: record.secretary,
      phone: record.phone,
      row: record.row,
    }));
    return c.json({ unitCode, seed, population: established.length, sample }, 200);
  })
  .openapi(recordRoute, async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin');
    const { checks } = c.req.valid('json');
    const now = c.var.now;
    const today = shanghaiDate(now);
    const ledgers = new Map<string, Set<string>>();
    for (const unitCode of new Set(checks.map((check) => check.unitCode))) {
      ledgers.set(unitCode, new Set((await loadUnitLedger(c.var.db, unitCode)).map((r) => r.orgKey)));
    }
    const problems = checks.flatMap((check, index) => {
      if (!ledgers.get(check.unitCode)?.has(check.orgKey)) {
        return [
          {
            index,
            code: 'organization.unknown',
            message: `单位“${check.unitCode}”的台账中没有组织“${check.orgKey}”`,
          },
        ];
      }
      if (!isCalendarDate(check.checkedOn)) {
        return [{ index, code: 'date.invalid', message: `抽查日期“${check.checkedOn}”不是有效日期` }];
      }
      if (check.checkedOn > today) {
        return [{ index, code: 'date.future', message: `抽查日期“${check.checkedOn}”晚于今天（${today}）` }];
      }
      return [];
    });
    if (problems.length > 0) {
      throw new ApiError(422, 'validation_failed', `抽查结果中有 ${problems.length} 处错误，未写入任何数据`, {
        messageEn: `${problems.length} problem(s) in the spot checks; nothing was written`,
        problems,
      });
    }
    const recordedAt = now.toISOString();
    const rows: SpotCheck[] = checks.map((check) => ({
      id: crypto.randomUUID(),
      unitCode: check.unitCode,
      orgKey: check.orgKey,
      checkedOn: check.checkedOn,
      result: check.result,
      note: check.note ?? null,
      recordedBy: caller.tokenId,
      recordedAt,
    }));
    // The checks and the tallies of the units they concern commit together: a 不属实 leaves the
    // figures of every month at once, whatever its check date.
    await commit(
      c.var.db,
      [
        ...insertSpotChecksStatements(c.var.db, rows),
        ...refreshDerivedStatements(c.var.db, [...ledgers.keys()], { nameKeys: [], creditCodes: [] }),
      ],
      { at: recordedAt, actor: caller.tokenId, action: 'spotChecks.record', detail: { count: rows.length } },
    );
    return c.json({ checks: rows }, 201);
  })
  .openapi(listChecksRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    return c.json({ checks: await listSpotChecks(c.var.db, c.req.valid('query').unitCode ?? null) }, 200);
  })
  .openapi(duplicatesRoute, async (c) => {
    requireRole(c.var.caller, 'admin');
    const { year, month } = c.req.valid('query');
    const summary = await summaryFor(c.env, c.var.db, year, month, c.var.now);
    return c.json({ duplicates: summary.duplicates }, 200);
  })
  .openapi(reportingRoute, async (c) => {
    requireRole(c.var.caller, 'admin', 'reader');
    const { year, month } = c.req.valid('query');
    const summary = await summaryFor(c.env, c.var.db, year, month, c.var.now);
    return c.json(summary.reporting, 200);
  });
