// 通报: pick a month, write the live or a published bulletin into its own sheet; refresh them all (by hand or when
// the workbook opens); admins publish a month.
import type { Bulletin, IssueMeta } from '@tuanjian/shared';
import type { ExcelPort, Notice, PaneContext, Session } from '../../ui/context';
import { pickerYears, previousMonth } from '../../ui/dates';
import { type Child, h } from '../../ui/dom';
import { describeError } from '../../ui/errors';
import type { Messages } from '../../ui/i18n';
import { actionButton, field, noticeView, periodPicker, prerequisites, select } from '../../ui/widgets';
import { type RefreshOutcome, refreshBulletinSheets } from '../refresh';

const TAB = 'bulletin';

type Source = 'live' | 'published';

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

export function createBulletinView(ctx: PaneContext): BulletinView {
  const start = previousMonth(ctx.now());
  let year = start.year;
  let month = start.month;
  let source: Source = 'live';
  /** Published issues of `year`, as last fetched (null until asked for). */
  let issues: { year: number; list: IssueMeta[] } | null = null;
  let issueNumber: number | null = null;
  let written: Written | null = null;
  let confirmingPublish = false;
  /** This workbook's refresh-on-open setting; null until read. */
  let autoRefresh: boolean | null = null;
  /** What the last 全部刷新 did to each bulletin sheet. */
  let refreshResults: RefreshOutcome[] | null = null;

  function issuesOfMonth(): IssueMeta[] {
    return (issues?.year === year ? issues.list : []).filter((issue) => issue.month === month);
  }

  /** Keeps the chosen issue one of the month's; defaults to the newest. */
  function settleIssue(): void {
    const ofMonth = issuesOfMonth();
    if (!ofMonth.some((issue) => issue.issueNumber === issueNumber)) {
      issueNumber = ofMonth[ofMonth.length - 1]?.issueNumber ?? null;
    }
  }

  async function loadIssues(session: Session): Promise<void> {
    const list = await session.client.bulletins(year);
    issues = { year, list };
    settleIssue();
  }

  function periodChanged(session: Session): void {
    written = null;
    confirmingPublish = false;
    settleIssue();
    if (source === 'published' && issues?.year !== year) void ctx.run(TAB, () => loadIssues(session));
    else ctx.refresh();
  }

  async function write(excel: ExcelPort, session: Session): Promise<void> {
    if (source === 'live') {
      const figures = await session.client.summary(year, month);
      const { bulletin } = figures;
      const sheet = await excel.writeBulletinSheet(figures, { source: { year, month, issueNumber: null } });
      written = { sheetName: sheet.sheetName, bulletin };
      ctx.notify(TAB, {
        kind: 'success',
        summary: (m) => m.bulletin.written(sheet.sheetName, sheet.replaced),
      });
      return;
    }
    if (issueNumber === null) return;
    const issue = await session.client.bulletin(issueNumber);
    const sheet = await excel.writeBulletinSheet(issue, {
      source: { year: issue.year, month: issue.month, issueNumber: issue.issueNumber },
    });
    written = { sheetName: sheet.sheetName, bulletin: issue.bulletin };
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.bulletin.written(sheet.sheetName, sheet.replaced) });
  }

  async function publish(session: Session): Promise<void> {
    confirmingPublish = false;
    written = null;
    const issue = await session.client.publish(year, month);
    issues = null;
    source = 'published';
    await loadIssues(session);
    issueNumber = issue.issueNumber;
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.bulletin.publishedIssue(issue.issueNumber) });
  }

  /** 全部刷新: live sheets get their month's current figures; progress goes to the pane's status line. */
  async function refreshAll(excel: ExcelPort, session: Session, onOpen: boolean): Promise<void> {
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
    refreshResults = outcomes;
    // The preview was of what the last write put in a sheet; the refresh may have rewritten that sheet.
    written = null;
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

  async function setAutoRefresh(excel: ExcelPort, on: boolean): Promise<void> {
    const { loadsOnOpen } = await excel.setAutoRefresh(on);
    autoRefresh = on;
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

  async function refreshOnOpen(): Promise<void> {
    const excel = ctx.excel;
    if (!excel) return;
    try {
      autoRefresh = await excel.readAutoRefresh();
    } catch (error) {
      ctx.setStatus({ kind: 'warning', summary: (_m, lang) => describeError(error, lang).summary });
      return;
    }
    if (!autoRefresh) {
      ctx.refresh();
      return;
    }
    const session = ctx.session();
    if (!session) {
      ctx.setStatus({ kind: 'warning', summary: (m) => m.bulletin.autoRefreshNotConnected });
      return;
    }
    await ctx.run(TAB, () => refreshAll(excel, session, true));
  }

  function outcomeText(outcome: RefreshOutcome, m: Messages, session: Session): string {
    if (outcome.status === 'refreshed') return m.bulletin.refreshOk;
    if (outcome.status === 'published') return m.bulletin.refreshPublished;
    const reason = describeError(outcome.error, ctx.lang(), { serverUrl: session.serverUrl });
    return m.bulletin.refreshFailed(reason.detail ? `${reason.summary} ${reason.detail}` : reason.summary);
  }

  function refreshCard(excel: ExcelPort, session: Session): HTMLElement {
    const m = ctx.m();
    const results = refreshResults ?? [];
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
          checked: autoRefresh === true,
          'aria-describedby': 'bulletin-auto-refresh-hint',
          on: {
            change: (event) => {
              if (!(event.target instanceof HTMLInputElement)) return;
              const on = event.target.checked;
              void ctx.run(TAB, () => setAutoRefresh(excel, on));
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
      h(
        'div',
        { class: 'actions' },
        actionButton(ctx, TAB, 'bulletin-refresh-all', m.bulletin.refreshAll, () => {
          void ctx.run(TAB, () => refreshAll(excel, session, false));
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
                  outcomeText(outcome, m, session),
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

  function preview(bulletin: Bulletin): HTMLElement {
    const m = ctx.m();
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'bulletin-preview-heading', id: 'bulletin-preview' },
      h('h3', { id: 'bulletin-preview-heading' }, m.bulletin.previewHeading),
      h('p', { class: 'card__title' }, bulletin.title),
      h('p', { class: 'hint' }, bulletin.issueLine),
      h('p', { class: 'narrative', lang: 'zh-CN' }, bulletin.narrative),
    );
  }

  return {
    refreshOnOpen,
    render() {
      const m = ctx.m();
      const excel = ctx.excel;
      const session = ctx.session();
      const head: Child = [
        h('h2', { class: 'panel__heading' }, m.bulletin.heading),
        h('p', { class: 'intro' }, m.bulletin.intro),
      ];
      const missing = prerequisites(ctx, TAB, { connection: true });
      if (!session || missing) return [head, missing];
      const years = pickerYears(ctx.now());
      const ofMonth = issuesOfMonth();
      const issuesLoaded = issues?.year === year;
      const radio = (value: Source, label: string) =>
        h(
          'div',
          { class: 'check' },
          h('input', {
            type: 'radio',
            name: 'bulletin-source',
            id: `bulletin-source-${value}`,
            value,
            checked: source === value,
            on: {
              change: () => {
                source = value;
                periodChanged(session);
              },
            },
          }),
          h('label', { for: `bulletin-source-${value}` }, label),
        );
      const canWrite = source === 'live' || issueNumber !== null;
      return [
        head,
        periodPicker(m, years, { year, month }, (next) => {
          year = next.year;
          month = next.month;
          periodChanged(session);
        }),
        h(
          'fieldset',
          { class: 'fieldset' },
          h('legend', {}, m.bulletin.source),
          radio('live', m.bulletin.live),
          radio('published', m.bulletin.published),
        ),
        source === 'published' && issuesLoaded && ofMonth.length > 0
          ? field(
              'bulletin-issue',
              m.bulletin.issue,
              select(
                ofMonth.map((issue) => ({
                  value: String(issue.issueNumber),
                  label: m.bulletin.issueOption(
                    issue.issueNumber,
                    issue.year,
                    issue.month,
                    issue.publishedAt.slice(0, 10),
                  ),
                })),
                String(issueNumber ?? ''),
                (value) => {
                  issueNumber = Number(value);
                  ctx.refresh();
                },
              ),
            )
          : null,
        source === 'published' && issuesLoaded && ofMonth.length === 0
          ? h('p', { class: 'hint', id: 'bulletin-no-issues' }, m.bulletin.noIssues(year, month))
          : null,
        source === 'published' && !issuesLoaded
          ? ctx.busy(TAB)
            ? h('p', { class: 'hint' }, m.bulletin.loadingIssues)
            : actionButton(ctx, TAB, 'bulletin-load-issues', m.bulletin.loadIssues, () => {
                void ctx.run(TAB, () => loadIssues(session));
              })
          : null,
        excel
          ? h(
              'div',
              { class: 'actions' },
              actionButton(
                ctx,
                TAB,
                'bulletin-write',
                m.bulletin.write,
                () => void ctx.run(TAB, () => write(excel, session)),
                { variant: 'primary', disabled: !canWrite },
              ),
            )
          : prerequisites(ctx, TAB, { excel: true }),
        noticeView(ctx, TAB),
        written ? preview(written.bulletin) : null,
        excel ? refreshCard(excel, session) : null,
        session.me.role === 'admin'
          ? h(
              'section',
              { class: 'card card--admin', 'aria-labelledby': 'bulletin-publish-heading' },
              h('h3', { id: 'bulletin-publish-heading' }, m.bulletin.publishHeading),
              h('p', { class: 'hint' }, m.bulletin.publishHint),
              confirmingPublish
                ? h(
                    'div',
                    { class: 'confirm', role: 'group', 'aria-labelledby': 'bulletin-publish-question' },
                    h('p', { id: 'bulletin-publish-question' }, m.bulletin.publishConfirm(year, month)),
                    h(
                      'div',
                      { class: 'actions' },
                      actionButton(
                        ctx,
                        TAB,
                        'bulletin-publish-yes',
                        m.bulletin.publishYes,
                        () => void ctx.run(TAB, () => publish(session)),
                        { variant: 'danger' },
                      ),
                      actionButton(ctx, TAB, 'bulletin-publish-no', m.cancel, () => {
                        confirmingPublish = false;
                        ctx.refresh();
                        focusLater('bulletin-publish');
                      }),
                    ),
                  )
                : actionButton(ctx, TAB, 'bulletin-publish', m.bulletin.publish(year, month), () => {
                    confirmingPublish = true;
                    ctx.refresh();
                    focusLater('bulletin-publish-yes');
                  }),
            )
          : null,
      ];
    },
  };
}
