// Units and quotas (admin), the OpenAPI document and /docs, unknown routes and /me.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call, createToken, createUnits, fetchWorker } from './helpers';

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().min(1),
    details: z
      .object({
        problems: z.array(z.object({ index: z.number(), unitCode: z.string(), code: z.string() })).optional(),
      })
      .optional(),
  }),
});
const UnitBody = z.object({
  unit: z.object({ code: z.string(), name: z.string(), kind: z.string(), active: z.boolean() }),
});
const QuotaYear = z.object({
  year: z.number(),
  quotas: z.array(z.object({ unitCode: z.string(), year: z.number(), quota: z.number() })),
  subsidyRate: z.object({ city: z.number(), district: z.number() }),
});

async function errorOf(response: Response) {
  return ErrorBody.parse(await response.json()).error;
}

async function units() {
  const body = z.object({ units: z.array(UnitBody.shape.unit) }).parse(await (await call('/units')).json());
  return body.units;
}

async function quotasOf(year: number) {
  const response = await call(`/quotas/${year}`);
  expect(response.status).toBe(200);
  return QuotaYear.parse(await response.json());
}

async function quotaRows(): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM quotas').first<{ n: number }>();
  return row?.n ?? -1;
}

let ljzToken: string;

beforeAll(async () => {
  await createUnits([
    { code: 'LJZ', name: '陆家嘴街道' },
    { code: 'HM', name: '花木街道' },
  ]);
  ljzToken = await createToken('unit', 'LJZ');
});

describe('units', () => {
  it('creates a unit (201) and lists it, active by default', async () => {
    const response = await call('/units', { body: { code: 'ZJ', name: '张江镇', kind: '镇' } });
    expect(response.status).toBe(201);
    expect(UnitBody.parse(await response.json()).unit).toEqual({
      code: 'ZJ',
      name: '张江镇',
      kind: '镇',
      active: true,
    });
    expect((await units()).map((u) => [u.code, u.name, u.kind, u.active])).toEqual([
      ['LJZ', '陆家嘴街道', '街道', true],
      ['HM', '花木街道', '街道', true],
      ['ZJ', '张江镇', '镇', true],
    ]);
  });

  it('answers 409 conflict for a code or a name already taken, and writes nothing', async () => {
    const sameCode = await call('/units', { body: { code: 'ZJ', name: '张江高科园区', kind: '园区' } });
    expect(sameCode.status).toBe(409);
    expect((await errorOf(sameCode)).code).toBe('conflict');
    const sameName = await call('/units', { body: { code: 'ZJ2', name: '张江镇', kind: '镇' } });
    expect(sameName.status).toBe(409);
    expect((await errorOf(sameName)).code).toBe('conflict');
    expect((await units()).map((u) => u.code)).toEqual(['LJZ', 'HM', 'ZJ']);
  });

  it('answers 400 bad_request for a code, name or kind the schema does not allow', async () => {
    const bad = [
      { code: '张江', name: '张江镇二', kind: '镇' },
      { code: 'has space', name: '张江镇二', kind: '镇' },
      { code: 'X'.repeat(33), name: '张江镇二', kind: '镇' },
      { code: 'ZJ3', name: '张', kind: '镇' },
      { code: 'ZJ3', name: '张'.repeat(51), kind: '镇' },
      { code: 'ZJ3', name: '张江镇二', kind: '村' },
    ];
    for (const body of bad) {
      const response = await call('/units', { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(response)).code).toBe('bad_request');
    }
    expect(await units()).toHaveLength(3);
  });

  it('renames and deactivates a unit with PATCH', async () => {
    const renamed = await call('/units/ZJ', { method: 'PATCH', body: { name: '张江科学城' } });
    expect(renamed.status).toBe(200);
    expect(UnitBody.parse(await renamed.json()).unit).toEqual({
      code: 'ZJ',
      name: '张江科学城',
      kind: '镇',
      active: true,
    });
    const deactivated = await call('/units/ZJ', { method: 'PATCH', body: { active: false } });
    expect(deactivated.status).toBe(200);
    expect(UnitBody.parse(await deactivated.json()).unit).toEqual({
      code: 'ZJ',
      name: '张江科学城',
      kind: '镇',
      active: false,
    });
    expect((await units()).find((u) => u.code === 'ZJ')).toEqual({
      code: 'ZJ',
      name: '张江科学城',
      kind: '镇',
      active: false,
    });
  });

  it('answers 409 for a rename onto another unit’s name and 404 for an unknown unit', async () => {
    const clash = await call('/units/ZJ', { method: 'PATCH', body: { name: '花木街道' } });
    expect(clash.status).toBe(409);
    expect((await errorOf(clash)).code).toBe('conflict');
    expect((await units()).find((u) => u.code === 'ZJ')?.name).toBe('张江科学城');

    const unknown = await call('/units/NOPE', { method: 'PATCH', body: { active: false } });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe('not_found');
  });
});

describe('quotas', () => {
  it('sets a year’s quotas and reads them back with the default subsidy rate', async () => {
    const response = await call('/quotas/2026', {
      method: 'PUT',
      body: {
        quotas: [
          { unitCode: 'LJZ', quota: 10 },
          { unitCode: 'HM', quota: 8 },
        ],
      },
    });
    expect(response.status).toBe(200);
    const expected = {
      year: 2026,
      quotas: [
        { unitCode: 'HM', year: 2026, quota: 8 },
        { unitCode: 'LJZ', year: 2026, quota: 10 },
      ],
      subsidyRate: { city: 300, district: 300 },
    };
    expect(QuotaYear.parse(await response.json())).toEqual(expected);
    expect(await quotasOf(2026)).toEqual(expected);
    expect((await quotasOf(2027)).quotas).toEqual([]);
  });

  it('updates a quota and the subsidy rate of one year only', async () => {
    const response = await call('/quotas/2026', {
      method: 'PUT',
      body: { quotas: [{ unitCode: 'HM', quota: 12 }], subsidyRate: { city: 500, district: 300 } },
    });
    expect(response.status).toBe(200);
    expect(await quotasOf(2026)).toEqual({
      year: 2026,
      quotas: [
        { unitCode: 'HM', year: 2026, quota: 12 },
        { unitCode: 'LJZ', year: 2026, quota: 10 },
      ],
      subsidyRate: { city: 500, district: 300 },
    });
    expect((await quotasOf(2025)).subsidyRate).toEqual({ city: 300, district: 300 });
  });

  it('refuses a list naming an unknown unit with 422 and writes none of it', async () => {
    const before = await quotaRows();
    const response = await call('/quotas/2026', {
      method: 'PUT',
      body: {
        quotas: [
          { unitCode: 'LJZ', quota: 99 },
          { unitCode: 'NOPE', quota: 5 },
        ],
        subsidyRate: { city: 1, district: 1 },
      },
    });
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.details?.problems).toEqual([{ index: 1, unitCode: 'NOPE', code: 'unit.unknown' }]);
    expect(await quotaRows()).toBe(before);
    const year = await quotasOf(2026);
    expect(year.quotas.find((q) => q.unitCode === 'LJZ')?.quota).toBe(10);
    expect(year.subsidyRate).toEqual({ city: 500, district: 300 });
  });

  it('refuses a unit named twice in the list with 422', async () => {
    const response = await call('/quotas/2026', {
      method: 'PUT',
      body: {
        quotas: [
          { unitCode: 'HM', quota: 1 },
          { unitCode: 'LJZ', quota: 2 },
          { unitCode: 'HM', quota: 3 },
        ],
      },
    });
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.details?.problems).toEqual([{ index: 2, unitCode: 'HM', code: 'quota.duplicate' }]);
    expect((await quotasOf(2026)).quotas.map((q) => [q.unitCode, q.quota])).toEqual([
      ['HM', 12],
      ['LJZ', 10],
    ]);
  });

  it('answers 400 for a negative quota or a year out of range', async () => {
    const negative = await call('/quotas/2026', {
      method: 'PUT',
      body: { quotas: [{ unitCode: 'HM', quota: -1 }] },
    });
    expect(negative.status).toBe(400);
    expect((await errorOf(negative)).code).toBe('bad_request');
    const badYear = await call('/quotas/1999');
    expect(badYear.status).toBe(400);
    expect((await errorOf(badYear)).code).toBe('bad_request');
  });
});

describe('the API description', () => {
  it('serves an OpenAPI 3.1 document without a token, with the main paths and bearer security', async () => {
    const response = await call('/openapi.json', { token: null });
    expect(response.status).toBe(200);
    const doc = z
      .object({
        openapi: z.string(),
        info: z.object({ title: z.string() }),
        paths: z.record(z.string(), z.unknown()),
        components: z.object({
          securitySchemes: z.record(z.string(), z.object({ type: z.string(), scheme: z.string() })),
        }),
        security: z.array(z.record(z.string(), z.array(z.string()))),
      })
      .parse(JSON.parse(await response.text()));
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/uploads', '/summary', '/bulletins', '/bulletins/{issue}', '/units/{code}']),
    );
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
  });

  it('names every operation (operationId, unique) and files it under a described tag', async () => {
    const doc = z
      .object({
        info: z.object({ license: z.object({ name: z.string() }) }),
        tags: z.array(z.object({ name: z.string(), description: z.string() })),
        paths: z.record(
          z.string(),
          z.record(
            z.string(),
            z.object({ operationId: z.string().optional(), tags: z.array(z.string()).optional() }),
          ),
        ),
      })
      .parse(await (await call('/openapi.json', { token: null })).json());
    const described = new Set(doc.tags.map((tag) => tag.name));
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        at: `${method.toUpperCase()} ${path}`,
        ...operation,
      })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(30);
    expect(operations.filter((operation) => !operation.operationId).map((operation) => operation.at)).toEqual(
      [],
    );
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of operations) {
      expect(operation.tags?.length, operation.at).toBe(1);
      expect(described.has(operation.tags?.[0] ?? ''), operation.at).toBe(true);
    }
  });

  it('serves /docs from this origin: Swagger UI from /docs/assets, no CDN', async () => {
    const response = await fetchWorker(new Request('http://tuanjian.test/docs'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<script src="/docs/assets/swagger-ui-bundle.js"></script>');
    expect(html).toContain('/api/v1/openapi.json');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/unpkg|jsdelivr|cdnjs|cdn\./i);
  });
});

describe('routes and callers', () => {
  it('answers an unknown route with 404 in the error contract', async () => {
    const response = await call('/no-such-route');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    const error = await errorOf(response);
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('/api/v1/no-such-route');
  });

  it('tells a unit token its role, unit and district', async () => {
    const response = await call('/me', { token: ljzToken });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      tokenId: expect.any(String),
      role: 'unit',
      label: 'unit LJZ',
      unitCode: 'LJZ',
      unitName: '陆家嘴街道',
      district: '浦东新区',
    });
    const admin = await call('/me');
    expect(await admin.json()).toMatchObject({
      role: 'admin',
      unitCode: null,
      unitName: null,
      district: '浦东新区',
    });
  });
});
