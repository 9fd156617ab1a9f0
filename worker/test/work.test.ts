// 工作记录 (issue 15) over HTTP in workerd: roles, recording once, refusing bad input whole, withdrawing,
// leader links and holidays, where the cadence stands, and the bulletin's 工作动态 (frozen in an issue).
import { env } from 'cloudflare:workers';
import { IssueSchema, SummaryResponseSchema, WorkRecordsSchema, WorkStatusSchema } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createToken, createUnits, json, setQuotas } from './helpers';

/** Every call pins its own day: the cadence depends on it. */
const NOW = '2026-11-20T02:00:00Z';
const AFTER_NOVEMBER = '2026-12-02T02:00:00Z';

const visit = (visitedOn: string, extra: Record<string, unknown> = {}) => ({
  visitedOn,
  visitors: ['刘洋', '陈静'],
  organizations: ['浦东青年公益社', '彩虹中心'],
  unitCodes: [],
  notes: '了解入驻组织近况',
  ...extra,
});

let unitToken = '';
let readerToken = '';

async function rows(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>();
  return row?.n ?? 0;
}

beforeAll(async () => {
  await createUnits([
    { code: 'WLJ', name: '陆家嘴街道' },
    { code: 'WGQ', name: '高桥镇' },
  ]);
  await setQuotas(2026, { WLJ: 4, WGQ: 4 });
  unitToken = await createToken('unit', 'WLJ');
  readerToken = await createToken('reader');
});

describe('roles', () => {
  it('only the committee records, lists and sets; every role sees where the cadence stands', async () => {
    for (const token of [unitToken, readerToken]) {
      expect(
        (await call('/work/visits', { token, body: { visits: [visit('2026-11-05')] }, now: NOW })).status,
      ).toBe(403);
      expect(
        (
          await call('/work/meetings', {
            token,
            body: { meetings: [{ heldOn: '2026-11-05', attendingUnits: [], topics: '部署', decisions: '' }] },
            now: NOW,
          })
        ).status,
      ).toBe(403);
      expect((await call('/work/records?year=2026', { token, now: NOW })).status).toBe(403);
      expect(
        (await call('/work/leaders/2026', { token, method: 'PUT', body: { links: [] }, now: NOW })).status,
      ).toBe(403);
      expect(
        (await call('/work/holidays/2026', { token, method: 'PUT', body: { holidays: [] }, now: NOW }))
          .status,
      ).toBe(403);
      expect((await call('/work/visits/v-1', { token, method: 'DELETE', now: NOW })).status).toBe(403);
      const status = await call('/work/status?year=2026', { token, now: NOW });
      expect(status.status).toBe(200);
      // No organization's name, no notes: dates, counts and the leaders' names only.
      const text = JSON.stringify(await status.json());
      expect(text).not.toContain('浦东青年公益社');
      expect(text).not.toContain('了解入驻组织近况');
    }
    expect((await call('/work/status?year=2026', { token: null, now: NOW })).status).toBe(401);
  });
});

describe('visits and meetings', () => {
  it('records a visit once: the same visit sent again is not recorded twice', async () => {
    const first = await call('/work/visits', { body: { visits: [visit('2026-11-05')] }, now: NOW });
    expect(first.status).toBe(201);
    const body = await json<{ visits: { id: string; recordedBy: string }[]; alreadyRecorded: number }>(first);
    expect(body.visits).toHaveLength(1);
    expect(body.alreadyRecorded).toBe(0);
    const again = await call('/work/visits', {
      body: { visits: [visit('2026-11-05', { visitors: [' 刘洋', '陈静', '刘洋'] })] },
      now: NOW,
    });
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual({ visits: [], alreadyRecorded: 1 });
    expect(await rows('work_visits')).toBe(1);
  });

  it('refuses a batch with a future day, an impossible day or an unknown unit whole, naming each', async () => {
    const before = await rows('work_visits');
    const response = await call('/work/visits', {
      body: {
        visits: [
          visit('2026-11-12'),
          visit('2026-11-21'),
          visit('2026-02-30'),
          visit('2026-11-19', { unitCodes: ['NOPE'] }),
        ],
      },
      now: NOW,
    });
    expect(response.status).toBe(422);
    const { error } = await json<{ error: { code: string; details: { problems: unknown[] } } }>(response);
    expect(error.code).toBe('validation_failed');
    expect(error.details.problems).toEqual([
      expect.objectContaining({ index: 1, field: 'visitedOn', code: 'date.future' }),
      expect.objectContaining({ index: 2, field: 'visitedOn', code: 'date.invalid' }),
      expect.objectContaining({ index: 3, field: 'unitCodes', code: 'unit.unknown' }),
    ]);
    expect(await rows('work_visits')).toBe(before);
    // No visitor is refused by the schema (400) before anything is written.
    expect(
      (await call('/work/visits', { body: { visits: [visit('2026-11-12', { visitors: [] })] }, now: NOW }))
        .status,
    ).toBe(400);
  });

  it('records a meeting and withdraws it: kept with who and when, listed and counted no more', async () => {
    const recorded = await call('/work/meetings', {
      body: {
        meetings: [
          {
            heldOn: '2026-09-15',
            attendingUnits: ['WLJ', 'WGQ'],
            topics: '传达团市委要求',
            decisions: '10月底前完成摸底',
          },
          { heldOn: '2026-07-10', attendingUnits: ['WLJ'], topics: '交流经验', decisions: '' },
        ],
      },
      now: NOW,
    });
    expect(recorded.status).toBe(201);
    const { meetings } = await json<{ meetings: { id: string; heldOn: string }[] }>(recorded);
    const july = meetings.find((meeting) => meeting.heldOn === '2026-07-10');
    expect(july).toBeDefined();
    expect((await call(`/work/meetings/${july?.id}`, { method: 'DELETE', now: NOW })).status).toBe(204);
    expect((await call(`/work/meetings/${july?.id}`, { method: 'DELETE', now: NOW })).status).toBe(404);
    const stored = await env.DB.prepare('SELECT withdrawn_at, withdrawn_by FROM work_meetings WHERE id = ?1')
      .bind(july?.id)
      .first<{ withdrawn_at: string; withdrawn_by: string }>();
    expect(stored?.withdrawn_at).toBe(new Date(NOW).toISOString());
    expect(stored?.withdrawn_by).toBeTruthy();
    const listed = WorkRecordsSchema.parse(await json(await call('/work/records?year=2026', { now: NOW })));
    expect(listed.meetings.map((meeting) => meeting.heldOn)).toEqual(['2026-09-15']);
    const audit = await env.DB.prepare(
      "SELECT action FROM audit_log WHERE action LIKE 'work.%' ORDER BY id",
    ).all<{
      action: string;
    }>();
    expect(audit.results.map((row) => row.action)).toEqual(
      expect.arrayContaining(['work.visits.record', 'work.meetings.record', 'work.meeting.withdraw']),
    );
  });
});

describe('leader links and holidays', () => {
  it('replaces a year’s links whole; an unknown unit or a leader twice is refused', async () => {
    const links = [
      { leader: '王书记', title: '团区委书记', unitCodes: ['WLJ'], centre: true },
      { leader: '李副书记', title: '团区委副书记', unitCodes: ['WGQ'], centre: false },
    ];
    const set = await call('/work/leaders/2026', { method: 'PUT', body: { links }, now: NOW });
    expect(set.status).toBe(200);
    expect(await json(set)).toEqual({ year: 2026, links });
    const twice = await call('/work/leaders/2026', {
      method: 'PUT',
      body: { links: [...links, { ...links[0], unitCodes: ['NOPE'] }] },
      now: NOW,
    });
    expect(twice.status).toBe(422);
    expect(JSON.stringify(await twice.json())).toContain('leader.duplicate');
    expect(
      WorkRecordsSchema.parse(await json(await call('/work/records?year=2026', { now: NOW }))).links,
    ).toEqual(links);
  });

  it('sets a year’s holidays; a day of another year is refused', async () => {
    const holidays = [
      { date: '2026-10-01', name: '国庆节' },
      { date: '2026-01-01', name: '元旦' },
    ];
    const set = await call('/work/holidays/2026', { method: 'PUT', body: { holidays }, now: NOW });
    expect(set.status).toBe(200);
    expect((await json<{ holidays: unknown[] }>(set)).holidays).toEqual([holidays[1], holidays[0]]);
    const wrong = await call('/work/holidays/2026', {
      method: 'PUT',
      body: { holidays: [{ date: '2027-01-01', name: '元旦' }] },
      now: NOW,
    });
    expect(wrong.status).toBe(422);
    expect(
      (await call('/work/holidays/1999', { method: 'PUT', body: { holidays: [] }, now: NOW })).status,
    ).toBe(400);
  });
});

describe('where the cadence stands, and the bulletin', () => {
  it('shows each Thursday, each meeting period and each leader’s quarter, and what is overdue', async () => {
    await call('/work/visits', {
      body: {
        visits: [visit('2026-10-15', { visitors: ['王书记'], unitCodes: ['WLJ'] }), visit('2026-11-19')],
      },
      now: NOW,
    });
    const status = WorkStatusSchema.parse(await json(await call('/work/status?year=2026', { now: NOW })));
    expect(status.today).toBe('2026-11-20');
    expect(status.months[10]?.weeks.map((week) => week.status)).toEqual([
      'done',
      'missed',
      'done',
      'upcoming',
    ]);
    expect(status.months[9]?.weeks[0]).toEqual({
      thursday: '2026-10-01',
      status: 'holiday',
      holiday: '国庆节',
      visits: 0,
    });
    expect(status.meetings.map((period) => period.status)).toEqual([
      'missed',
      'missed',
      'missed',
      'missed',
      'done',
      'due',
    ]);
    expect(status.leaders.map((leader) => [leader.leader, leader.quarters[3]?.status])).toEqual([
      ['王书记', 'done'],
      ['李副书记', 'due'],
    ]);
    expect(status.overdue.leadersWithoutVisit).toEqual(['李副书记']);
    expect(status.overdue.missedThursdays).toContain('2026-11-12');
    expect(status.overdue.missedThursdays).not.toContain('2026-01-01');
  });

  it('the November bulletin reports 工作动态; the published issue keeps it when a record is withdrawn', async () => {
    const live = SummaryResponseSchema.parse(
      await json(await call('/summary?year=2026&month=11', { now: AFTER_NOVEMBER })),
    );
    expect(live.summary.work).toMatchObject({
      visits: 2,
      visitsDue: 4,
      missedThursdays: ['2026-11-12', '2026-11-26'],
    });
    expect(live.bulletin.work?.sentence).toBe(
      '11月份按每周四走访制度应走访4次，实际走访入驻支持中心的青年社会组织2次、覆盖2家，11月12日、11月26日两个周四未走访；11—12月双月例会尚未召开，请于12月底前召开；本季度联系领导王书记已走访联系单位，李副书记尚未走访。',
    );
    // A reader sees the section too: dates, counts and leaders, no organization.
    const asReader = await call('/summary?year=2026&month=11', { token: readerToken, now: AFTER_NOVEMBER });
    expect(SummaryResponseSchema.parse(await asReader.json()).bulletin.work?.sentence).toBe(
      live.bulletin.work?.sentence,
    );

    const published = await call('/bulletins', { body: { year: 2026, month: 11 }, now: AFTER_NOVEMBER });
    expect(published.status).toBe(201);
    const issue = IssueSchema.parse(await published.json());
    const records = WorkRecordsSchema.parse(
      await json(await call('/work/records?year=2026', { now: AFTER_NOVEMBER })),
    );
    const november19 = records.visits.find((each) => each.visitedOn === '2026-11-19');
    expect(
      (await call(`/work/visits/${november19?.id}`, { method: 'DELETE', now: '2026-12-02T03:00:00Z' }))
        .status,
    ).toBe(204);
    const after = SummaryResponseSchema.parse(
      await json(await call('/summary?year=2026&month=11', { now: '2026-12-02T04:00:00Z' })),
    );
    expect(after.summary.work?.visits).toBe(1);
    const kept = IssueSchema.parse(
      await json(await call(`/bulletins/${issue.issueNumber}`, { now: '2026-12-02T04:00:00Z' })),
    );
    expect(kept.summary.work?.visits).toBe(2);
    expect(kept.bulletin.work?.sentence).toBe(live.bulletin.work?.sentence);

    // The links and holidays replaced afterwards: the figures as known at publication still match the issue.
    expect(
      (
        await call('/work/leaders/2026', {
          method: 'PUT',
          body: { links: [{ leader: '新书记', title: '书记', unitCodes: ['WLJ'], centre: true }] },
          now: '2026-12-02T05:00:00Z',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call('/work/holidays/2026', {
          method: 'PUT',
          body: { holidays: [{ date: '2026-11-26', name: '调休' }] },
          now: '2026-12-02T05:00:00Z',
        })
      ).status,
    ).toBe(200);
    const now = SummaryResponseSchema.parse(
      await json(await call('/summary?year=2026&month=11', { now: '2026-12-02T06:00:00Z' })),
    );
    expect(now.summary.work?.leaders.map((leader) => leader.leader)).toEqual(['新书记']);
    expect(now.summary.work?.visitsDue).toBe(3);
    const asOf = SummaryResponseSchema.parse(
      await json(
        await call(`/summary?year=2026&month=11&asOf=${encodeURIComponent(issue.publishedAt)}`, {
          now: '2026-12-02T06:00:00Z',
        }),
      ),
    );
    expect(asOf.summary.work).toEqual(kept.summary.work);
  });
});
