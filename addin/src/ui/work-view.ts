// 工作记录 (admins), for the pane's tab and the web page's section alike: where the committee's three cadences
// stand (the Thursdays' visits, the two-monthly meetings, the linked leaders' quarters) with what is overdue,
// forms to record a visit and a meeting and to set a leader's links, and the year's records to withdraw; the
// 支持中心 block (centre-view.ts) and the sheets block (work-sheets-view.ts) sit in between.
import './work.css';
import {
  ALL_UNITS,
  type Holiday,
  isCalendarDate,
  type LeaderLink,
  type MeetingInput,
  shanghaiDate,
  type VisitInput,
  type WorkRecords,
  type WorkStatus,
} from '@tuanjian/shared';
import { centreBlock } from './centre-view';
import type { PaneContext, Session } from './context';
import { dayText, pickerYears } from './dates';
import { type Child, h } from './dom';
import { actionButton, actionRow, field, noticeView, prerequisites, select } from './widgets';
import type { WorkMessages } from './work-messages';
import { excelWorkSheetPort, sheetBlock, type WorkSheetPort } from './work-sheets-view';
import {
  connectionOf,
  dayProblems,
  emptyDrafts,
  input,
  load,
  refuse,
  resolveUnits,
  rowAction,
  splitList,
  statusCell,
  TAB,
  textarea,
  unitNames,
  type WorkState,
  workForm,
  write,
} from './work-state';

export { excelWorkSheetPort, type WorkSheetPort };

function recordVisit(ctx: PaneContext, state: WorkState, session: Session): void {
  const draft = state.drafts.visit;
  const today = shanghaiDate(ctx.now());
  const units = resolveUnits(draft.units, session.units, null);
  const visitors = splitList(draft.visitors);
  const problems = [
    ...dayProblems((t) => t.visitDate, draft.visitedOn, today),
    ...(visitors.length === 0 ? [(t: WorkMessages) => t.required(t.visitors)] : []),
    ...(units.unknown.length > 0
      ? [(t: WorkMessages) => t.unknownUnits(t.visitUnits, units.unknown.join('、'))]
      : []),
  ];
  if (problems.length > 0) {
    refuse(ctx, problems, visitors.length === 0 ? 'work-visitors' : 'work-visit-date');
    return;
  }
  const visit: VisitInput = {
    visitedOn: draft.visitedOn,
    visitors,
    organizations: splitList(draft.organizations),
    unitCodes: units.codes,
    notes: draft.notes.trim(),
  };
  void write(ctx, state, session, async () => {
    const answer = await session.client.recordVisits([visit]);
    state.drafts.visit = emptyDrafts(today).visit;
    const day = dayText(visit.visitedOn, ctx.lang());
    return (t) => (answer.visits.length > 0 ? t.visitRecorded(day) : t.visitAlready);
  });
}

function recordMeeting(ctx: PaneContext, state: WorkState, session: Session): void {
  const draft = state.drafts.meeting;
  const today = shanghaiDate(ctx.now());
  const units = resolveUnits(draft.attending, session.units, ALL_UNITS);
  const problems = [
    ...dayProblems((t) => t.meetingDate, draft.heldOn, today),
    ...(draft.topics.trim() === '' ? [(t: WorkMessages) => t.required(t.topics)] : []),
    ...(units.unknown.length > 0
      ? [(t: WorkMessages) => t.unknownUnits(t.attending, units.unknown.join('、'))]
      : []),
  ];
  if (problems.length > 0) {
    refuse(ctx, problems, draft.topics.trim() === '' ? 'work-topics' : 'work-meeting-date');
    return;
  }
  const meeting: MeetingInput = {
    heldOn: draft.heldOn,
    attendingUnits: units.codes,
    topics: draft.topics.trim(),
    decisions: draft.decisions.trim(),
  };
  void write(ctx, state, session, async () => {
    const answer = await session.client.recordMeetings([meeting]);
    state.drafts.meeting = emptyDrafts(today).meeting;
    const day = dayText(meeting.heldOn, ctx.lang());
    return (t) => (answer.meetings.length > 0 ? t.meetingRecorded(day) : t.meetingAlready);
  });
}

function saveLeader(ctx: PaneContext, state: WorkState, session: Session): void {
  const draft = state.drafts.leader;
  const name = draft.leader.trim();
  const units = resolveUnits(draft.units, session.units, null);
  const problems = [
    ...(name === '' ? [(t: WorkMessages) => t.required(t.leaderName)] : []),
    ...(units.unknown.length > 0
      ? [(t: WorkMessages) => t.unknownUnits(t.leaderUnits, units.unknown.join('、'))]
      : []),
  ];
  if (problems.length > 0) {
    refuse(ctx, problems, name === '' ? 'work-leader-name' : 'work-leader-units');
    return;
  }
  const link: LeaderLink = {
    leader: name,
    title: draft.title.trim(),
    unitCodes: units.codes,
    centre: draft.centre,
  };
  const links = state.records?.links ?? [];
  const next = links.some((each) => each.leader === name)
    ? links.map((each) => (each.leader === name ? link : each))
    : [...links, link];
  void write(ctx, state, session, async () => {
    await session.client.setLeaderLinks(state.year, next);
    state.drafts.leader = emptyDrafts('').leader;
    return (t) => t.leaderSaved(name);
  });
}

function removeLeader(ctx: PaneContext, state: WorkState, session: Session, name: string): void {
  const next = (state.records?.links ?? []).filter((each) => each.leader !== name);
  void write(ctx, state, session, async () => {
    await session.client.setLeaderLinks(state.year, next);
    return (t) => t.leaderRemoved(name);
  });
}

function withdraw(
  ctx: PaneContext,
  state: WorkState,
  session: Session,
  kind: 'visit' | 'meeting',
  id: string,
) {
  void write(ctx, state, session, async () => {
    await (kind === 'visit' ? session.client.withdrawVisit(id) : session.client.withdrawMeeting(id));
    return (t) => t.withdrawn;
  });
}

/** Writes (pane) or downloads (page) the chosen kind's sheet with the year's records, room below for more. */
function overdueView(status: WorkStatus, t: WorkMessages, lang: ReturnType<PaneContext['lang']>): Child {
  const { overdue } = status;
  const lines: string[] = [];
  if (overdue.missedThursdays.length > 0) {
    const recent = overdue.missedThursdays
      .slice(-3)
      .reverse()
      .map((day) => dayText(day, lang))
      .join('、');
    lines.push(t.missedThursdays(overdue.missedThursdays.length, recent));
  }
  if (overdue.missedMeetings.length > 0)
    lines.push(
      t.missedMeetings(overdue.missedMeetings.map((p) => t.span(p.firstMonth, p.lastMonth)).join('、')),
    );
  if (overdue.leadersWithoutVisit.length > 0)
    lines.push(t.leadersWithout(overdue.leadersWithoutVisit.join('、')));
  return h(
    'div',
    {
      class: `work-overdue${lines.length > 0 ? ' work-overdue--late' : ''}`,
      id: 'work-overdue',
      role: 'region',
      'aria-labelledby': 'work-overdue-heading',
    },
    h('h3', { class: 'work-heading', id: 'work-overdue-heading' }, t.overdueHeading),
    lines.length === 0
      ? h('p', {}, t.nothingOverdue)
      : h(
          'ul',
          {},
          lines.map((line) => h('li', {}, line)),
        ),
    h('p', { class: 'hint' }, t.asOf(dayText(status.today, lang))),
  );
}

function visitGrid(status: WorkStatus, t: WorkMessages): Child {
  return h(
    'table',
    { class: 'work-table work-grid', id: 'work-visits-grid', 'aria-labelledby': 'work-visits-heading' },
    h('caption', { class: 'hint' }, t.visitsCaption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t.monthColumn),
        [1, 2, 3, 4, 5].map((n) => h('th', { scope: 'col' }, t.thursdayColumn(n))),
      ),
    ),
    h(
      'tbody',
      {},
      status.months.map(({ month, weeks }) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, t.monthLabel(month)),
          [0, 1, 2, 3, 4].map((index) => {
            const week = weeks[index];
            if (!week) return h('td', { class: 'work-cell' }, '');
            const label =
              week.status === 'holiday' && week.holiday
                ? `${t.weekStatus.holiday}（${week.holiday}）`
                : t.weekStatus[week.status];
            return statusCell(week.status, `${t.day(Number(week.thursday.slice(8)))} ${label}`);
          }),
        ),
      ),
    ),
  );
}

function meetingTable(status: WorkStatus, t: WorkMessages, lang: ReturnType<PaneContext['lang']>): Child {
  return h(
    'table',
    { class: 'work-table', id: 'work-meetings-table', 'aria-labelledby': 'work-meetings-heading' },
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, t.periodColumn), h('th', { scope: 'col' }, t.stateColumn)),
    ),
    h(
      'tbody',
      {},
      status.meetings.map((period) => {
        const text =
          period.heldOn.length > 0
            ? t.meetingHeld(period.heldOn.map((day) => dayText(day, lang)).join('、'))
            : period.status === 'missed'
              ? t.meetingMissed
              : period.status === 'due'
                ? t.meetingDue(period.lastMonth)
                : t.meetingUpcoming;
        return h(
          'tr',
          {},
          h('th', { scope: 'row' }, t.span(period.firstMonth, period.lastMonth)),
          statusCell(period.status, text),
        );
      }),
    ),
  );
}

function leaderTable(
  ctx: PaneContext,
  state: WorkState,
  session: Session,
  status: WorkStatus,
  t: WorkMessages,
): Child {
  if (status.leaders.length === 0) return h('p', { class: 'hint' }, t.noLeaders);
  const lang = ctx.lang();
  return h(
    'table',
    { class: 'work-table', id: 'work-leaders-table', 'aria-labelledby': 'work-leaders-heading' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t.leaderColumn),
        h('th', { scope: 'col' }, t.titleColumn),
        h('th', { scope: 'col' }, t.unitsColumn),
        h('th', { scope: 'col' }, t.centreColumn),
        [1, 2, 3, 4].map((quarter) => h('th', { scope: 'col' }, t.quarterColumn(quarter))),
        h('td', {}, ''),
      ),
    ),
    h(
      'tbody',
      {},
      status.leaders.map((leader) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, leader.leader),
          h('td', { class: 'work-cell' }, leader.title),
          h('td', { class: 'work-units' }, unitNames(leader.unitCodes, session.units) || t.none),
          h('td', {}, leader.centre ? t.yes : t.no),
          leader.quarters.map((quarter) =>
            statusCell(
              quarter.status,
              quarter.status === 'done'
                ? t.quarterDone(
                    quarter.visitedOn.map((day) => dayText(day, lang).replace(/^\d+年/u, '')).join('、'),
                  )
                : t.quarterStatus[quarter.status === 'holiday' ? 'upcoming' : quarter.status],
            ),
          ),
          h(
            'td',
            {},
            actionButton(ctx, TAB, `work-remove-${leader.leader}`, t.removeLeader, () =>
              removeLeader(ctx, state, session, leader.leader),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The year's holidays as lines of 「2026-10-01 国庆节」. */
export function holidayLines(holidays: readonly Holiday[]): string {
  return holidays.map((holiday) => `${holiday.date} ${holiday.name}`).join('\n');
}

/** Lines of 「date name」 back to holidays; the lines that are not, by number (1-based). */
export function parseHolidayLines(text: string, year: number): { holidays: Holiday[]; bad: number[] } {
  const holidays: Holiday[] = [];
  const bad: number[] = [];
  text.split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const match = /^(\d{4}-\d{2}-\d{2})\s+(\S.{0,19})$/u.exec(trimmed);
    const date = match?.[1] ?? '';
    if (!match || !isCalendarDate(date) || !date.startsWith(`${year}-`)) bad.push(index + 1);
    else holidays.push({ date, name: (match[2] ?? '').trim() });
  });
  return { holidays, bad };
}

function saveHolidays(ctx: PaneContext, state: WorkState, session: Session, text: string): void {
  const { holidays, bad } = parseHolidayLines(text, state.year);
  if (bad.length > 0) {
    const year = state.year;
    refuse(ctx, [(t) => t.holidaysBad(bad.join('、'), year)], 'work-holidays');
    return;
  }
  void write(ctx, state, session, async () => {
    const saved = await session.client.setHolidays(state.year, holidays);
    state.drafts.holidays = null;
    return (t) => t.holidaysSaved(saved.holidays.length);
  });
}

function holidaysBlock(
  ctx: PaneContext,
  state: WorkState,
  session: Session,
  records: WorkRecords,
  t: WorkMessages,
): Child {
  const text = state.drafts.holidays ?? holidayLines(records.holidays);
  const box = h(
    'details',
    { class: 'work-holidays', id: 'work-holidays-block', open: state.drafts.holidaysOpen },
    h('summary', {}, t.holidaysSummary(records.holidays.length)),
    h('p', { class: 'hint' }, t.holidaysHint),
    field(
      'work-holidays',
      t.holidaysLabel,
      Object.assign(
        textarea(text, (value) => {
          state.drafts.holidays = value;
        }),
        { rows: 8 },
      ),
    ),
    actionRow(
      actionButton(ctx, TAB, 'work-save-holidays', t.saveHolidays, () =>
        saveHolidays(ctx, state, session, state.drafts.holidays ?? text),
      ),
    ),
  );
  // Open or closed, it stays so when the screen is drawn again.
  box.addEventListener('toggle', () => {
    state.drafts.holidaysOpen = box.open;
  });
  return box;
}

function visitForm(ctx: PaneContext, state: WorkState, session: Session, t: WorkMessages): Child {
  const draft = state.drafts.visit;
  return workForm(
    'work-visit-form',
    t.visitFormHeading,
    'h3',
    field(
      'work-visit-date',
      t.visitDate,
      input(draft.visitedOn, (value) => (draft.visitedOn = value), { type: 'date' }),
    ),
    field(
      'work-visitors',
      t.visitors,
      input(draft.visitors, (value) => (draft.visitors = value)),
      t.visitorsHint,
    ),
    field(
      'work-organizations',
      t.organizations,
      input(draft.organizations, (value) => (draft.organizations = value)),
      t.organizationsHint,
    ),
    field(
      'work-visit-units',
      t.visitUnits,
      input(draft.units, (value) => (draft.units = value)),
      t.visitUnitsHint,
    ),
    field(
      'work-visit-notes',
      t.notes,
      textarea(draft.notes, (value) => (draft.notes = value)),
    ),
    actionRow(
      actionButton(ctx, TAB, 'work-record-visit', t.recordVisit, () => recordVisit(ctx, state, session), {
        variant: 'primary',
      }),
    ),
  );
}

function meetingForm(ctx: PaneContext, state: WorkState, session: Session, t: WorkMessages): Child {
  const draft = state.drafts.meeting;
  return workForm(
    'work-meeting-form',
    t.meetingFormHeading,
    'h3',
    field(
      'work-meeting-date',
      t.meetingDate,
      input(draft.heldOn, (value) => (draft.heldOn = value), { type: 'date' }),
    ),
    field(
      'work-attending',
      t.attending,
      input(draft.attending, (value) => (draft.attending = value)),
      t.attendingHint,
    ),
    field(
      'work-topics',
      t.topics,
      textarea(draft.topics, (value) => (draft.topics = value)),
    ),
    field(
      'work-decisions',
      t.decisions,
      textarea(draft.decisions, (value) => (draft.decisions = value)),
    ),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'work-record-meeting',
        t.recordMeeting,
        () => recordMeeting(ctx, state, session),
        {
          variant: 'primary',
        },
      ),
    ),
  );
}

function leaderForm(ctx: PaneContext, state: WorkState, session: Session, t: WorkMessages): Child {
  const draft = state.drafts.leader;
  const centre = h('input', { type: 'checkbox', checked: draft.centre }) as HTMLInputElement;
  centre.addEventListener('change', () => {
    draft.centre = centre.checked;
  });
  return workForm(
    'work-leader-form',
    t.leaderFormHeading,
    'h3',
    field(
      'work-leader-name',
      t.leaderName,
      input(draft.leader, (value) => (draft.leader = value)),
    ),
    field(
      'work-leader-title',
      t.leaderTitle,
      input(draft.title, (value) => (draft.title = value)),
    ),
    field(
      'work-leader-units',
      t.leaderUnits,
      input(draft.units, (value) => (draft.units = value)),
      t.leaderUnitsHint,
    ),
    h(
      'label',
      { class: 'checkbox', for: 'work-leader-centre' },
      Object.assign(centre, { id: 'work-leader-centre' }),
      t.leaderCentre,
    ),
    actionRow(
      actionButton(ctx, TAB, 'work-save-leader', t.saveLeader, () => saveLeader(ctx, state, session)),
    ),
  );
}

function recordLists(
  ctx: PaneContext,
  state: WorkState,
  session: Session,
  records: WorkRecords,
  t: WorkMessages,
): Child {
  const lang = ctx.lang();
  const visits = [...records.visits].reverse();
  const meetings = [...records.meetings].reverse();
  return [
    h('h3', { class: 'work-heading', id: 'work-visit-list-heading' }, t.visitListHeading(visits.length)),
    visits.length === 0
      ? h('p', { class: 'hint' }, t.none)
      : h(
          'div',
          {
            class: 'work-scroll work-list',
            tabindex: 0,
            role: 'region',
            'aria-labelledby': 'work-visit-list-heading',
          },
          h(
            'table',
            { class: 'work-table', id: 'work-visit-list', 'aria-labelledby': 'work-visit-list-heading' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, t.dateColumn),
                h('th', { scope: 'col' }, t.whoColumn),
                h('th', { scope: 'col' }, t.whereColumn),
                h('th', { scope: 'col' }, t.notesColumn),
                h('td', {}, ''),
              ),
            ),
            h(
              'tbody',
              {},
              visits.map((visit) =>
                h(
                  'tr',
                  { 'data-id': visit.id },
                  h('th', { scope: 'row' }, dayText(visit.visitedOn, lang)),
                  h('td', {}, visit.visitors.join('、')),
                  h(
                    'td',
                    {},
                    [visit.organizations.join('、'), unitNames(visit.unitCodes, session.units)]
                      .filter((x) => x)
                      .join('；'),
                  ),
                  h('td', {}, visit.notes),
                  rowAction(
                    t.withdraw,
                    t.withdrawLabel(`${dayText(visit.visitedOn, lang)} ${visit.visitors.join('、')}`),
                    () => withdraw(ctx, state, session, 'visit', visit.id),
                  ),
                ),
              ),
            ),
          ),
        ),
    h(
      'h3',
      { class: 'work-heading', id: 'work-meeting-list-heading' },
      t.meetingListHeading(meetings.length),
    ),
    meetings.length === 0
      ? h('p', { class: 'hint' }, t.none)
      : h(
          'table',
          { class: 'work-table', id: 'work-meeting-list', 'aria-labelledby': 'work-meeting-list-heading' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t.dateColumn),
              h('th', { scope: 'col' }, t.topicsColumn),
              h('th', { scope: 'col' }, t.decisionsColumn),
              h('th', { scope: 'col' }, t.attendingColumn),
              h('td', {}, ''),
            ),
          ),
          h(
            'tbody',
            {},
            meetings.map((meeting) =>
              h(
                'tr',
                { 'data-id': meeting.id },
                h('th', { scope: 'row' }, dayText(meeting.heldOn, lang)),
                h('td', {}, meeting.topics),
                h('td', {}, meeting.decisions),
                h('td', {}, String(meeting.attendingUnits.length)),
                rowAction(
                  t.withdraw,
                  t.withdrawLabel(`${dayText(meeting.heldOn, lang)} ${meeting.topics}`),
                  () => withdraw(ctx, state, session, 'meeting', meeting.id),
                ),
              ),
            ),
          ),
        ),
  ];
}

function renderWorkView(ctx: PaneContext, state: WorkState, port: WorkSheetPort | null): Child {
  const m = ctx.m();
  const t = m.work;
  const session = ctx.session();
  const head: Child = [h('h2', { class: 'panel__heading' }, t.heading), h('p', { class: 'intro' }, t.intro)];
  const missing = prerequisites(ctx, TAB, { connection: true });
  if (!session || missing) return [head, missing];
  if (session.me.role !== 'admin') return [head, h('p', { class: 'hint' }, t.adminOnly)];
  const loaded = state.loadedFor === connectionOf(session);
  const status = loaded ? state.status : null;
  const records = loaded ? state.records : null;
  const lang = ctx.lang();
  return [
    head,
    h(
      'div',
      { class: 'row' },
      field(
        'work-year',
        t.year,
        select(
          pickerYears(ctx.now()).map((value) => ({ value: String(value), label: t.yearOption(value) })),
          String(state.year),
          (value) => {
            state.year = Number(value);
            state.status = null;
            state.records = null;
            ctx.notify(TAB, null);
            ctx.refresh();
          },
        ),
      ),
    ),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'work-load',
        status ? t.reload : t.load,
        () =>
          void ctx
            .run(TAB, async () => {
              await load(state, session);
              const counts = state.status?.counts;
              ctx.notify(TAB, {
                kind: 'success',
                summary: (mm) => mm.work.loaded(state.year, counts?.visits ?? 0, counts?.meetings ?? 0),
              });
            })
            .then(() => ctx.refresh()),
        { variant: status ? 'secondary' : 'primary' },
      ),
    ),
    noticeView(ctx, TAB),
    status && records
      ? [
          overdueView(status, t, lang),
          h('h3', { class: 'work-heading', id: 'work-visits-heading' }, t.visitsHeading),
          h('div', { class: 'work-scroll' }, visitGrid(status, t)),
          holidaysBlock(ctx, state, session, records, t),
          h('h3', { class: 'work-heading', id: 'work-meetings-heading' }, t.meetingsHeading),
          meetingTable(status, t, lang),
          h('h3', { class: 'work-heading', id: 'work-leaders-heading' }, t.leadersHeading),
          h('div', { class: 'work-scroll' }, leaderTable(ctx, state, session, status, t)),
          centreBlock(ctx, state, session, t),
          h(
            'div',
            { class: 'work-forms' },
            visitForm(ctx, state, session, t),
            meetingForm(ctx, state, session, t),
            leaderForm(ctx, state, session, t),
          ),
          port ? sheetBlock(ctx, state, session, port, t) : null,
          recordLists(ctx, state, session, records, t),
        ]
      : null,
  ];
}

export function createWorkView(ctx: PaneContext, port: WorkSheetPort | null): { render(): Child } {
  const today = shanghaiDate(ctx.now());
  const state: WorkState = {
    year: Number(today.slice(0, 4)),
    centre: null,
    sheetKind: 'visits',
    sheetProblems: null,
    status: null,
    records: null,
    loadedFor: null,
    drafts: emptyDrafts(today),
  };
  return { render: () => renderWorkView(ctx, state, port) };
}

/** The pane's port: the sheet is written into the workbook, read from the active sheet, its problems marked. */
