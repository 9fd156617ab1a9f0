// Every route × every role: who may do what, and every denial with its code.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createToken, createUnits, establishedRow, setQuotas } from './helpers';

const tokens: Record<string, string | null> = {};

beforeAll(async () => {
  await createUnits([
    { code: 'LJZ', name: '陆家嘴街道' },
    { code: 'HM', name: '花木街道' },
  ]);
  await setQuotas(2026, { LJZ: 10, HM: 8 });
  tokens.admin = 'test-admin-token';
  tokens.unit = await createToken('unit', 'LJZ');
  tokens.reader = await createToken('reader');
  tokens.none = null;
  tokens.bogus = 'tj_not_a_real_token';
});

type Role = 'admin' | 'unit' | 'reader' | 'none' | 'bogus';
interface RouteCase {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  expect: Record<Role, number>;
}

const upload = (unitCode: string) => ({
  unitCode,
  rows: [establishedRow(0, unitCode)],
  reportYear: 2026,
  reportMonth: 3,
});

const cases: RouteCase[] = [
  {
    name: 'health',
    method: 'GET',
    path: '/health',
    expect: { admin: 200, unit: 200, reader: 200, none: 200, bogus: 200 },
  },
  {
    name: 'me',
    method: 'GET',
    path: '/me',
    expect: { admin: 200, unit: 200, reader: 200, none: 401, bogus: 401 },
  },
  {
    name: 'list units',
    method: 'GET',
    path: '/units',
    expect: { admin: 200, unit: 200, reader: 200, none: 401, bogus: 401 },
  },
  {
    name: 'create unit',
    method: 'POST',
    path: '/units',
    body: { code: 'X1', name: '新单位一', kind: '镇' },
    expect: { admin: 201, unit: 403, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'update unit',
    method: 'PATCH',
    path: '/units/HM',
    body: { active: true },
    expect: { admin: 200, unit: 403, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'read quotas',
    method: 'GET',
    path: '/quotas/2026',
    expect: { admin: 200, unit: 200, reader: 200, none: 401, bogus: 401 },
  },
  {
    name: 'set quotas',
    method: 'PUT',
    path: '/quotas/2026',
    body: { quotas: [{ unitCode: 'HM', quota: 8 }] },
    expect: { admin: 200, unit: 403, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'dry-run own unit',
    method: 'POST',
    path: '/uploads?dryRun=true',
    body: upload('LJZ'),
    expect: { admin: 200, unit: 200, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'dry-run another unit',
    method: 'POST',
    path: '/uploads?dryRun=true',
    body: upload('HM'),
    expect: { admin: 200, unit: 403, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'upload history',
    method: 'GET',
    path: '/uploads',
    expect: { admin: 200, unit: 200, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'history of another unit',
    method: 'GET',
    path: '/uploads?unitCode=HM',
    expect: { admin: 200, unit: 403, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'ledger',
    method: 'GET',
    path: '/ledger',
    expect: { admin: 200, unit: 200, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'ledger of another unit',
    method: 'GET',
    path: '/ledger?unitCode=HM',
    expect: { admin: 200, unit: 403, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'summary',
    method: 'GET',
    path: '/summary?year=2026&month=3',
    expect: { admin: 200, unit: 200, reader: 200, none: 401, bogus: 401 },
  },
  {
    name: 'bulletins',
    method: 'GET',
    path: '/bulletins',
    expect: { admin: 200, unit: 200, reader: 200, none: 401, bogus: 401 },
  },
  {
    name: 'publish',
    method: 'POST',
    path: '/bulletins',
    body: { year: 2026, month: 3 },
    expect: { admin: 201, unit: 403, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'spot-check sample',
    method: 'POST',
    path: '/spot-checks/sample',
    body: { unitCode: 'LJZ', size: 3, seed: 's' },
    expect: { admin: 200, unit: 403, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'spot checks',
    method: 'GET',
    path: '/spot-checks',
    expect: { admin: 200, unit: 200, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'duplicates',
    method: 'GET',
    path: '/duplicates',
    expect: { admin: 200, unit: 200, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'assign a duplicate',
    method: 'PUT',
    path: '/duplicates/c%3A91310000MA1FL8XQ9K/assignment',
    body: { unitCode: 'HM', reason: '核实后指定' },
    expect: { admin: 404, unit: 403, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'revoke a duplicate assignment',
    method: 'DELETE',
    path: '/duplicates/c%3A91310000MA1FL8XQ9K/assignment',
    expect: { admin: 200, unit: 403, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'reporting',
    method: 'GET',
    path: '/reporting?year=2026&month=3',
    expect: { admin: 200, unit: 403, reader: 200, none: 401, bogus: 401 },
  },
  {
    name: 'subsidies',
    method: 'GET',
    path: '/subsidies?year=2026',
    expect: { admin: 200, unit: 200, reader: 200, none: 401, bogus: 401 },
  },
  {
    name: 'pay subsidies',
    method: 'POST',
    path: '/subsidies/payments',
    body: { year: 2026, orgKeys: [] },
    expect: { admin: 200, unit: 403, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'list tokens',
    method: 'GET',
    path: '/tokens',
    expect: { admin: 200, unit: 403, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'create token',
    method: 'POST',
    path: '/tokens',
    body: { role: 'reader', label: 'matrix' },
    expect: { admin: 201, unit: 403, reader: 403, none: 401, bogus: 401 },
  },
  {
    name: 'revoke token',
    method: 'DELETE',
    path: '/tokens/does-not-exist',
    expect: { admin: 404, unit: 403, reader: 403, none: 401, bogus: 401 },
  },
];

describe('role × route matrix', () => {
  // Each call comes from its own client address, so the failed-token limiter never interferes.
  let client = 0;
  for (const route of cases) {
    for (const role of ['admin', 'unit', 'reader', 'none', 'bogus'] as const) {
      it(`${route.name}: ${role} gets ${route.expect[role]}`, async () => {
        const response = await call(route.path, {
          token: tokens[role] ?? null,
          method: route.method,
          headers: { 'CF-Connecting-IP': `198.51.100.${++client % 250}` },
          ...(route.body === undefined ? {} : { body: route.body }),
        });
        expect(response.status).toBe(route.expect[role]);
        if (response.status >= 400) {
          const body = (await response.json()) as { error: { code: string; message: string } };
          const code = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' }[response.status];
          expect(body.error.code).toBe(code);
          expect(body.error.message.length).toBeGreaterThan(0);
        }
      });
    }
  }
});

describe('tokens', () => {
  it('shows the plain token once, stores only its hash, and revokes it', async () => {
    const created = await call('/tokens', { body: { role: 'reader', label: '自动刷新' } });
    const { token, record } = (await created.json()) as { token: string; record: { id: string } };
    expect(token).toMatch(/^tj_[A-Za-z0-9_-]{43}$/);
    const listed = await (await call('/tokens')).text();
    expect(listed).not.toContain(token);
    expect((await call('/me', { token })).status).toBe(200);
    expect((await call(`/tokens/${record.id}`, { method: 'DELETE' })).status).toBe(200);
    const after = await call('/me', { token });
    expect(after.status).toBe(401);
  });

  it('refuses a unit token without a unit', async () => {
    const response = await call('/tokens', { body: { role: 'unit', label: 'x' } });
    expect(response.status).toBe(400);
  });

  it('limits failed token attempts per client with a 429, and never refuses a valid token', async () => {
    const headers = { 'CF-Connecting-IP': '203.0.113.9' };
    const unit = await createToken('reader');
    for (let i = 0; i < 20; i++) {
      const wrong = await call('/me', { token: `wrong-${i}`, headers });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
    }
    const limited = await call('/me', { token: 'wrong-again', headers });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // The same office behind the same address: its valid tokens still work, the admin's and a reader's.
    expect((await call('/me', { headers })).status).toBe(200);
    expect((await call('/me', { token: unit, headers })).status).toBe(200);
    // Another client is not affected.
    expect(
      (await call('/me', { token: 'wrong', headers: { 'CF-Connecting-IP': '203.0.113.10' } })).status,
    ).toBe(401);
  });

  it('counts by the address Cloudflare gives, not by X-Forwarded-For a client writes', async () => {
    const base = { 'CF-Connecting-IP': '203.0.113.20' };
    for (let i = 0; i < 20; i++) {
      const response = await call('/me', {
        token: `wrong-${i}`,
        headers: { ...base, 'X-Forwarded-For': `198.51.100.${i}` },
      });
      expect(response.status).toBe(401);
    }
    const spoofed = await call('/me', {
      token: 'wrong',
      headers: { ...base, 'X-Forwarded-For': '198.51.100.99' },
    });
    expect(spoofed.status).toBe(429);
  });

  it('challenges a request without a token (401 WWW-Authenticate: Bearer), without counting it', async () => {
    const headers = { 'CF-Connecting-IP': '203.0.113.30' };
    for (let i = 0; i < 25; i++) {
      const missing = await call('/me', { token: null, headers });
      expect(missing.status).toBe(401);
      expect(missing.headers.get('WWW-Authenticate')).toBe('Bearer');
    }
    expect((await call('/me', { token: 'wrong', headers })).status).toBe(401);
  });
});

describe('CORS', () => {
  it('allows the configured add-in origin and no other', async () => {
    const allowed = await call('/health', { headers: { Origin: 'https://localhost:3000' } });
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('https://localhost:3000');
    const other = await call('/health', { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
