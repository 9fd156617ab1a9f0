// The pane's shell: header, language switch, the ARIA tablist and panels, notices and live announcements.
import { ApiClientError } from '../api/client';
import { ExcelLayerError } from '../excel';
import { createActivityView, excelActivitySheetPort } from '../ui/activity-view';
import { createAssessmentView } from '../ui/assessment-view';
import { createConnectView } from '../ui/connect';
import type { ExcelPort, PaneContext, Session, TabId } from '../ui/context';
import { visibleTabs } from '../ui/context';
import { type Child, h, mount } from '../ui/dom';
import { createDuplicateView } from '../ui/duplicate-view';
import { connectionStatus } from '../ui/header';
import { createHistoryView } from '../ui/history-view';
import type { Lang } from '../ui/i18n';
import { createReportingView } from '../ui/reporting-view';
import { createShell } from '../ui/shell';
import { createSpotCheckView, excelCallSheetPort } from '../ui/spot-check-view';
import type { KeyValueStore, SavedConnection } from '../ui/state';
import { createSubsidyView, excelSubsidyPort } from '../ui/subsidy-view';
import { createUnitsView } from '../ui/units-view';
import { createWorkView, excelWorkSheetPort } from '../ui/work-view';
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
  let active: TabId = 'connect';
  const shell = createShell(root, {
    lang: options.lang,
    stores: options.stores,
    render: () => render(),
    onSessionChange(next) {
      options.onSessionChange?.(next);
      if (!visibleTabs(next).includes(active)) active = 'connect';
    },
    onLanguageChange: (lang) => options.onLanguageChange?.(lang),
    expected: (error) => error instanceof ApiClientError || error instanceof ExcelLayerError,
  });

  const ctx: PaneContext = {
    ...shell.context,
    excel: options.excel,
    stores: options.stores,
    chosenUnit: '',
    now: options.now ?? (() => new Date()),
    figuresChanged: () => connect.reloadProgress(),
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
    history: createHistoryView(ctx, 'addin'),
    units: createUnitsView(ctx),
    reporting: createReportingView(ctx),
    duplicates: createDuplicateView(ctx),
    checks: createSpotCheckView(ctx, options.excel ? excelCallSheetPort(options.excel) : null),
    subsidies: createSubsidyView(ctx, options.excel ? excelSubsidyPort(options.excel) : null),
    work: createWorkView(ctx, options.excel ? excelWorkSheetPort(options.excel) : null),
    activities: createActivityView(ctx, options.excel ? excelActivitySheetPort(options.excel) : null),
    assessment: createAssessmentView(ctx),
  };

  function banner(): Child {
    const m = ctx.m();
    if (options.excel) return null;
    return h(
      'div',
      { class: 'banner', role: 'note', id: 'outside-excel' },
      h('p', { class: 'banner__title' }, options.officeFailed ? m.officeFailed : m.outsideExcelTitle),
      options.officeFailed ? null : h('p', { class: 'banner__detail' }, m.outsideExcelDetail),
      // The same server serves the web page, which needs no Excel (WPS, old Office).
      h(
        'p',
        { class: 'banner__detail' },
        m.webPageInstead,
        h('a', { href: new URL('/app/', window.location.href).href, id: 'outside-excel-web' }, m.webPageLink),
      ),
    );
  }

  function tabs(): Child {
    const m = ctx.m();
    const ids = visibleTabs(ctx.session());
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
          shell.busy(tab) ? h('span', { class: 'tabs__busy', 'aria-hidden': 'true' }) : null,
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
          'aria-busy': shell.busy(tab) ? 'true' : 'false',
          tabindex: 0,
          hidden: tab !== active,
        },
        tab === active ? views[tab].render() : null,
      ),
    );
    return [tabList, panels];
  }

  function render(): void {
    const m = ctx.m();
    document.documentElement.lang = ctx.lang();
    document.title = m.appTitle;
    mount(shell.element, [
      shell.header(m.appSubtitle),
      banner(),
      connectionStatus(m, ctx.session()),
      shell.statusLine('pane-status'),
      tabs(),
    ]);
  }

  render();
  return { autoConnect: () => connect.autoConnect(), refreshOnOpen: () => bulletin.refreshOnOpen() };
}
