// The custom functions against a fake server: the figures of GET /summary, one request per month however many
// formulas ask, and failures as Excel errors with a readable message.
import { type LedgerRecord, renderBulletin, type Summary, summarize, type Unit } from '@tuanjian/shared';
import { generateDemoDistrict } from '@tuanjian/shared/demo';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONNECTION_KEY, type KeyValueStore } from '../ui/state';
import { createFigures, DEFAULT_TTL_MS, storedConnection } from './figures';
import {
  CUSTOM_FUNCTIONS,
  configureFunctions,
  counted,
  district,
  newThisMonth,
  quota,
  rank,
  rate,
  registerCustomFunctions,
  state,
} from './functions';

const SERVER = 'https://tj.example.cn';
/** 15 July 2026 in Shanghai: the previous month, every default, is June 2026. */
const NOW = new Date('2026-07-15T04:00:00Z');

const demo = generateDemoDistrict({ year: 2026, throughMonth: 6 });
/** A unit set up this year: in the table, no quota, so no rate or rank. */
const unitWithoutQuota: Unit = { code: 'XQ01', name: '新区筹建园区', kind: '园区', active: true };
const units = [...demo.units, unitWithoutQuota];
const ledger: LedgerRecord[] = demo.records.map((record) => ({
  ...record,
  firstReportedAt: '2026-07-01T02:00:00Z',
}));

function summaryOf(year: number, month: number): Summary {
  return summarize(ledger, {
    district: demo.district,
    units,
    quotas: demo.quotas,
    year,
    month,
    today: '2026-07-15',
  });
}

/** Mocking what cannot run here: Excel's custom functions runtime (its Error class and codes). */
class FakeCustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
const ErrorCode = { invalidValue: '#VALUE!', notAvailable: '#N/A' };

interface FakeServer {
  fetch: typeof fetch;
  /** Every request's path and query, in order. */
  requests: string[];
  /** What the next requests get instead of a summary. */
  failWith: 'network' | 'unauthorized' | null;
}

function fakeServer(): FakeServer {
  const server: FakeServer = {
    requests: [],
    failWith: null,
    fetch: async (input) => {
      const url = new URL(String(input));
      server.requests.push(`${url.pathname}${url.search}`);
      // An answer takes a while: formulas keep arriving meanwhile.
      await new Promise((done) => setTimeout(done, 5));
      if (server.failWith === 'network') throw new TypeError('Failed to fetch');
      if (server.failWith === 'unauthorized') {
        return Response.json(
          { error: { code: 'unauthorized', message: '令牌无效或已被吊销' } },
          { status: 401 },
        );
      }
      const summary = summaryOf(Number(url.searchParams.get('year')), Number(url.searchParams.get('month')));
      const bulletin = renderBulletin(summary, {
        issueNumber: null,
        date: '2026-07-15',
        issuer: '共青团浦东新区委员会',
      });
      return Response.json({ summary, bulletin });
    },
  };
  return server;
}

function memoryStore(entries: Record<string, string> = {}): KeyValueStore {
  const map = new Map(Object.entries(entries));
  return {
    getItem: async (key) => map.get(key) ?? null,
    setItem: async (key, value) => {
      map.set(key, value);
    },
    removeItem: async (key) => {
      map.delete(key);
    },
  };
}

let server: FakeServer;
let clock: number;

/** The functions as Excel calls them, on the connection the pane remembered (`token` null: not remembered). */
function useConnection(token: string | null): void {
  const stores = [memoryStore({ [CONNECTION_KEY]: JSON.stringify({ serverUrl: SERVER, token }) })];
  configureFunctions({
    figures: createFigures({ connection: storedConnection(stores, server.fetch), now: () => clock }),
    now: () => NOW,
    lang: () => 'zh-CN',
  });
}

async function excelErrorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error: unknown = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(FakeCustomFunctionsError);
  if (!(error instanceof FakeCustomFunctionsError)) throw new Error('not an Excel error');
  return { code: error.code, message: error.message };
}

beforeEach(() => {
  vi.stubGlobal('CustomFunctions', { Error: FakeCustomFunctionsError, ErrorCode, associate: vi.fn() });
  server = fakeServer();
  clock = 1_000_000;
  useConnection('tj_unit_token');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const june = summaryOf(2026, 6);
const ranked = june.units.filter((unit) => unit.rate !== null && unit.counted > 0);

describe('custom functions: requests', () => {
  it('answers 300 concurrent RATE and COUNTED formulas for one month with one request', async () => {
    const formulas = Array.from({ length: 300 }, (_, index) => {
      const unit = ranked[index % ranked.length];
      if (!unit) throw new Error('the demo has ranked units');
      return index % 2 === 0 ? rate(unit.unitName, 2026, 6) : counted(unit.unitName, 2026, 6);
    });
    const values = await Promise.all(formulas);

    expect(server.requests).toEqual(['/api/v1/summary?year=2026&month=6']);
    values.forEach((value, index) => {
      const unit = ranked[index % ranked.length];
      expect(value).toBe(index % 2 === 0 ? unit?.rate : unit?.counted);
    });
  });

  it('asks once more for another month, and again once the 30 s cache has expired', async () => {
    const unit = ranked[0]?.unitName ?? '';
    await Promise.all([rate(unit, 2026, 6), counted(unit, 2026, 6)]);
    await Promise.all(Array.from({ length: 50 }, () => rate(unit, 2026, 3)));
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]).toBe('/api/v1/summary?year=2026&month=3');

    clock += DEFAULT_TTL_MS - 1;
    await rate(unit, 2026, 6);
    expect(server.requests).toHaveLength(2);
    clock += 1;
    await Promise.all([rate(unit, 2026, 6), rate(unit, 2026, 6)]);
    expect(server.requests).toHaveLength(3);
  });

  it('shares one failed request among the formulas of a recalculation, and asks again at the next one', async () => {
    server.failWith = 'network';
    const unit = ranked[0]?.unitName ?? '';
    const errors = await Promise.all(Array.from({ length: 300 }, () => excelErrorOf(rate(unit, 2026, 6))));
    expect(server.requests).toHaveLength(1);
    expect(new Set(errors.map((error) => `${error.code} ${error.message}`))).toEqual(
      new Set(['#N/A 无法连接服务器：请检查网络或确认服务器已启动，然后重新计算']),
    );

    server.failWith = null;
    expect(await rate(unit, 2026, 6)).toBe(ranked[0]?.rate);
    expect(server.requests).toHaveLength(2);
  });
});

describe('custom functions: figures', () => {
  it('gives the summary’s figures: rate as a number, quota, rank, state, counted, new this month', async () => {
    const unit = ranked.find((candidate) => candidate.newThisMonth > 0) ?? ranked[0];
    if (!unit) throw new Error('the demo has ranked units');
    const name = unit.unitName;
    expect(typeof (await rate(name, 2026, 6))).toBe('number');
    expect(await rate(name, 2026, 6)).toBe(unit.rate);
    expect(await quota(name, 2026, 6)).toBe(unit.quota);
    expect(await rank(name, 2026, 6)).toBe(unit.rank);
    expect(await state(name, 2026, 6)).toBe(unit.state);
    expect(await counted(name, 2026, 6)).toBe(unit.counted);
    expect(await newThisMonth(name, 2026, 6)).toBe(unit.newThisMonth);
    expect(await district('counted', 2026, 6)).toBe(june.totals.counted);
    expect(await district('完成率', 2026, 6)).toBe(june.totals.rate);
    expect(await district(' Quota ', 2026, 6)).toBe(june.totals.quota);
    expect(server.requests).toHaveLength(1);
  });

  it('takes a unit by its code in any case, and defaults to the previous month', async () => {
    const unit = ranked[1];
    if (!unit) throw new Error('the demo has ranked units');
    // Excel passes omitted optional arguments as null.
    const omitted = null as unknown as undefined;
    expect(await counted(unit.unitCode.toLowerCase(), omitted, omitted)).toBe(unit.counted);
    expect(await counted(`  ${unit.unitName} `)).toBe(unit.counted);
    expect(server.requests).toEqual(['/api/v1/summary?year=2026&month=6']);

    await counted(unit.unitName, 2025);
    expect(server.requests[1]).toBe('/api/v1/summary?year=2025&month=12');
  });

  it('answers #N/A for the rate, quota and rank of a unit without a quota, and its count as usual', async () => {
    const noQuota = `${unitWithoutQuota.name}未设2026年度指标，没有完成率和排名`;
    expect(await excelErrorOf(rate(unitWithoutQuota.name, 2026, 6))).toEqual({
      code: '#N/A',
      message: noQuota,
    });
    expect(await excelErrorOf(rank(unitWithoutQuota.code, 2026, 6))).toEqual({
      code: '#N/A',
      message: noQuota,
    });
    expect(await excelErrorOf(quota(unitWithoutQuota.code, 2026, 6))).toEqual({
      code: '#N/A',
      message: noQuota,
    });
    expect(await counted(unitWithoutQuota.name, 2026, 6)).toBe(0);
  });
});

describe('custom functions: errors', () => {
  it('answers #VALUE! naming an unknown unit, without listing every unit', async () => {
    expect(await excelErrorOf(rate('不存在街道', 2026, 6))).toEqual({
      code: '#VALUE!',
      message: '找不到单位“不存在街道”：请填写单位全称或代码',
    });
    const long = await excelErrorOf(counted('某'.repeat(200), 2026, 6));
    expect(long.message.length).toBeLessThan(60);
    expect(await excelErrorOf(counted('', 2026, 6))).toEqual({
      code: '#VALUE!',
      message: '请填写单位名称或代码',
    });
  });

  it('answers #VALUE! for a bad year or month, and asks the server nothing', async () => {
    expect(await excelErrorOf(rate('陆家嘴街道', 2026, 13))).toEqual({
      code: '#VALUE!',
      message: '月份“13”无效：应为 1–12 之间的整数',
    });
    expect((await excelErrorOf(rate('陆家嘴街道', 26, 3))).code).toBe('#VALUE!');
    expect((await excelErrorOf(district('总数', 2026, 3))).message).toContain(
      '未知的汇总项“总数”：可用 quota, counted',
    );
    expect(server.requests).toEqual([]);
  });

  it('answers #N/A 未连接服务器 when the pane has no connection to use', async () => {
    useConnection(null);
    expect(await excelErrorOf(rate('陆家嘴街道', 2026, 6))).toEqual({
      code: '#N/A',
      message: '未连接服务器：请先在任务窗格中连接',
    });
    expect(server.requests).toEqual([]);
  });

  it('answers #N/A asking to reconnect when the token is refused', async () => {
    server.failWith = 'unauthorized';
    expect(await excelErrorOf(counted('陆家嘴街道', 2026, 6))).toEqual({
      code: '#N/A',
      message: '访问令牌无效或已被吊销：请在任务窗格中重新连接',
    });
  });

  it('speaks English when the pane does', async () => {
    configureFunctions({ lang: () => 'en' });
    expect((await excelErrorOf(rate('不存在街道', 2026, 6))).message).toBe(
      'No unit “不存在街道”: use the unit’s full name or code',
    );
  });
});

describe('registerCustomFunctions', () => {
  it('binds every function to its id in functions.json', () => {
    const associate = vi.fn();
    vi.stubGlobal('CustomFunctions', { Error: FakeCustomFunctionsError, ErrorCode, associate });
    expect(registerCustomFunctions()).toBe(true);
    expect(associate.mock.calls.map(([id]) => id)).toEqual(Object.keys(CUSTOM_FUNCTIONS));
    expect(associate).toHaveBeenCalledWith('RATE', rate);
  });

  it('does nothing where there is no custom functions runtime (a plain browser)', () => {
    vi.unstubAllGlobals();
    expect(registerCustomFunctions()).toBe(false);
  });
});
