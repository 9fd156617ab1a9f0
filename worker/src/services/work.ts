// 工作记录 (issue 15): recording the committee's visits and meetings, its leader links and holiday list, and
// where each cadence stands. The committee (admin) records; every role may read where the cadence stands
// (dates, counts and the leaders' names: no organization, no notes).
import {
  type CadenceStatus,
  type Holiday,
  isCalendarDate,
  type LeaderLink,
  type LeaderQuarter,
  leaderQuarters,
  type Meeting,
  type MeetingInput,
  type MeetingPeriod,
  meetingPeriods,
  shanghaiDate,
  type Visit,
  type VisitInput,
  type VisitWeek,
  visitWeeks,
  type WorkNews,
  type WorkOverdue,
  workNews,
  workOverdue,
} from '@tuanjian/shared';
import { type Caller, requireRole, sha256Hex } from '../auth';
import { type Db, readTogether } from '../db/db';
import { unitsRead } from '../db/units';
import {
  existingIds,
  holidaysRead,
  insertMeetingsStatement,
  insertVisitsStatement,
  leaderLinksRead,
  meetingsRead,
  replaceHolidaysStatements,
  replaceLeaderLinksStatements,
  standingRecord,
  visitsRead,
  withdrawStatement,
} from '../db/work';
import { commit } from '../db/write';
import { ApiError } from '../errors';

/** Records before this day are refused: the product's years start in 2000 (YearSchema). */
const EARLIEST_DAY = '2000-01-01';

interface Problem {
  index: number;
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

function invalid(problems: Problem[], what: string, whatEn: string): ApiError {
  return new ApiError(422, 'validation_failed', `${what}中有 ${problems.length} 处错误，未写入任何数据`, {
    messageEn: `${problems.length} problem(s) in the ${whatEn}; nothing was written`,
    problems,
  });
}

function dayProblems(index: number, field: string, label: string, day: string, today: string): Problem[] {
  if (!isCalendarDate(day) || day < EARLIEST_DAY) {
    return [
      {
        index,
        field,
        code: 'date.invalid',
        message: `${label}“${day}”不是有效日期`,
        messageEn: `${field} ${day} is not a date from 2000 on`,
      },
    ];
  }
  if (day > today) {
    return [
      {
        index,
        field,
        code: 'date.future',
        message: `${label}${day}晚于今天（${today}）`,
        messageEn: `${field} ${day} is after today (${today})`,
      },
    ];
  }
  return [];
}

function unitProblems(index: number, field: string, codes: readonly string[], known: Set<string>): Problem[] {
  const unknown = codes.filter((code) => !known.has(code));
  return unknown.length === 0
    ? []
    : [
        {
          index,
          field,
          code: 'unit.unknown',
          message: `没有单位“${unknown.join('、')}”`,
          messageEn: `No unit ${unknown.join(', ')}`,
        },
      ];
}

async function knownUnits(db: Db): Promise<Set<string>> {
  const { units } = await readTogether(db, { units: unitsRead(db) });
  return new Set(units.map((unit) => unit.code));
}

/** A record's id: the SHA-256 of what it says, so the same record sent twice is one record. */
function contentId(prefix: string, content: unknown): Promise<string> {
  return sha256Hex(JSON.stringify(content)).then((hash) => `${prefix}-${hash.slice(0, 32)}`);
}

function tidy(list: readonly string[]): string[] {
  return [...new Set(list.map((each) => each.trim()).filter((each) => each !== ''))];
}

/** Records visits (admin): real days not after today, known units; a visit already recorded is not again. */
export async function recordVisits(
  db: Db,
  caller: Caller,
  inputs: readonly VisitInput[],
  now: Date,
): Promise<{ visits: Visit[]; alreadyRecorded: number }> {
  requireRole(caller, 'admin');
  const today = shanghaiDate(now);
  const units = await knownUnits(db);
  const problems = inputs.flatMap((input, index) => [
    ...dayProblems(index, 'visitedOn', '走访日期', input.visitedOn, today),
    ...unitProblems(index, 'unitCodes', input.unitCodes, units),
  ]);
  if (problems.length > 0) throw invalid(problems, '走访记录', 'visits');
  const recordedAt = now.toISOString();
  const visits = await Promise.all(
    inputs.map(async (input): Promise<Visit> => {
      const content = {
        visitedOn: input.visitedOn,
        visitors: tidy(input.visitors),
        organizations: tidy(input.organizations),
        unitCodes: tidy(input.unitCodes),
        notes: input.notes.trim(),
      };
      return { id: await contentId('v', content), ...content, recordedBy: caller.tokenId, recordedAt };
    }),
  );
  return recordOnce(db, caller, 'work_visits', visits, recordedAt).then(({ fresh, alreadyRecorded }) => ({
    visits: fresh,
    alreadyRecorded,
  }));
}

/** Records meetings (admin): real days not after today, known attending units, topics given. */
export async function recordMeetings(
  db: Db,
  caller: Caller,
  inputs: readonly MeetingInput[],
  now: Date,
): Promise<{ meetings: Meeting[]; alreadyRecorded: number }> {
  requireRole(caller, 'admin');
  const today = shanghaiDate(now);
  const units = await knownUnits(db);
  const problems = inputs.flatMap((input, index) => [
    ...dayProblems(index, 'heldOn', '例会日期', input.heldOn, today),
    ...unitProblems(index, 'attendingUnits', input.attendingUnits, units),
  ]);
  if (problems.length > 0) throw invalid(problems, '例会记录', 'meetings');
  const recordedAt = now.toISOString();
  const meetings = await Promise.all(
    inputs.map(async (input): Promise<Meeting> => {
      const content = {
        heldOn: input.heldOn,
        attendingUnits: tidy(input.attendingUnits),
        topics: input.topics.trim(),
        decisions: input.decisions.trim(),
      };
      return { id: await contentId('m', content), ...content, recordedBy: caller.tokenId, recordedAt };
    }),
  );
  return recordOnce(db, caller, 'work_meetings', meetings, recordedAt).then(({ fresh, alreadyRecorded }) => ({
    meetings: fresh,
    alreadyRecorded,
  }));
}

async function recordOnce<T extends Visit | Meeting>(
  db: Db,
  caller: Caller,
  table: 'work_visits' | 'work_meetings',
  records: readonly T[],
  recordedAt: string,
): Promise<{ fresh: T[]; alreadyRecorded: number }> {
  const seen = await existingIds(
    db,
    table,
    records.map((record) => record.id),
  );
  const fresh: T[] = [];
  for (const record of records) {
    if (seen.has(record.id)) continue;
    seen.add(record.id);
    fresh.push(record);
  }
  const alreadyRecorded = records.length - fresh.length;
  if (fresh.length === 0) return { fresh, alreadyRecorded };
  const statement =
    table === 'work_visits'
      ? insertVisitsStatement(db, fresh as Visit[])
      : insertMeetingsStatement(db, fresh as Meeting[]);
  await commit(db, [statement], {
    at: recordedAt,
    actor: caller.tokenId,
    action: table === 'work_visits' ? 'work.visits.record' : 'work.meetings.record',
    detail: { ids: fresh.map((record) => record.id), alreadyRecorded },
  });
  return { fresh, alreadyRecorded };
}

/** Withdraws a visit or meeting (admin): it stays in the database with who withdrew it and when. */
export async function withdrawRecord(
  db: Db,
  caller: Caller,
  kind: 'visit' | 'meeting',
  id: string,
  now: Date,
): Promise<void> {
  requireRole(caller, 'admin');
  const table = kind === 'visit' ? 'work_visits' : 'work_meetings';
  if (!(await standingRecord(db, table, id))) {
    throw new ApiError(404, 'not_found', kind === 'visit' ? '没有这条走访记录' : '没有这条例会记录', {
      messageEn: `No standing ${kind} ${id}`,
    });
  }
  const at = now.toISOString();
  await commit(db, [withdrawStatement(db, table, id, at, caller.tokenId)], {
    at,
    actor: caller.tokenId,
    action: `work.${kind}.withdraw`,
    target: id,
  });
}

/** Replaces a year's leader links (admin): known units, each leader once. */
export async function setLeaderLinks(
  db: Db,
  caller: Caller,
  year: number,
  links: readonly LeaderLink[],
  now: Date,
): Promise<LeaderLink[]> {
  requireRole(caller, 'admin');
  const units = await knownUnits(db);
  const seen = new Set<string>();
  const tidied = links.map((link) => ({
    leader: link.leader.trim(),
    title: link.title.trim(),
    unitCodes: tidy(link.unitCodes),
    centre: link.centre,
  }));
  const problems = tidied.flatMap((link, index) => {
    const own = unitProblems(index, 'unitCodes', link.unitCodes, units);
    if (seen.has(link.leader)) {
      own.push({
        index,
        field: 'leader',
        code: 'leader.duplicate',
        message: `联系领导“${link.leader}”出现了两次`,
        messageEn: `Leader ${link.leader} is listed twice`,
      });
    }
    seen.add(link.leader);
    return own;
  });
  if (problems.length > 0) throw invalid(problems, '领导联系', 'leader links');
  const at = now.toISOString();
  await commit(db, replaceLeaderLinksStatements(db, year, tidied, at), {
    at,
    actor: caller.tokenId,
    action: 'work.leaders.set',
    target: String(year),
    detail: { links: tidied },
  });
  return tidied;
}

/** Replaces a year's holiday list (admin): days of that year, each once. */
export async function setHolidays(
  db: Db,
  caller: Caller,
  year: number,
  holidays: readonly Holiday[],
  now: Date,
): Promise<Holiday[]> {
  requireRole(caller, 'admin');
  const seen = new Set<string>();
  const problems = holidays.flatMap((holiday, index): Problem[] => {
    const wrong = !isCalendarDate(holiday.date) || !holiday.date.startsWith(`${year}-`);
    const twice = seen.has(holiday.date);
    seen.add(holiday.date);
    if (wrong) {
      return [
        {
          index,
          field: 'date',
          code: 'date.invalid',
          message: `“${holiday.date}”不是${year}年的日期`,
          messageEn: `${holiday.date} is not a day of ${year}`,
        },
      ];
    }
    return twice
      ? [
          {
            index,
            field: 'date',
            code: 'date.duplicate',
            message: `${holiday.date}出现了两次`,
            messageEn: `${holiday.date} is listed twice`,
          },
        ]
      : [];
  });
  if (problems.length > 0) throw invalid(problems, '节假日', 'holidays');
  const sorted = [...holidays]
    .map((h) => ({ date: h.date, name: h.name.trim() }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  const at = now.toISOString();
  await commit(db, replaceHolidaysStatements(db, year, sorted, at), {
    at,
    actor: caller.tokenId,
    action: 'work.holidays.set',
    target: String(year),
    detail: { count: sorted.length },
  });
  return sorted;
}

/** A year's records (admin): visits, meetings, links and holidays standing now. */
export async function workRecords(db: Db, caller: Caller, year: number) {
  requireRole(caller, 'admin');
  return { year, ...(await readTogether(db, workReads(db, year, null))) };
}

function workReads(db: Db, year: number, at: string | null) {
  return {
    visits: visitsRead(db, year, at),
    meetings: meetingsRead(db, year, at),
    links: leaderLinksRead(db, year, at),
    holidays: holidaysRead(db, year, at),
  };
}

/** Where each cadence stands on `today` in `year`. */
export interface WorkStatus {
  year: number;
  today: string;
  /** Each month's Thursdays (all twelve months). */
  months: { month: number; weeks: VisitWeek[] }[];
  meetings: MeetingPeriod[];
  /** Each linked leader, quarter by quarter. */
  leaders: {
    leader: string;
    title: string;
    unitCodes: string[];
    centre: boolean;
    quarters: LeaderQuarter[];
  }[];
  overdue: WorkOverdue;
  counts: { visits: number; meetings: number; holidays: number };
}

export async function workStatus(db: Db, year: number, now: Date): Promise<WorkStatus> {
  const today = shanghaiDate(now);
  const { visits, meetings, links, holidays } = await readTogether(db, workReads(db, year, null));
  return {
    year,
    today,
    months: Array.from({ length: 12 }, (_, index) => ({
      month: index + 1,
      weeks: visitWeeks(year, index + 1, visits, holidays, today),
    })),
    meetings: meetingPeriods(year, meetings, today),
    leaders: links.map((link) => ({
      ...link,
      quarters: [1, 2, 3, 4].flatMap((quarter) => leaderQuarters(year, quarter, [link], visits, today)),
    })),
    overdue: workOverdue(year, { visits, meetings, links }, holidays, today),
    counts: { visits: visits.length, meetings: meetings.length, holidays: holidays.length },
  };
}

/** The reads a summary's 工作动态 needs, to travel in the summary's own batch. */
export function workNewsReads(db: Db, year: number, at: string | null) {
  return workReads(db, year, at);
}

/**
 * The month's 工作动态 from a year's records, or null when the year has none at all (a district that does
 * not keep work records gets no section of empty figures).
 */
export function workNewsOf(
  year: number,
  month: number,
  records: { visits: Visit[]; meetings: Meeting[]; links: LeaderLink[]; holidays: Holiday[] },
  today: string,
): WorkNews | null {
  const { visits, meetings, links, holidays } = records;
  if (visits.length + meetings.length + links.length === 0) return null;
  return workNews(year, month, { visits, meetings, links }, holidays, today);
}

/** The month's 工作动态 for a summary at `now`: the records standing at `at` (null: now). */
export async function workNewsAt(
  db: Db,
  period: { year: number; month: number; now: Date },
  at: string | null,
): Promise<WorkNews | null> {
  const records = await readTogether(db, workReads(db, period.year, at));
  return workNewsOf(period.year, period.month, records, shanghaiDate(period.now));
}

export type { CadenceStatus };
