// The summary at scale: a fresh worker with 40 units of 5,000 organizations each (200,000 in all), and the
// first summary read after a write — which should cost about the same as at 20,000, since it reads
// per-unit tallies, not the ledger.
import { performance } from 'node:perf_hooks';
import type { Unit } from '@tuanjian/shared';
import { Api } from './api';
import { type BenchPeriod, type LedgerFactory, uploadRows } from './data';
import { type LatencyFigure, latency } from './summary';
import { startWorker } from './worker-process';

export interface ScaleFigure {
  units: number;
  organizations: number;
  /** Seeding the ledgers through the API (one upload per unit), in seconds. */
  seedS: number;
  /** The first GET /summary after a write (a unit touched just before each sample). */
  cold: LatencyFigure;
  /** Repeated GET /summary with no write in between. */
  warm: LatencyFigure;
}

export async function benchScale(
  root: string,
  workDir: string,
  factory: LedgerFactory,
  period: BenchPeriod,
  plan: { units: number; perUnit: number; cold: number; warm: number },
  progress: (message: string) => void,
): Promise<ScaleFigure> {
  const worker = await startWorker(root, workDir);
  try {
    const api = new Api(worker.base, worker.adminToken);
    const units: Unit[] = Array.from({ length: plan.units }, (_, index) => ({
      code: `SCALE${String(index + 1).padStart(2, '0')}`,
      name: `规模测试第${index + 1}单位`,
      kind: '其他',
      active: true,
    }));
    for (const unit of units) await api.ok('POST', '/units', unit);
    await api.ok('PUT', `/quotas/${period.year}`, {
      quotas: units.map((unit) => ({ unitCode: unit.code, quota: 100 })),
    });
    const seedStart = performance.now();
    for (const [index, unit] of units.entries()) {
      const rows = uploadRows(factory.ledger(plan.perUnit, unit), units);
      await api.ok('POST', '/uploads', {
        unitCode: unit.code,
        rows,
        reportYear: period.year,
        reportMonth: period.month,
      });
      if ((index + 1) % 10 === 0) progress(`  ${(index + 1) * plan.perUnit} organizations uploaded`);
    }
    const seedS = (performance.now() - seedStart) / 1000;
    const query = `/summary?year=${period.year}&month=${period.month}`;
    const get = async () => {
      const answer = await api.ok('GET', query);
      return { ms: answer.ms, bytes: answer.bytes };
    };
    const first = units[0]?.code ?? '';
    const cold = await latency(
      `GET /summary right after a write, ${plan.units} units × ${plan.perUnit.toLocaleString('en-US')}`,
      1,
      plan.cold,
      async () => {
        await api.ok('PATCH', `/units/${first}`, { active: true });
        return get();
      },
    );
    const warm = await latency(`GET /summary, repeated (${plan.units} units)`, 2, plan.warm, get);
    return { units: plan.units, organizations: plan.units * plan.perUnit, seedS, cold, warm };
  } finally {
    await worker.stop();
  }
}
