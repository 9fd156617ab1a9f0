// Published bulletins (月度通报): numbered, frozen issues; corrections as new issues; the monthly cron.

import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { IssueMetaSchema, IssueSchema, SummarySchema } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import worker, { runMonthlyPublication } from '../src/index';
import { call, createUnits, establishedRow, setQuotas, upload } from './helpers';

const IssueList = z.object({ bulletins: z.array(IssueMetaSchema) });
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const HM_ROWS = [
  establishedRow(0, 'HM', { orgName: '花木青年志愿者协会', establishedOn: '2026-01-15' }),
  establishedRow(1, 'HM', { orgName: '花木青年读书会', establishedOn: '2026-03-05' }),
];

async function issuesFor(year: number, month: number): Promise<number[]> {
  const { results } = await env.DB.prepare(
    'SELECT issue_number FROM bulletins WHERE year = ?1 AND month = ?2 ORDER BY issue_number',
  )
    .bind(year, month)
    .all<{ issue_number: number }>();
  return results.map((row) => row.issue_number);
}

async function issueCount(): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM bulletins').first<{ n: number }>();
  return row?.n ?? -1;
}

async function fetchIssue(issue: number, format: 'json' | 'csv' | 'html' = 'json'): Promise<Response> {
  return call(`/bulletins/${issue}${format === 'json' ? '' : `?format=${format}`}`);
}

async function publish(year: number, month: number) {
  const response = await call('/bulletins', { body: { year, month } });
  expect(response.status).toBe(201);
  return IssueSchema.parse(await response.json());
}

beforeAll(async () => {
  await createUnits([
    { code: 'HM', name: '花木街道' },
    { code: 'LJZ', name: '陆家嘴街道' },
  ]);
  await setQuotas(2026, { HM: 12, LJZ: 6 });
  for (const response of [
    await upload('HM', HM_ROWS),
    await upload('LJZ', [
      establishedRow(0, 'LJZ', { orgName: '陆家嘴青年律师沙龙', establishedOn: '2026-02-10' }),
    ]),
  ]) {
    if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
  }
});

describe('publishing a month', () => {
  let first: z.infer<typeof IssueSchema>;
  let frozen: { json: string; csv: ArrayBuffer; html: string };

  it('publishes issue 1 with the month’s figures', async () => {
    first = await publish(2026, 3);
    expect(first).toMatchObject({
      issueNumber: 1,
      year: 2026,
      month: 3,
      publishedBy: 'bootstrap-admin',
      corrects: null,
    });
    expect(first.bulletin.issueLine).toBe('第1期');
    expect(first.bulletin.issueNumber).toBe(1);
    expect(first.bulletin.title).toBe('浦东新区青年社会组织团建工作月度通报（2026年3月）');
    expect(first.summary.totals).toMatchObject({ quota: 18, counted: 3, newThisMonth: 1, subsidy: 1800 });
    expect(first.bulletin.narrative).toContain('新建团组织3家，完成年度指标的16.7%');
  });

  it('lists the issue and serves it as JSON, CSV and HTML', async () => {
    const list = IssueList.parse(await (await call('/bulletins')).json());
    expect(list.bulletins).toEqual([
      {
        issueNumber: 1,
        year: 2026,
        month: 3,
        publishedAt: first.publishedAt,
        publishedBy: 'bootstrap-admin',
        corrects: null,
        correctionReason: null,
      },
    ]);

    const json = await fetchIssue(1);
    expect(json.status).toBe(200);
    expect(IssueSchema.parse(await json.json())).toEqual(first);

    const csv = await fetchIssue(1, 'csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('Content-Disposition')).toBe('attachment; filename="bulletin-2026-03-no1.csv"');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[1]).toBe('2026-03-31,HM,花木街道,12,1,2,16.7,3,-1,1,滞后,2,2,100,1200,逾期报送');
    expect(lines[3]).toBe('2026-03-31,,全区合计,18,1,3,16.7,4.5,-1.5,,,3,3,100,1800,');

    const html = await fetchIssue(1, 'html');
    expect(html.status).toBe(200);
    expect(html.headers.get('Content-Type')).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toContain('<p class="issue-line">第1期</p>');
    expect(page).not.toContain('实时数据');
    expect(page).toContain('<h2>四、报送情况</h2>');
    expect(page).toContain('浦东新区青年社会组织团建工作月度通报（2026年3月）');
  });

  it('keeps issue 1 exactly as published when a later upload changes the figures', async () => {
    frozen = {
      json: await (await fetchIssue(1)).text(),
      csv: await (await fetchIssue(1, 'csv')).arrayBuffer(),
      html: await (await fetchIssue(1, 'html')).text(),
    };
    const later = await upload('HM', [
      ...HM_ROWS,
      establishedRow(2, 'HM', { orgName: '花木青年创客空间', establishedOn: '2026-03-20' }),
    ]);
    expect(later.status).toBe(201);
    const live = z
      .object({ summary: SummarySchema })
      .parse(await (await call('/summary?year=2026&month=3')).json()).summary;
    expect(live.totals.counted).toBe(4);

    expect(await (await fetchIssue(1)).text()).toBe(frozen.json);
    expect(new Uint8Array(await (await fetchIssue(1, 'csv')).arrayBuffer())).toEqual(
      new Uint8Array(frozen.csv),
    );
    expect(await (await fetchIssue(1, 'html')).text()).toBe(frozen.html);
  });

  it('refuses a second issue for the month unless it is a correction, and gives one issue to parallel publishes', async () => {
    const again = await call('/bulletins', { body: { year: 2026, month: 3 } });
    expect(again.status).toBe(409);
    expect(ErrorBody.parse(await again.json()).error).toMatchObject({
      code: 'already_published',
      message: '2026年3月的通报已发布为第1期；如需更正，请发布更正期并说明原因',
    });
    const parallel = await Promise.all(
      [1, 2, 3].map(() => call('/bulletins', { body: { year: 2026, month: 2 } })),
    );
    expect(parallel.map((response) => response.status).sort()).toEqual([201, 409, 409]);
    expect(await issuesFor(2026, 2)).toHaveLength(1);
  });

  it('refuses a month that has not ended, and a correction that does not name the month’s latest issue', async () => {
    const before = await issueCount();
    const november = await call('/bulletins', {
      body: { year: 2026, month: 11 },
      now: '2026-11-30T15:59:00Z',
    });
    expect(november.status).toBe(409);
    expect(ErrorBody.parse(await november.json()).error.code).toBe('month_not_ended');
    const future = await call('/bulletins', { body: { year: 2099, month: 1 } });
    expect(ErrorBody.parse(await future.json()).error.code).toBe('month_not_ended');
    const wrong = await call('/bulletins', {
      body: { year: 2026, month: 3, correction: { corrects: 99, reason: '更正花木街道数据' } },
    });
    expect(wrong.status).toBe(409);
    expect(ErrorBody.parse(await wrong.json()).error.code).toBe('conflict');
    const noReason = await call('/bulletins', {
      body: { year: 2026, month: 3, correction: { corrects: 1, reason: '' } },
    });
    expect(noReason.status).toBe(400);
    expect(await issueCount()).toBe(before);
  });

  it('publishes a correction on purpose as a new issue that names the issue it corrects and why', async () => {
    const response = await call('/bulletins', {
      body: { year: 2026, month: 3, correction: { corrects: 1, reason: '花木街道补报1家' } },
    });
    expect(response.status).toBe(201);
    const correction = IssueSchema.parse(await response.json());
    expect(correction).toMatchObject({
      issueNumber: 3,
      year: 2026,
      month: 3,
      corrects: 1,
      correctionReason: '花木街道补报1家',
    });
    expect(correction.bulletin.issueLine).toBe('第3期（更正第1期）');
    expect(correction.summary.totals).toMatchObject({ counted: 4, newThisMonth: 2, subsidy: 2400 });
    expect(correction.bulletin.narrative).toContain('新建团组织4家，完成年度指标的22.2%');

    const list = IssueList.parse(await (await call('/bulletins?year=2026')).json());
    expect(list.bulletins.map((b) => [b.issueNumber, b.month, b.corrects])).toEqual([
      [1, 3, null],
      [2, 2, null],
      [3, 3, 1],
    ]);
    expect(IssueList.parse(await (await call('/bulletins?year=2025')).json()).bulletins).toEqual([]);
    // Issue 1 still says what it said.
    expect(await (await fetchIssue(1)).text()).toBe(frozen.json);
  });

  it('answers 404 not_found for an issue that does not exist, 400 for one that cannot', async () => {
    const missing = await fetchIssue(99);
    expect(missing.status).toBe(404);
    expect(ErrorBody.parse(await missing.json()).error.code).toBe('not_found');
    for (const path of ['/bulletins/0', '/bulletins/abc', '/bulletins/1?format=pdf']) {
      const response = await call(path);
      expect(response.status, path).toBe(400);
      expect(ErrorBody.parse(await response.json()).error.code).toBe('bad_request');
    }
  });

  it('reports an issue its schema no longer reads (422 issue_unreadable), never a 500', async () => {
    const stored = await env.DB.prepare('SELECT * FROM bulletins WHERE issue_number = 1').first<
      Record<string, unknown>
    >();
    if (!stored) throw new Error('no issue 1');
    // A copy of issue 1 as a hand edit could leave it: a month of 13 in its figures.
    const broken = JSON.parse(String(stored.summary_json));
    broken.month = 13;
    await env.DB.prepare(
      `INSERT INTO bulletins (issue_number, year, month, published_at, published_by, corrects, correction_reason,
         summary_json, bulletin_json) VALUES (900, 2019, 1, ?1, 'hand', NULL, NULL, ?2, ?3)`,
    )
      .bind(String(stored.published_at), JSON.stringify(broken), String(stored.bulletin_json))
      .run();
    try {
      for (const format of ['json', 'csv', 'html'] as const) {
        const response = await fetchIssue(900, format);
        expect(response.status, format).toBe(422);
        const body = ErrorBody.parse(await response.json());
        expect(body.error.code).toBe('issue_unreadable');
        expect(body.error.message).toContain('第900期');
      }
      // The list still answers, and the other issues still open.
      expect((await call('/bulletins')).status).toBe(200);
      expect((await fetchIssue(1)).status).toBe(200);
    } finally {
      await env.DB.prepare('DELETE FROM bulletins WHERE issue_number = 900').run();
    }
  });

  it('still serves an issue published before the bulletin had a 报送情况 table, without one', async () => {
    const stored = await env.DB.prepare('SELECT bulletin_json FROM bulletins WHERE issue_number = 1').first<{
      bulletin_json: string;
    }>();
    const before = stored?.bulletin_json ?? '';
    expect(JSON.parse(before).reportingTable.headers).toEqual(['报送情况', '单位数', '单位']);
    await env.DB.prepare(
      "UPDATE bulletins SET bulletin_json = json_remove(bulletin_json, '$.reportingTable') WHERE issue_number = 1",
    ).run();
    try {
      const json = await fetchIssue(1);
      expect(json.status).toBe(200);
      expect(IssueSchema.parse(await json.json()).bulletin.reportingTable).toBeNull();
      const html = await (await fetchIssue(1, 'html')).text();
      expect(html).toContain('三、建团模式与电话抽查');
      expect(html).not.toContain('报送情况</h2>');
    } finally {
      await env.DB.prepare('UPDATE bulletins SET bulletin_json = ?1 WHERE issue_number = 1')
        .bind(before)
        .run();
    }
  });

  it('refuses to publish a month out of range, writing nothing', async () => {
    const before = await issueCount();
    const response = await call('/bulletins', { body: { year: 2026, month: 13 } });
    expect(response.status).toBe(400);
    expect(ErrorBody.parse(await response.json()).error.code).toBe('bad_request');
    expect(await issueCount()).toBe(before);
  });
});

describe('the monthly publication on the Cron Trigger', () => {
  it('publishes nothing for March on 1 April: an admin already published it', async () => {
    expect(await runMonthlyPublication(env, new Date('2026-04-01T01:00:00Z'))).toBeNull();
    expect(await issuesFor(2026, 3)).toEqual([1, 3]);
  });

  it('publishes last month once however often it fires', async () => {
    const scheduled = new Date('2026-05-01T01:00:00Z');
    const first = await runMonthlyPublication(env, scheduled);
    expect(first).toMatchObject({
      issueNumber: 4,
      year: 2026,
      month: 4,
      publishedBy: 'cron',
      corrects: null,
      publishedAt: '2026-05-01T01:00:00.000Z',
    });
    expect(first?.bulletin.issueLine).toBe('第4期');
    expect(first?.bulletin.date).toBe('2026-05-01');
    expect(first?.bulletin.title).toBe('浦东新区青年社会组织团建工作月度通报（2026年4月）');
    expect(first?.summary.totals.counted).toBe(4);

    expect(await runMonthlyPublication(env, scheduled)).toBeNull();
    expect(await issuesFor(2026, 4)).toEqual([4]);
  });

  it('refuses a trigger time that makes no sense, publishing nothing', async () => {
    const before = await issueCount();
    expect(await runMonthlyPublication(env, new Date('1969-12-01T01:00:00Z'))).toBeNull();
    expect(await runMonthlyPublication(env, new Date(Number.NaN))).toBeNull();
    expect(await runMonthlyPublication(env, new Date('2101-03-01T01:00:00Z'))).toBeNull();
    expect(await issueCount()).toBe(before);
  });

  it('publishes once when two triggers fire at the same moment', async () => {
    const scheduled = new Date('2026-07-01T01:00:00Z');
    const results = await Promise.all([
      runMonthlyPublication(env, scheduled),
      runMonthlyPublication(env, scheduled),
    ]);
    expect(results.filter((issue) => issue !== null).map((issue) => [issue?.year, issue?.month])).toEqual([
      [2026, 6],
    ]);
    expect(await issuesFor(2026, 6)).toHaveLength(1);
  });

  it('reads the month in Asia/Shanghai: 00:30 on 1 August there is still 31 July in UTC', async () => {
    const issue = await runMonthlyPublication(env, new Date('2026-07-31T16:30:00Z'));
    expect([issue?.year, issue?.month, issue?.bulletin.date]).toEqual([2026, 7, '2026-08-01']);
  });

  it('publishes January’s previous month as December of the year before', async () => {
    const issue = await runMonthlyPublication(env, new Date('2026-01-01T01:00:00Z'));
    expect([issue?.year, issue?.month]).toEqual([2025, 12]);
    expect(issue?.bulletin.title).toBe('浦东新区青年社会组织团建工作月度通报（2025年12月）');
  });

  it('runs through the worker’s scheduled handler', async () => {
    const before = await issueCount();
    const controller = createScheduledController({
      scheduledTime: new Date('2026-06-01T01:00:00Z'),
      cron: '0 1 1 * *',
    });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await issueCount()).toBe(before + 1);
    expect(await issuesFor(2026, 5)).toHaveLength(1);

    // The trigger firing again the same morning adds nothing.
    const again = createExecutionContext();
    await worker.scheduled(controller, env, again);
    await waitOnExecutionContext(again);
    expect(await issueCount()).toBe(before + 1);
  });
});
