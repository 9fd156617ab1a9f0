// Web page entry (/app/): the ledger check, upload and bulletin download without Excel or its add-in.
/// <reference types="vite/client" />
import '../ui/ui.css';
import './web.css';
import { availableStores, defaultServerUrl, loadConnection, loadLanguage } from '../ui/state';
import { startWebPage } from './app';

/** `npm run dev -w addin` serves the page alone; the worker of `npm start` is here. */
const DEV_SERVER = 'http://127.0.0.1:8787';

async function boot(root: HTMLElement): Promise<void> {
  const stores = availableStores();
  const [lang, saved] = await Promise.all([loadLanguage(stores), loadConnection(stores)]);
  const page = startWebPage(root, {
    stores,
    lang,
    saved,
    // Built, the page is served by the worker itself: its own origin is the API's.
    defaultServer: import.meta.env.MODE === 'development' ? DEV_SERVER : defaultServerUrl(window.location),
    loadWorkbookTools: () => import('./workbook'),
  });
  // Mounted: the load watchdog of public/compat.js stands down.
  root.setAttribute('data-started', '');
  await page.autoConnect();
}

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
boot(root).catch((error: unknown) => {
  root.textContent = `团建台账无法启动 / The page could not start: ${error instanceof Error ? error.message : String(error)}`;
  throw error;
});
