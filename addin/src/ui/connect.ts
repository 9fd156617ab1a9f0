// 连接: server address and token (remembered), the role and unit they stand for, and where the unit stands.
import { formatGap, formatPercent, type Summary } from '@tuanjian/shared';
import { ApiClient } from '../api/client';
import type { PaneContext, Session } from './context';
import { previousMonth } from './dates';
import { type Child, h } from './dom';
import { describeError } from './errors';
import type { Messages } from './i18n';
import { forgetToken, normalizeServerUrl, type SavedConnection, saveConnection } from './state';
import { loadUnitDesk, type UnitDesk, unitDeskView } from './unit-desk';
import { actionButton, actionRow, field, noticeView, stat } from './widgets';

const TAB = 'connect';

type Progress =
  | { state: 'none' }
  | { state: 'loading' }
  /** `desk`: a unit's own spot checks and subsidies; null for other roles, or when they could not be read. */
  | { state: 'ready'; summary: Summary; desk: UnitDesk | null; deskError: unknown }
  | { state: 'failed'; error: unknown };

export interface ConnectView {
  render(): Child;
  /** Connects with a remembered token at start-up, without waiting for a click. */
  autoConnect(): Promise<void>;
  /** Loads the progress again (after an upload, a restore or a publish); nothing when not connected. */
  reloadProgress(): void;
}

/** "潍坊新村街道 · 直属团组织", or the token's label for tokens without a unit. */
export function sessionLabel(session: Session, m: Messages): string {
  return `${session.me.unitName ?? session.me.label} · ${m.roles[session.me.role]}`;
}

/**
 * @param saved the remembered connection, if any
 * @param fallbackServer the address to offer when nothing is remembered (normally the pane's own origin)
 */
/** What the connect view remembers between renders. */
interface ConnectState {
  serverUrl: string;
  token: string;
  remember: boolean;
  showToken: boolean;
  progress: Progress;
  /** Counts loads of the progress: only the latest one's answer is shown. */
  progressLoads: number;
}

/** The figures for the last ended month (the bulletin's default month), kept on screen while they reload. */
async function loadProgress(ctx: PaneContext, state: ConnectState, session: Session): Promise<void> {
  const load = ++state.progressLoads;
  if (state.progress.state !== 'ready') state.progress = { state: 'loading' };
  ctx.refresh();
  const { year, month } = previousMonth(ctx.now());
  let next: Progress;
  // A unit's desk is read beside its figures; failing to read it does not hide them.
  const desk =
    session.me.role === 'unit'
      ? loadUnitDesk(session.client, year).then(
          (loaded) => ({ desk: loaded, deskError: null }),
          (error: unknown) => ({ desk: null, deskError: error }),
        )
      : Promise.resolve({ desk: null, deskError: null });
  try {
    const [{ summary }, unitDesk] = await Promise.all([session.client.summary(year, month), desk]);
    next = { state: 'ready', summary, ...unitDesk };
  } catch (error) {
    next = { state: 'failed', error };
  }
  if (load !== state.progressLoads || ctx.session() !== session) return;
  state.progress = next;
  ctx.refresh();
}

async function connect(ctx: PaneContext, state: ConnectState): Promise<void> {
  const serverUrl = normalizeServerUrl(state.serverUrl);
  if (!serverUrl) {
    ctx.notify(TAB, { kind: 'error', summary: (mm) => mm.connect.invalidUrl });
    return;
  }
  const token = state.token.trim();
  if (token === '') {
    ctx.notify(TAB, { kind: 'error', summary: (mm) => mm.connect.emptyToken });
    return;
  }
  state.serverUrl = serverUrl;
  const client = new ApiClient({ baseUrl: serverUrl, token, timeoutMs: 30_000 });
  const [me, units] = await Promise.all([client.me(), client.units()]);
  const session: Session = { serverUrl, client, me, units };
  ctx.setSession(session);
  await saveConnection(ctx.stores, { serverUrl, token }, state.remember);
  if (!state.remember) state.token = '';
  ctx.notify(TAB, { kind: 'success', summary: (mm) => mm.connect.connected(sessionLabel(session, mm)) });
  void loadProgress(ctx, state, session);
}

async function disconnect(ctx: PaneContext, state: ConnectState): Promise<void> {
  const serverUrl = ctx.session()?.serverUrl ?? state.serverUrl;
  ctx.setSession(null);
  state.token = '';
  state.progress = { state: 'none' };
  await forgetToken(ctx.stores, serverUrl);
  ctx.notify(TAB, { kind: 'info', summary: (mm) => mm.connect.disconnected });
}

function progressView(ctx: PaneContext, state: ConnectState, m: Messages, session: Session): Child {
  const progress = state.progress;
  if (progress.state === 'none') return null;
  if (progress.state === 'loading') return h('p', { class: 'hint' }, m.working);
  if (progress.state === 'failed') {
    const text = describeError(progress.error, ctx.lang(), { serverUrl: session.serverUrl });
    return h('p', { class: 'hint' }, m.connect.progressFailed, text.summary);
  }
  const { summary } = progress;
  const unit = summary.units.find((candidate) => candidate.unitCode === session.me.unitCode);
  const figures = unit
    ? {
        title: m.connect.progressUnit(unit.unitName),
        newThisMonth: unit.newThisMonth,
        quota: unit.quota,
        counted: unit.counted,
        rate: unit.rate,
        gap: unit.gap,
        state: unit.state,
        rank: unit.rank,
      }
    : {
        title: m.connect.progressDistrict,
        newThisMonth: summary.totals.newThisMonth,
        quota: summary.totals.quota,
        counted: summary.totals.counted,
        rate: summary.totals.rate,
        gap: summary.totals.gap,
        state: null,
        rank: null,
      };
  const tone = figures.state === '滞后' ? 'bad' : figures.state === '已完成' ? 'good' : 'plain';
  const reporting = unit ? reportingOf(summary, unit.unitName) : null;
  return h(
    'section',
    { class: 'card', id: 'connect-progress', 'aria-labelledby': 'connect-progress-heading' },
    h('h3', { id: 'connect-progress-heading' }, m.connect.progressHeading(summary.year, summary.month)),
    h('p', { class: 'card__title' }, figures.title),
    h(
      'div',
      { class: 'stats' },
      stat(m.connect.quota, figures.quota ?? m.connect.noQuota),
      stat(m.connect.newThisMonth(summary.month), figures.newThisMonth),
      stat(m.connect.counted, figures.counted),
      stat(m.connect.rate, figures.rate === null ? '—' : formatPercent(figures.rate)),
      stat(m.connect.gap, figures.gap === null ? '—' : formatGap(figures.gap), tone),
      figures.state ? stat(m.connect.state, m.connect.states[figures.state] ?? figures.state, tone) : null,
      figures.rank === null ? null : stat(m.connect.rank, figures.rank),
      reporting
        ? stat(
            m.connect.reporting(summary.month),
            m.connect.reportingStatus[reporting],
            reporting === 'onTime' ? 'good' : reporting === 'late' ? 'warn' : 'bad',
          )
        : null,
    ),
  );
}

/** A unit's own spot checks and subsidies (unit tokens only), or why they are missing. */
function deskView(ctx: PaneContext, state: ConnectState, m: Messages, session: Session): Child {
  const progress = state.progress;
  if (progress.state !== 'ready' || session.me.unitCode === null) return null;
  if (progress.desk) return unitDeskView(m, ctx.lang(), progress.desk, session.me.unitCode);
  if (progress.deskError === null) return null;
  const text = describeError(progress.deskError, ctx.lang(), { serverUrl: session.serverUrl });
  return h('p', { class: 'hint' }, m.desk.failed, text.summary);
}

/** A unit's reporting for the summary's month (报送情况 lists units by name). */
function reportingOf(summary: Summary, unitName: string): 'onTime' | 'late' | 'missing' | null {
  if (summary.reporting.onTime.includes(unitName)) return 'onTime';
  if (summary.reporting.late.includes(unitName)) return 'late';
  if (summary.reporting.missing.includes(unitName)) return 'missing';
  return null;
}

function render(ctx: PaneContext, state: ConnectState): Child {
  const m = ctx.m();
  const session = ctx.session();
  const serverInput = h('input', {
    type: 'url',
    class: 'input',
    value: state.serverUrl,
    autocomplete: 'url',
    spellcheck: 'false',
    on: {
      input: (event) => {
        if (event.target instanceof HTMLInputElement) state.serverUrl = event.target.value;
      },
    },
  });
  const tokenInput = h('input', {
    type: state.showToken ? 'text' : 'password',
    class: 'input input--mono',
    value: state.token,
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'tj_…',
    on: {
      input: (event) => {
        if (event.target instanceof HTMLInputElement) state.token = event.target.value;
      },
      keydown: (event) => {
        if (event.key === 'Enter') void ctx.run(TAB, () => connect(ctx, state));
      },
    },
  });
  const checkbox = (
    id: string,
    label: string,
    checked: boolean,
    onChange: (value: boolean) => void,
    hint?: string,
  ) =>
    h(
      'div',
      { class: 'check' },
      h('input', {
        type: 'checkbox',
        id,
        checked,
        'aria-describedby': hint ? `${id}-hint` : null,
        on: {
          change: (event) => {
            if (event.target instanceof HTMLInputElement) onChange(event.target.checked);
          },
        },
      }),
      h(
        'span',
        {},
        h('label', { for: id }, label),
        hint ? h('p', { class: 'field__hint', id: `${id}-hint` }, hint) : null,
      ),
    );

  return [
    h('h2', { class: 'panel__heading' }, m.connect.heading),
    h('p', { class: 'intro' }, m.connect.intro),
    h(
      'form',
      {
        class: 'form',
        on: {
          submit: (event) => {
            event.preventDefault();
            void ctx.run(TAB, () => connect(ctx, state));
          },
        },
      },
      field('connect-server', m.connect.serverUrl, serverInput, m.connect.serverUrlHint),
      field('connect-token', m.connect.token, tokenInput, m.connect.tokenHint),
      checkbox('connect-show-token', m.connect.showToken, state.showToken, (value) => {
        state.showToken = value;
        ctx.refresh();
      }),
      checkbox(
        'connect-remember',
        m.connect.remember,
        state.remember,
        (value) => {
          state.remember = value;
        },
        m.connect.rememberHint,
      ),
      actionRow(
        actionButton(
          ctx,
          TAB,
          'connect-submit',
          ctx.busy(TAB) ? m.connect.connecting : m.connect.connect,
          () => {
            void ctx.run(TAB, () => connect(ctx, state));
          },
          { variant: 'primary' },
        ),
        session
          ? actionButton(ctx, TAB, 'connect-disconnect', m.connect.disconnect, () => {
              void ctx.run(TAB, () => disconnect(ctx, state));
            })
          : null,
      ),
    ),
    noticeView(ctx, TAB),
    session
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'connect-account-heading' },
          h('h3', { id: 'connect-account-heading' }, m.connect.accountHeading),
          h(
            'dl',
            { class: 'facts' },
            h('dt', {}, m.connect.role),
            h('dd', { id: 'connect-role' }, m.roles[session.me.role]),
            h('dt', {}, m.connect.unit),
            h('dd', { id: 'connect-unit' }, session.me.unitName ?? m.connect.noUnit),
            h('dt', {}, m.connect.district),
            h('dd', {}, session.me.district),
            h('dt', {}, m.connect.label),
            h('dd', {}, session.me.label),
            h('dt', {}, m.connect.server),
            h('dd', { class: 'facts__url' }, session.serverUrl),
          ),
        )
      : null,
    session ? progressView(ctx, state, m, session) : null,
    session ? deskView(ctx, state, m, session) : null,
  ];
}

export function createConnectView(
  ctx: PaneContext,
  saved: SavedConnection | null,
  fallbackServer: string,
): ConnectView {
  const state: ConnectState = {
    serverUrl: saved?.serverUrl || fallbackServer,
    token: saved?.token ?? '',
    // Off unless a token was remembered before (shared office PCs): the hint says why.
    remember: Boolean(saved?.token),
    showToken: false,
    progress: { state: 'none' },
    progressLoads: 0,
  };
  return {
    render: () => render(ctx, state),
    async autoConnect() {
      if (state.token.trim() === '' || state.serverUrl === '') return;
      await ctx.run(TAB, () => connect(ctx, state));
    },
    reloadProgress() {
      const session = ctx.session();
      if (session) void loadProgress(ctx, state, session);
    },
  };
}
