// `npm run bench`: every figure of bench/README.md, written to bench/results/latest.{md,json}.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MAX_LEDGER_ROWS, MAX_UPLOAD_ROWS } from '@tuanjian/shared';
import { benchActivities } from './activities';
import { Api } from './api';
import { benchAssessment } from './assessment';
import { benchDistrict, benchPeriod, DISTRICT_ORGANIZATIONS, LedgerFactory, uploadRows } from './data';
import { seedDistrict } from './district';
import { loadFairShare, loadSummary, loadUploads, settle } from './load';
import { machineInfo } from './machine';
import { benchOffice } from './office';
import { RawLedgerDb } from './raw-sqlite';
import {
  type BenchResults,
  evaluateTargets,
  type PairedFirstUpload,
  type PairedRun,
  renderMarkdown,
} from './report';
import { benchScale } from './scale';
import { benchSummary } from './summary';
import { benchUploads, uploadStages } from './upload';
import { measureUploadHeap } from './upload-heap';
import { benchValidation } from './validation';
import { startWorker, type WorkerProcess } from './worker-process';

const root = path.resolve(import.meta.dirname, '..');
/** Only this port: others run their workers on 8787 and 8791. */
const quick = process.argv.includes('--quick');

/** Repeats per figure; --quick is a smoke run of the whole pipeline, not a measurement. */
const plan = quick
  ? {
      validation: [
        { rows: 1_000, repeats: 2 },
        { rows: 10_000, repeats: 2 },
        { rows: 50_000, repeats: 1 },
      ],
      uploads: [
        { rows: 1_000, repeats: 2 },
        { rows: 5_000, repeats: 2 },
        { rows: 20_000, repeats: 1 },
      ],
      summary: { json: 5, html: 3, publish: 2, raw: 5, reference: 5 },
      activities: 2,
      load: { summaryConnections: 50, uploadUnits: 10, durationS: 3 },
      scale: { units: 40, perUnit: 1_000, cold: 3, warm: 3 },
      heap: { sizes: [5_000], inParts: [], stepMb: 16 },
    }
  : {
      validation: [
        { rows: 1_000, repeats: 25 },
        { rows: 10_000, repeats: 11 },
        { rows: 50_000, repeats: 7 },
      ],
      uploads: [
        { rows: 1_000, repeats: 9 },
        { rows: 5_000, repeats: 7 },
        { rows: 20_000, repeats: 5 },
      ],
      summary: { json: 60, html: 20, publish: 7, raw: 60, reference: 30 },
      // Samples per 活动台账 figure, after a warm-up repeat: each repeat makes one dry run, and a unit token may
      // make 10 a minute (HEAVY_REQUESTS).
      activities: 5,
      load: { summaryConnections: 50, uploadUnits: 10, durationS: 20 },
      scale: { units: 40, perUnit: 5_000, cold: 20, warm: 20 },
      heap: { sizes: [5_000, MAX_UPLOAD_ROWS], inParts: [MAX_LEDGER_ROWS], stepMb: 2 },
    };

const started = performance.now();
function progress(message: string): void {
  console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
}

/** Today in Asia/Shanghai, as the worker dates uploads. */
function shanghaiToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The latest `npm run bench:baseline` results (bench/results/baseline.json, same-tree.json), if it has run. */
function readPaired(): PairedFirstUpload | null {
  const read = (name: string): PairedRun | null => {
    try {
      return JSON.parse(
        readFileSync(path.join(root, 'bench', 'results', `${name}.json`), 'utf8'),
      ) as PairedRun;
    } catch {
      return null;
    }
  };
  const againstBaseline = read('baseline');
  return againstBaseline ? { againstBaseline, sameTree: read('same-tree') } : null;
}

let worker: WorkerProcess | null = null;
/** One temporary directory per run: d1/ (wrangler's --persist-to), raw/ (the SQLite baseline), wrangler.log. */
let tempDir: string | null = null;
async function cleanUp(): Promise<void> {
  const running = worker;
  worker = null;
  await running?.stop();
  if (tempDir && process.env.BENCH_KEEP !== '1') rmSync(tempDir, { recursive: true, force: true });
  else if (tempDir) console.error(`kept ${tempDir}`);
  tempDir = null;
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the worker…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** Rows of each dry run a unit floods the worker with, in the fair-share figure. */
const FAIR_SHARE_ROWS = 5_000;

async function main(): Promise<void> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22)
    throw new Error(`Node ${process.version}: run through npm (npm run bench) to use the project's Node 22`);
  const now = new Date();
  const machine = machineInfo(root, now);
  const period = benchPeriod(now);
  const today = shanghaiToday(now);
  progress(
    `machine: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; period ${period.year}-${period.month}`,
  );

  const district = benchDistrict(period);
  const factory = new LedgerFactory(district.records);
  const uploader = district.units[0];
  const politeUnit = district.units[1];
  if (!uploader || !politeUnit) throw new Error('the demo district has fewer than two units');

  progress('sheet reading + validation (shared)…');
  const validation = benchValidation(factory, district.units, uploader, today, plan.validation);

  tempDir = mkdtempSync(path.join(os.tmpdir(), 'lbt-bench-'));
  const rawDir = path.join(tempDir, 'raw');
  mkdirSync(rawDir);
  const raw = await RawLedgerDb.create(root, rawDir);

  progress('starting wrangler dev on a free port…');
  worker = await startWorker(root, tempDir);
  const api = new Api(worker.base, worker.adminToken);
  let results: BenchResults;
  try {
    progress(
      `seeding ${district.units.length} units and ${DISTRICT_ORGANIZATIONS.toLocaleString('en-US')} organizations through the API…`,
    );
    const seedStart = performance.now();
    const seeded = await seedDistrict(api, district, period);
    const seedMs = performance.now() - seedStart;
    raw.loadDistrict(district, period, seeded.uploadedAt);

    progress('summary and bulletin latency…');
    const { figures, ...summary } = await benchSummary(api, seeded, raw, today, plan.summary);

    progress('活动台账: a 5,000-row activity sheet (dry run, upload, replay, 100 rows changed)…');
    const activities = await benchActivities(api, seeded, plan.activities);

    progress('年度考核 (GET /assessment)…');
    const assessment = await benchAssessment(api, seeded, plan.summary.json);

    progress('Office.js round trips (office-addin-mock)…');
    const office = await benchOffice(factory, district.units, uploader, today, figures);

    const { summaryConnections, uploadUnits, durationS } = plan.load;
    progress(`load: GET /summary at ${summaryConnections} connections for ${durationS} s…`);
    const loadSummaryFigure = await loadSummary(worker.base, seeded, summaryConnections, durationS);
    progress(`  backlog drained in ${Math.round((await settle(worker.base)) / 1000)} s`);
    progress(`load: ${uploadUnits} units uploading at once for ${durationS} s…`);
    const loadUploadFigure = await loadUploads(worker.base, seeded, uploadUnits, durationS);
    progress(`  backlog drained in ${Math.round((await settle(worker.base)) / 1000)} s`);

    progress(
      `fair share: a reader's summary while one unit floods ${FAIR_SHARE_ROWS.toLocaleString('en-US')}-row dry runs…`,
    );
    const fairShare = await loadFairShare(
      worker.base,
      seeded,
      {
        unitCode: uploader.code,
        unitToken: seeded.unitTokens.get(uploader.code) ?? '',
        adminToken: worker.adminToken,
        rows: uploadRows(factory.ledger(FAIR_SHARE_ROWS, uploader), district.units),
      },
      {
        unitCode: politeUnit.code,
        unitToken: seeded.unitTokens.get(politeUnit.code) ?? '',
        rows: uploadRows(factory.ledger(FAIR_SHARE_ROWS, politeUnit), district.units),
      },
      durationS,
    );

    progress('uploads end to end vs raw SQLite…');
    const stages = await uploadStages(raw, factory, district.units, period, today, 5_000);
    const uploads = await benchUploads(api, raw, factory, district.units, period, plan.uploads);

    results = {
      quick,
      machine,
      period,
      durationS: 0,
      seeding: {
        units: district.units.length,
        organizations: district.records.length,
        ledgerUploads: seeded.uploadMs.length,
        totalMs: seedMs,
      },
      validation,
      uploads,
      uploadStages: stages,
      summary,
      activities,
      assessment,
      office,
      load: { summary: loadSummaryFigure, uploads: loadUploadFigure, fairShare },
      scale: null,
      heap: [],
      paired: readPaired(),
      targets: [],
    };
  } finally {
    progress('stopping the worker…');
    raw.close();
    await cleanUp();
  }

  tempDir = mkdtempSync(path.join(os.tmpdir(), 'lbt-bench-scale-'));
  const { units: scaleUnits, perUnit } = plan.scale;
  progress(
    `scale: a fresh worker with ${scaleUnits} units × ${perUnit.toLocaleString('en-US')} organizations…`,
  );
  try {
    results.scale = await benchScale(root, tempDir, factory, period, plan.scale, progress);
  } finally {
    await cleanUp();
  }
  for (const rows of plan.heap.sizes) {
    progress(
      `peak heap of a ${rows.toLocaleString('en-US')}-row upload (worker code in Node, binary search)…`,
    );
    results.heap.push(measureUploadHeap(rows, { lo: 16, hi: 256, stepMb: plan.heap.stepMb }));
  }
  for (const rows of plan.heap.inParts) {
    progress(`peak heap of a ${rows.toLocaleString('en-US')}-row upload in parts (worker code in Node)…`);
    results.heap.push(
      measureUploadHeap(rows, { lo: 16, hi: 256, stepMb: plan.heap.stepMb, mode: 'in parts' }),
    );
  }
  results.durationS = (performance.now() - started) / 1000;
  results.targets = evaluateTargets(results);
  const markdown = renderMarkdown(results);
  const outDir = quick
    ? mkdtempSync(path.join(os.tmpdir(), 'lbt-bench-quick-'))
    : path.join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'latest.md'), markdown);
  console.log(`\n${markdown}`);
  progress(`written to ${quick ? outDir : path.relative(root, outDir)}/latest.{md,json}`);
}

main().catch(async (error: unknown) => {
  // After Ctrl+C the calls in flight fail as the worker goes away: that is not worth a stack trace.
  if (interrupted) return;
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await cleanUp();
  process.exit(1);
});
