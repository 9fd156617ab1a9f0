// 年度通报 on the 考核 screen (admins; pane and web page alike): the year's report as it stands or as published —
// its paragraphs and tables with the award candidates — the printable page in a new window, and publishing once
// the year has ended (confirmed, then frozen).
import type { AnnualReportResponse } from '@tuanjian/shared';
import type { PaneContext, Session } from './context';
import { whenText } from './dates';
import { type Child, h } from './dom';
import { actionButton, actionRow, openPrintWindow } from './widgets';

const TAB = 'assessment';

export interface AnnualReportState {
  year: number;
  answer: AnnualReportResponse | null;
  /** The admin clicked 发布 once: the second click publishes. */
  confirming: boolean;
}

async function loadReport(ctx: PaneContext, state: AnnualReportState, session: Session): Promise<void> {
  await ctx.run(TAB, async () => {
    state.answer = await session.client.annualReport(state.year);
    state.confirming = false;
    const year = state.year;
    const published = state.answer.published;
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.assessment.annualLoaded(year, published) });
  });
  ctx.refresh();
}

/** Opens the printable page in a new window (opened at the click, so no popup blocker stops it). */
async function printReport(ctx: PaneContext, state: AnnualReportState, session: Session): Promise<void> {
  await ctx.run(TAB, () => openPrintWindow(ctx, TAB, () => session.client.annualReportPage(state.year)));
}

async function publish(ctx: PaneContext, state: AnnualReportState, session: Session): Promise<void> {
  if (!state.confirming) {
    state.confirming = true;
    const year = state.year;
    ctx.notify(TAB, { kind: 'warning', summary: (m) => m.assessment.annualConfirm(year) });
    ctx.refresh();
    return;
  }
  await ctx.run(TAB, async () => {
    state.answer = await session.client.publishAnnualReport(state.year);
    state.confirming = false;
    const year = state.year;
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.assessment.annualPublished(year) });
  });
  ctx.refresh();
}

function tableView(
  title: string,
  headers: readonly string[],
  rows: readonly (string | number | null)[][],
  id: string,
) {
  return [
    h('h4', { class: 'work-heading', id: `${id}-heading` }, title),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'table work-table', id, 'aria-labelledby': `${id}-heading` },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            headers.map((header) => h('th', { scope: 'col' }, header)),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((row) =>
            h(
              'tr',
              {},
              row.map((value) =>
                h(
                  'td',
                  typeof value === 'number' ? { class: 'num' } : {},
                  value === null ? '—' : String(value),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  ];
}

/** The block under the standing: load, print, publish, and the report itself once loaded. */
export function annualReportBlock(
  ctx: PaneContext,
  state: AnnualReportState,
  session: Session,
  year: number,
): Child {
  const t = ctx.m().assessment;
  if (state.year !== year) {
    state.year = year;
    state.answer = null;
    state.confirming = false;
  }
  const answer = state.answer;
  const report = answer?.report;
  return h(
    'div',
    {
      class: 'annual-report',
      id: 'annual-report',
      role: 'group',
      'aria-labelledby': 'annual-report-heading',
    },
    h('h3', { class: 'work-heading', id: 'annual-report-heading' }, t.annualHeading(year)),
    h('p', { class: 'hint' }, t.annualIntro),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'annual-load',
        answer ? t.annualReload : t.annualLoad,
        () => void loadReport(ctx, state, session),
      ),
      answer
        ? actionButton(ctx, TAB, 'annual-print', t.annualPrint, () => void printReport(ctx, state, session))
        : null,
      answer?.final && !answer.published && session.me.role === 'admin'
        ? actionButton(
            ctx,
            TAB,
            'annual-publish',
            state.confirming ? t.annualPublishConfirm : t.annualPublish,
            () => void publish(ctx, state, session),
            { variant: 'primary' },
          )
        : null,
    ),
    answer && report
      ? h(
          'div',
          { class: 'annual-report__body', id: 'annual-report-body' },
          h(
            'p',
            { class: 'hint' },
            answer.published && answer.publishedAt
              ? t.annualPublishedAt(whenText(answer.publishedAt, ctx.lang()))
              : answer.final
                ? t.annualNotPublished
                : t.annualUnderWay,
          ),
          h('h4', { class: 'annual-report__title' }, report.title),
          report.paragraphs.map((paragraph) => h('p', { class: 'annual-report__paragraph' }, paragraph)),
          report.tables.map((table, index) =>
            tableView(table.title, table.table.headers, table.table.rows, `annual-table-${index + 1}`),
          ),
          h('p', { class: 'annual-report__signature' }, report.issuer),
        )
      : null,
  );
}

export function annualReportState(year: number): AnnualReportState {
  return { year, answer: null, confirming: false };
}
