// 工作记录's state and what its blocks share: the drafts, loading the year, writing with located refusals,
// and the small controls of its forms and tables.
import {
  type CadenceStatus,
  type CentreRelation,
  type CentreResponse,
  type Diagnostic,
  isCalendarDate,
  type Unit,
  type WorkRecords,
  type WorkSheetKind,
  type WorkSheetReading,
  type WorkStatus,
} from '@tuanjian/shared';
import { ApiClientError } from '../api/client';
import type { PaneContext, Session } from './context';
import { type Child, h } from './dom';
import type { WorkMessages } from './work-messages';

export const TAB = 'work';

export type CentreView = CentreResponse;

export interface Drafts {
  visit: { visitedOn: string; visitors: string; organizations: string; units: string; notes: string };
  meeting: { heldOn: string; attending: string; topics: string; decisions: string };
  leader: { leader: string; title: string; units: string; centre: boolean };
  centre: { unitCode: string; orgName: string; relation: CentreRelation; since: string; until: string };
  /** The year's holidays as typed, one a line (null: as loaded), and whether their box is open. */
  holidays: string | null;
  holidaysOpen: boolean;
}

/** A sheet's cells as read, from sheet row `firstRow` and column `firstColumn` (1-based). */
export interface WorkState {
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

export function connectionOf(session: Session): string {
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

export function emptyDrafts(today: string): Drafts {
  return {
    visit: { visitedOn: today, visitors: '', organizations: '', units: '', notes: '' },
    meeting: { heldOn: today, attending: '', topics: '', decisions: '' },
    leader: { leader: '', title: '', units: '', centre: false },
    centre: { unitCode: '', orgName: '', relation: 'resident', since: today, until: '' },
    holidays: null,
    holidaysOpen: false,
  };
}

export async function load(state: WorkState, session: Session): Promise<void> {
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
export function problemsOf(error: unknown): string[] | null {
  if (!(error instanceof ApiClientError) || error.code !== 'validation_failed') return null;
  const details = error.details as { problems?: { message?: string }[] } | undefined;
  const messages = (details?.problems ?? []).map((problem) => problem.message ?? '').filter((text) => text);
  return messages.length > 0 ? messages : null;
}

/** Sends a write; a 422 shows each problem, anything else the usual failure. Reloads after a success. */
export async function write(
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

export function refuse(
  ctx: PaneContext,
  problems: readonly ((m: WorkMessages) => string)[],
  focus: string,
): void {
  ctx.notify(TAB, {
    kind: 'error',
    summary: (m) => m.work.notRecorded,
    detail: (m) => problems.map((problem) => problem(m.work)).join(' '),
  });
  ctx.refresh();
  document.getElementById(focus)?.focus();
}

export function dayProblems(label: (t: WorkMessages) => string, day: string, today: string) {
  if (!isCalendarDate(day)) return [(t: WorkMessages) => t.badDate(label(t))];
  if (day > today) return [(t: WorkMessages) => t.futureDate(label(t), today)];
  return [];
}

export function input(
  value: string,
  onInput: (value: string) => void,
  attributes: Record<string, string> = {},
) {
  const element = h('input', { class: 'input', type: 'text', value, ...attributes }) as HTMLInputElement;
  element.addEventListener('input', () => onInput(element.value));
  return element;
}

export function textarea(value: string, onInput: (value: string) => void) {
  const element = h('textarea', { class: 'input work-textarea', rows: 2 }, value) as HTMLTextAreaElement;
  element.addEventListener('input', () => onInput(element.value));
  return element;
}

export function statusCell(status: CadenceStatus, text: string): HTMLElement {
  return h('td', { class: `work-cell work-cell--${status}` }, text);
}

export function unitNames(codes: readonly string[], units: readonly Unit[]): string {
  return codes.map((code) => units.find((unit) => unit.code === code)?.name ?? code).join('、');
}

/** A form of the screen: its heading (h3, or h4 inside a block), its fields; Enter never submits the page. */
export function workForm(
  id: string,
  heading: string,
  level: 'h3' | 'h4',
  ...children: Child[]
): HTMLFormElement {
  return h(
    'form',
    {
      class: 'work-form',
      id,
      'aria-labelledby': `${id}-heading`,
      on: { submit: (event: Event) => event.preventDefault() },
    },
    h(level, { class: 'work-heading', id: `${id}-heading` }, heading),
    ...children,
  );
}

/** A row's small action (撤销, 移出) in a table cell, named for screen readers by what it acts on. */
export function rowAction(label: string, ariaLabel: string, onClick: () => void): HTMLElement {
  return h(
    'td',
    {},
    h(
      'button',
      { type: 'button', class: 'button button--link', 'aria-label': ariaLabel, on: { click: onClick } },
      label,
    ),
  );
}
