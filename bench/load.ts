// Load on `wrangler dev` with autocannon: readers hammering the summary, and units uploading at once.
import { performance } from 'node:perf_hooks';
import type { SheetRow } from '@tuanjian/shared';
import autocannon, { type Result } from 'autocannon';
import { type BenchPeriod, ledgersByUnit, uploadRows } from './data';
import type { SeededDistrict } from './district';

export interface LoadFigure {
  scenario: string;
  connections: number;
  durationS: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

/**
 * Waits until the worker answers /health quickly again: autocannon stops at the deadline but workerd
 * finishes the requests it has already accepted, and that backlog must not leak into the next figure.
 */
export async function settle(base: string, timeoutMs = 120_000): Promise<number> {
  const start = performance.now();
  let quick = 0;
  while (performance.now() - start < timeoutMs) {
    const sent = performance.now();
    try {
      const response = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(30_000) });
      await response.text();
      quick = performance.now() - sent < 50 ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    if (quick >= 3) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the worker was still busy ${timeoutMs / 1000} s after the load test`);
}

/** A client gives up on a request after this long; counted as an error. */
const TIMEOUT_S = 30;

function figure(scenario: string, durationS: number, result: Result): LoadFigure {
  return {
    scenario,
    connections: result.connections,
    durationS,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count]),
    ),
  };
}

export async function loadSummary(
  base: string,
  seeded: SeededDistrict,
  connections: number,
  durationS: number,
): Promise<LoadFigure> {
  const { year, month } = seeded.period;
  const result = await autocannon({
    url: `${base}/api/v1/summary?year=${year}&month=${month}`,
    connections,
    duration: durationS,
    timeout: TIMEOUT_S,
    headers: { Authorization: `Bearer ${seeded.readerToken}` },
  });
  return figure(`GET /summary, ${connections} connections`, durationS, result);
}

/** One upload body per request: the unit's whole ledger with one row's 备注 changed, so each one writes. */
function editedLedger(unitCode: string, rows: SheetRow[], period: BenchPeriod, edit: number): string {
  const [first, ...rest] = rows;
  const edited = first
    ? [{ ...first, cells: { ...first.cells, note: `基准测试第${edit}次修改` } }, ...rest]
    : rows;
  return JSON.stringify({ unitCode, rows: edited, reportYear: period.year, reportMonth: period.month });
}

export async function loadUploads(
  base: string,
  seeded: SeededDistrict,
  units: number,
  durationS: number,
): Promise<LoadFigure & { rowsPerUpload: number }> {
  const { district, period } = seeded;
  const ledgers = [...ledgersByUnit(district)]
    .filter(([, records]) => records.length > 0)
    .slice(0, units)
    .map(([unitCode, records]) => ({
      unitCode,
      token: seeded.unitTokens.get(unitCode) ?? '',
      rows: uploadRows(records, district.units),
    }));
  let next = 0;
  let edits = 0;
  const result = await autocannon({
    url: `${base}/api/v1/uploads`,
    method: 'POST',
    connections: ledgers.length,
    duration: durationS,
    timeout: TIMEOUT_S,
    setupClient: (client) => {
      const ledger = ledgers[next++ % ledgers.length];
      if (!ledger) return;
      const headers = { Authorization: `Bearer ${ledger.token}`, 'Content-Type': 'application/json' };
      client.setHeadersAndBody(headers, editedLedger(ledger.unitCode, ledger.rows, period, ++edits));
      client.on('response', () =>
        client.setBody(editedLedger(ledger.unitCode, ledger.rows, period, ++edits)),
      );
    },
  });
  const rowsPerUpload = Math.round(
    ledgers.reduce((sum, ledger) => sum + ledger.rows.length, 0) / Math.max(1, ledgers.length),
  );
  return {
    ...figure(`POST /uploads, ${ledgers.length} units at once`, durationS, result),
    rowsPerUpload,
  };
}

/** A reader's summary latency alone, and while one token floods dry runs from `flooders` connections. */
export interface FairShareFigure {
  rowsPerDryRun: number;
  flooders: number;
  alone: LoadFigure;
  /**
   * While the unit token asks for its own summary from `flooders` connections, over and over: what any requests
   * of a unit cost a reader on one local isolate, heavy or not (the floor the dry runs are judged against).
   * Absent in earlier results.
   */
  lightFlood?: { reader: LoadFigure; flood: LoadFigure };
  /**
   * While a unit token sends its dry runs from `flooders` clients at once, over and over, each client waiting as
   * a 429's Retry-After says (what any HTTP client that follows RFC 9110 does). Absent in earlier results.
   */
  unitClients?: { reader: LoadFigure; flood: LoadFigure };
  /** While a unit token floods and ignores every 429: fair share lets one of its dry runs run at a time. */
  unitFlood: { reader: LoadFigure; flood: LoadFigure };
  /** The same flood with the admin token, which fair share does not limit: what a unit's flood did before. */
  adminFlood: { reader: LoadFigure; flood: LoadFigure };
}

function readerLoad(
  base: string,
  seeded: SeededDistrict,
  durationS: number,
  token = seeded.readerToken,
  connections = 2,
) {
  const { year, month } = seeded.period;
  return autocannon({
    url: `${base}/api/v1/summary?year=${year}&month=${month}`,
    connections,
    duration: durationS,
    timeout: TIMEOUT_S,
    headers: { Authorization: `Bearer ${token}` },
  });
}

function floodLoad(base: string, token: string, body: string, connections: number, durationS: number) {
  return autocannon({
    url: `${base}/api/v1/uploads?dryRun=true`,
    method: 'POST',
    connections,
    duration: durationS,
    timeout: TIMEOUT_S,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body,
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * `connections` clients each sending the same dry run over and over for `durationS`, and waiting as long as a
 * 429's Retry-After says before the next (but not past the end). autocannon cannot wait, hence fetch.
 */
async function clientsLoad(
  base: string,
  token: string,
  body: string,
  connections: number,
  durationS: number,
): Promise<LoadFigure> {
  const end = performance.now() + durationS * 1000;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  const client = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      let wait = 0;
      try {
        const response = await fetch(`${base}/api/v1/uploads?dryRun=true`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body,
          signal: AbortSignal.timeout(TIMEOUT_S * 1000),
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - sent);
        statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1;
        if (response.status === 429) wait = Number(response.headers.get('Retry-After') ?? '1') * 1000;
      } catch {
        errors++;
      }
      const left = end - performance.now();
      if (wait > 0 && left > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait, left)));
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  latencies.sort((a, b) => a - b);
  const requests = latencies.length + errors;
  return {
    scenario: '',
    connections,
    durationS,
    requests,
    requestsPerSecond: requests / durationS,
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
    maxMs: Math.round(latencies.at(-1) ?? 0),
    errors,
    timeouts: 0,
    non2xx: Object.entries(statusCodes)
      .filter(([code]) => !code.startsWith('2'))
      .reduce((sum, [, count]) => sum + count, 0),
    statusCodes,
  };
}

/**
 * Fair share (issue 14): a reader's GET /summary p50/p99 alone, then while one unit token sends dry runs of
 * `rows` rows from 4 connections at once, then the same flood with the admin token (not limited).
 */
export async function loadFairShare(
  base: string,
  seeded: SeededDistrict,
  flood: { unitCode: string; unitToken: string; adminToken: string; rows: SheetRow[] },
  /** Another unit, for the polite clients: its own per-minute limit, untouched by the flood. */
  clients: { unitCode: string; unitToken: string; rows: SheetRow[] },
  durationS: number,
): Promise<FairShareFigure> {
  const flooders = 4;
  const dryRunBody = (unitCode: string, rows: SheetRow[]) =>
    JSON.stringify({ unitCode, rows, reportYear: seeded.period.year, reportMonth: seeded.period.month });
  const body = dryRunBody(flood.unitCode, flood.rows);
  const alone = figure('reader GET /summary, alone', durationS, await readerLoad(base, seeded, durationS));
  await settle(base);
  const [lightReader, lightFlood] = await Promise.all([
    readerLoad(base, seeded, durationS),
    readerLoad(base, seeded, durationS, flood.unitToken, flooders),
  ]);
  await settle(base);
  const light = {
    reader: figure(
      'reader GET /summary, while a unit token asks for the summary over and over',
      durationS,
      lightReader,
    ),
    flood: figure(`unit token: ${flooders} summaries at once, over and over`, durationS, lightFlood),
  };
  const flooded = async (token: string, who: string) => {
    const [reader, dryRuns] = await Promise.all([
      readerLoad(base, seeded, durationS),
      floodLoad(base, token, body, flooders, durationS),
    ]);
    await settle(base);
    return {
      reader: figure(
        `reader GET /summary, while the ${who} token floods dry runs, 429s ignored`,
        durationS,
        reader,
      ),
      flood: figure(`${who} token: ${flooders} dry runs at once, over and over`, durationS, dryRuns),
    };
  };
  const [clientsReader, clientsFlood] = await Promise.all([
    readerLoad(base, seeded, durationS),
    clientsLoad(base, clients.unitToken, dryRunBody(clients.unitCode, clients.rows), flooders, durationS),
  ]);
  await settle(base);
  const unitClients = {
    reader: figure(
      'reader GET /summary, while a unit’s clients send dry runs as fast as allowed',
      durationS,
      clientsReader,
    ),
    flood: {
      ...clientsFlood,
      scenario: `unit token: ${flooders} clients sending dry runs, waiting as Retry-After says`,
    },
  };
  const unitFlood = await flooded(flood.unitToken, 'unit');
  const adminFlood = await flooded(flood.adminToken, 'admin (not limited)');
  return {
    rowsPerDryRun: flood.rows.length,
    flooders,
    alone,
    lightFlood: light,
    unitClients,
    unitFlood,
    adminFlood,
  };
}
