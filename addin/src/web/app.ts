// The web page's shell: the pane's header and connection line, then its sections (sign in, the ledger file,
// dry run and upload, the bulletin), with the pane's notices, busy state and live announcements.

import { createAssessmentView } from '../ui/assessment-view';
import { createConnectView } from '../ui/connect';
import { type TabId, visibleTabs } from '../ui/context';
import { type Child, h, mount } from '../ui/dom';
import { createDuplicateView } from '../ui/duplicate-view';
import { connectionStatus } from '../ui/header';
import { createHistoryView } from '../ui/history-view';
import { type Lang, messagesFor } from '../ui/i18n';
import { createReportingView } from '../ui/reporting-view';
import { createShell } from '../ui/shell';
import type { KeyValueStore, SavedConnection } from '../ui/state';
import { createUnitsView } from '../ui/units-view';
import { SECTION_IDS, type SectionId, type WebContext, type WorkbookTools } from './context';
import { createWebActivityView } from './views/activities';
import { createWebBulletinView } from './views/bulletin';
import { createLedgerFileView } from './views/ledger';
import { createWebSpotCheckView } from './views/spot-checks';
import { createWebSubsidyView } from './views/subsidies';
import { createWebUploadView } from './views/upload';
import { createWebWorkView } from './views/work';

export interface WebPageOptions {
  stores: readonly KeyValueStore[];
  lang: Lang;
  saved: SavedConnection | null;
  /** The server offered when none is remembered: the page's own origin, which serves the API too. */
  defaultServer: string;
  /** Loads the exceljs side (a dynamic import, so the page loads without it). */
  loadWorkbookTools: () => Promise<WorkbookTools>;
  now?: () => Date;
}

/** Builds the page into `root` and returns the sign-in to run (with a remembered token). */
export function startWebPage(root: HTMLElement, options: WebPageOptions): { autoConnect(): Promise<void> } {
  let tools: Promise<WorkbookTools> | null = null;
  const shell = createShell(root, { lang: options.lang, stores: options.stores, render: () => render() });

  const ctx: WebContext = {
    ...shell.context,
    excel: null,
    stores: options.stores,
    chosenUnit: '',
    now: options.now ?? (() => new Date()),
    figuresChanged: () => connect.reloadProgress(),
    selectTab(section, focus) {
      const target = document.getElementById(`section-${section}`);
      if (!target) return;
      target.scrollIntoView({ block: 'start' });
      if (focus) (target.querySelector<HTMLElement>('input, select') ?? target).focus();
    },
    announce: shell.announce,
    workbookTools() {
      if (!tools) {
        tools = options.loadWorkbookTools().catch((error: unknown) => {
          // A failed chunk load (offline for a moment) is tried again next time.
          tools = null;
          throw error;
        });
      }
      return tools;
    },
  };

  const connect = createConnectView(ctx, options.saved, options.defaultServer);
  const ledger = createLedgerFileView(ctx);
  const views: Record<SectionId, { render(): Child }> = {
    connect,
    ledger,
    upload: createWebUploadView(ctx, ledger),
    bulletin: createWebBulletinView(ctx),
    history: createHistoryView(ctx, 'web'),
    units: createUnitsView(ctx),
    reporting: createReportingView(ctx),
    duplicates: createDuplicateView(ctx),
    checks: createWebSpotCheckView(ctx),
    subsidies: createWebSubsidyView(ctx),
    work: createWebWorkView(ctx),
    activities: createWebActivityView(ctx),
    assessment: createAssessmentView(ctx),
  };

  function section(id: SectionId, label: string): HTMLElement {
    return h(
      'section',
      {
        id: `section-${id}`,
        class: `panel web-section web-section--${id}`,
        'aria-label': label,
        'aria-busy': shell.busy(id) ? 'true' : 'false',
        tabindex: -1,
      },
      views[id].render(),
    );
  }

  function render(): void {
    const lang = ctx.lang();
    const m = messagesFor(lang);
    document.documentElement.lang = lang;
    document.title = m.web.title;
    const shown: readonly TabId[] = visibleTabs(ctx.session());
    const headings: Record<SectionId, string> = {
      connect: m.connect.heading,
      ledger: m.web.file.heading,
      upload: m.web.upload.heading,
      bulletin: m.web.bulletin.heading,
      history: m.history.heading,
      units: m.units.heading,
      reporting: m.reporting.heading,
      duplicates: m.duplicates.heading,
      checks: m.spotChecks.heading,
      subsidies: m.subsidies.heading,
      work: m.work.heading,
      activities: m.activities.heading,
      assessment: m.assessment.heading,
    };
    mount(shell.element, [
      shell.header(m.web.subtitle),
      h('p', { class: 'web-note', role: 'note' }, m.web.note),
      connectionStatus(m, ctx.session()),
      shell.statusLine('page-status'),
      h(
        'main',
        { class: 'web-layout' },
        h('div', { class: 'web-aside' }, section('connect', m.connect.heading)),
        h(
          'div',
          { class: 'web-main' },
          // The pane's rule of who sees what (visibleTabs), for the sections the page has.
          SECTION_IDS.filter((id) => id !== 'connect' && shown.includes(id)).map((id) =>
            section(id, headings[id]),
          ),
        ),
      ),
    ]);
  }

  // A file dropped beside the drop zone would make the browser open it in place of the page.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());

  render();
  return { autoConnect: () => connect.autoConnect() };
}
