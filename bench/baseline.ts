// `npm run bench:baseline`: the full new 5,000-row upload of this tree against the code before the
// versioned ledger (8a47200, where the 239 ms target was measured), paired on the same machine.
//
// The machine is shared and its speed drifts by 1.5–2.7× between hours (the same old code measured
// 239 ms on 2026-11-26 and 369–504 ms on 2026-12-02), so an absolute figure from another day cannot
// say whether a change made uploads slower. This script builds the old tree beside this one (git
// archive + npm ci, from the npm registry only), then runs the same measurement in each tree in turn,
// ABBA, each in a fresh worker on a free port: every pair is run within a minute, and the ratio of each
// pair is what is judged. Results: bench/results/baseline.{md,json}.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machineInfo } from './machine';
import { median } from './stats';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
function option(name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? (args[at + 1] as string) : fallback;
}
/** The last commit before the versioned ledger; issue 9 measured the 239 ms on it. */
const BASELINE_REF = '8a47200';
const ref = option('ref', BASELINE_REF);
const pairs = Number(option('pairs', '4'));
const repeats = Number(option('repeats', '7'));
const rows = Number(option('rows', '5000'));
/** Results go to bench/results/<out>.{md,json}; `--ref HEAD --out same-tree` measures the noise (this tree against itself). */
const out = option('out', 'baseline');

/**
 * Run inside a tree (cwd = that tree, `--import tsx`): a worker of that tree on a free port, the bench
 * district seeded, then that tree's own benchUploads for one size. It prints one JSON line. Written to
 * work with both trees: the old startWorker also took a port.
 */
const DRIVER = `
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const [tree, rows, repeats] = process.argv.slice(2);
const load = (name) => import(pathToFileURL(path.join(tree, 'bench', name + '.ts')).href);
const { Api } = await load('api');
const { benchDistrict, benchPeriod, LedgerFactory } = await load('data');
const { seedDistrict } = await load('district');
const { RawLedgerDb } = await load('raw-sqlite');
const { benchUploads } = await load('upload');
const { startWorker } = await load('worker-process');
const freePort = () => new Promise((done) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => done(port));
  });
});
const period = benchPeriod(new Date());
const district = benchDistrict(period);
const dir = mkdtempSync(path.join(os.tmpdir(), 'lbt-baseline-run-'));
mkdirSync(path.join(dir, 'raw'));
const raw = await RawLedgerDb.create(tree, path.join(dir, 'raw'));
const worker = startWorker.length >= 3 ? await startWorker(tree, await freePort(), dir) : await startWorker(tree, dir);
try {
  await seedDistrict(new Api(worker.base, worker.adminToken), district, period);
  const api = new Api(worker.base, worker.adminToken);
  const [figure] = await benchUploads(api, raw, new LedgerFactory(district.records), district.units, period, [
    { rows: Number(rows), repeats: Number(repeats) },
  ]);
  console.log('RESULT ' + JSON.stringify({ first: figure.samplesMs.first, rawFirst: figure.samplesMs.rawFirst }));
} finally {
  await worker.stop();
  rmSync(dir, { recursive: true, force: true });
}
`;

function run(command: string, commandArgs: string[], cwd: string): string {
  const result = spawnSync(command, commandArgs, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', DO_NOT_TRACK: '1' },
  });
  if (result.status !== 0)
    throw new Error(
      `${command} ${commandArgs.join(' ')} (in ${cwd}) failed:\n${result.stdout}\n${result.stderr}`,
    );
  return result.stdout;
}

interface TreeRun {
  tree: 'baseline' | 'this tree';
  firstMs: number;
  samplesMs: number[];
}

function measure(tree: string, label: TreeRun['tree'], driver: string): TreeRun {
  const output = run(
    process.execPath,
    ['--import', 'tsx', driver, tree, String(rows), String(repeats)],
    tree,
  );
  const line = output.split('\n').find((each) => each.startsWith('RESULT '));
  if (!line) throw new Error(`no result from ${label}:\n${output}`);
  const { first } = JSON.parse(line.slice('RESULT '.length)) as { first: number[] };
  return { tree: label, firstMs: median(first), samplesMs: first };
}

const started = Date.now();
function progress(message: string): void {
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'lbt-baseline-'));
try {
  const machine = machineInfo(root, new Date());
  const baseline = path.join(work, 'baseline');
  mkdirSync(baseline);
  progress(`unpacking ${ref} into ${baseline} (git archive)…`);
  const commit = run('git', ['rev-parse', '--short', `${ref}^{commit}`], root).trim();
  const archive = spawnSync('git', ['archive', '--format=tar', commit], { cwd: root, maxBuffer: 512 << 20 });
  if (archive.status !== 0) throw new Error(`git archive ${commit} failed: ${archive.stderr}`);
  spawnSync('tar', ['-x', '-C', baseline], { input: archive.stdout });
  progress('npm ci in the baseline tree (npm registry only)…');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], baseline);
  const driver = path.join(work, 'driver.mjs');
  writeFileSync(driver, DRIVER);

  const runs: { baseline: TreeRun; current: TreeRun; ratio: number }[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    // ABBA: the tree that goes first alternates, so a drift within a pair favours neither.
    const order =
      pair % 2 === 0 ? (['baseline', 'this tree'] as const) : (['this tree', 'baseline'] as const);
    const measured: Partial<Record<TreeRun['tree'], TreeRun>> = {};
    for (const label of order) {
      progress(`pair ${pair + 1}/${pairs}: ${label}…`);
      measured[label] = measure(label === 'baseline' ? baseline : root, label, driver);
    }
    const a = measured.baseline as TreeRun;
    const b = measured['this tree'] as TreeRun;
    runs.push({ baseline: a, current: b, ratio: b.firstMs / a.firstMs });
    progress(
      `  baseline ${a.firstMs.toFixed(0)} ms, this tree ${b.firstMs.toFixed(0)} ms: ${(b.firstMs / a.firstMs).toFixed(2)}×`,
    );
  }
  const ratio = median(runs.map((each) => each.ratio));
  const result = {
    machine,
    ref,
    commit,
    thisTree: run('git', ['rev-parse', '--short', 'HEAD'], root).trim(),
    rows,
    repeats,
    pairs: runs,
    medianRatio: ratio,
    baselineMedianMs: median(runs.map((each) => each.baseline.firstMs)),
    currentMedianMs: median(runs.map((each) => each.current.firstMs)),
  };
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  const markdown = [
    `# Full new upload: this tree against ${commit}${ref === BASELINE_REF ? ' (before the versioned ledger)' : ''}`,
    '',
    `Measured ${machine.date} on ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node} (load average ${machine.loadAverage1m} at the start) by \`npm run bench:baseline\`: ${rows.toLocaleString('en-US')} new rows, POST /uploads as \`npm run bench\` sends it, ${repeats} uploads per run (median), ${pairs} pairs run in turn (ABBA), each run in a fresh \`wrangler dev\` with the bench district seeded. Baseline: ${commit} (\`--ref ${ref}\`); this tree: ${result.thisTree}.`,
    '',
    '| pair | baseline | this tree | this tree ÷ baseline |',
    '| --- | --- | --- | --- |',
    ...runs.map(
      (each, at) =>
        `| ${at + 1} | ${fmt(each.baseline.firstMs)} | ${fmt(each.current.firstMs)} | ${each.ratio.toFixed(2)}× |`,
    ),
    `| median | ${fmt(result.baselineMedianMs)} | ${fmt(result.currentMedianMs)} | **${ratio.toFixed(2)}×** |`,
    '',
    ref === BASELINE_REF
      ? `Target (issue 9): no slower than before the versioned ledger. ${ratio <= 1 ? '✅ met' : '❌ missed'}: the median pair ratio is ${ratio.toFixed(2)}. Read it beside the same tree measured against itself (\`npm run bench:baseline -- --ref HEAD --out same-tree\`, bench/results/same-tree.md): that ratio is the noise of the method.`
      : `The same method with \`--ref ${ref}\`: where ${commit} is this tree's own commit, the ratio is the noise of the method.`,
    '',
  ].join('\n');
  const outDir = path.join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, `${out}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(outDir, `${out}.md`), markdown);
  console.log(`\n${markdown}`);
  progress(`written to bench/results/${out}.{md,json}`);
} finally {
  if (process.env.BENCH_KEEP === '1') console.error(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
