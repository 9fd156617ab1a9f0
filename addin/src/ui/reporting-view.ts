// 报送 (admins): a month's reporting — units on time, late and missing, with contact and last upload —
// and the 催报 list (copy, print). One view for the pane's tab and the web page's section; in Excel it also
// writes the month's 报送情况 as a sheet.
import './reporting.css';
import {
  chineseDate,
  chineseDateTime,
  type ReportingDetail,
  reminderText,
  type UnitReporting,
} from '@tuanjian/shared';
import type { PaneContext, Session } from './context';
import { pickerYears, previousMonth } from './dates';
import { type Child, h } from './dom';
import type { ReportingMessages } from './reporting-messages';
import { actionButton, actionRow, field, noticeView, prerequisites, select, toClipboard } from './widgets';

const TAB = 'reporting';
const STATUSES = ['onTime', 'late', 'missing'] as const;

/** What 报送 remembers between renders. */
interface ReportingState {
  year: number;
  month: number;
  /** The month's reporting as last loaded, and the connection (server and token) it was loaded with. */
  detail: ReportingDetail | null;
  loadedFor: string | null;
}

function connectionOf(session: Session): string {
  return `${session.serverUrl}\u0000${session.me.tokenId}`;
}

async function load(ctx: PaneContext, state: ReportingState, session: Session): Promise<void> {
  const { year, month } = state;
  state.detail = await session.client.reporting(year, month);
  state.loadedFor = connectionOf(session);
  ctx.notify(TAB, { kind: 'success', summary: (m) => m.reporting.loaded(year, month) });
}

async function copyReminder(ctx: PaneContext, text: string): Promise<void> {
  if (await toClipboard(text)) {
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.reporting.copied });
    return;
  }
  ctx.notify(TAB, { kind: 'info', summary: (m) => m.reporting.copyFailed });
  const area = document.getElementById('reporting-reminder');
  if (area instanceof HTMLTextAreaElement) {
    area.focus();
    area.select();
  }
}

/** Prints the 催报 list alone (the print stylesheet hides everything else while the class is on). */
function printReminder(): void {
  const done = () => document.body.classList.remove('reporting-printing');
  document.body.classList.add('reporting-printing');
  window.addEventListener('afterprint', done, { once: true });
  try {
    window.print();
  } catch {
    done();
  }
}

function monthPicker(ctx: PaneContext, state: ReportingState, t: ReportingMessages): Child {
  const change = () => {
    state.detail = null;
    ctx.notify(TAB, null);
    ctx.refresh();
  };
  return h(
    'div',
    { class: 'row' },
    field(
      'reporting-year',
      t.year,
      select(
        pickerYears(ctx.now()).map((value) => ({ value: String(value), label: t.yearOption(value) })),
        String(state.year),
        (value) => {
          state.year = Number(value);
          change();
        },
      ),
    ),
    field(
      'reporting-month',
      t.month,
      select(
        Array.from({ length: 12 }, (_, index) => ({
          value: String(index + 1),
          label: t.monthOption(index + 1),
        })),
        String(state.month),
        (value) => {
          state.month = Number(value);
          change();
        },
      ),
    ),
  );
}

function contactText(unit: UnitReporting, t: ReportingMessages): string {
  return unit.contact ?? t.noContact;
}

/** One status group: its heading with the count, and the units with last upload and contact. */
function group(
  status: (typeof STATUSES)[number],
  units: readonly UnitReporting[],
  t: ReportingMessages,
): Child {
  const label = t.groups[status];
  const headingId = `reporting-${status}-heading`;
  return h(
    'div',
    { class: `reporting-group reporting-group--${status}`, id: `reporting-${status}` },
    h('h3', { class: 'reporting-group__heading', id: headingId }, t.groupHeading(label, units.length)),
    units.length === 0
      ? h('p', { class: 'hint' }, t.none)
      : h(
          'table',
          { class: 'reporting-table', 'aria-labelledby': headingId },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t.unit),
              h('th', { scope: 'col' }, t.lastUpload),
              h('th', { scope: 'col' }, t.contact),
              h('th', { scope: 'col' }, t.phone),
            ),
          ),
          h(
            'tbody',
            {},
            units.map((unit) =>
              h(
                'tr',
                { 'data-unit': unit.unitCode },
                h('th', { scope: 'row' }, unit.unitName),
                h('td', {}, unit.lastUploadAt === null ? t.notUploaded : chineseDateTime(unit.lastUploadAt)),
                h('td', {}, contactText(unit, t)),
                h('td', {}, unit.phone ?? ''),
              ),
            ),
          ),
        ),
  );
}

/** The 催报 list: the text to paste (copy), and the missing units with their contacts (print). */
function reminder(ctx: PaneContext, detail: ReportingDetail, t: ReportingMessages): Child {
  const text = reminderText(detail);
  const missing = detail.units.filter((unit) => unit.status === 'missing');
  return h(
    'div',
    { class: 'reporting-reminder' },
    h('h3', { class: 'reporting-group__heading' }, t.reminderHeading),
    h(
      'div',
      { class: 'reporting-print', id: 'reporting-print' },
      h('h4', { class: 'reporting-print__title' }, t.printTitle(detail.year, detail.month)),
      field(
        'reporting-reminder',
        t.reminderLabel,
        h(
          'textarea',
          {
            class: 'reporting-reminder__text',
            readonly: true,
            rows: Math.max(3, Math.ceil(text.length / 36)),
          },
          text,
        ),
      ),
      missing.length === 0
        ? null
        : h(
            'table',
            { class: 'reporting-table reporting-print__table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, t.unit),
                h('th', { scope: 'col' }, t.contact),
                h('th', { scope: 'col' }, t.phone),
              ),
            ),
            h(
              'tbody',
              {},
              missing.map((unit) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, unit.unitName),
                  h('td', {}, contactText(unit, t)),
                  h('td', {}, unit.phone ?? ''),
                ),
              ),
            ),
          ),
    ),
    actionRow(
      actionButton(ctx, TAB, 'reporting-copy', t.copy, () => void copyReminder(ctx, text), {
        variant: 'primary',
      }),
      actionButton(ctx, TAB, 'reporting-print-button', t.print, printReminder),
    ),
  );
}

function renderReportingView(ctx: PaneContext, state: ReportingState): Child {
  const m = ctx.m();
  const t = m.reporting;
  const session = ctx.session();
  const head: Child = [h('h2', { class: 'panel__heading' }, t.heading), h('p', { class: 'intro' }, t.intro)];
  const missing = prerequisites(ctx, TAB, { connection: true });
  if (!session || missing) return [head, missing];
  if (session.me.role !== 'admin') return [head, h('p', { class: 'hint' }, t.adminOnly)];
  // A new connection (another server or token) does not show the last one's figures.
  const detail = state.loadedFor === connectionOf(session) ? state.detail : null;
  const excel = ctx.excel;
  return [
    head,
    monthPicker(ctx, state, t),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'reporting-load',
        detail ? t.reload : t.load,
        () => void ctx.run(TAB, () => load(ctx, state, session)),
        {
          variant: detail ? 'secondary' : 'primary',
        },
      ),
      excel && detail
        ? actionButton(
            ctx,
            TAB,
            'reporting-write',
            t.writeSheet,
            () =>
              void ctx.run(TAB, async () => {
                const sheet = await excel.writeReportingSheet(detail);
                ctx.notify(TAB, {
                  kind: 'success',
                  summary: (mm) => mm.reporting.written(sheet.sheetName, sheet.rowCount),
                });
              }),
            { describedBy: 'reporting-write-hint' },
          )
        : null,
    ),
    excel && detail ? h('p', { class: 'hint', id: 'reporting-write-hint' }, t.writeSheetHint) : null,
    noticeView(ctx, TAB),
    detail
      ? [
          h(
            'p',
            { class: 'hint', id: 'reporting-deadline' },
            t.deadline(chineseDate(detail.deadline), chineseDate(detail.today)),
          ),
          STATUSES.map((status) =>
            group(
              status,
              detail.units.filter((unit) => unit.status === status),
              t,
            ),
          ),
          reminder(ctx, detail, t),
        ]
      : null,
  ];
}

/** The 报送 view; the month defaults to the last ended one (Asia/Shanghai), as the bulletin's does. */
export function createReportingView(ctx: PaneContext): { render(): Child } {
  const state: ReportingState = { ...previousMonth(ctx.now()), detail: null, loadedFor: null };
  return { render: () => renderReportingView(ctx, state) };
}
