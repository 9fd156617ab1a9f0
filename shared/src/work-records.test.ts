import { describe, expect, it } from 'vitest';
import {
  type Holiday,
  type LeaderLink,
  leaderQuarters,
  meetingPeriods,
  thursdaysOf,
  visitsDue,
  visitWeeks,
  weekOf,
  workNews,
  workNewsSentence,
  workOverdue,
} from './work-records';

/** Part of 2026's public holidays, as the committee would list them. */
const HOLIDAYS: Holiday[] = [
  { date: '2026-01-01', name: '元旦' },
  { date: '2026-02-19', name: '春节' },
  { date: '2026-10-01', name: '国庆节' },
  { date: '2026-10-02', name: '国庆节' },
];

const visit = (visitedOn: string, visitors = ['刘洋'], organizations = ['浦东青年公益社']) => ({
  visitedOn,
  visitors,
  organizations,
});

describe('thursdaysOf', () => {
  it('gives four or five Thursdays', () => {
    expect(thursdaysOf(2026, 11)).toEqual(['2026-11-05', '2026-11-12', '2026-11-19', '2026-11-26']);
    expect(thursdaysOf(2026, 10)).toEqual([
      '2026-10-01',
      '2026-10-08',
      '2026-10-15',
      '2026-10-22',
      '2026-10-29',
    ]);
    expect(thursdaysOf(2026, 12)).toHaveLength(5);
    expect(thursdaysOf(2026, 2)).toEqual(['2026-02-05', '2026-02-12', '2026-02-19', '2026-02-26']);
  });

  it('weeks run Monday to Sunday, across a month end', () => {
    expect(weekOf('2026-10-01')).toEqual({ monday: '2026-09-28', sunday: '2026-10-04' });
    expect(weekOf('2026-12-31')).toEqual({ monday: '2026-12-28', sunday: '2027-01-03' });
  });
});

describe('visitWeeks', () => {
  it('a five-Thursday month with a holiday Thursday asks for four visits', () => {
    expect(visitsDue(2026, 10, HOLIDAYS)).toBe(4);
    expect(visitsDue(2026, 12, HOLIDAYS)).toBe(5);
    expect(visitsDue(2026, 11, HOLIDAYS)).toBe(4);
    expect(visitsDue(2026, 11, [])).toBe(4);
  });

  it('marks each Thursday done, missed, due, upcoming or holiday', () => {
    const visits = [
      visit('2026-10-08'),
      // Wednesday of the 15th's week: the week had its visit.
      visit('2026-10-14'),
      // The 1st is a holiday, and a visit in its week still counts as done.
      visit('2026-09-29'),
    ];
    expect(visitWeeks(2026, 10, visits, HOLIDAYS, '2026-10-22')).toEqual([
      { thursday: '2026-10-01', status: 'done', holiday: '国庆节', visits: 1 },
      { thursday: '2026-10-08', status: 'done', holiday: null, visits: 1 },
      { thursday: '2026-10-15', status: 'done', holiday: null, visits: 1 },
      { thursday: '2026-10-22', status: 'due', holiday: null, visits: 0 },
      { thursday: '2026-10-29', status: 'upcoming', holiday: null, visits: 0 },
    ]);
    const withoutTheHolidayVisit = visits.slice(0, 2);
    expect(
      visitWeeks(2026, 10, withoutTheHolidayVisit, HOLIDAYS, '2026-10-31').map((week) => week.status),
    ).toEqual(['holiday', 'done', 'done', 'missed', 'missed']);
  });

  it('a visit later in the week makes a missed Thursday done', () => {
    const today = '2026-11-14';
    expect(visitWeeks(2026, 11, [], [], today)[1]?.status).toBe('missed');
    expect(visitWeeks(2026, 11, [visit('2026-11-13')], [], today)[1]?.status).toBe('done');
  });
});

describe('meetingPeriods', () => {
  it('six two-month periods: done with a meeting, missed once over, due under way', () => {
    const periods = meetingPeriods(
      2026,
      [
        { heldOn: '2026-02-10' },
        { heldOn: '2026-06-30' },
        { heldOn: '2026-05-01' },
        { heldOn: '2025-12-30' },
      ],
      '2026-09-15',
    );
    expect(periods.map((period) => [period.period, period.status, period.heldOn])).toEqual([
      [1, 'done', ['2026-02-10']],
      [2, 'missed', []],
      [3, 'done', ['2026-05-01', '2026-06-30']],
      [4, 'missed', []],
      [5, 'due', []],
      [6, 'upcoming', []],
    ]);
    expect(periods[4]).toMatchObject({
      firstMonth: 9,
      lastMonth: 10,
      start: '2026-09-01',
      end: '2026-10-31',
    });
  });
});

describe('leaderQuarters and workOverdue', () => {
  const links: LeaderLink[] = [
    { leader: '王书记', title: '团区委书记', unitCodes: ['LJZ'], centre: true },
    { leader: '李副书记', title: '团区委副书记', unitCodes: ['GQ', 'ZP'], centre: false },
  ];
  const visits = [
    visit('2026-10-15', ['王书记', '刘洋']),
    visit('2026-08-20', ['李副书记']),
    visit('2026-11-05'),
    visit('2026-11-19'),
  ];

  it('counts a visit for each leader among its visitors, quarter by quarter', () => {
    expect(leaderQuarters(2026, 4, links, visits, '2026-11-20')).toEqual([
      { leader: '王书记', quarter: 4, status: 'done', visitedOn: ['2026-10-15'] },
      { leader: '李副书记', quarter: 4, status: 'due', visitedOn: [] },
    ]);
    expect(leaderQuarters(2026, 3, links, visits, '2026-11-20').map((each) => each.status)).toEqual([
      'missed',
      'done',
    ]);
  });

  it('lists what is overdue on a day: missed Thursdays, missed meetings, leaders without a visit', () => {
    const overdue = workOverdue(
      2026,
      { visits, meetings: [{ heldOn: '2026-10-20' }], links },
      HOLIDAYS,
      '2026-11-20',
    );
    // 47 Thursdays up to Nov 19; Jan 1, Feb 19 and Oct 1 are holidays; the weeks of Aug 20, Oct 15, Nov 5 and
    // Nov 19 had visits.
    expect(overdue.missedThursdays).not.toContain('2026-01-01');
    expect(overdue.missedThursdays).not.toContain('2026-02-19');
    expect(overdue.missedThursdays).not.toContain('2026-10-01');
    expect(overdue.missedThursdays).not.toContain('2026-11-19');
    expect(overdue.missedThursdays).toContain('2026-11-12');
    expect(overdue.missedThursdays).toHaveLength(47 - 3 - 4);
    expect(overdue.missedMeetings.map((period) => period.period)).toEqual([1, 2, 3, 4]);
    expect(overdue.leadersWithoutVisit).toEqual(['李副书记']);
    expect(workOverdue(2027, { visits, meetings: [], links }, HOLIDAYS, '2026-11-20')).toEqual({
      missedThursdays: [],
      missedMeetings: [],
      leadersWithoutVisit: [],
    });
  });
});

describe('workNews and its sentence', () => {
  const links: LeaderLink[] = [
    { leader: '王书记', title: '团区委书记', unitCodes: ['LJZ'], centre: true },
    { leader: '李副书记', title: '团区委副书记', unitCodes: ['GQ'], centre: false },
  ];

  it('a month with every Thursday visited and the period’s meeting held', () => {
    const news = workNews(
      2026,
      10,
      {
        visits: [
          visit('2026-10-08', ['刘洋'], ['浦东青年公益社', '彩虹中心']),
          visit('2026-10-15', ['王书记'], ['彩虹中心']),
          visit('2026-10-22', ['刘洋'], ['帮帮团']),
          visit('2026-10-29', ['李副书记', '刘洋'], ['众智创业']),
        ],
        meetings: [{ heldOn: '2026-10-20' }],
        links,
      },
      HOLIDAYS,
    );
    expect(news).toMatchObject({ visits: 4, organizationsVisited: 4, visitsDue: 4, missedThursdays: [] });
    expect(workNewsSentence(news)).toBe(
      '10月份按每周四走访制度应走访4次，实际走访入驻支持中心的青年社会组织4次、覆盖4家；9—10月双月例会已于10月20日召开；本季度联系领导王书记、李副书记均已走访联系单位。',
    );
  });

  it('names missed Thursdays, a meeting still to hold and a leader yet to visit', () => {
    const news = workNews(
      2026,
      11,
      { visits: [visit('2026-11-05'), visit('2026-11-26', ['王书记'])], meetings: [], links },
      HOLIDAYS,
    );
    expect(news.missedThursdays).toEqual(['2026-11-12', '2026-11-19']);
    expect(workNewsSentence(news)).toBe(
      '11月份按每周四走访制度应走访4次，实际走访入驻支持中心的青年社会组织2次、覆盖1家，11月12日、11月19日两个周四未走访；11—12月双月例会尚未召开，请于12月底前召开；本季度联系领导王书记已走访联系单位，李副书记尚未走访。',
    );
  });

  it('an ended period without a meeting, one missed Thursday, no leaders linked', () => {
    const news = workNews(
      2026,
      12,
      {
        visits: [visit('2026-12-03'), visit('2026-12-10'), visit('2026-12-24'), visit('2026-12-31')],
        meetings: [],
        links: [],
      },
      HOLIDAYS,
    );
    expect(workNewsSentence(news)).toBe(
      '12月份按每周四走访制度应走访5次，实际走访入驻支持中心的青年社会组织4次、覆盖1家，12月17日（周四）未走访；11—12月双月例会未召开。',
    );
  });

  it('a month still under way is judged on today: a Thursday to come is not missed yet', () => {
    const records = { visits: [visit('2026-11-19')], meetings: [], links: [] };
    const midMonth = workNews(2026, 11, records, HOLIDAYS, '2026-11-20');
    expect(midMonth.missedThursdays).toEqual(['2026-11-05', '2026-11-12']);
    expect(workNews(2026, 11, records, HOLIDAYS, '2026-11-19').missedThursdays).toEqual([
      '2026-11-05',
      '2026-11-12',
    ]);
    expect(workNews(2026, 11, records, HOLIDAYS, '2026-12-02').missedThursdays).toEqual([
      '2026-11-05',
      '2026-11-12',
      '2026-11-26',
    ]);
  });

  it('a month without visits', () => {
    const news = workNews(2026, 2, { visits: [], meetings: [{ heldOn: '2026-01-15' }], links: [] }, HOLIDAYS);
    expect(workNewsSentence(news)).toBe(
      '2月份按每周四走访制度应走访3次，实际未走访；1—2月双月例会已于1月15日召开。',
    );
  });
});
