// Test helpers: call the worker through its real fetch handler on a pinned clock, make tokens, units and rows.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { Cell, ColumnKey, SheetRow } from '@tuanjian/shared';
import worker from '../src/index';
import type { Bindings } from '../src/types';

export const ADMIN = 'test-admin-token';

/**
 * The suite's "now" when a test does not pin its own: set per run by the vitest config (TEST_NOW), so
 * the suite is run on several dates and never reads the wall clock. Always after every date the
 * tests' data uses (2026).
 */
export const TEST_NOW: string = (env as { TEST_NOW?: string }).TEST_NOW ?? '2026-11-20T02:00:00Z';

/** The bindings a request sees: the test's env with the clock pinned. */
export function pinnedEnv(now: string = TEST_NOW): Bindings {
  return { ...(env as Bindings), PINNED_NOW: now };
}

/** Sends a request to the worker's own fetch handler with the clock pinned to `now`. */
export async function fetchWorker(request: Request, now: string = TEST_NOW): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, pinnedEnv(now), ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

export interface CallOptions {
  token?: string | null;
  method?: string;
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
  /** The request's "now" (ISO); the suite's TEST_NOW by default. */
  now?: string;
}

export async function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? ADMIN : options.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const request = new Request(`http://tuanjian.test/api/v1${path}`, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  return fetchWorker(request, options.now);
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export async function createUnits(
  units: { code: string; name: string; kind?: string }[],
  now?: string,
): Promise<void> {
  for (const unit of units) {
    const response = await call('/units', {
      body: { kind: '街道', active: true, ...unit },
      ...(now ? { now } : {}),
    });
    if (response.status !== 201)
      throw new Error(`unit ${unit.code}: ${response.status} ${await response.text()}`);
  }
}

export async function setQuotas(year: number, quotas: Record<string, number>, now?: string): Promise<void> {
  const response = await call(`/quotas/${year}`, {
    method: 'PUT',
    body: { quotas: Object.entries(quotas).map(([unitCode, quota]) => ({ unitCode, quota })) },
    ...(now ? { now } : {}),
  });
  if (response.status !== 200) throw new Error(`quotas: ${response.status} ${await response.text()}`);
}

export async function createToken(
  role: 'admin' | 'unit' | 'reader',
  unitCode: string | null = null,
): Promise<string> {
  const response = await call('/tokens', {
    body: { role, unitCode, label: `${role} ${unitCode ?? ''}`.trim() },
  });
  if (response.status !== 201) throw new Error(`token: ${response.status} ${await response.text()}`);
  return (await json<{ token: string }>(response)).token;
}

/** A valid 已建团 row; override any cell. Row numbers start at 4 (two title rows and a header). */
export function establishedRow(
  index: number,
  unit: string,
  overrides: Partial<Record<ColumnKey, Cell>> = {},
): SheetRow {
  return {
    row: index + 4,
    cells: {
      orgName: `测试青年社会组织${index + 1}号`,
      orgType: '未登记青年自组织',
      unit,
      youthCount: 20,
      memberCount: 5,
      status: '已建团',
      establishedOn: '2026-03-10',
      mode: '独立建团',
      leagueOrgType: '团支部',
      secretary: '张伟',
      phone: '13812345678',
      ...overrides,
    },
  };
}

export function plannedRow(
  index: number,
  unit: string,
  overrides: Partial<Record<ColumnKey, Cell>> = {},
): SheetRow {
  return {
    row: index + 4,
    cells: {
      orgName: `筹建青年社会组织${index + 1}号`,
      orgType: '社会团体',
      unit,
      youthCount: 10,
      memberCount: 1,
      status: '筹建中',
      ...overrides,
    },
  };
}

export async function upload(
  unitCode: string,
  rows: SheetRow[],
  options: {
    token?: string;
    dryRun?: boolean;
    key?: string;
    reportYear?: number;
    reportMonth?: number;
    /** How many removals the sender confirms (the dry run's figure). */
    expectRemoved?: number;
    /** The ledger version the upload is built on, sent as If-Match. */
    ifMatch?: number;
    now?: string;
  } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.key) headers['Idempotency-Key'] = options.key;
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  return call(`/uploads${options.dryRun ? '?dryRun=true' : ''}`, {
    token: options.token ?? ADMIN,
    body: {
      unitCode,
      rows,
      reportYear: options.reportYear ?? 2026,
      reportMonth: options.reportMonth ?? 3,
      ...(options.expectRemoved === undefined ? {} : { expectRemoved: options.expectRemoved }),
    },
    headers,
    ...(options.now ? { now: options.now } : {}),
  });
}

/** The longest value in any column of any table (D1 caps a value at 2 MB; the ledger keeps under 1 MB). */
export async function largestStoredValue(): Promise<number> {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  let largest = 0;
  for (const { name } of tables) {
    const { results: columns } = await env.DB.prepare(`SELECT name FROM pragma_table_info('${name}')`).all<{
      name: string;
    }>();
    for (const column of columns) {
      const row = await env.DB.prepare(
        `SELECT coalesce(max(length(CAST("${column.name}" AS BLOB))), 0) AS n FROM "${name}"`,
      ).first<{ n: number }>();
      largest = Math.max(largest, row?.n ?? 0);
    }
  }
  return largest;
}
