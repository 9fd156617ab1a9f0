// The demo district npm start seeds (issue 15): besides units, quotas and ledgers, a year of 工作记录 — visits,
// meetings, leader links, holidays —, each unit's 活动台账 and the support centre, so a new user finds every screen populated; a
// second run seeds nothing new. Against a real local worker (wrangler dev on local D1) on a pinned day.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ActivityLedgerSchema,
  ActivityUploadRecordSchema,
  CentreResponseSchema,
  SummaryResponseSchema,
  WorkStatusSchema,
} from '@tuanjian/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './seed';
import { type LocalWorker, startLocalWorker } from './testing/local-worker';

/** 2 December 2026, 10:00 in Shanghai: the demo runs through November. */
const NOW = '2026-12-02T02:00:00Z';
let workDir: string;
let worker: LocalWorker;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'tj-seed-'));
  worker = await startLocalWorker({ workDir, pinnedNow: NOW });
}, 90_000);

afterAll(async () => {
  await worker?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 30_000);

describe('npm start’s demo district', () => {
  it('seeds the ledgers, a year of 工作记录, the activity ledgers and the support centre, then nothing twice', {
    timeout: 120_000,
  }, async () => {
    const first = await seedDemo(worker.base, worker.adminToken, new Date(NOW));
    expect(first.unitsCreated).toBe(40);
    expect(first.ledgersUploaded).toBe(40);
    // About one visit a week through November, the leaders' quarterly visits, and five of six meetings' periods
    // through October (July–August is left without one).
    expect(first.visits).toBeGreaterThan(40);
    expect(first.meetings).toBe(4);
    expect(first.centre).toBeGreaterThan(9);

    const status = WorkStatusSchema.parse(await worker.api('GET', '/work/status?year=2026'));
    expect(status.leaders).toHaveLength(4);
    expect(status.counts.holidays).toBeGreaterThan(10);
    expect(status.meetings.map((period) => period.status)).toEqual([
      'done',
      'done',
      'done',
      'missed',
      'done',
      'due',
    ]);
    expect(status.overdue.leadersWithoutVisit).toHaveLength(1);
    const centre = CentreResponseSchema.parse(await worker.api('GET', '/centre?year=2026'));
    expect(centre.headline.resident).toBe(9);
    expect(centre.headline.linked).toBe(first.centre - 9);
    // The weekly visits go to the organizations resident in the centre.
    const records = (await worker.api('GET', '/work/records?year=2026')) as {
      visits: { organizations: string[] }[];
    };
    const residents = new Set(
      centre.organizations?.filter((each) => each.relation === 'resident').map((each) => each.orgName),
    );
    const visited = records.visits.flatMap((visit) => visit.organizations);
    expect(visited.length).toBeGreaterThan(0);
    expect(visited.every((name) => residents.has(name))).toBe(true);

    // 活动台账: most units' activities through November, sent through the API (source api), which the
    // November bulletin counts (活动开展) and in which a few units are named for reporting none in November.
    expect(first.activityLedgers).toBeGreaterThanOrEqual(35);
    expect(first.activities).toBeGreaterThanOrEqual(300);
    expect(first.activities).toBeLessThanOrEqual(600);
    const firstUnit = ActivityLedgerSchema.parse(await worker.api('GET', '/activities?unitCode=LJZ'));
    expect(firstUnit.version).toBe(1);
    expect(firstUnit.activities.length).toBeGreaterThan(0);
    expect(firstUnit.activities.every((activity) => activity.heldOn <= '2026-11-30')).toBe(true);
    const uploads = (await worker.api('GET', '/activities/uploads?limit=500')) as { uploads: unknown[] };
    const history = uploads.uploads.map((upload) => ActivityUploadRecordSchema.parse(upload));
    expect(history).toHaveLength(first.activityLedgers);
    expect(history.every((upload) => upload.source === 'api' && upload.removed === 0)).toBe(true);
    expect(history.reduce((sum, upload) => sum + upload.added, 0)).toBe(first.activities);
    const november = SummaryResponseSchema.parse(await worker.api('GET', '/summary?year=2026&month=11'));
    const news = november.summary.activities;
    expect(news).not.toBeNull();
    expect(news?.toDate.activities).toBe(first.activities);
    expect(news?.inMonth.activities).toBeGreaterThan(0);
    expect(news?.units.filter((unit) => unit.toDate.activities > 0).length).toBe(first.activityLedgers);
    expect(november.bulletin.activities?.sentence).toContain('11月份全区青年社会组织团组织开展活动');
    expect(november.bulletin.activities?.sentence).toContain('未报送活动');

    const second = await seedDemo(worker.base, worker.adminToken, new Date(NOW));
    expect(second).toEqual({
      unitsCreated: 0,
      quotasSet: 0,
      ledgersUploaded: 0,
      organizations: 0,
      visits: 0,
      meetings: 0,
      centre: 0,
      activityLedgers: 0,
      activities: 0,
    });
    // Nothing was uploaded again: one activity upload per seeded unit, as before.
    const after = (await worker.api('GET', '/activities/uploads?limit=500')) as { uploads: unknown[] };
    expect(after.uploads).toHaveLength(first.activityLedgers);
  });
});
