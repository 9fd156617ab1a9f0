// 工作记录 (SPEC §8, issue 15): the committee's own work the seed names beside the quota — 定期走访 (every
// Thursday, the organizations resident in the support centre), 双月例会 (a meeting every two months) and
// 领导联系 (which committee leader is linked to which units and to the centre, and their visits) — the
// records' shapes, and the cadence: what each institution asked for in a period and whether it was done.
// Pure: every "today" is passed in (one clock), holidays are a list the committee keeps.
import { z } from 'zod';
import { chineseDate, daysInMonth } from './dates';
import { type BulletinTable, IsoDateSchema, type WorkNews, YearSchema } from './schemas';

const NameSchema = z.string().trim().min(1).max(40);

/** A visit as recorded: who went, when, to which organizations (and which units, for a leader's visit). */
export const VisitInputSchema = z.object({
  visitedOn: IsoDateSchema,
  visitors: z.array(NameSchema).min(1).max(20),
  /** Organizations visited, by name as the visitors wrote them. */
  organizations: z.array(z.string().trim().min(1).max(100)).max(60),
  /** Units whose organizations or offices were visited (a linked leader's visit names them). */
  unitCodes: z.array(z.string().min(1).max(20)).max(60),
  notes: z.string().trim().max(2000),
});

export const VisitSchema = VisitInputSchema.extend({
  id: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

/** A 双月例会 as recorded. */
export const MeetingInputSchema = z.object({
  heldOn: IsoDateSchema,
  /** Units that attended, by code. */
  attendingUnits: z.array(z.string().min(1).max(20)).max(200),
  topics: z.string().trim().min(1).max(2000),
  decisions: z.string().trim().max(2000),
});

export const MeetingSchema = MeetingInputSchema.extend({
  id: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

/** One committee leader's links for a year (领导联系制). */
export const LeaderLinkSchema = z.object({
  leader: NameSchema,
  /** 职务, as the committee writes it (团区委书记, 副书记…). */
  title: z.string().trim().max(40),
  unitCodes: z.array(z.string().min(1).max(20)).max(200),
  /** Linked to the support centre (青年公益服务支持中心). */
  centre: z.boolean(),
});

export const LeaderLinksSchema = z.object({
  year: YearSchema,
  links: z.array(LeaderLinkSchema).max(30),
});

/** A public holiday (or a day off the committee names): a Thursday on it asks for no visit. */
export const HolidaySchema = z.object({ date: IsoDateSchema, name: z.string().trim().min(1).max(20) });

export type VisitInput = z.infer<typeof VisitInputSchema>;
export type Visit = z.infer<typeof VisitSchema>;
export type MeetingInput = z.infer<typeof MeetingInputSchema>;
export type Meeting = z.infer<typeof MeetingSchema>;
export type LeaderLink = z.infer<typeof LeaderLinkSchema>;
export type LeaderLinks = z.infer<typeof LeaderLinksSchema>;
export type Holiday = z.infer<typeof HolidaySchema>;

/**
 * Where a period stands on `today`: `done` (recorded), `missed` (over without a record), `due` (under way
 * and not yet recorded), `upcoming` (not started), `holiday` (a Thursday that asks for nothing).
 */
export type CadenceStatus = 'done' | 'missed' | 'due' | 'upcoming' | 'holiday';

function isoOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Days added to an ISO date (UTC arithmetic on a calendar date: no time zone involved). */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoOf(date);
}

/** 0 Monday … 6 Sunday. */
function weekday(iso: string): number {
  return (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
}

const THURSDAY = 3;

/** Every Thursday of a month, in order: four or five. */
export function thursdaysOf(year: number, month: number): string[] {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const days: string[] = [];
  for (let day = addDays(first, (THURSDAY - weekday(first) + 7) % 7); ; day = addDays(day, 7)) {
    if (Number(day.slice(5, 7)) !== month) return days;
    days.push(day);
  }
}

/** The Monday and Sunday of the week (Monday to Sunday) a day falls in. */
export function weekOf(iso: string): { monday: string; sunday: string } {
  const monday = addDays(iso, -weekday(iso));
  return { monday, sunday: addDays(monday, 6) };
}

/** One Thursday of the 定期走访 cadence: a visit any day of its week (Monday to Sunday) counts for it. */
export interface VisitWeek {
  thursday: string;
  status: CadenceStatus;
  /** The holiday's name when the Thursday is one. */
  holiday: string | null;
  /** Visits recorded in the Thursday's week. */
  visits: number;
}

function statusOnDay(day: string, today: string): CadenceStatus {
  if (day > today) return 'upcoming';
  return day === today ? 'due' : 'missed';
}

/**
 * The month's Thursdays and whether each week had its visit, on `today`. A week with a visit is done, even
 * when its Thursday is a holiday; a holiday Thursday without one asks for nothing; a Thursday before today
 * without a visit that week is missed (a visit later that week still makes it done); today's is due.
 */
export function visitWeeks(
  year: number,
  month: number,
  visits: readonly { visitedOn: string }[],
  holidays: readonly Holiday[],
  today: string,
): VisitWeek[] {
  const holidayName = new Map(holidays.map((holiday) => [holiday.date, holiday.name]));
  return thursdaysOf(year, month).map((thursday) => {
    const { monday, sunday } = weekOf(thursday);
    const count = visits.filter((visit) => visit.visitedOn >= monday && visit.visitedOn <= sunday).length;
    const holiday = holidayName.get(thursday) ?? null;
    const status: CadenceStatus =
      count > 0 ? 'done' : holiday !== null ? 'holiday' : statusOnDay(thursday, today);
    return { thursday, status, holiday, visits: count };
  });
}

/** Thursdays of the month that ask for a visit (the month's Thursdays less the holidays): 3 to 5. */
export function visitsDue(year: number, month: number, holidays: readonly Holiday[]): number {
  const off = new Set(holidays.map((holiday) => holiday.date));
  return thursdaysOf(year, month).filter((thursday) => !off.has(thursday)).length;
}

/** A two-month period of the 双月例会 cadence: 1 is January–February, 6 November–December. */
export interface MeetingPeriod {
  period: number;
  firstMonth: number;
  lastMonth: number;
  start: string;
  end: string;
  status: CadenceStatus;
  /** Days the period's meetings were held on, in order. */
  heldOn: string[];
}

function monthStart(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

function monthEnd(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

function periodStatus(start: string, end: string, done: boolean, today: string): CadenceStatus {
  if (done) return 'done';
  if (today > end) return 'missed';
  return today >= start ? 'due' : 'upcoming';
}

/** The two-month period a month belongs to (1–6). */
export function meetingPeriodOf(month: number): number {
  return Math.ceil(month / 2);
}

/** The year's six 双月例会 periods on `today`: done with a meeting, missed once over without one. */
export function meetingPeriods(
  year: number,
  meetings: readonly { heldOn: string }[],
  today: string,
): MeetingPeriod[] {
  return [1, 2, 3, 4, 5, 6].map((period) => {
    const firstMonth = period * 2 - 1;
    const lastMonth = period * 2;
    const start = monthStart(year, firstMonth);
    const end = monthEnd(year, lastMonth);
    const heldOn = meetings
      .map((meeting) => meeting.heldOn)
      .filter((day) => day >= start && day <= end)
      .sort();
    return {
      period,
      firstMonth,
      lastMonth,
      start,
      end,
      status: periodStatus(start, end, heldOn.length > 0, today),
      heldOn,
    };
  });
}

/** A linked leader's visits in one quarter (领导联系制: at least one a quarter). */
export interface LeaderQuarter {
  leader: string;
  quarter: number;
  status: CadenceStatus;
  /** Days of the quarter's visits with the leader among the visitors. */
  visitedOn: string[];
}

export function quarterOf(month: number): number {
  return Math.ceil(month / 3);
}

/** Each linked leader's visits in `quarter` of `year`: a visit counts when the leader is among its visitors. */
export function leaderQuarters(
  year: number,
  quarter: number,
  links: readonly LeaderLink[],
  visits: readonly Pick<VisitInput, 'visitedOn' | 'visitors'>[],
  today: string,
): LeaderQuarter[] {
  const start = monthStart(year, quarter * 3 - 2);
  const end = monthEnd(year, quarter * 3);
  return links.map((link) => {
    const visitedOn = visits
      .filter(
        (visit) =>
          visit.visitedOn >= start &&
          visit.visitedOn <= end &&
          visit.visitors.some((visitor) => visitor.trim() === link.leader),
      )
      .map((visit) => visit.visitedOn)
      .sort();
    return {
      leader: link.leader,
      quarter,
      status: periodStatus(start, end, visitedOn.length > 0, today),
      visitedOn,
    };
  });
}

/** What is overdue on `today` in a year: missed Thursdays, missed meeting periods, leaders without a visit. */
export interface WorkOverdue {
  /** Thursdays before today (of the year, up to today) whose week had no visit and that were no holiday. */
  missedThursdays: string[];
  /** Meeting periods over without a meeting. */
  missedMeetings: { period: number; firstMonth: number; lastMonth: number }[];
  /** Linked leaders with no visit in today's quarter so far (the "this quarter"). */
  leadersWithoutVisit: string[];
}

export function workOverdue(
  year: number,
  records: {
    visits: readonly Pick<VisitInput, 'visitedOn' | 'visitors'>[];
    meetings: readonly { heldOn: string }[];
    links: readonly LeaderLink[];
  },
  holidays: readonly Holiday[],
  today: string,
): WorkOverdue {
  const todayYear = Number(today.slice(0, 4));
  const lastMonth = todayYear > year ? 12 : todayYear < year ? 0 : Number(today.slice(5, 7));
  const missedThursdays: string[] = [];
  for (let month = 1; month <= lastMonth; month++) {
    for (const week of visitWeeks(year, month, records.visits, holidays, today))
      if (week.status === 'missed') missedThursdays.push(week.thursday);
  }
  const missedMeetings = meetingPeriods(year, records.meetings, today)
    .filter((period) => period.status === 'missed')
    .map(({ period, firstMonth, lastMonth: last }) => ({ period, firstMonth, lastMonth: last }));
  const quarter = lastMonth === 0 ? 0 : quarterOf(lastMonth);
  const leadersWithoutVisit =
    quarter === 0
      ? []
      : leaderQuarters(year, quarter, records.links, records.visits, today)
          .filter((each) => each.status !== 'done')
          .map((each) => each.leader);
  return { missedThursdays, missedMeetings, leadersWithoutVisit };
}

/**
 * The month's work news once the month is over (the bulletin's view of it: judged the day after), or, for a
 * month still under way, as of `today` (records up to the day before).
 */
export function workNews(
  year: number,
  month: number,
  records: {
    visits: readonly Pick<VisitInput, 'visitedOn' | 'visitors' | 'organizations'>[];
    meetings: readonly { heldOn: string }[];
    links: readonly LeaderLink[];
  },
  holidays: readonly Holiday[],
  today: string | null = null,
): WorkNews {
  const monthOver = addDays(monthEnd(year, month), 1);
  // A month still under way is judged on today (a Thursday to come is not missed yet), with today's records.
  const underWay = today !== null && today < monthOver;
  const dayAfter = underWay ? today : monthOver;
  const asOf = underWay ? today : monthEnd(year, month);
  const start = monthStart(year, month);
  const inMonth = records.visits.filter((visit) => visit.visitedOn >= start && visit.visitedOn <= asOf);
  const organizations = new Set(inMonth.flatMap((visit) => visit.organizations.map((name) => name.trim())));
  // A visit on the following days of the month's last week still counts for its Thursday, but the bulletin
  // speaks of the month as it ended: only visits up to its last day.
  const upToMonthEnd = records.visits.filter((visit) => visit.visitedOn <= asOf);
  const weeks = visitWeeks(year, month, upToMonthEnd, holidays, dayAfter);
  const period = meetingPeriods(
    year,
    records.meetings.filter((meeting) => meeting.heldOn <= asOf),
    dayAfter,
  )[meetingPeriodOf(month) - 1];
  const quarter = leaderQuarters(year, quarterOf(month), records.links, upToMonthEnd, dayAfter);
  return {
    year,
    month,
    visits: inMonth.length,
    organizationsVisited: organizations.size,
    visitsDue: visitsDue(year, month, holidays),
    missedThursdays: weeks.filter((week) => week.status === 'missed').map((week) => week.thursday),
    meeting: {
      firstMonth: period?.firstMonth ?? month,
      lastMonth: period?.lastMonth ?? month,
      status: period?.status ?? 'due',
      heldOn: period?.heldOn ?? [],
    },
    leaders: quarter.map(({ leader, visitedOn }) => ({ leader, visitedOn })),
  };
}

const CHINESE_NUMBERS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

function monthDay(iso: string): string {
  return chineseDate(iso).replace(/^\d+年/, '');
}

function names(list: readonly string[]): string {
  return list.join('、');
}

/**
 * The bulletin's 工作动态 sentence (SPEC §9: the month named, numbers without a trailing .0, lists named in
 * full — a district has a handful of leaders and at most five Thursdays).
 */
export function workNewsSentence(news: WorkNews): string {
  const month = `${news.month}月份`;
  const parts: string[] = [];
  const missed = news.missedThursdays.map((day) => `${monthDay(day)}`);
  const visitPart =
    news.visits === 0
      ? `${month}按每周四走访制度应走访${news.visitsDue}次，实际未走访`
      : `${month}按每周四走访制度应走访${news.visitsDue}次，实际走访入驻支持中心的青年社会组织${news.visits}次、覆盖${news.organizationsVisited}家`;
  parts.push(
    missed.length === 0 || news.visits === 0
      ? visitPart
      : missed.length === 1
        ? `${visitPart}，${missed[0]}（周四）未走访`
        : `${visitPart}，${names(missed)}${CHINESE_NUMBERS[missed.length] ?? missed.length}个周四未走访`,
  );
  const span = `${news.meeting.firstMonth}—${news.meeting.lastMonth}月`;
  const meeting = news.meeting;
  if (meeting.heldOn.length > 0) {
    parts.push(`${span}双月例会已于${names(meeting.heldOn.map(monthDay))}召开`);
  } else if (meeting.status === 'missed') {
    parts.push(`${span}双月例会未召开`);
  } else {
    parts.push(`${span}双月例会尚未召开，请于${meeting.lastMonth}月底前召开`);
  }
  if (news.leaders.length > 0) {
    const visited = news.leaders
      .filter((leader) => leader.visitedOn.length > 0)
      .map((leader) => leader.leader);
    const not = news.leaders.filter((leader) => leader.visitedOn.length === 0).map((leader) => leader.leader);
    const quarter = `本季度`;
    if (not.length === 0) parts.push(`${quarter}联系领导${names(visited)}均已走访联系单位`);
    else if (visited.length === 0) parts.push(`${quarter}联系领导${names(not)}尚未走访联系单位`);
    else parts.push(`${quarter}联系领导${names(visited)}已走访联系单位，${names(not)}尚未走访`);
  }
  return `${parts.join('；')}。`;
}

/**
 * The 工作动态 table: each institution's figure for the month — what it asked for, what was done, and how it
 * stands in words (numbers stay numbers).
 */
export function workNewsTable(news: WorkNews): BulletinTable {
  const missed = news.missedThursdays.map(monthDay);
  const meeting = news.meeting;
  const span = `${meeting.firstMonth}—${meeting.lastMonth}月`;
  const meetingState =
    meeting.heldOn.length > 0
      ? `${span}：已于${names(meeting.heldOn.map(monthDay))}召开`
      : meeting.status === 'missed'
        ? `${span}：未召开`
        : `${span}：尚未召开，${meeting.lastMonth}月底前召开`;
  return {
    headers: ['工作', '应完成（次）', '已完成（次）', '情况'],
    rows: [
      [
        '定期走访（每周四）',
        news.visitsDue,
        news.visits,
        missed.length === 0 ? `覆盖组织${news.organizationsVisited}家` : `${names(missed)}未走访`,
      ],
      ['双月例会', 1, meeting.heldOn.length, meetingState],
      ...news.leaders.map((leader) => [
        `领导联系·${leader.leader}`,
        1,
        leader.visitedOn.length,
        leader.visitedOn.length > 0 ? `本季度${names(leader.visitedOn.map(monthDay))}走访` : '本季度尚未走访',
      ]),
    ],
  };
}

const CadenceSchema = z.enum(['done', 'missed', 'due', 'upcoming', 'holiday']);

/** GET /work/status: where each cadence stands on a day (every role: dates, counts, leaders' names). */
export const WorkStatusSchema = z.object({
  year: YearSchema,
  today: IsoDateSchema,
  months: z.array(
    z.object({
      month: z.number().int(),
      weeks: z.array(
        z.object({
          thursday: IsoDateSchema,
          status: CadenceSchema,
          holiday: z.string().nullable(),
          visits: z.number().int(),
        }),
      ),
    }),
  ),
  meetings: z.array(
    z.object({
      period: z.number().int(),
      firstMonth: z.number().int(),
      lastMonth: z.number().int(),
      start: IsoDateSchema,
      end: IsoDateSchema,
      status: CadenceSchema,
      heldOn: z.array(IsoDateSchema),
    }),
  ),
  leaders: z.array(
    LeaderLinkSchema.extend({
      quarters: z.array(
        z.object({
          leader: z.string(),
          quarter: z.number().int(),
          status: CadenceSchema,
          visitedOn: z.array(IsoDateSchema),
        }),
      ),
    }),
  ),
  overdue: z.object({
    missedThursdays: z.array(IsoDateSchema),
    missedMeetings: z.array(
      z.object({ period: z.number().int(), firstMonth: z.number().int(), lastMonth: z.number().int() }),
    ),
    leadersWithoutVisit: z.array(z.string()),
  }),
  counts: z.object({ visits: z.number().int(), meetings: z.number().int(), holidays: z.number().int() }),
});

/** GET /work/records: a year's records standing now (admin). */
export const WorkRecordsSchema = z.object({
  year: YearSchema,
  visits: z.array(VisitSchema),
  meetings: z.array(MeetingSchema),
  links: z.array(LeaderLinkSchema),
  holidays: z.array(HolidaySchema),
});

export type WorkStatus = z.infer<typeof WorkStatusSchema>;
export type WorkRecords = z.infer<typeof WorkRecordsSchema>;
