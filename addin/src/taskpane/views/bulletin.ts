// 通报: pick a month, write the live or a published bulletin into its own sheet; admins publish a month.
import type { Bulletin } from '@tuanjian/shared';
import type { IssueMeta } from '../../api/client';
import type { ExcelPort, PaneContext, Session } from '../context';
import { pickerYears, previousMonth } from '../dates';
import { type Child, h } from '../dom';
import { actionButton, field, noticeView, prerequisites, select } from './common';

const TAB = 'bulletin';

type Source = 'live' | 'published';

interface Written {
  sheetName: string;
  bulletin: Bulletin;
}

export function createBulletinView(ctx: PaneContext): { render(): Child } {
  const start = previousMonth(ctx.now());
  let year = start.year;
  let month = start.month;
  let source: Source = 'live';
  /** Published issues of `year`, as last fetched (null until asked for). */
  let issues: { year: number; list: IssueMeta[] } | null = null;
  let issueNumber: number | null = null;
  let written: Written | null = null;
  let confirmingPublish = false;

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
      const { bulletin } = await session.client.summary(year, month);
      const sheet = await excel.writeBulletinSheet(bulletin, { source: { year, month, issueNumber: null } });
      written = { sheetName: sheet.sheetName, bulletin };
      ctx.notify(TAB, {
        kind: 'success',
        summary: (m) => m.bulletin.written(sheet.sheetName, sheet.replaced),
      });
      return;
    }
    if (issueNumber === null) return;
    const issue = await session.client.bulletin(issueNumber);
    const sheet = await excel.writeBulletinSheet(issue.bulletin, {
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
        h(
          'div',
          { class: 'row' },
          field(
            'bulletin-year',
            m.bulletin.year,
            select(
              years.map((value) => ({ value: String(value), label: m.bulletin.yearOption(value) })),
              String(year),
              (value) => {
                year = Number(value);
                periodChanged(session);
              },
            ),
          ),
          field(
            'bulletin-month',
            m.bulletin.month,
            select(
              Array.from({ length: 12 }, (_, index) => ({
                value: String(index + 1),
                label: m.bulletin.monthOption(index + 1),
              })),
              String(month),
              (value) => {
                month = Number(value);
                periodChanged(session);
              },
            ),
          ),
        ),
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
