// Resilience: bad input of every kind changes nothing, failures roll back, retries and races count once.
import { env } from 'cloudflare:workers';
import { type Cell, type ColumnKey, SummarySchema, UploadResponseSchema } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../src/auth';
import { processUpload } from '../src/services/upload';
import { call, createToken, createUnits, establishedRow, plannedRow, setQuotas, upload } from './helpers';

/** A hash of every row of every table. */
async function databaseHash(): Promise<string> {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name",
  ).all<{ name: string }>();
  const dump: unknown[] = [];
  for (const { name } of tables) {
    const { results } = await env.DB.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    dump.push(name, results);
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(dump)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: {
      diagnostics?: { row: number | null; column: string | null; code: string; severity: string }[];
    };
  };
}

let unitToken: string;

beforeAll(async () => {
  await createUnits([
    { code: 'LJZ', name: '陆家嘴街道' },
    { code: 'HM', name: '花木街道' },
  ]);
  await setQuotas(2026, { LJZ: 6, HM: 6 });
  unitToken = await createToken('unit', 'LJZ');
  const seeded = await upload('LJZ', [establishedRow(0, 'LJZ'), plannedRow(1, 'LJZ')], { token: unitToken });
  expect(seeded.status).toBe(201);
});

/** One bad cell per column, each paired with the located diagnostic it must get. */
const BAD_CELLS: { column: ColumnKey; value: Cell; code: string }[] = [
  { column: 'orgName', value: '协', code: 'text.length' },
  { column: 'orgName', value: '=HYPERLINK("http://evil.example","点我")', code: 'text.formula' },
  { column: 'orgName', value: '浦东\uD800青年', code: 'text.malformed' },
  { column: 'creditCode', value: '91350100M000100Y44', code: 'creditCode.checkChar' },
  { column: 'orgType', value: 12, code: 'enum.invalid' },
  { column: 'unit', value: "' OR 1=1 --", code: 'unit.unknown' },
  { column: 'youthCount', value: '1; DROP TABLE organizations', code: 'integer.invalid' },
  { column: 'memberCount', value: true, code: 'integer.invalid' },
  { column: 'status', value: '已经建团了', code: 'enum.invalid' },
  { column: 'establishedOn', value: "2026-01-01' OR '1'='1", code: 'date.unrecognized' },
  { column: 'establishedOn', value: '3/4/2026', code: 'date.unrecognized' },
  { column: 'mode', value: '自由建团', code: 'enum.invalid' },
  { column: 'leagueOrgType', value: '团小组', code: 'enum.invalid' },
  { column: 'secretary', value: '@王芳', code: 'text.formula' },
  { column: 'phone', value: '12345', code: 'phone.invalid' },
  { column: 'hasPartyOrg', value: '也许', code: 'yesNo.invalid' },
  { column: 'checkedOn', value: '2026-13-45', code: 'date.unrecognized' },
  { column: 'checkResult', value: '不清楚', code: 'enum.invalid' },
  { column: 'note', value: '备\u0000注', code: 'text.malformed' },
];

describe('a corpus of bad input changes nothing', () => {
  for (const bad of BAD_CELLS) {
    it(`refuses ${bad.column} = ${JSON.stringify(bad.value)} with ${bad.code} on row 5`, async () => {
      const before = await databaseHash();
      const rows = [
        establishedRow(0, 'LJZ'),
        establishedRow(1, 'LJZ', { checkedOn: '2026-04-01', checkResult: '属实', [bad.column]: bad.value }),
      ];
      const response = await upload('LJZ', rows, { token: unitToken });
      expect(response.status).toBe(422);
      const body = (await response.json()) as ErrorBody;
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details?.diagnostics).toContainEqual(
        expect.objectContaining({ row: 5, column: bad.column, code: bad.code, severity: 'error' }),
      );
      expect(await databaseHash()).toBe(before);
    });
  }

  it('refuses an empty ledger (no rows) with sheet.empty', async () => {
    const before = await databaseHash();
    const response = await upload('LJZ', [], { token: unitToken });
    expect(response.status).toBe(422);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.details?.diagnostics?.[0]).toMatchObject({ row: null, code: 'sheet.empty' });
    expect(await databaseHash()).toBe(before);
  });

  const transportCases: { name: string; body: BodyInit; type: string; status: number; code: string }[] = [
    {
      name: 'malformed JSON',
      body: '{"unitCode":"LJZ","rows":[',
      type: 'application/json',
      status: 400,
      code: 'bad_request',
    },
    { name: 'a JSON array', body: '[1,2,3]', type: 'application/json', status: 400, code: 'bad_request' },
    {
      name: 'rows that are not rows',
      body: '{"unitCode":"LJZ","rows":[{"row":"x"}]}',
      type: 'application/json',
      status: 400,
      code: 'bad_request',
    },
    {
      name: 'a cell that is an object',
      body: '{"unitCode":"LJZ","rows":[{"row":4,"cells":{"orgName":{"$gt":""}}}]}',
      type: 'application/json',
      status: 400,
      code: 'bad_request',
    },
    {
      name: 'form data',
      body: 'unitCode=LJZ',
      type: 'application/x-www-form-urlencoded',
      status: 415,
      code: 'unsupported_media_type',
    },
    { name: 'plain text', body: 'hello', type: 'text/plain', status: 415, code: 'unsupported_media_type' },
  ];
  for (const bad of transportCases) {
    it(`refuses ${bad.name} with ${bad.status} ${bad.code}`, async () => {
      const before = await databaseHash();
      const response = await call('/uploads', {
        token: unitToken,
        rawBody: bad.body,
        headers: { 'Content-Type': bad.type },
      });
      expect(response.status).toBe(bad.status);
      const body = (await response.json()) as ErrorBody;
      expect(body.error.code).toBe(bad.code);
      expect(body.error.message.length).toBeGreaterThan(0);
      expect(await databaseHash()).toBe(before);
    });
  }

  it('refuses a body over the limit with 413 and changes nothing', async () => {
    const before = await databaseHash();
    const huge = JSON.stringify({ unitCode: 'LJZ', rows: [], padding: 'x'.repeat(17 * 1024 * 1024) });
    const response = await call('/uploads', {
      token: unitToken,
      rawBody: huge,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('payload_too_large');
    expect(await databaseHash()).toBe(before);
    // 17 MB through the runtime and a hash of the whole database twice: seconds when the machine is busy.
  }, 30_000);

  it('stores zero-width and RTL marks nowhere: they are normalized away, the name kept', async () => {
    const name = '\u200B浦东\u200F青年\u202E志愿者协会\uFEFF';
    const response = await upload('HM', [establishedRow(0, 'HM', { orgName: name })]);
    expect(response.status).toBe(201);
    const row = await env.DB.prepare("SELECT org_name FROM organizations WHERE unit_code = 'HM'").first<{
      org_name: string;
    }>();
    expect(row?.org_name).toBe('浦东青年志愿者协会');
  });

  it('keeps an SQL-looking name as plain text: parameters, never SQL', async () => {
    const name = "Robert'); DROP TABLE organizations;--";
    const response = await upload('HM', [establishedRow(0, 'HM', { orgName: name })], { expectRemoved: 1 });
    expect(response.status).toBe(201);
    const row = await env.DB.prepare("SELECT org_name FROM organizations WHERE unit_code = 'HM'").first<{
      org_name: string;
    }>();
    expect(row?.org_name).toBe(name);
  });
});

describe('faults and races', () => {
  it('rolls back a D1 failure midway through an upload, and the retry counts once', async () => {
    const before = await databaseHash();
    let failNext = true;
    const flaky = new Proxy(env.DB, {
      get(target, property) {
        if (property === 'batch') {
          return (statements: D1PreparedStatement[]) => {
            if (!failNext) return target.batch(statements);
            failNext = false;
            const middle = Math.floor(statements.length / 2);
            return target.batch([
              ...statements.slice(0, middle),
              target.prepare('SELECT raise_an_error_here()'),
              ...statements.slice(middle),
            ]);
          };
        }
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const caller: Caller = { tokenId: 'resilience', role: 'admin', unitCode: null, label: 'test' };
    const request = {
      unitCode: 'HM',
      rows: Array.from({ length: 40 }, (_, i) => establishedRow(i, 'HM')),
      reportYear: 2026,
      reportMonth: 10,
      expectRemoved: 1,
    };
    const options = {
      dryRun: false,
      idempotencyKey: 'flaky-1',
      now: new Date('2026-11-02T03:00:00Z'),
      lateAfterDay: 5,
    };
    await expect(processUpload(flaky, caller, request, options)).rejects.toThrow();
    expect(await databaseHash()).toBe(before);
    const retry = await processUpload(flaky, caller, request, options);
    expect(retry.created).toBe(true);
    const again = await processUpload(flaky, caller, request, options);
    expect(again.created).toBe(false);
    const uploads = await env.DB.prepare(
      "SELECT count(*) AS n FROM uploads WHERE idempotency_key = 'flaky-1'",
    ).first<{ n: number }>();
    expect(uploads?.n).toBe(1);
  });

  it('counts a storm of 25 retries with one Idempotency-Key once', async () => {
    const rows = Array.from({ length: 12 }, (_, i) =>
      establishedRow(i, 'LJZ', { establishedOn: `2026-02-0${(i % 9) + 1}` }),
    );
    const responses = await Promise.all(
      Array.from({ length: 25 }, () =>
        upload('LJZ', rows, { token: unitToken, key: 'storm-key', expectRemoved: 1 }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(24);
    const bodies = await Promise.all(
      responses.map(async (response) => UploadResponseSchema.parse(await response.json())),
    );
    expect(new Set(bodies.map((body) => body.uploadId)).size).toBe(1);
    const stored = await env.DB.prepare(
      "SELECT count(*) AS n FROM uploads WHERE idempotency_key = 'storm-key'",
    ).first<{ n: number }>();
    expect(stored?.n).toBe(1);
    const ledger = await env.DB.prepare(
      "SELECT count(*) AS n FROM organizations WHERE unit_code = 'LJZ'",
    ).first<{ n: number }>();
    expect(ledger?.n).toBe(12);
  });

  it('publishes a bulletin consistent with one order of two uploads and the publication', async () => {
    const counted = async () => {
      const response = await call('/summary?year=2026&month=10');
      const summary = SummarySchema.parse(((await response.json()) as { summary: unknown }).summary);
      return Object.fromEntries(summary.units.map((unit) => [unit.unitCode, unit.counted]));
    };
    // Baselines with names no other unit uses, so each unit's figure depends on its own ledger only.
    const baseline = (unit: string, prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) =>
        establishedRow(i, unit, { orgName: `${prefix}基线组织${i}`, establishedOn: '2026-09-01' }),
      );
    expect(
      (
        await upload('LJZ', baseline('LJZ', '陆家嘴', 2), {
          token: unitToken,
          reportMonth: 9,
          expectRemoved: 12,
        })
      ).status,
    ).toBe(201);
    expect(
      (await upload('HM', baseline('HM', '花木', 7), { reportMonth: 9, expectRemoved: 40 })).status,
    ).toBe(201);
    const before = await counted();
    expect([before.LJZ, before.HM]).toEqual([2, 7]);
    const ljzRows = Array.from({ length: 5 }, (_, i) =>
      establishedRow(i, 'LJZ', { orgName: `陆家嘴并发组织${i}`, establishedOn: '2026-10-08' }),
    );
    const hmRows = Array.from({ length: 3 }, (_, i) =>
      establishedRow(i, 'HM', { orgName: `花木并发组织${i}`, establishedOn: '2026-10-09' }),
    );
    const [a, b, published] = await Promise.all([
      upload('LJZ', ljzRows, { token: unitToken, reportMonth: 10, expectRemoved: 2 }),
      upload('HM', hmRows, { reportMonth: 10, expectRemoved: 7 }),
      call('/bulletins', { body: { year: 2026, month: 10 } }),
    ]);
    expect([a.status, b.status, published.status]).toEqual([201, 201, 201]);
    const after = await counted();
    const issue = (await published.json()) as { summary: unknown };
    const seen = SummarySchema.parse(issue.summary);
    // Each unit's figure in the bulletin is either before or after its own upload, never anything else,
    // and the totals are the sum of what the units show: one consistent snapshot.
    for (const unit of seen.units) {
      expect([before[unit.unitCode], after[unit.unitCode]]).toContain(unit.counted);
    }
    expect(seen.totals.counted).toBe(seen.units.reduce((sum, unit) => sum + unit.counted, 0));
    expect(after.LJZ).toBe(5);
    expect(after.HM).toBe(3);
  });
});
