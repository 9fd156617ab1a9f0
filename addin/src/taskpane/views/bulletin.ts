// 通报: pick a month, write the live or a published bulletin into its own sheet; refresh them all (by hand or when
// the workbook opens); admins publish a month.
import type { Bulletin } from '@tuanjian/shared';
import type { BulletinSheet } from '../../excel';
import {
  type BulletinChoice,
  choiceChanged,
  fetchChosen,
  issuePicker,
  loadIssues,
  narrativeCard,
  shareCard,
  sourcePicker,
} from '../../ui/bulletin-choice';
import type { ExcelPort, Notice, PaneContext, Session } from '../../ui/context';
import { pickerYears, previousMonth } from '../../ui/dates';
import { type Child, h } from '../../ui/dom';
import { describeError } from '../../ui/errors';
import type { Messages } from '../../ui/i18n';
import { actionButton, actionRow, noticeView, periodPicker, prerequisites } from '../../ui/widgets';
import { type RefreshOutcome, refreshBulletinSheets } from '../refresh';

const TAB = 'bulletin';

interface Written {
  sheetName: string;
  bulletin: Bulletin;
}

export interface BulletinView {
  render(): Child;
  /**
   * At start-up (the workbook opened, or the pane did): reads this workbook's refresh-on-open setting and, when it
   * is on, refreshes every live bulletin sheet, showing progress in the pane's status line.
   */
  refreshOnOpen(): Promise<void>;
}

/** What the 通报 tab remembers between renders. */
interface BulletinState extends BulletinChoice {
  written: Written | null;
  confirmingPublish: boolean;
  /** This workbook's refresh-on-open setting; null until read. */
  autoRefresh: boolean | null;
  /** What the last 全部刷新 did to each bulletin sheet. */
  refreshResults: RefreshOutcome[] | null;
}

function periodChanged(ctx: PaneContext, state: BulletinState, session: Session): void {
  state.written = null;
  state.confirmingPublish = false;
  choiceChanged(ctx, state, session);
}

async function write(
  ctx: PaneContext,
  state: BulletinState,
  excel: ExcelPort,
  session: Session,
): Promise<void> {
  const chosen = await fetchChosen(state, session);
  if (!chosen) return;
  const sheet = await excel.writeBulletinSheet(chosen.issue, { source: chosen.source });
  state.written = { sheetName: sheet.sheetName, bulletin: chosen.issue.bulletin };
  ctx.notify(TAB, writtenNotice(sheet));
}

/** Written; a warning when the host lacked or refused the page setup (the content is all there). */
function writtenNotice(sheet: BulletinSheet): Notice {
  const summary = (m: Messages) => m.bulletin.written(sheet.sheetName, sheet.replaced);
  if (sheet.skipped.length === 0) return { kind: 'success', summary };
  return { kind: 'warning', summary, detail: (m) => m.bulletin.pageSetupSkipped };
}

async function publish(ctx: PaneContext, state: BulletinState, session: Session): Promise<void> {
  state.confirmingPublish = false;
  state.written = null;
  const issue = await session.client.publish(state.year, state.month);
  ctx.figuresChanged?.();
  state.issues = null;
  state.source = 'published';
  await loadIssues(state, session);
  state.issueNumber = issue.issueNumber;
  ctx.notify(TAB, { kind: 'success', summary: (m) => m.bulletin.publishedIssue(issue.issueNumber) });
}

/** 全部刷新: live sheets get their month's current figures; progress goes to the pane's status line. */
async function refreshAll(
  ctx: PaneContext,
  state: BulletinState,
  excel: ExcelPort,
  session: Session,
  onOpen: boolean,
): Promise<void> {
  ctx.setStatus({ kind: 'info', summary: (m) => m.bulletin.refreshFinding });
  let outcomes: RefreshOutcome[];
  try {
    outcomes = await refreshBulletinSheets({
      excel,
      client: session.client,
      onProgress: ({ done, total, sheetName }) =>
        ctx.setStatus({ kind: 'info', summary: (m) => m.bulletin.refreshing(done, total, sheetName) }),
    });
  } catch (error) {
    ctx.setStatus(
      onOpen
        ? {
            kind: 'error',
            summary: (_m, lang) => describeError(error, lang, { serverUrl: session.serverUrl }).summary,
          }
        : null,
    );
    throw error;
  }
  state.refreshResults = outcomes;
  // The preview was of what the last write put in a sheet; the refresh may have rewritten that sheet.
  state.written = null;
  const count = (status: RefreshOutcome['status']) =>
    outcomes.filter((outcome) => outcome.status === status).length;
  const [refreshed, published, failed] = [count('refreshed'), count('published'), count('failed')];
  const notice: Notice =
    outcomes.length === 0
      ? { kind: 'info', summary: (m) => m.bulletin.noBulletinSheets }
      : {
          kind: failed > 0 ? 'warning' : 'success',
          summary: (m) => m.bulletin.refreshDone(refreshed, published, failed),
        };
  // On open the user is on another tab: the status line keeps the result in view.
  ctx.setStatus(onOpen ? notice : null);
  ctx.notify(TAB, notice);
}

async function setAutoRefresh(
  ctx: PaneContext,
  state: BulletinState,
  excel: ExcelPort,
  on: boolean,
): Promise<void> {
  const { loadsOnOpen } = await excel.setAutoRefresh(on);
  state.autoRefresh = on;
  ctx.notify(TAB, {
    kind: 'success',
    summary: (m) =>
      on
        ? loadsOnOpen
          ? m.bulletin.autoRefreshOn
          : m.bulletin.autoRefreshOnPaneOnly
        : m.bulletin.autoRefreshOff,
  });
}

async function refreshOnOpen(ctx: PaneContext, state: BulletinState): Promise<void> {
  const excel = ctx.excel;
  if (!excel) return;
  try {
    state.autoRefresh = await excel.readAutoRefresh();
  } catch (error) {
    ctx.setStatus({ kind: 'warning', summary: (_m, lang) => describeError(error, lang).summary });
    return;
  }
  if (!state.autoRefresh) {
    ctx.refresh();
    return;
  }
  const session = ctx.session();
  if (!session) {
    ctx.setStatus({ kind: 'warning', summary: (m) => m.bulletin.autoRefreshNotConnected });
    return;
  }
  await ctx.run(TAB, () => refreshAll(ctx, state, excel, session, true));
}

function outcomeText(ctx: PaneContext, outcome: RefreshOutcome, m: Messages, session: Session): string {
  if (outcome.status === 'refreshed') return m.bulletin.refreshOk;
  if (outcome.status === 'published') return m.bulletin.refreshPublished;
  const reason = describeError(outcome.error, ctx.lang(), { serverUrl: session.serverUrl });
  return m.bulletin.refreshFailed(reason.detail ? `${reason.summary} ${reason.detail}` : reason.summary);
}

function refreshCard(
  ctx: PaneContext,
  state: BulletinState,
  excel: ExcelPort,
  session: Session,
): HTMLElement {
  const m = ctx.m();
  const results = state.refreshResults ?? [];
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'bulletin-refresh-heading', id: 'bulletin-refresh' },
    h('h3', { id: 'bulletin-refresh-heading' }, m.bulletin.refreshHeading),
    h('p', { class: 'hint' }, m.bulletin.refreshHint),
    h(
      'div',
      { class: 'check' },
      h('input', {
        type: 'checkbox',
        id: 'bulletin-auto-refresh',
        checked: state.autoRefresh === true,
        'aria-describedby': 'bulletin-auto-refresh-hint',
        on: {
          change: (event) => {
            if (!(event.target instanceof HTMLInputElement)) return;
            const on = event.target.checked;
            void ctx.run(TAB, () => setAutoRefresh(ctx, state, excel, on));
          },
        },
      }),
      h('label', { for: 'bulletin-auto-refresh' }, m.bulletin.autoRefresh),
    ),
    h(
      'p',
      { class: 'hint', id: 'bulletin-auto-refresh-hint' },
      excel.canLoadOnOpen() ? m.bulletin.autoRefreshHint : m.bulletin.autoRefreshPaneOnly,
    ),
    actionRow(
      actionButton(ctx, TAB, 'bulletin-refresh-all', m.bulletin.refreshAll, () => {
        void ctx.run(TAB, () => refreshAll(ctx, state, excel, session, false));
      }),
    ),
    results.length > 0
      ? h(
          'ul',
          {
            class: 'refresh-results',
            id: 'bulletin-refresh-results',
            'aria-label': m.bulletin.refreshResultsHeading,
          },
          results.map((outcome) =>
            h(
              'li',
              {},
              h('span', { class: 'refresh-results__sheet' }, outcome.sheetName),
              h(
                'span',
                { class: 'hint' },
                outcome.source.issueNumber === null
                  ? m.bulletin.sourceLive(outcome.source.year, outcome.source.month)
                  : m.bulletin.sourceIssue(outcome.source.issueNumber),
              ),
              h(
                'span',
                { class: `refresh-results__state refresh-results__state--${outcome.status}` },
                outcomeText(ctx, outcome, m, session),
              ),
            ),
          ),
        )
      : null,
  );
}

function focusLater(id: string): void {
  document.getElementById(id)?.focus();
}

/** Admins publish the month as a numbered issue, after a second click. */
function publishCard(ctx: PaneContext, state: BulletinState, session: Session, m: Messages): HTMLElement {
  const ask = () => {
    state.confirmingPublish = true;
    ctx.refresh();
    focusLater('bulletin-publish-yes');
  };
  const cancel = () => {
    state.confirmingPublish = false;
    ctx.refresh();
    focusLater('bulletin-publish');
  };
  return h(
    'section',
    { class: 'card card--admin', 'aria-labelledby': 'bulletin-publish-heading' },
    h('h3', { id: 'bulletin-publish-heading' }, m.bulletin.publishHeading),
    h('p', { class: 'hint' }, m.bulletin.publishHint),
    state.confirmingPublish
      ? h(
          'div',
          { class: 'confirm', role: 'group', 'aria-labelledby': 'bulletin-publish-question' },
          h('p', { id: 'bulletin-publish-question' }, m.bulletin.publishConfirm(state.year, state.month)),
          actionRow(
            actionButton(
              ctx,
              TAB,
              'bulletin-publish-yes',
              m.bulletin.publishYes,
              () => void ctx.run(TAB, () => publish(ctx, state, session)),
              { variant: 'danger' },
            ),
            actionButton(ctx, TAB, 'bulletin-publish-no', m.cancel, cancel),
          ),
        )
      : actionButton(ctx, TAB, 'bulletin-publish', m.bulletin.publish(state.year, state.month), ask),
  );
}

function renderBulletinView(ctx: PaneContext, state: BulletinState): Child {
  const m = ctx.m();
  const excel = ctx.excel;
  const session = ctx.session();
  const head: Child = [
    h('h2', { class: 'panel__heading' }, m.bulletin.heading),
    h('p', { class: 'intro' }, m.bulletin.intro),
  ];
  const missing = prerequisites(ctx, TAB, { connection: true });
  if (!session || missing) return [head, missing];
  const canWrite = state.source === 'live' || state.issueNumber !== null;
  return [
    head,
    periodPicker(m, pickerYears(ctx.now()), { year: state.year, month: state.month }, (next) => {
      state.year = next.year;
      state.month = next.month;
      periodChanged(ctx, state, session);
    }),
    sourcePicker(state, m, () => periodChanged(ctx, state, session)),
    issuePicker(ctx, state, session),
    excel
      ? actionRow(
          actionButton(
            ctx,
            TAB,
            'bulletin-write',
            m.bulletin.write,
            () => void ctx.run(TAB, () => write(ctx, state, excel, session)),
            { variant: 'primary', disabled: !canWrite },
          ),
        )
      : prerequisites(ctx, TAB, { excel: true }),
    noticeView(ctx, TAB),
    state.written ? narrativeCard(ctx, state.written.bulletin) : null,
    shareCard(ctx, state, session),
    excel ? refreshCard(ctx, state, excel, session) : null,
    session.me.role === 'admin' ? publishCard(ctx, state, session, m) : null,
  ];
}

export function createBulletinView(ctx: PaneContext): BulletinView {
  const start = previousMonth(ctx.now());
  const state: BulletinState = {
    year: start.year,
    month: start.month,
    source: 'live',
    issues: null,
    issueNumber: null,
    share: null,
    written: null,
    confirmingPublish: false,
    autoRefresh: null,
    refreshResults: null,
  };
  return {
    refreshOnOpen: () => refreshOnOpen(ctx, state),
    render: () => renderBulletinView(ctx, state),
  };
}
