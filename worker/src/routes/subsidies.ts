// /subsidies: what is due, paid and withheld per unit and organization; admins mark payments.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { YearSchema } from '@tuanjian/shared';
import { requireRole, requireUnitScope } from '../auth';
import { auditStatement } from '../db/audit';
import { insertPaymentsStatement } from '../db/subsidies';
import { ApiError, ErrorSchema, errorResponses } from '../errors';
import { subsidyLedger } from '../services/subsidies';
import type { AppEnv } from '../types';
import { validationHook } from './common';

const ItemSchema = z.object({
  unitCode: z.string(),
  orgKey: z.string(),
  orgName: z.string(),
  establishedOn: z.string().nullable(),
  status: z.enum(['due', 'paid', 'withheld']),
  amount: z.number(),
  paidAt: z.string().nullable(),
  /** Found 不属实 by a spot check: withheld, or (when it was paid before) to be recovered. */
  foundUntrue: z.boolean(),
});
const LedgerSchema = z
  .object({
    year: z.number().int(),
    throughMonth: z.number().int(),
    perOrganization: z.number(),
    units: z.array(
      z.object({
        unitCode: z.string(),
        unitName: z.string(),
        due: z.number().int(),
        paid: z.number().int(),
        withheld: z.number().int(),
        dueAmount: z.number(),
        paidAmount: z.number(),
        withheldAmount: z.number(),
      }),
    ),
    organizations: z.array(ItemSchema),
  })
  .openapi('SubsidyLedger');

const ledgerRoute = createRoute({
  method: 'get',
  path: '/subsidies',
  summary: 'Subsidies due, paid and withheld (a unit token sees its own unit)',
  request: { query: z.object({ year: z.coerce.number().pipe(YearSchema), unitCode: z.string().optional() }) },
  responses: {
    200: { description: 'The subsidy ledger', content: { 'application/json': { schema: LedgerSchema } } },
    ...errorResponses,
  },
});

const payRoute = createRoute({
  method: 'post',
  path: '/subsidies/payments',
  summary: 'Mark subsidies paid (admin); an organization is never paid twice',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ year: YearSchema, orgKeys: z.array(z.string()).max(5000) }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'What was paid now and what had been paid before',
      content: {
        'application/json': {
          schema: z.object({ paid: z.array(ItemSchema), alreadyPaid: z.array(z.string()) }),
        },
      },
    },
    ...errorResponses,
    422: {
      description: 'Organizations with nothing due; nothing written',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

export const subsidyRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(ledgerRoute, async (c) => {
    const caller = c.var.caller;
    const { year, unitCode } = c.req.valid('query');
    if (unitCode) requireUnitScope(caller, unitCode);
    const scope = caller.role === 'unit' ? caller.unitCode : (unitCode ?? null);
    const ledger = await subsidyLedger(c.var.db, year, c.var.now);
    if (scope === null) return c.json(ledger, 200);
    return c.json(
      {
        ...ledger,
        units: ledger.units.filter((unit) => unit.unitCode === scope),
        organizations: ledger.organizations.filter((item) => item.unitCode === scope),
      },
      200,
    );
  })
  .openapi(payRoute, async (c) => {
    const caller = c.var.caller;
    requireRole(caller, 'admin');
    const { year, orgKeys } = c.req.valid('json');
    const now = c.var.now;
    const ledger = await subsidyLedger(c.var.db, year, now);
    const byKey = new Map(ledger.organizations.map((item) => [item.orgKey, item]));
    const problems = orgKeys.flatMap((key, index) => {
      const item = byKey.get(key);
      if (!item)
        return [{ index, orgKey: key, code: 'subsidy.notDue', message: `“${key}”在${year}年没有应拨补贴` }];
      if (item.status === 'withheld') {
        return [
          {
            index,
            orgKey: key,
            code: 'subsidy.withheld',
            message: `“${item.orgName}”抽查不属实，补贴暂停拨付`,
          },
        ];
      }
      return [];
    });
    if (problems.length > 0) {
      throw new ApiError(422, 'validation_failed', `${problems.length} 个组织不能拨付补贴，未写入任何数据`, {
        messageEn: `${problems.length} organization(s) have no subsidy due; nothing was written`,
        problems,
      });
    }
    const alreadyPaid = orgKeys.filter((key) => byKey.get(key)?.status === 'paid');
    const toPay = [...new Set(orgKeys)].flatMap((key) => {
      const item = byKey.get(key);
      return item && item.status === 'due' ? [item] : [];
    });
    const paidAt = now.toISOString();
    if (toPay.length > 0) {
      await c.var.db.batch([
        insertPaymentsStatement(
          c.var.db,
          toPay.map((item) => ({
            orgKey: item.orgKey,
            unitCode: item.unitCode,
            year,
            amount: item.amount,
            paidAt,
            paidBy: caller.tokenId,
          })),
        ),
        auditStatement(c.var.db, {
          at: paidAt,
          actor: caller.tokenId,
          action: 'subsidies.pay',
          detail: { year, count: toPay.length },
        }),
      ]);
    }
    return c.json(
      { paid: toPay.map((item) => ({ ...item, status: 'paid' as const, paidAt })), alreadyPaid },
      200,
    );
  });
