// Tokens: when each was last used (written at most every 10 minutes, never a write per request), and a
// deactivated unit: its tokens stop working and its ledger takes no upload, draft or restore, even from an admin.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { AccessTokensResponseSchema, CreatedTokenSchema } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import worker from '../src/index';
import { call, createUnits, establishedRow, pinnedEnv, upload } from './helpers';

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().min(1),
    details: z.object({ messageEn: z.string() }).passthrough().optional(),
  }),
});

const T0 = '2026-05-06T06:00:00.000Z';
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

async function issue(role: 'unit' | 'reader', unitCode: string | null, label: string) {
  const response = await call('/tokens', { body: { role, unitCode, label } });
  expect(response.status).toBe(201);
  return CreatedTokenSchema.parse(await response.json());
}

async function lastUsed(id: string): Promise<string | null | undefined> {
  const { tokens } = AccessTokensResponseSchema.parse(await (await call('/tokens')).json());
  return tokens.find((token) => token.id === id)?.lastUsedAt;
}

async function count(sql: string): Promise<number> {
  return (await env.DB.prepare(sql).first<{ n: number }>())?.n ?? -1;
}

/** The statements that write (INSERT, UPDATE, DELETE) a request prepares, through its D1 session. */
function countingDb(database: D1Database, writes: string[]): D1Database {
  const watch = (sql: string) => {
    if (/^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql)) writes.push(sql);
  };
  return new Proxy(database, {
    get(target, key) {
      if (key === 'prepare') {
        return (sql: string) => {
          watch(sql);
          return target.prepare(sql);
        };
      }
      if (key === 'withSession') {
        return (start?: string) => {
          const session = target.withSession(start);
          return {
            prepare: (sql: string) => {
              watch(sql);
              return session.prepare(sql);
            },
            batch: (statements: D1PreparedStatement[]) => session.batch(statements),
            getBookmark: () => session.getBookmark(),
          };
        };
      }
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function callCounting(
  path: string,
  token: string,
  now: string,
): Promise<{ status: number; writes: string[] }> {
  const writes: string[] = [];
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`http://tuanjian.test/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } }),
    { ...pinnedEnv(now), DB: countingDb(env.DB, writes) },
    ctx,
  );
  await response.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return { status: response.status, writes };
}

beforeAll(async () => {
  await createUnits([
    { code: 'TKA', name: '令牌甲街道' },
    { code: 'TKB', name: '令牌乙街道' },
  ]);
});

describe('when a token was last used', () => {
  it('is null until the token is used, then the time of its first request', async () => {
    const { token, record } = await issue('reader', null, '自动化');
    expect(record.lastUsedAt).toBeNull();
    expect(await lastUsed(record.id)).toBeNull();
    expect((await call('/me', { token, now: T0 })).status).toBe(200);
    expect(await lastUsed(record.id)).toBe(T0);
  });

  it('is written again only once it is 10 minutes old', async () => {
    const { token, record } = await issue('unit', 'TKA', '甲街道');
    await call('/me', { token, now: T0 });
    await call('/me', { token, now: plus(T0, 9) });
    expect(await lastUsed(record.id)).toBe(T0);
    await call('/me', { token, now: plus(T0, 10) });
    expect(await lastUsed(record.id)).toBe(plus(T0, 10));
  });

  it('does not turn GET /summary into a D1 write per request', async () => {
    const { token, record } = await issue('reader', null, '大屏');
    const first = await callCounting('/summary?year=2026&month=4', token, T0);
    expect(first.status).toBe(200);
    // The first use records the time: one UPDATE of tokens (plus whatever the summary itself writes).
    expect(first.writes.filter((sql) => sql.includes('last_used_at'))).toHaveLength(1);
    for (const minutes of [1, 2, 5, 9]) {
      const again = await callCounting('/summary?year=2026&month=4', token, plus(T0, minutes));
      expect(again.status).toBe(200);
      expect(again.writes).toEqual([]);
    }
    expect(await lastUsed(record.id)).toBe(T0);
  });

  it('is not recorded for a refused token', async () => {
    const { token, record } = await issue('reader', null, '将吊销');
    expect((await call(`/tokens/${record.id}`, { method: 'DELETE' })).status).toBe(200);
    const refused = await call('/me', { token, now: T0 });
    expect(refused.status).toBe(401);
    expect(await lastUsed(record.id)).toBeNull();
  });
});

describe('a deactivated unit', () => {
  let unitToken: string;
  let uploadId: string;
  let draftId: string;

  beforeAll(async () => {
    unitToken = (await issue('unit', 'TKB', '乙街道')).token;
    const first = await upload('TKB', [establishedRow(0, '令牌乙街道')], { token: unitToken, key: 'tkb-1' });
    expect(first.status, await first.clone().text()).toBe(201);
    uploadId = z.object({ uploadId: z.string() }).parse(await first.json()).uploadId;
    const draft = await call('/upload-drafts', { body: { unitCode: 'TKB', parts: 2, rowCount: 2 } });
    expect(draft.status).toBe(201);
    draftId = z.object({ draftId: z.string() }).parse(await draft.json()).draftId;
    expect((await call('/units/TKB', { method: 'PATCH', body: { active: false } })).status).toBe(200);
  });

  it('refuses its unit tokens with 403 unit_inactive and a clear message', async () => {
    const response = await call('/me', { token: unitToken });
    expect(response.status).toBe(403);
    const { error } = ErrorBody.parse(await response.json());
    expect(error.code).toBe('unit_inactive');
    expect(error.message).toBe('该单位已停用，令牌不再有效');
    expect(error.details?.messageEn).toMatch(/deactivated/);
    expect((await call('/summary?year=2026&month=4', { token: unitToken })).status).toBe(403);
  });

  it('refuses an upload, a dry run, a draft, a part and a restore even from an admin, writing nothing', async () => {
    const before = {
      uploads: await count('SELECT count(*) AS n FROM uploads'),
      orgs: await count("SELECT count(*) AS n FROM organizations WHERE unit_code = 'TKB'"),
      drafts: await count('SELECT count(*) AS n FROM upload_drafts'),
      parts: await count('SELECT count(*) AS n FROM upload_draft_parts'),
      audit: await count('SELECT count(*) AS n FROM audit_log'),
    };
    const rows = [establishedRow(0, '令牌乙街道'), establishedRow(1, '令牌乙街道')];
    const answers = [
      await upload('TKB', rows, { key: 'tkb-admin' }),
      await upload('TKB', rows, { dryRun: true }),
      await call('/upload-drafts', { body: { unitCode: 'TKB', parts: 1, rowCount: 2 } }),
      await call(`/upload-drafts/${draftId}/parts/1`, { method: 'PUT', body: { rows: rows.slice(0, 1) } }),
      await call(`/uploads/${uploadId}/restore`, { body: {}, headers: { 'Idempotency-Key': 'tkb-restore' } }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(409);
      const { error } = ErrorBody.parse(await answer.json());
      expect(error.code).toBe('unit_inactive');
      expect(error.message).toContain('令牌乙街道');
      expect(error.message).toContain('已停用');
    }
    expect({
      uploads: await count('SELECT count(*) AS n FROM uploads'),
      orgs: await count("SELECT count(*) AS n FROM organizations WHERE unit_code = 'TKB'"),
      drafts: await count('SELECT count(*) AS n FROM upload_drafts'),
      parts: await count('SELECT count(*) AS n FROM upload_draft_parts'),
      audit: await count('SELECT count(*) AS n FROM audit_log'),
    }).toEqual(before);
  });

  it('takes its tokens and uploads back once reactivated', async () => {
    expect((await call('/units/TKB', { method: 'PATCH', body: { active: true } })).status).toBe(200);
    expect((await call('/me', { token: unitToken })).status).toBe(200);
    const dryRun = await upload('TKB', [establishedRow(0, '令牌乙街道')], { token: unitToken, dryRun: true });
    expect(dryRun.status).toBe(200);
  });

  it('leaves the tokens of other units and roles working', async () => {
    const other = await issue('unit', 'TKA', '甲街道二');
    expect((await call('/units/TKB', { method: 'PATCH', body: { active: false } })).status).toBe(200);
    expect((await call('/me', { token: other.token })).status).toBe(200);
    expect((await call('/me')).status).toBe(200);
    expect((await call('/units/TKB', { method: 'PATCH', body: { active: true } })).status).toBe(200);
  });
});
