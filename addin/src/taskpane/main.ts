// Task-pane entry and the shared runtime's page: registers the custom functions, waits for Office, then starts the
// pane (inside Excel, or in a plain browser to check a token) and refreshes bulletin sheets if the workbook asks.
/// <reference types="vite/client" />
import '../ui/ui.css';
import * as excel from '../excel';
import { createFigures, storedConnection } from '../functions/figures';
import { configureFunctions, registerCustomFunctions } from '../functions/functions';
import type { Session } from '../ui/context';
import type { Lang } from '../ui/i18n';
import { availableStores, defaultServerUrl, loadConnection, loadLanguage } from '../ui/state';
import { startPane } from './app';

// Before anything else: Excel may evaluate formulas as soon as the runtime loads (no-op outside Excel).
registerCustomFunctions();

/** `npm run dev -w addin` serves the pane alone (https://localhost:3000); the worker of `npm start` is here. */
const DEV_SERVER = 'http://127.0.0.1:8787';

/** Whether the Excel API is there: in Excel, or when a test harness injected a fake one. */
async function officeHost(): Promise<{ inExcel: boolean; officeFailed: boolean }> {
  if (typeof Office === 'undefined') return { inExcel: false, officeFailed: true };
  const info = await Office.onReady();
  return {
    inExcel: info.host === Office.HostType.Excel || typeof Excel !== 'undefined',
    officeFailed: false,
  };
}

async function boot(root: HTMLElement): Promise<void> {
  const { inExcel, officeFailed } = await officeHost();
  const stores = availableStores();
  const [lang, saved] = await Promise.all([loadLanguage(stores), loadConnection(stores)]);
  // The custom functions use the pane's live connection, else the one it remembered (same runtime, same stores).
  let paneSession: Session | null = null;
  let functionsLang: Lang = lang;
  const remembered = storedConnection(stores);
  const figures = createFigures({
    connection: async () =>
      paneSession ? { serverUrl: paneSession.serverUrl, client: paneSession.client } : remembered(),
  });
  configureFunctions({ figures, lang: () => functionsLang });
  const pane = startPane(root, {
    excel: inExcel ? excel : null,
    officeFailed,
    stores,
    lang,
    saved,
    // Built, the pane is served by the worker itself: its own origin is the API's.
    defaultServer: import.meta.env.MODE === 'development' ? DEV_SERVER : defaultServerUrl(window.location),
    onSessionChange: (session) => {
      paneSession = session;
      figures.forget();
    },
    onLanguageChange: (next) => {
      functionsLang = next;
    },
  });
  // Mounted: the load watchdog of public/compat.js stands down.
  root.setAttribute('data-started', '');
  await pane.autoConnect();
  await pane.refreshOnOpen();
}

const root = document.getElementById('app');
if (!root) throw new Error('taskpane.html has no #app element');
boot(root).catch((error: unknown) => {
  root.textContent = `团建台账无法启动 / The pane could not start: ${error instanceof Error ? error.message : String(error)}`;
  throw error;
});
