// 工作记录 (admins), for the pane's tab and the web page's section alike: where the committee's three cadences
// stand (the Thursdays' visits, the two-monthly meetings, the linked leaders' quarters) with what is overdue,
// forms to record a visit and a meeting and to set a leader's links, and the year's records to withdraw.
import './work.css';
import {
  ALL_UNITS,
  type CadenceStatus,
  type CentreRelation,
  type CentreResponse,
  type Diagnostic,
  isCalendarDate,
  type LeaderLink,
  type MeetingInput,
  readWorkSheet,
  shanghaiDate,
  type Unit,
  type VisitInput,
  WORK_SHEET_KINDS,
  WORK_SHEETS,
  type WorkRecords,
  type WorkSheetCell,
  type WorkSheetKind,
  type WorkSheetReading,
  type WorkStatus,
  workSheetRows,
} from '@tuanjian/shared';
import { ApiClientError } from '../api/client';
import { cellAddress } from '../sheet/address';
import type { PaneContext, Session } from './context';
import { dayText, pickerYears } from './dates';
import { type Child, h } from './dom';
import { actionButton, actionRow, diagnosticList, field, noticeView, prerequisites, select } from './widgets';
import type { WorkMessages } from './work-messages';

const TAB = 'work';

type CentreView = CentreResponse;

interface Drafts {
  visit: { visitedOn: string; visitors: string; organizations: string; units: string; notes: string };
  meeting: { heldOn: string; attending: string; topics: string; decisions: string };
  leader: { leader: string; title: string; units: string; centre: boolean };
  centre: { unitCode: string; orgName: string; relation: CentreRelation; since: string; until: string };
}

/** A sheet's cells as read, from sheet row `firstRow` and column `firstColumn` (1-based). */
export interface WorkSheetValues {
  sheetName: string;
  values: unknown[][];
  firstRow: number;
  firstColumn: number;
}

/** Where a surface puts a 工作记录 sheet and reads the filled one from: the workbook, or an .xlsx file. */
export interface WorkSheetPort {
  kind: 'excel' | 'file';
  /** Hands the sheet to the user; answers the name shown (the sheet's or the file's). */
  deliver(kind: WorkSheetKind, rows: WorkSheetCell[][], sheetName: string): Promise<string>;
  /** The filled sheet (the active sheet, or the right sheet of a chosen file), or null when none was chosen. */
  collect(): Promise<WorkSheetValues | null>;
  /** Marks the problems' cells in the workbook (the pane); the page lists them only. */
  mark?(values: WorkSheetValues, reading: WorkSheetReading): Promise<void>;
  jump?(sheetName: string, address: string): Promise<void>;
}

interface WorkState {
  year: number;
  centre: CentreView | null;
  sheetKind: WorkSheetKind;
  /** The last submitted sheet's problems, listed under the sheet block. */
  sheetProblems: {
    sheetName: string;
    diagnostics: Diagnostic[];
    reading: WorkSheetReading;
    firstColumn: number;
  } | null;
  status: WorkStatus | null;
  records: WorkRecords | null;
  loadedFor: string | null;
  drafts: Drafts;
}

function connectionOf(session: Session): string {
  return `${session.serverUrl}\u0000${session.me.tokenId}`;
}

/** A list typed in one cell or field: 、 , ， ; ； or new lines between items. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[、,，;；\n]+/u)
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    ),
  ];
}

/** Unit names or codes to codes; the ones that are neither come back as `unknown`. */
export function resolveUnits(
  text: string,
  units: readonly Unit[],
  all: string | null,
): { codes: string[]; unknown: string[] } {
  const items = splitList(text);
  if (all !== null && items.length === 1 && items[0] === all)
    return { codes: units.map((unit) => unit.code), unknown: [] };
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const item of items) {
    const unit = units.find((each) => each.code === item || each.name === item);
    if (unit) codes.push(unit.code);
    else unknown.push(item);
  }
  return { codes: [...new Set(codes)], unknown };
}

function emptyDrafts(today: string): Drafts {
  return {
    visit: { visitedOn: today, visitors: '', organizations: '', units: '', notes: '' },
    meeting: { heldOn: today, attending: '', topics: '', decisions: '' },
    leader: { leader: '', title: '', units: '', centre: false },
    centre: { unitCode: '', orgName: '', relation: 'resident', since: today, until: '' },
  };
}

async function load(state: WorkState, session: Session): Promise<void> {
  const [status, records, centre] = await Promise.all([
    session.client.workStatus(state.year),
    session.client.workRecords(state.year),
    session.client.centre(state.year),
  ]);
  state.status = status;
  state.records = records;
  state.centre = centre;
  state.loadedFor = connectionOf(session);
}

/** A 422's problems as one line each, for the notice's detail. */
function problemsOf(error: unknown): string[] | null {
  if (!(error instanceof ApiClientError) || error.code !== 'validation_failed') return null;
  const details = error.details as { problems?: { message?: string }[] } | undefined;
  const messages = (details?.problems ?? []).map((problem) => problem.message ?? '').filter((text) => text);
  return messages.length > 0 ? messages : null;
}

/** Sends a write; a 422 shows each problem, anything else the usual failure. Reloads after a success. */
async function write(
  ctx: PaneContext,
  state: WorkState,
  session: Session,
  send: () => Promise<(m: WorkMessages) => string>,
): Promise<void> {
  await ctx.run(TAB, async () => {
    let said: (m: WorkMessages) => string;
    try {
      said = await send();
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      ctx.notify(TAB, {
        kind: 'error',
        summary: (m) => m.work.notRecorded,
        detail: () => problems.join(' '),
      });
      return;
    }
    await load(state, session);
    ctx.notify(TAB, { kind: 'success', summary: (m) => said(m.work) });
  });
  ctx.refresh();
}

function refuse(ctx: PaneContext, problems: readonly ((m: WorkMessages) => string)[], focus: string): void {
  ctx.notify(TAB, {
    kind: 'error',
    summary: (m) => m.work.notRecorded,
    detail: (m) => problems.map((problem) => problem(m.work)).join(' '),
  });
  ctx.refresh();
  document.getElementById(focus)?.focus();
}

function dayProblems(label: (t: WorkMessages) => string, day: string, today: string) {
  if (!isCalendarDate(day)) return [(t: WorkMessages) => t.badDate(label(t))];
  if (day > today) return [(t: WorkMessages) => t.futureDate(label(t), today)];
  return [];
}

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
async function deliverSheet(ctx: PaneContext, state: WorkState, session: Session, port: WorkSheetPort) {
  await ctx.run(TAB, async () => {
    const records = state.records ?? (await session.client.workRecords(state.year));
    const kind = state.sheetKind;
    const rows = workSheetRows(kind, state.year, records, session.units);
    const sheetName = `${state.year}年${WORK_SHEETS[kind].name}`;
    const name = await port.deliver(kind, rows, sheetName);
    const count = rows.length - 3;
    ctx.notify(TAB, {
      kind: 'success',
      summary: (m) =>
        port.kind === 'excel' ? m.work.sheetWritten(name, count) : m.work.sheetDownloaded(name, count),
    });
  });
  ctx.refresh();
}

/** Sends a read sheet's records: visits and meetings in batches (those already recorded are skipped by the
 * server), leader links as the year's whole list. */
async function sendSheet(session: Session, year: number, reading: WorkSheetReading) {
  const BATCH = 500;
  let added = 0;
  let already = 0;
  if (reading.kind === 'visits') {
    for (let start = 0; start < reading.visits.length; start += BATCH) {
      const answer = await session.client.recordVisits(reading.visits.slice(start, start + BATCH));
      added += answer.visits.length;
      already += answer.alreadyRecorded;
    }
  } else if (reading.kind === 'meetings') {
    for (let start = 0; start < reading.meetings.length; start += BATCH) {
      const answer = await session.client.recordMeetings(reading.meetings.slice(start, start + BATCH));
      added += answer.meetings.length;
      already += answer.alreadyRecorded;
    }
  } else {
    await session.client.setLeaderLinks(year, reading.links);
    added = reading.links.length;
  }
  return { added, already };
}

/** Reads the filled sheet, marks and lists its problems (nothing sent while any remain), else records it. */
async function submitSheet(ctx: PaneContext, state: WorkState, session: Session, port: WorkSheetPort) {
  await ctx.run(TAB, async () => {
    state.sheetProblems = null;
    const values = await port.collect();
    if (!values) return;
    const reading = readWorkSheet(values.values, values.firstRow, {
      today: shanghaiDate(ctx.now()),
      units: session.units,
    });
    if (!reading) {
      ctx.notify(TAB, { kind: 'error', summary: (m) => m.work.sheetNotFound(values.sheetName) });
      return;
    }
    await port.mark?.(values, reading);
    if (reading.diagnostics.length > 0) {
      state.sheetProblems = {
        sheetName: values.sheetName,
        diagnostics: reading.diagnostics,
        reading,
        firstColumn: values.firstColumn,
      };
      const count = reading.diagnostics.length;
      ctx.notify(TAB, { kind: 'error', summary: (m) => m.work.sheetProblems(values.sheetName, count) });
      return;
    }
    const { added, already } = await sendSheet(session, state.year, reading);
    await load(state, session);
    const kind = reading.kind;
    ctx.notify(TAB, {
      kind: 'success',
      summary: (m) => m.work.sheetSubmitted(WORK_SHEETS[kind].name, added, already),
    });
  });
  ctx.refresh();
}

function sheetBlock(
  ctx: PaneContext,
  state: WorkState,
  session: Session,
  port: WorkSheetPort,
  t: WorkMessages,
): Child {
  const problems = state.sheetProblems;
  const addressOf = (diagnostic: Diagnostic): string | null => {
    if (!problems || diagnostic.row === null) return null;
    const offset = problems.reading.columnIndexByHeader.get(diagnostic.header ?? '') ?? 0;
    return cellAddress(diagnostic.row, problems.firstColumn + offset);
  };
  return h(
    'div',
    { class: 'work-sheets', id: 'work-sheets', role: 'group', 'aria-labelledby': 'work-sheets-heading' },
    h('h3', { class: 'work-heading', id: 'work-sheets-heading' }, t.sheetsHeading),
    h('p', { class: 'hint' }, port.kind === 'excel' ? t.sheetsIntroExcel : t.sheetsIntroFile),
    field(
      'work-sheet-kind',
      t.sheetKind,
      select(
        WORK_SHEET_KINDS.map((kind) => ({ value: kind, label: WORK_SHEETS[kind].name })),
        state.sheetKind,
        (value) => {
          state.sheetKind = WORK_SHEET_KINDS.find((kind) => kind === value) ?? 'visits';
          ctx.refresh();
        },
      ),
    ),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'work-sheet-deliver',
        port.kind === 'excel' ? t.writeSheet : t.downloadSheet,
        () => void deliverSheet(ctx, state, session, port),
      ),
      actionButton(
        ctx,
        TAB,
        'work-sheet-submit',
        port.kind === 'excel' ? t.submitSheet : t.submitFile,
        () => void submitSheet(ctx, state, session, port),
        { variant: 'primary' },
      ),
    ),
    problems
      ? diagnosticList(ctx, 'work-sheet', problems.diagnostics, addressOf, (address) => {
          void port.jump?.(problems.sheetName, address);
        })
      : null,
  );
}

function saveCentre(ctx: PaneContext, state: WorkState, session: Session): void {
  const draft = state.drafts.centre;
  const today = shanghaiDate(ctx.now());
  const orgName = draft.orgName.trim();
  const unitCode = draft.unitCode || session.units[0]?.code || '';
  const problems = [
    ...(orgName === '' ? [(t: WorkMessages) => t.required(t.centreOrgColumn)] : []),
    ...(isCalendarDate(draft.since) ? [] : [(t: WorkMessages) => t.badDate(t.centreSince)]),
    ...(draft.until === '' || isCalendarDate(draft.until)
      ? []
      : [(t: WorkMessages) => t.badDate(t.centreUntil)]),
  ];
  if (problems.length > 0) {
    refuse(ctx, problems, orgName === '' ? 'work-centre-org' : 'work-centre-since');
    return;
  }
  void write(ctx, state, session, async () => {
    const stored = await session.client.setCentreOrganization({
      unitCode,
      orgName,
      relation: draft.relation,
      since: draft.since,
      until: draft.until === '' ? null : draft.until,
    });
    state.drafts.centre = emptyDrafts(today).centre;
    return (t) => t.centreSaved(stored.orgName ?? orgName);
  });
}

function centreBlock(ctx: PaneContext, state: WorkState, session: Session, t: WorkMessages): Child {
  const centre = state.centre;
  if (!centre) return null;
  const lang = ctx.lang();
  const { headline } = centre;
  const organizations = centre.organizations ?? [];
  const draft = state.drafts.centre;
  const unitName = (code: string) => session.units.find((unit) => unit.code === code)?.name ?? code;
  return h(
    'div',
    { class: 'work-centre', id: 'work-centre', role: 'region', 'aria-labelledby': 'work-centre-heading' },
    h('h3', { class: 'work-heading', id: 'work-centre-heading' }, t.centreHeading),
    h('p', { class: 'hint' }, t.centreIntro),
    h('p', { class: 'work-centre__sentence', id: 'work-centre-sentence' }, centre.sentence),
    h(
      'p',
      { class: 'work-centre__stats', id: 'work-centre-stats' },
      t.centreStats(
        headline.resident,
        headline.linked,
        headline.youth,
        headline.members,
        headline.establishedInYear,
      ),
    ),
    organizations.length === 0
      ? h('p', { class: 'hint' }, t.centreNone)
      : h(
          'div',
          { class: 'work-scroll work-list', tabindex: 0, role: 'region', 'aria-label': t.centreHeading },
          h(
            'table',
            { class: 'work-table', id: 'work-centre-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, t.centreOrgColumn),
                h('th', { scope: 'col' }, t.centreUnitColumn),
                h('th', { scope: 'col' }, t.centreRelationColumn),
                h('th', { scope: 'col' }, t.centreDatesColumn),
                h('th', { scope: 'col' }, t.centreStatusColumn),
                h('th', { scope: 'col' }, t.centreYouthColumn),
                h('td', {}, ''),
              ),
            ),
            h(
              'tbody',
              {},
              organizations.map((organization) => {
                const name = organization.orgName ?? `${organization.orgKey}${t.centreLeft}`;
                return h(
                  'tr',
                  { 'data-org': organization.orgKey },
                  h('th', { scope: 'row' }, name),
                  h('td', { class: 'work-cell' }, unitName(organization.unitCode)),
                  h('td', {}, t.relation[organization.relation]),
                  h(
                    'td',
                    { class: 'work-cell' },
                    organization.until === null
                      ? t.centreSinceOnly(dayText(organization.since, lang))
                      : t.centreSpan(dayText(organization.since, lang), dayText(organization.until, lang)),
                  ),
                  h(
                    'td',
                    { class: 'work-cell' },
                    organization.status === '已建团' && organization.establishedOn
                      ? dayText(organization.establishedOn, lang)
                      : (organization.status ?? ''),
                  ),
                  h('td', {}, organization.youthCount === null ? '' : String(organization.youthCount)),
                  h(
                    'td',
                    {},
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'button button--link',
                        'aria-label': `${t.removeFromCentre} ${name}`,
                        on: {
                          click: () =>
                            void write(ctx, state, session, async () => {
                              await session.client.removeCentreOrganization(
                                organization.unitCode,
                                organization.orgKey,
                              );
                              return (tt) => tt.centreRemoved(name);
                            }),
                        },
                      },
                      t.removeFromCentre,
                    ),
                  ),
                );
              }),
            ),
          ),
        ),
    h(
      'form',
      {
        class: 'work-form',
        id: 'work-centre-form',
        'aria-labelledby': 'work-centre-form-heading',
        on: { submit: (event: Event) => event.preventDefault() },
      },
      h('h4', { class: 'work-heading', id: 'work-centre-form-heading' }, t.centreFormHeading),
      h(
        'div',
        { class: 'work-forms' },
        field(
          'work-centre-unit',
          t.centreUnit,
          select(
            session.units
              .filter((unit) => unit.active)
              .map((unit) => ({ value: unit.code, label: unit.name })),
            draft.unitCode || session.units[0]?.code || '',
            (value) => {
              draft.unitCode = value;
            },
          ),
        ),
        field(
          'work-centre-org',
          t.centreOrgName,
          input(draft.orgName, (value) => (draft.orgName = value)),
        ),
        field(
          'work-centre-relation',
          t.centreRelation,
          select(
            (['resident', 'linked'] as const).map((relation) => ({
              value: relation,
              label: t.relation[relation],
            })),
            draft.relation,
            (value) => {
              draft.relation = value === 'linked' ? 'linked' : 'resident';
            },
          ),
        ),
        field(
          'work-centre-since',
          t.centreSince,
          input(draft.since, (value) => (draft.since = value), { type: 'date' }),
        ),
        field(
          'work-centre-until',
          t.centreUntil,
          input(draft.until, (value) => (draft.until = value), { type: 'date' }),
        ),
      ),
      actionRow(
        actionButton(ctx, TAB, 'work-save-centre', t.saveCentre, () => saveCentre(ctx, state, session)),
      ),
    ),
  );
}

function input(value: string, onInput: (value: string) => void, attributes: Record<string, string> = {}) {
  const element = h('input', { class: 'input', type: 'text', value, ...attributes }) as HTMLInputElement;
  element.addEventListener('input', () => onInput(element.value));
  return element;
}

function textarea(value: string, onInput: (value: string) => void) {
  const element = h('textarea', { class: 'input work-textarea', rows: 2 }, value) as HTMLTextAreaElement;
  element.addEventListener('input', () => onInput(element.value));
  return element;
}

function statusCell(status: CadenceStatus, text: string): HTMLElement {
  return h('td', { class: `work-cell work-cell--${status}` }, text);
}

function unitNames(codes: readonly string[], units: readonly Unit[]): string {
  return codes.map((code) => units.find((unit) => unit.code === code)?.name ?? code).join('、');
}

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

function visitForm(ctx: PaneContext, state: WorkState, session: Session, t: WorkMessages): Child {
  const draft = state.drafts.visit;
  return h(
    'form',
    {
      class: 'work-form',
      id: 'work-visit-form',
      'aria-labelledby': 'work-visit-form-heading',
      on: { submit: (event: Event) => event.preventDefault() },
    },
    h('h3', { class: 'work-heading', id: 'work-visit-form-heading' }, t.visitFormHeading),
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
  return h(
    'form',
    {
      class: 'work-form',
      id: 'work-meeting-form',
      'aria-labelledby': 'work-meeting-form-heading',
      on: { submit: (event: Event) => event.preventDefault() },
    },
    h('h3', { class: 'work-heading', id: 'work-meeting-form-heading' }, t.meetingFormHeading),
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
  return h(
    'form',
    {
      class: 'work-form',
      id: 'work-leader-form',
      'aria-labelledby': 'work-leader-form-heading',
      on: { submit: (event: Event) => event.preventDefault() },
    },
    h('h3', { class: 'work-heading', id: 'work-leader-form-heading' }, t.leaderFormHeading),
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
                  h(
                    'td',
                    {},
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'button button--link',
                        'aria-label': t.withdrawLabel(
                          `${dayText(visit.visitedOn, lang)} ${visit.visitors.join('、')}`,
                        ),
                        on: { click: () => withdraw(ctx, state, session, 'visit', visit.id) },
                      },
                      t.withdraw,
                    ),
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
                h(
                  'td',
                  {},
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'button button--link',
                      'aria-label': t.withdrawLabel(`${dayText(meeting.heldOn, lang)} ${meeting.topics}`),
                      on: { click: () => withdraw(ctx, state, session, 'meeting', meeting.id) },
                    },
                    t.withdraw,
                  ),
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
export function excelWorkSheetPort(excel: NonNullable<PaneContext['excel']>): WorkSheetPort {
  return {
    kind: 'excel',
    deliver: async (kind, rows, sheetName) => (await excel.writeWorkSheet(kind, rows, sheetName)).sheetName,
    collect: () => excel.readCallSheetValues(),
    mark: async (values, reading) => {
      await excel.markDiagnostics(
        values.sheetName,
        reading.headerRow + 1,
        values.firstColumn,
        {},
        reading.diagnostics,
        {
          columnIndexByHeader: reading.columnIndexByHeader,
        },
      );
    },
    jump: (sheetName, address) => excel.selectCell(sheetName, address),
  };
}
