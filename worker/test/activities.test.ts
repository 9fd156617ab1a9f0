// 活动台账 (issue 15) over HTTP in workerd: roles, the checks against the unit's ledger, dry run, the versioned
// upload (once, confirmed removals, a moved ledger refused), history with diffs, restore, the bulletin's
// 活动开展 (frozen in an issue, no organization for a reader) and the assessment's activities part.
import { env } from 'cloudflare:workers';
import {
  ActivityDiffSchema,
  ActivityLedgerSchema,
  type ActivitySheetRow,
  ActivityUploadRecordSchema,
  ActivityUploadResponseSchema,
  AssessmentSchema,
  IssueSchema,
  SummaryResponseSchema,
} from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  call,
  createToken,
  createUnits,
  establishedRow,
  json,
  plannedRow,
  setQuotas,
  upload,
} from './helpers';

const NOW = '2026-11-20T02:00:00Z';
const AFTER_NOVEMBER = '2026-12-02T02:00:00Z';
/** Names of the ledger's organizations (helpers' establishedRow / plannedRow). */
const ORG1 = '测试青年社会组织1号';
const ORG2 = '测试青年社会组织2号';
const PLANNED = '筹建青年社会组织3号';

let unitToken = '';
let otherUnitToken = '';
let readerToken = '';

function row(index: number, cells: ActivitySheetRow['cells']): ActivitySheetRow {
  return { row: index + 4, cells };
}

const sheet: ActivitySheetRow[] = [
  row(0, {
    orgName: ORG1,
    heldOn: '2026-11-02',
    title: '青年就业沙龙',
    kind: '就业',
    served: 45,
    partners: '人才服务中心',
  }),
  row(1, { orgName: ORG2, heldOn: '2026-11-08', title: '读书分享会', kind: '交友', served: 20 }),
  row(2, { orgName: ORG1, heldOn: '2026-10-15', title: '社区志愿服务', kind: '公益', served: 60 }),
];

function send(
  rows: ActivitySheetRow[],
  options: {
    token?: string;
    dryRun?: boolean;
    unitCode?: string;
    key?: string;
    extra?: Record<string, unknown>;
    now?: string;
  } = {},
) {
  return call(`/activities/uploads${options.dryRun ? '?dryRun=true' : ''}`, {
    ...(options.token ? { token: options.token } : {}),
    body: { unitCode: options.unitCode ?? 'ALJ', rows, source: 'api', ...options.extra },
    headers: options.key ? { 'Idempotency-Key': options.key } : {},
    now: options.now ?? NOW,
  });
}

async function stored(): Promise<number> {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM activity_versions').first<{ n: number }>();
  return row?.n ?? 0;
}

beforeAll(async () => {
  await createUnits([
    { code: 'ALJ', name: '陆家嘴街道' },
    { code: 'AGQ', name: '高桥镇' },
  ]);
  await setQuotas(2026, { ALJ: 2, AGQ: 2 });
  unitToken = await createToken('unit', 'ALJ');
  otherUnitToken = await createToken('unit', 'AGQ');
  readerToken = await createToken('reader');
  const ledger = await upload(
    'ALJ',
    [establishedRow(0, '陆家嘴街道'), establishedRow(1, '陆家嘴街道'), plannedRow(2, '陆家嘴街道')],
    {
      reportMonth: 10,
      now: NOW,
    },
  );
  expect(ledger.status).toBe(201);
});

describe('roles', () => {
  it('a unit keeps its own activities, the committee any unit’s; a reader none, and no token nothing', async () => {
    expect((await send(sheet, { token: readerToken, dryRun: true })).status).toBe(403);
    expect((await send(sheet, { token: otherUnitToken, dryRun: true })).status).toBe(403);
    expect((await call('/activities?unitCode=ALJ', { token: otherUnitToken, now: NOW })).status).toBe(403);
    expect((await call('/activities?unitCode=ALJ', { token: readerToken, now: NOW })).status).toBe(403);
    expect((await call('/activities/uploads', { token: readerToken, now: NOW })).status).toBe(403);
    expect((await call('/activities?unitCode=ALJ', { token: null, now: NOW })).status).toBe(401);
    expect((await call('/activities?unitCode=NOPE', { now: NOW })).status).toBe(404);
    expect((await send(sheet, { token: unitToken, dryRun: true })).status).toBe(200);
  });
});

describe('checks, dry run and upload', () => {
  it('refuses a sheet with errors whole, each located by row and header', async () => {
    const response = await send([
      ...sheet,
      row(3, { orgName: '不在台账的协会', heldOn: '2026-11-03', title: '活动', kind: '服务', served: 5 }),
      row(4, { orgName: PLANNED, heldOn: '2026-11-03', title: '活动', kind: '服务', served: 5 }),
      row(5, { orgName: ORG1, heldOn: '2026-11-21', title: '明天', kind: '聚餐', served: '许多' }),
    ]);
    expect(response.status).toBe(422);
    const body = await json<{
      error: { code: string; details: { diagnostics: { row: number; header: string; code: string }[] } };
    }>(response);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.diagnostics.map((d) => [d.row, d.header, d.code])).toEqual([
      [7, '组织名称', 'activity.org.unknown'],
      [8, '组织名称', 'activity.org.noLeague'],
      [9, '活动日期', 'date.future'],
      [9, '活动类型', 'enum.invalid'],
      [9, '服务青年人次', 'integer.invalid'],
    ]);
    expect(await stored()).toBe(0);
  });

  it('answers a dry run with the diff and writes nothing; the upload makes version 1, and the same sheet again counts once', async () => {
    const dry = ActivityUploadResponseSchema.parse(await json(await send(sheet, { dryRun: true })));
    expect(dry).toMatchObject({ dryRun: true, version: 0, uploadId: null, rowCount: 3 });
    expect(dry.diff.added.map((activity) => activity.title)).toEqual([
      '青年就业沙龙',
      '读书分享会',
      '社区志愿服务',
    ]);
    expect(await stored()).toBe(0);

    const first = await send(sheet, { token: unitToken, key: 'sheet-1' });
    expect(first.status).toBe(201);
    expect(first.headers.get('ETag')).toBe('"1"');
    const applied = ActivityUploadResponseSchema.parse(await first.json());
    expect(applied).toMatchObject({ dryRun: false, replayed: false, version: 1, baseVersion: 0 });

    const again = await send(sheet, { token: unitToken });
    expect(again.status).toBe(200);
    expect(ActivityUploadResponseSchema.parse(await again.json())).toMatchObject({
      replayed: true,
      version: 1,
    });
    const sameKey = await send(sheet.slice(0, 1), { token: unitToken, key: 'sheet-1' });
    expect(sameKey.status).toBe(422);

    const ledger = ActivityLedgerSchema.parse(
      await json(await call('/activities?unitCode=ALJ', { token: unitToken, now: NOW })),
    );
    expect(ledger.version).toBe(1);
    expect(
      ledger.activities.map((activity) => [
        activity.heldOn,
        activity.title,
        activity.served,
        activity.partners,
      ]),
    ).toEqual([
      ['2026-10-15', '社区志愿服务', 60, []],
      ['2026-11-02', '青年就业沙龙', 45, ['人才服务中心']],
      ['2026-11-08', '读书分享会', 20, []],
    ]);
    expect(await stored()).toBe(3);
  });

  it('changes what changed, asks for removals to be confirmed, and refuses an upload built on a moved ledger', async () => {
    const next = [
      { ...sheet[0], cells: { ...sheet[0]?.cells, served: 50 } } as ActivitySheetRow,
      sheet[1] as ActivitySheetRow,
      row(3, { orgName: ORG2, heldOn: '2026-11-15', title: '职业规划讲座', kind: '培训', served: 35 }),
    ];
    const unconfirmed = await send(next, { token: unitToken });
    expect(unconfirmed.status).toBe(409);
    expect((await json<{ error: { code: string } }>(unconfirmed)).error.code).toBe('removals_unconfirmed');
    const stale = await send(next, { token: unitToken, extra: { expectRemoved: 1, baseVersion: 0 } });
    expect(stale.status).toBe(409);
    expect((await json<{ error: { code: string } }>(stale)).error.code).toBe('ledger_changed');

    const response = await send(next, { token: unitToken, extra: { expectRemoved: 1, baseVersion: 1 } });
    expect(response.status).toBe(201);
    const body = ActivityUploadResponseSchema.parse(await response.json());
    expect(body.version).toBe(2);
    expect(body.diff.added.map((activity) => activity.title)).toEqual(['职业规划讲座']);
    expect(body.diff.changed.map((change) => [change.before.served, change.after.served])).toEqual([
      [45, 50],
    ]);
    expect(body.diff.removed.map((activity) => activity.title)).toEqual(['社区志愿服务']);
    expect(body.diff.unchanged).toBe(1);
  });
});

describe('history and restore', () => {
  it('lists the uploads with who made them, shows each diff, and restores an earlier version as an upload of its own', async () => {
    const list = z
      .object({ uploads: z.array(ActivityUploadRecordSchema) })
      .parse(await json(await call('/activities/uploads?unitCode=ALJ', { token: unitToken, now: NOW })));
    expect(list.uploads.map((each) => [each.version, each.added, each.changed, each.removed])).toEqual([
      [2, 1, 1, 1],
      [1, 3, 0, 0],
    ]);
    expect(list.uploads[0]?.uploadedBy).toBe('unit ALJ');
    const [second, first] = list.uploads;
    const detail = z
      .object({ diff: ActivityDiffSchema })
      .parse(await json(await call(`/activities/uploads/${second?.id}`, { token: unitToken, now: NOW })));
    expect(detail.diff.changed).toHaveLength(1);
    expect(detail.diff.removed.map((activity) => activity.title)).toEqual(['社区志愿服务']);
    // Another unit cannot see it.
    expect(
      (await call(`/activities/uploads/${second?.id}`, { token: otherUnitToken, now: NOW })).status,
    ).toBe(404);

    const dry = ActivityUploadResponseSchema.parse(
      await json(
        await call(`/activities/uploads/${first?.id}/restore?dryRun=true`, {
          token: unitToken,
          body: {},
          now: NOW,
        }),
      ),
    );
    expect(dry.diff.added.map((activity) => activity.title)).toEqual(['社区志愿服务']);
    expect(dry.diff.removed.map((activity) => activity.title)).toEqual(['职业规划讲座']);
    const restored = await call(`/activities/uploads/${first?.id}/restore`, {
      token: unitToken,
      body: { expectRemoved: 1, source: 'web' },
      now: NOW,
    });
    expect(restored.status).toBe(201);
    expect(ActivityUploadResponseSchema.parse(await restored.json())).toMatchObject({
      version: 3,
      restoredFrom: first?.id,
    });
    const ledger = ActivityLedgerSchema.parse(
      await json(await call('/activities?unitCode=ALJ', { now: NOW })),
    );
    expect(ledger.activities.map((activity) => [activity.title, activity.served])).toEqual([
      ['社区志愿服务', 60],
      ['青年就业沙龙', 45],
      ['读书分享会', 20],
    ]);
    const audit = await env.DB.prepare(
      "SELECT action FROM audit_log WHERE action LIKE 'activities.%' ORDER BY rowid",
    ).all<{ action: string }>();
    expect(audit.results.map((entry) => entry.action)).toEqual([
      'activities.upload',
      'activities.upload',
      'activities.restore',
    ]);
  });
});

describe('the bulletin and the assessment', () => {
  it('the November bulletin reports 活动开展; a reader gets no organization; the published issue keeps its figures', async () => {
    const live = SummaryResponseSchema.parse(
      await json(await call('/summary?year=2026&month=11', { now: AFTER_NOVEMBER })),
    );
    expect(live.summary.activities).toMatchObject({
      inMonth: { activities: 2, served: 65 },
      toDate: { activities: 3, served: 125 },
    });
    expect(live.summary.activities?.standouts[0]).toMatchObject({ orgName: ORG1, title: '青年就业沙龙' });
    expect(live.bulletin.activities?.sentence).toBe(
      '11月份全区青年社会组织团组织开展活动2场、服务青年65人次；今年以来累计开展活动3场、服务青年125人次。' +
        '其中，陆家嘴街道11月2日开展的“青年就业沙龙”（服务青年45人次），陆家嘴街道11月8日开展的“读书分享会”（服务青年20人次）较为突出。' +
        '高桥镇11月份未报送活动，请及时更新活动台账。',
    );
    const asReader = await call('/summary?year=2026&month=11', { token: readerToken, now: AFTER_NOVEMBER });
    const readerText = await asReader.text();
    expect(readerText).not.toContain(ORG1);
    expect(readerText).toContain('青年就业沙龙');
    // Another unit sees the standouts without the organization; the unit itself with it.
    const other = SummaryResponseSchema.parse(
      await json(await call('/summary?year=2026&month=11', { token: otherUnitToken, now: AFTER_NOVEMBER })),
    );
    expect(other.summary.activities?.standouts.map((activity) => activity.orgName)).toEqual([null, null]);
    const own = SummaryResponseSchema.parse(
      await json(await call('/summary?year=2026&month=11', { token: unitToken, now: AFTER_NOVEMBER })),
    );
    expect(own.summary.activities?.standouts.map((activity) => activity.orgName)).toEqual([ORG1, ORG2]);

    const published = await call('/bulletins', { body: { year: 2026, month: 11 }, now: AFTER_NOVEMBER });
    expect(published.status).toBe(201);
    const issue = IssueSchema.parse(await published.json());
    const change = await send([sheet[0] as ActivitySheetRow], {
      token: unitToken,
      extra: { expectRemoved: 2 },
      now: '2026-12-02T03:00:00Z',
    });
    expect(change.status).toBe(201);
    const after = SummaryResponseSchema.parse(
      await json(await call('/summary?year=2026&month=11', { now: '2026-12-02T04:00:00Z' })),
    );
    expect(after.summary.activities?.toDate).toEqual({ activities: 1, served: 45 });
    const kept = IssueSchema.parse(
      await json(await call(`/bulletins/${issue.issueNumber}`, { now: '2026-12-02T04:00:00Z' })),
    );
    expect(kept.summary.activities?.toDate).toEqual({ activities: 3, served: 125 });
    expect(kept.bulletin.activities?.sentence).toBe(live.bulletin.activities?.sentence);
    // The live summary sums in SQL, the issue counted the versions row by row: the same figures.
    expect(kept.summary.activities).toEqual(live.summary.activities);
    // As known at the issue's publication: the figures it printed.
    const asOf = SummaryResponseSchema.parse(
      await json(
        await call(`/summary?year=2026&month=11&asOf=${encodeURIComponent(issue.publishedAt)}`, {
          now: '2026-12-02T04:00:00Z',
        }),
      ),
    );
    expect(asOf.summary.activities).toEqual(kept.summary.activities);
  });

  it('counts the year’s activities in the assessment’s activities part', async () => {
    const standing = AssessmentSchema.parse(
      await json(await call('/assessment?year=2026', { now: '2026-12-02T05:00:00Z' })),
    );
    expect(standing.activitiesRecorded).toBe(true);
    const lujiazui = standing.units.find((unit) => unit.unitCode === 'ALJ');
    const gaoqiao = standing.units.find((unit) => unit.unitCode === 'AGQ');
    // One activity for two League organizations at two a year each: a quarter of the part.
    expect(lujiazui?.parts.activities).toBe(25);
    expect(gaoqiao?.parts.activities).toBe(0);
  });
});
