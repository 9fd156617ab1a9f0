// 通报's choices and tools, the same in the pane and on the web page: live figures or a published issue of
// the chosen month; the narrative with a copy button; the printable page in a new window (web page); and,
// for an admin, a read-only link to a published issue that opens without a token.
import type { Bulletin, BulletinSource, IssueMeta } from '@tuanjian/shared';
import type { PaneContext, Session } from './context';
import { dayText, shanghaiToday } from './dates';
import { type Child, h } from './dom';
import type { Messages } from './i18n';
import { actionButton, actionRow, field, openPrintWindow, select, toClipboard } from './widgets';

const TAB = 'bulletin';

export type Source = 'live' | 'published';

/** What the month, source and issue pickers remember between renders. */
export interface BulletinChoice {
  year: number;
  month: number;
  source: Source;
  /** Published issues of `year`, as last fetched (null until asked for). */
  issues: { year: number; list: IssueMeta[] } | null;
  issueNumber: number | null;
  /** The chosen issue's read-only link, as last read or made (the address only right after it was made). */
  share: { issueNumber: number; createdAt: string | null; url: string | null } | null;
}

export function issuesOfMonth(state: BulletinChoice): IssueMeta[] {
  return (state.issues?.year === state.year ? state.issues.list : []).filter(
    (issue) => issue.month === state.month,
  );
}

/** Keeps the chosen issue one of the month's; defaults to the newest. */
export function settleIssue(state: BulletinChoice): void {
  const ofMonth = issuesOfMonth(state);
  if (!ofMonth.some((issue) => issue.issueNumber === state.issueNumber)) {
    state.issueNumber = ofMonth[ofMonth.length - 1]?.issueNumber ?? null;
  }
  if (state.share?.issueNumber !== state.issueNumber) state.share = null;
}

export async function loadIssues(state: BulletinChoice, session: Session): Promise<void> {
  const list = await session.client.bulletins(state.year);
  state.issues = { year: state.year, list };
  settleIssue(state);
}

/** After the month or the source changed: the issue follows, and a year's issues load when first needed. */
export function choiceChanged(ctx: PaneContext, state: BulletinChoice, session: Session): void {
  settleIssue(state);
  if (state.source === 'published' && state.issues?.year !== state.year)
    void ctx.run(TAB, () => loadIssues(state, session));
  else ctx.refresh();
}

/** What the choice points at: a month's live figures, a published issue, or nothing yet (no issue chosen). */
export function chosenSource(state: BulletinChoice): BulletinSource | null {
  if (state.source === 'live') return { year: state.year, month: state.month, issueNumber: null };
  return state.issueNumber === null
    ? null
    : { year: state.year, month: state.month, issueNumber: state.issueNumber };
}

/** The figures and bulletin of the choice, from the server. */
export async function fetchChosen(
  state: BulletinChoice,
  session: Session,
): Promise<{ source: BulletinSource; issue: Awaited<ReturnType<Session['client']['summary']>> } | null> {
  const source = chosenSource(state);
  if (!source) return null;
  if (source.issueNumber === null)
    return { source, issue: await session.client.summary(source.year, source.month) };
  const issue = await session.client.bulletin(source.issueNumber);
  return { source: { year: issue.year, month: issue.month, issueNumber: issue.issueNumber }, issue };
}

/** 实时数据 or 已发布的通报; `changed` runs after the source is set. */
export function sourcePicker(state: BulletinChoice, m: Messages, changed: () => void): HTMLElement {
  const radio = (value: Source, label: string) =>
    h(
      'div',
      { class: 'check' },
      h('input', {
        type: 'radio',
        name: 'bulletin-source',
        id: `bulletin-source-${value}`,
        value,
        checked: state.source === value,
        on: {
          change: () => {
            state.source = value;
            changed();
          },
        },
      }),
      h('label', { for: `bulletin-source-${value}` }, label),
    );
  return h(
    'fieldset',
    { class: 'fieldset' },
    h('legend', {}, m.bulletin.source),
    radio('live', m.bulletin.live),
    radio('published', m.bulletin.published),
  );
}

/** For a published bulletin: the month's issues to choose from, or how to load them. */
export function issuePicker(ctx: PaneContext, state: BulletinChoice, session: Session): Child {
  const m = ctx.m();
  if (state.source !== 'published') return null;
  if (state.issues?.year !== state.year) {
    return ctx.busy(TAB)
      ? h('p', { class: 'hint' }, m.bulletin.loadingIssues)
      : actionButton(ctx, TAB, 'bulletin-load-issues', m.bulletin.loadIssues, () => {
          void ctx.run(TAB, () => loadIssues(state, session));
        });
  }
  const ofMonth = issuesOfMonth(state);
  if (ofMonth.length === 0)
    return h('p', { class: 'hint', id: 'bulletin-no-issues' }, m.bulletin.noIssues(state.year, state.month));
  return field(
    'bulletin-issue',
    m.bulletin.issue,
    select(
      ofMonth.map((issue) => ({
        value: String(issue.issueNumber),
        label: m.bulletin.issueOption(
          issue.issueNumber,
          issue.year,
          issue.month,
          // The day of publication in Shanghai, written as every screen writes it (it showed the UTC date).
          dayText(shanghaiToday(new Date(issue.publishedAt)), ctx.lang()),
        ),
      })),
      String(state.issueNumber ?? ''),
      (value) => {
        state.issueNumber = Number(value);
        settleIssue(state);
        ctx.refresh();
      },
    ),
  );
}

async function copyNarrative(ctx: PaneContext, text: string): Promise<void> {
  if (await toClipboard(text)) {
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.bulletin.copied });
    return;
  }
  // The clipboard is refused here: the text is selected for Ctrl+C instead.
  ctx.notify(TAB, { kind: 'info', summary: (m) => m.bulletin.copySelected });
  const paragraph = document.getElementById('bulletin-narrative');
  const selection = window.getSelection();
  if (!paragraph || !selection) return;
  const range = document.createRange();
  range.selectNodeContents(paragraph);
  selection.removeAllRanges();
  selection.addRange(range);
}

/** The bulletin's title, issue line and narrative, the narrative ready to copy into a document. */
export function narrativeCard(ctx: PaneContext, bulletin: Bulletin, extra: Child = null): HTMLElement {
  const m = ctx.m();
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'bulletin-preview-heading', id: 'bulletin-preview' },
    h('h3', { id: 'bulletin-preview-heading' }, m.bulletin.previewHeading),
    h('p', { class: 'card__title' }, bulletin.title),
    h('p', { class: 'hint' }, bulletin.issueLine),
    h('p', { class: 'narrative', id: 'bulletin-narrative', lang: 'zh-CN' }, bulletin.narrative),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'bulletin-copy',
        m.bulletin.copy,
        () => void copyNarrative(ctx, bulletin.narrative),
      ),
      extra,
    ),
  );
}

/**
 * Opens the printable page of the choice in a new window (opened at the click, so no popup blocker
 * stops it, then filled once the server answers). The page prints on A4 as it shows.
 */
export async function openPrintView(
  ctx: PaneContext,
  state: BulletinChoice,
  session: Session,
): Promise<void> {
  const source = chosenSource(state);
  if (!source) return;
  await openPrintWindow(ctx, TAB, () => session.client.bulletinPage(source));
}

async function readShare(state: BulletinChoice, session: Session, issueNumber: number): Promise<void> {
  const share = await session.client.bulletinShare(issueNumber);
  state.share = { issueNumber, createdAt: share.createdAt, url: null };
}

async function makeShare(ctx: PaneContext, state: BulletinChoice, session: Session, issueNumber: number) {
  const made = await session.client.shareBulletin(issueNumber);
  const url = new URL(session.client.shareUrl(made.path), window.location.href).href;
  state.share = { issueNumber, createdAt: made.createdAt, url };
  ctx.notify(TAB, { kind: 'success', summary: (m) => m.bulletin.shareMade(issueNumber) });
}

async function revokeShare(ctx: PaneContext, state: BulletinChoice, session: Session, issueNumber: number) {
  await session.client.revokeBulletinShare(issueNumber);
  state.share = { issueNumber, createdAt: null, url: null };
  ctx.notify(TAB, { kind: 'success', summary: (m) => m.bulletin.shareRevoked(issueNumber) });
}

async function copyShare(ctx: PaneContext, url: string): Promise<void> {
  if (await toClipboard(url)) {
    ctx.notify(TAB, { kind: 'success', summary: (m) => m.bulletin.shareCopied });
    return;
  }
  ctx.notify(TAB, { kind: 'info', summary: (m) => m.bulletin.copySelected });
  const input = document.getElementById('bulletin-share-url');
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}

/**
 * 分享链接 (admin, a published issue chosen): a read-only address of the issue's printable page that
 * opens without a token, for people who only read the bulletin. Shown once when made; a new one
 * replaces it; revoking makes it answer 「链接无效」.
 */
export function shareCard(ctx: PaneContext, state: BulletinChoice, session: Session): Child {
  const issueNumber = state.source === 'published' ? state.issueNumber : null;
  if (session.me.role !== 'admin' || issueNumber === null) return null;
  const m = ctx.m();
  const share = state.share?.issueNumber === issueNumber ? state.share : null;
  const run = (task: () => Promise<void>) => () => void ctx.run(TAB, task);
  const body: Child[] = [];
  if (!share) {
    body.push(
      actionRow(
        actionButton(
          ctx,
          TAB,
          'bulletin-share-read',
          m.bulletin.shareCheck,
          run(() => readShare(state, session, issueNumber)),
        ),
        actionButton(
          ctx,
          TAB,
          'bulletin-share-make',
          m.bulletin.shareMake,
          run(() => makeShare(ctx, state, session, issueNumber)),
        ),
      ),
    );
  } else {
    if (share.url) {
      body.push(
        field(
          'bulletin-share-url',
          m.bulletin.shareUrl,
          h('input', { type: 'text', class: 'input', readonly: true, value: share.url, spellcheck: 'false' }),
          m.bulletin.shareOnce,
        ),
      );
    } else {
      body.push(
        h(
          'p',
          { id: 'bulletin-share-state' },
          share.createdAt
            ? m.bulletin.shareExists(dayText(shanghaiToday(new Date(share.createdAt)), ctx.lang()))
            : m.bulletin.shareNone,
        ),
      );
    }
    body.push(
      actionRow(
        share.url
          ? actionButton(ctx, TAB, 'bulletin-share-copy', m.bulletin.shareCopy, () => {
              if (share.url) void copyShare(ctx, share.url);
            })
          : null,
        actionButton(
          ctx,
          TAB,
          'bulletin-share-make',
          share.createdAt ? m.bulletin.shareRemake : m.bulletin.shareMake,
          run(() => makeShare(ctx, state, session, issueNumber)),
        ),
        share.createdAt
          ? actionButton(
              ctx,
              TAB,
              'bulletin-share-revoke',
              m.bulletin.shareRevoke,
              run(() => revokeShare(ctx, state, session, issueNumber)),
              { variant: 'danger' },
            )
          : null,
      ),
    );
  }
  return h(
    'section',
    { class: 'card card--admin', id: 'bulletin-share', 'aria-labelledby': 'bulletin-share-heading' },
    h('h3', { id: 'bulletin-share-heading' }, m.bulletin.shareHeading(issueNumber)),
    h('p', { class: 'hint' }, m.bulletin.shareHint),
    ...body,
  );
}
