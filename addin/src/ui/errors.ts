// Turns any failure (API, network, Excel, or a bug) into the message the pane shows, chosen by its code.
import { z } from 'zod';
import { ApiClientError } from '../api/client';
import { ExcelLayerError } from '../excel';
import type { Notice } from './context';
import {
  API_ERROR_CODES,
  type ApiErrorKey,
  CLIENT_ERROR_CODES,
  EXCEL_ERROR_CODES,
  type ExcelErrorKey,
  type Lang,
  messagesFor,
} from './i18n';

export interface ErrorText {
  /** What happened and what to do, from the code. */
  summary: string;
  /** The specifics (the server's own message, the address that was unreachable), when there are any. */
  detail: string | null;
}

const API_KEYS: ReadonlySet<string> = new Set([...API_ERROR_CODES, ...CLIENT_ERROR_CODES]);
const EXCEL_KEYS: ReadonlySet<string> = new Set(EXCEL_ERROR_CODES);

function isApiKey(code: string): code is ApiErrorKey {
  return API_KEYS.has(code);
}

function isExcelKey(code: string): code is ExcelErrorKey {
  return EXCEL_KEYS.has(code);
}

/** What Office.js rejects with (OfficeExtension.Error): a code and a message. */
const OfficeErrorSchema = z.object({ code: z.string(), message: z.string() });

function distinct(summary: string, detail: string | null): ErrorText {
  return { summary, detail: detail !== null && detail !== summary && detail !== '' ? detail : null };
}

/**
 * The message for a failure, in `lang`. API errors are recognized by their stable `code` (never by the text);
 * the server's own message is kept as the detail. `serverUrl` names the server a network failure could not reach.
 * @example describeError(new ApiClientError('network', '…', null), 'zh-CN', { serverUrl }).summary
 * // => '无法连接服务器：请检查网络，或确认服务器已启动。…'
 */
export function describeError(error: unknown, lang: Lang, context: { serverUrl?: string } = {}): ErrorText {
  const m = messagesFor(lang).errors;
  if (error instanceof ApiClientError) {
    const summary = isApiKey(error.code) ? m.api[error.code] : m.apiUnknown(error.code);
    if (error.code === 'network' || error.code === 'timeout') {
      return distinct(summary, context.serverUrl ? m.networkTarget(context.serverUrl) : null);
    }
    if (error.status === null || error.code === 'bad_response') return distinct(summary, null);
    const serverText = lang === 'en' ? (error.messageEn ?? error.message) : error.message;
    return distinct(summary, m.serverSays(serverText));
  }
  if (error instanceof ExcelLayerError) {
    return distinct(m.excel[error.code], lang === 'zh-CN' ? error.message : null);
  }
  const office = OfficeErrorSchema.safeParse(error);
  if (
    office.success &&
    (isExcelKey(office.data.code) || (error instanceof Error && error.name === 'RichApi.Error'))
  ) {
    const code = office.data.code;
    return distinct(isExcelKey(code) ? m.excel[code] : m.excelUnknown(code), office.data.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return distinct(m.unexpected(message), null);
}

/** The notice a failed task shows: the message for its error code, with the server's own text as detail. */
export function errorNotice(error: unknown, serverUrl: string | undefined): Notice {
  return {
    kind: 'error',
    summary: (_m, language) => describeError(error, language, { serverUrl }).summary,
    detail: (_m, language) => describeError(error, language, { serverUrl }).detail,
  };
}

/**
 * Runs one tab's (or section's) task: refuses a second while the first runs, clears the old notice,
 * shows the busy state, and turns a failure into that tab's error notice.
 */
export async function runTask<K>(
  key: K,
  task: () => Promise<void>,
  state: {
    busy: Set<K>;
    notices: Map<K, Notice>;
    render: () => void;
    fail: (key: K, error: unknown) => void;
  },
): Promise<boolean> {
  if (state.busy.has(key)) return false;
  state.busy.add(key);
  state.notices.delete(key);
  state.render();
  try {
    await task();
  } catch (error) {
    state.fail(key, error);
  } finally {
    state.busy.delete(key);
    state.render();
  }
  return true;
}
