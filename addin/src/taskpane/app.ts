// The pane's shell: header, language switch, the ARIA tablist and panels, notices and live announcements.
import { ApiClientError } from '../api/client';
import { ExcelLayerError } from '../excel';
import { createConnectView } from '../ui/connect';
import type { ExcelPort, Notice, PaneContext, Session, TabId } from '../ui/context';
import { TAB_IDS } from '../ui/context';
import { type Child, h, mount } from '../ui/dom';
import { errorNotice, runTask } from '../ui/errors';
import { brandHeader, connectionStatus } from '../ui/header';
import { type Lang, messagesFor } from '../ui/i18n';
import { noticeText, speak } from '../ui/live';
import { type KeyValueStore, type SavedConnection, saveLanguage } from '../ui/state';
import { createBulletinView } from './views/bulletin';
import { createLedgerView } from './views/ledger';
import { createQuotaView } from './views/quota';
import { createUploadView } from './views/upload';

export interface PaneOptions {
  excel: ExcelPort | null;
  /** office.js itself failed to load: say so, and offer the connection check only. */
  officeFailed: boolean;
  stores: readonly KeyValueStore[];
  lang: Lang;
  saved: SavedConnection | null;
  /** The server address offered when none is remembered. */
  defaultServer: string;
  now?: () => Date;
  /** Told of every connect and disconnect (the custom functions use the pane's connection). */
  onSessionChange?: (session: Session | null) => void;
  /** Told when the user switches language (the custom functions' messages follow). */
  onLanguageChange?: (lang: Lang) => void;
}

/** Which tabs a session sees: 配额 is for admins only. */
export function visibleTabs(session: Session | null): TabId[] {
  return TAB_IDS.filter((tab) => tab !== 'quota' || session?.me.role === 'admin');
}

/** Arrow keys, Home and End move between tabs (and select them), as the ARIA tabs pattern asks. */
export function nextTab(tabs: readonly TabId[], current: TabId, key: string): TabId | null {
  const index = tabs.indexOf(current);
  if (index < 0 || tabs.length === 0) return null;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return tabs[(index + 1) % tabs.length] ?? null;
    case 'ArrowLeft':
    case 'ArrowUp':
      return tabs[(index - 1 + tabs.length) % tabs.length] ?? null;
    case 'Home':
      return tabs[0] ?? null;
    case 'End':
      return tabs[tabs.length - 1] ?? null;
    default:
      return null;
  }
}

/** Builds the pane into `root` and returns the connect step to run (auto-connect with a remembered token). */
export function startPane(
  root: HTMLElement,
  options: PaneOptions,
): { autoConnect(): Promise<void>; refreshOnOpen(): Promise<void> } {
  let lang = options.lang;
  let session: Session | null = null;
  let active: TabId = 'connect';
  const notices = new Map<TabId, Notice>();
  const busyTabs = new Set<TabId>();
  /** The pane-wide status line (e.g. the refresh of bulletin sheets when the workbook opens), whatever the tab. */
  let status: Notice | null = null;

  const shell = h('div', { class: 'shell' });
  const announcer = h('div', {
    class: 'sr-only',
    role: 'status',
    'aria-live': 'polite',
    'aria-atomic': 'true',
  });
  const alerter = h('div', { class: 'sr-only', role: 'alert', 'aria-atomic': 'true' });
  root.replaceChildren(shell, announcer, alerter);

  /** Screen readers hear a notice once, when it is set (the visible copy is re-rendered without announcing). */
  const ctx: PaneContext = {
    excel: options.excel,
    stores: options.stores,
    chosenUnit: '',
    now: options.now ?? (() => new Date()),
    lang: () => lang,
    m: () => messagesFor(lang),
    session: () => session,
    setSession(next) {
      session = next;
      options.onSessionChange?.(next);
      if (!visibleTabs(session).includes(active)) active = 'connect';
      render();
    },
    refresh: () => render(),
    notify(tab, notice) {
      if (notice) {
        notices.set(tab, notice);
        speak(notice.kind === 'error' ? alerter : announcer, noticeText(notice, lang));
      } else {
        notices.delete(tab);
      }
      render();
    },
    notice: (tab) => notices.get(tab) ?? null,
    setStatus(next) {
      status = next;
      render();
    },
    fail(tab, error) {
      // Failures with a code are expected and explained; anything else is a bug worth a stack in the console.
      if (!(error instanceof ApiClientError) && !(error instanceof ExcelLayerError)) {
        console.error(`[${tab}]`, error);
      }
      ctx.notify(tab, errorNotice(error, session?.serverUrl));
    },
    run: (tab, task) => runTask(tab, task, { busy: busyTabs, notices, render, fail: ctx.fail }),
    busy: (tab) => busyTabs.has(tab),
    selectTab(tab, focus) {
      active = tab;
      render();
      if (focus) document.getElementById(`tab-${tab}`)?.focus();
    },
  };

  const connect = createConnectView(ctx, options.saved, options.defaultServer);
  const bulletin = createBulletinView(ctx);
  const views: Record<TabId, { render(): Child }> = {
    connect,
    ledger: createLedgerView(ctx),
    upload: createUploadView(ctx),
    bulletin,
    quota: createQuotaView(ctx),
  };

  function header(): Child {
    return brandHeader(lang, messagesFor(lang).appSubtitle, (other) => {
      lang = other;
      options.onLanguageChange?.(lang);
      render();
      saveLanguage(options.stores, lang).catch((error: unknown) => {
        console.warn('the language choice could not be saved', error);
      });
    });
  }

  function banner(): Child {
    const m = messagesFor(lang);
    if (options.excel) return null;
    return h(
      'div',
      { class: 'banner', role: 'note', id: 'outside-excel' },
      h('p', { class: 'banner__title' }, options.officeFailed ? m.officeFailed : m.outsideExcelTitle),
      options.officeFailed ? null : h('p', { class: 'banner__detail' }, m.outsideExcelDetail),
    );
  }

  function connectionChip(): Child {
    return connectionStatus(messagesFor(lang), session);
  }

  function statusLine(): Child {
    if (!status) return null;
    const m = messagesFor(lang);
    return h('p', { class: `status status--${status.kind}`, id: 'pane-status' }, status.summary(m, lang));
  }

  function tabs(): Child {
    const m = messagesFor(lang);
    const ids = visibleTabs(session);
    const tabList = h(
      'div',
      { class: 'tabs', role: 'tablist', 'aria-label': m.tabsLabel },
      ids.map((tab) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            id: `tab-${tab}`,
            class: 'tabs__tab',
            'aria-selected': tab === active ? 'true' : 'false',
            'aria-controls': `panel-${tab}`,
            tabindex: tab === active ? 0 : -1,
            on: {
              click: () => ctx.selectTab(tab, false),
              keydown: (event) => {
                const next = nextTab(ids, tab, event.key);
                if (!next) return;
                event.preventDefault();
                ctx.selectTab(next, true);
              },
            },
          },
          m.tabs[tab],
          busyTabs.has(tab) ? h('span', { class: 'tabs__busy', 'aria-hidden': 'true' }) : null,
        ),
      ),
    );
    const panels = ids.map((tab) =>
      h(
        'section',
        {
          role: 'tabpanel',
          id: `panel-${tab}`,
          class: 'panel',
          'aria-labelledby': `tab-${tab}`,
          'aria-busy': busyTabs.has(tab) ? 'true' : 'false',
          tabindex: 0,
          hidden: tab !== active,
        },
        tab === active ? views[tab].render() : null,
      ),
    );
    return [tabList, panels];
  }

  function render(): void {
    document.documentElement.lang = lang;
    document.title = messagesFor(lang).appTitle;
    mount(shell, [header(), banner(), connectionChip(), statusLine(), tabs()]);
  }

  render();
  return { autoConnect: () => connect.autoConnect(), refreshOnOpen: () => bulletin.refreshOnOpen() };
}
