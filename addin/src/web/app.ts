// The web page's shell: the pane's header and connection line, then its sections (sign in, the ledger file,
// dry run and upload, the bulletin), with the pane's notices, busy state and live announcements.
import { ApiClientError } from '../api/client';
import { createConnectView } from '../ui/connect';
import type { Notice, Session, TabId } from '../ui/context';
import { type Child, h, mount } from '../ui/dom';
import { errorNotice, runTask } from '../ui/errors';
import { brandHeader, connectionStatus } from '../ui/header';
import { type Lang, messagesFor } from '../ui/i18n';
import { noticeText, speak } from '../ui/live';
import { type KeyValueStore, type SavedConnection, saveLanguage } from '../ui/state';
import type { SectionId, WebContext, WorkbookTools } from './context';
import { createWebBulletinView } from './views/bulletin';
import { createLedgerFileView } from './views/ledger';
import { createWebUploadView } from './views/upload';

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
  let lang = options.lang;
  let session: Session | null = null;
  const notices = new Map<TabId, Notice>();
  const busy = new Set<TabId>();
  /** The page-wide status line under the connection (no section of the page sets one yet). */
  let status: Notice | null = null;
  let tools: Promise<WorkbookTools> | null = null;

  const shell = h('div', { class: 'shell' });
  const announcer = h('div', {
    class: 'sr-only',
    role: 'status',
    'aria-live': 'polite',
    'aria-atomic': 'true',
  });
  const alerter = h('div', { class: 'sr-only', role: 'alert', 'aria-atomic': 'true' });
  root.replaceChildren(shell, announcer, alerter);

  const ctx: WebContext = {
    excel: null,
    stores: options.stores,
    chosenUnit: '',
    now: options.now ?? (() => new Date()),
    lang: () => lang,
    m: () => messagesFor(lang),
    session: () => session,
    setSession(next) {
      session = next;
      render();
    },
    refresh: () => render(),
    notify(section, notice) {
      if (notice) {
        notices.set(section, notice);
        speak(notice.kind === 'error' ? alerter : announcer, noticeText(notice, lang));
      } else {
        notices.delete(section);
      }
      render();
    },
    notice: (section) => notices.get(section) ?? null,
    setStatus(next) {
      status = next;
      render();
    },
    fail(section, error) {
      // Failures with a code are expected and explained; anything else is a bug worth a stack in the console.
      if (!(error instanceof ApiClientError)) console.error(`[${section}]`, error);
      ctx.notify(section, errorNotice(error, session?.serverUrl));
    },
    run: (section, task) => runTask(section, task, { busy, notices, render, fail: ctx.fail }),
    busy: (section) => busy.has(section),
    selectTab(section, focus) {
      const target = document.getElementById(`section-${section}`);
      if (!target) return;
      target.scrollIntoView({ block: 'start' });
      if (focus) (target.querySelector<HTMLElement>('input, select') ?? target).focus();
    },
    announce: (text) => speak(announcer, text),
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
  };

  function section(id: SectionId, label: string): HTMLElement {
    return h(
      'section',
      {
        id: `section-${id}`,
        class: `panel web-section web-section--${id}`,
        'aria-label': label,
        'aria-busy': busy.has(id) ? 'true' : 'false',
        tabindex: -1,
      },
      views[id].render(),
    );
  }

  function render(): void {
    const m = messagesFor(lang);
    document.documentElement.lang = lang;
    document.title = m.web.title;
    mount(shell, [
      brandHeader(lang, m.web.subtitle, (other) => {
        lang = other;
        render();
        saveLanguage(options.stores, lang).catch((error: unknown) => {
          console.warn('the language choice could not be saved', error);
        });
      }),
      h('p', { class: 'web-note', role: 'note' }, m.web.note),
      connectionStatus(m, session),
      status
        ? h('p', { class: `status status--${status.kind}`, id: 'page-status' }, status.summary(m, lang))
        : null,
      h(
        'main',
        { class: 'web-layout' },
        h('div', { class: 'web-aside' }, section('connect', m.connect.heading)),
        h(
          'div',
          { class: 'web-main' },
          section('ledger', m.web.file.heading),
          section('upload', m.web.upload.heading),
          section('bulletin', m.web.bulletin.heading),
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
