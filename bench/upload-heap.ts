// Peak JS heap of the upload path: the worker's own app (Hono, zod, shared validation, the upload
// service) run in Node over node:sqlite with the worker's migrations, one upload of N rows per child
// process. A Worker isolate has 128 MB; the target is that a request stays under about 96 MB.
//
// Two figures per size, each from fresh child processes:
// - the smallest --max-old-space-size (MB) under which the child completes the upload (binary search):
//   V8 must fit the whole process heap, code and all, into that space;
// - the heap the process held before the request (after a warm-up upload and a full GC), so the
//   request's own share is the difference.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import type { Unit } from '@tuanjian/shared';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

export interface HeapFigure {
  rows: number;
  /** How the ledger went: one POST /uploads, or an upload in parts (a draft, its parts, dry run, upload). */
  mode: HeapMode;
  /** The request body as sent (UTF-8). */
  requestBytes: number;
  /** Smallest old-space limit (MB) under which the process completes the upload. */
  fitsInMb: number;
  /** Heap in use before the request, after warm-up and GC (MB). */
  baselineMb: number;
  /** fitsInMb − baselineMb: the request's own share (MB). */
  requestMb: number;
  /** Whether the upload was accepted (201) or refused (status and code), e.g. over the row cap. */
  outcome: string;
}

export type HeapMode = 'one request' | 'in parts';

interface ChildReport {
  ok: boolean;
  status: number;
  code: string | null;
  baselineBytes: number;
  requestBytes: number;
}

/** Runs one upload of `rows` rows in a child limited to `limitMb` of old space; null when it ran out. */
function runChild(rows: number, mode: HeapMode, limitMb: number): ChildReport | null {
  const result = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${limitMb}`,
      '--expose-gc',
      '--import',
      'tsx',
      path.join(here, 'upload-heap.ts'),
      '--child',
      String(rows),
      mode === 'in parts' ? 'parts' : 'one',
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1' }, maxBuffer: 1 << 20 },
  );
  const line = result.stdout.split('\n').find((text) => text.startsWith('{'));
  if (result.status !== 0 || !line) return null;
  return JSON.parse(line) as ChildReport;
}

/** The smallest limit (MB, to `stepMb`) under which the child completes, searched between lo and hi. */
export function measureUploadHeap(
  rows: number,
  options: { lo?: number; hi?: number; stepMb?: number; mode?: HeapMode } = {},
): HeapFigure {
  const mode = options.mode ?? 'one request';
  let lo = options.lo ?? 16;
  let hi = options.hi ?? 1024;
  const step = options.stepMb ?? 4;
  let best = runChild(rows, mode, hi);
  if (!best) throw new Error(`an upload of ${rows} rows did not complete even with ${hi} MB`);
  while (hi - lo > step) {
    const mid = Math.floor((lo + hi) / 2);
    const report = runChild(rows, mode, mid);
    if (report) {
      hi = mid;
      best = report;
    } else lo = mid;
  }
  const baselineMb = best.baselineBytes / 1048576;
  return {
    rows,
    mode,
    requestBytes: best.requestBytes,
    fitsInMb: hi,
    baselineMb,
    requestMb: hi - baselineMb,
    outcome: best.ok ? `${best.status}` : `${best.status} ${best.code ?? ''}`.trim(),
  };
}

type DataModule = Pick<typeof import('./data'), 'benchDistrict' | 'LedgerFactory' | 'uploadRows'>;

function requestBodies(
  rows: number,
  parts: boolean,
  unit: Unit,
  warm: Unit,
  data: DataModule,
  partRows: number,
): { warmBody: string; bodies: Uint8Array<ArrayBuffer>[] } {
  const encode = (value: object) => new TextEncoder().encode(JSON.stringify(value));
  const district = data.benchDistrict({ year: 2026, month: 10 });
  const factory = new data.LedgerFactory(district.records);
  const units = [...district.units, unit, warm];
  const warmBody = JSON.stringify({
    unitCode: warm.code,
    rows: data.uploadRows(factory.ledger(50, warm), units),
    reportYear: 2026,
    reportMonth: 10,
  });
  const ledger = data.uploadRows(factory.ledger(rows, unit), units);
  const bodies: Uint8Array<ArrayBuffer>[] = [];
  if (parts) {
    for (let start = 0; start < ledger.length; start += partRows)
      bodies.push(encode({ rows: ledger.slice(start, start + partRows) }));
  } else bodies.push(encode({ unitCode: unit.code, rows: ledger, reportYear: 2026, reportMonth: 10 }));
  return { warmBody, bodies };
}

async function child(rows: number, parts: boolean): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  // The worker's app, loaded by a path the bench's type check does not follow (the worker is checked
  // with its own Workers types; here it runs in Node over node:sqlite).
  const appPath: string = '@tuanjian/worker/app';
  const { createApp } = (await import(appPath)) as {
    createApp: () => {
      fetch: (request: Request, env: unknown, ctx: unknown) => Response | Promise<Response>;
    };
  };
  const { NodeD1 } = await import('./d1-node');
  const { benchDistrict, LedgerFactory, uploadRows } = await import('./data');
  const db = await NodeD1.withMigrations(root);
  const env = {
    DB: db,
    DISTRICT_NAME: '浦东新区',
    ISSUER: '共青团浦东新区委员会',
    ALLOWED_ORIGINS: '',
    LATE_AFTER_DAY: '5',
    ADMIN_TOKEN: 'heap-admin',
    PINNED_NOW: '2026-11-20T02:00:00Z',
  };
  const app = createApp();
  const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} };
  const send = async (path: string, body: object | Uint8Array<ArrayBuffer>, method = 'POST') =>
    app.fetch(
      new Request(`http://heap.test/api/v1${path}`, {
        method,
        headers: { Authorization: 'Bearer heap-admin', 'Content-Type': 'application/json' },
        body: body instanceof Uint8Array ? body : JSON.stringify(body),
      }),
      env,
      ctx,
    );
  const unit: Unit = { code: 'HEAP', name: '内存测试单位', kind: '其他', active: true };
  const warm: Unit = { code: 'WARM', name: '预热测试单位', kind: '其他', active: true };
  for (const each of [unit, warm]) await send('/units', each);

  // The request bodies, built before the baseline and held as bytes (as a request body arrives): the
  // whole ledger, or its parts. Built in a function of their own, so nothing else of it stays reachable.
  // The shared module after the app (the app loads @hono/zod-openapi first).
  const { MAX_PART_ROWS } = await import('@tuanjian/shared');
  const { warmBody, bodies } = requestBodies(
    rows,
    parts,
    unit,
    warm,
    { benchDistrict, LedgerFactory, uploadRows },
    MAX_PART_ROWS,
  );
  // Warm up every code path once (modules compiled, caches made), then measure from a collected heap.
  const warmAnswer = await send('/uploads', JSON.parse(warmBody) as object);
  if (warmAnswer.status !== 201)
    throw new Error(`warm-up upload: ${warmAnswer.status} ${await warmAnswer.text()}`);
  gc();
  gc();
  const baselineBytes = v8.getHeapStatistics().used_heap_size;
  let response: Response;
  if (parts) {
    const created = await send('/upload-drafts', {
      unitCode: unit.code,
      parts: bodies.length,
      rowCount: rows,
    });
    const { draftId } = (await created.json()) as { draftId: string };
    for (const [index, body] of bodies.entries()) {
      const put = await send(`/upload-drafts/${draftId}/parts/${index + 1}`, body, 'PUT');
      if (put.status !== 200) throw new Error(`part ${index + 1}: ${put.status} ${await put.text()}`);
      await put.arrayBuffer();
    }
    const commit = { unitCode: unit.code, draftId, reportYear: 2026, reportMonth: 10 };
    const dry = await send('/uploads?dryRun=true', commit);
    await dry.arrayBuffer();
    response = await send('/uploads', commit);
  } else response = await send('/uploads', bodies[0] ?? new Uint8Array());
  const text = await response.text();
  let code: string | null = null;
  if (response.status >= 400) {
    const parsed = JSON.parse(text) as { error?: { code?: string } };
    code = parsed.error?.code ?? null;
  }
  const report: ChildReport = {
    ok: response.status === 201,
    status: response.status,
    code,
    baselineBytes,
    requestBytes: bodies.reduce((sum, body) => sum + body.byteLength, 0),
  };
  console.log(JSON.stringify(report));
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
  child(Number(process.argv[childIndex + 1]), process.argv[childIndex + 2] === 'parts').catch(
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  // `npx tsx bench/upload-heap.ts 5000 20000 [--parts 50000]`: the figures alone.
  const args = process.argv.slice(2);
  const split = args.indexOf('--parts');
  const one = (split < 0 ? args : args.slice(0, split)).map(Number).filter((n) => n > 0);
  const inParts =
    split < 0
      ? []
      : args
          .slice(split + 1)
          .map(Number)
          .filter((n) => n > 0);
  for (const rows of one) console.log(JSON.stringify(measureUploadHeap(rows)));
  for (const rows of inParts) console.log(JSON.stringify(measureUploadHeap(rows, { mode: 'in parts' })));
}
