// What the pane remembers between sessions: the server, the token (when allowed) and the language.
import { z } from 'zod';
import { type KeyValueStore, officeRuntimeStore } from '../excel';
import { isLang, type Lang } from './i18n';

export type { KeyValueStore };

export interface SavedConnection {
  serverUrl: string;
  /** null when the user chose not to remember it. */
  token: string | null;
}

export const CONNECTION_KEY = 'tuanjian.connection';
export const LANGUAGE_KEY = 'tuanjian.language';

const SavedConnectionSchema = z.object({ serverUrl: z.string(), token: z.string().nullable() });

/** A store over the Web Storage API. */
export function webStore(storage: Storage): KeyValueStore {
  return {
    getItem: async (key) => storage.getItem(key),
    setItem: async (key, value) => storage.setItem(key, value),
    removeItem: async (key) => storage.removeItem(key),
  };
}

/**
 * A store whose failures degrade to "not remembered": a read that throws or rejects gives null, a write or
 * removal that fails is logged and dropped. The pane starts and works whatever the host's storage does.
 */
export function tolerantStore(store: KeyValueStore, name: string): KeyValueStore {
  const warn = (what: string, error: unknown) =>
    console.warn(`${name}: ${what} failed; the pane goes on without remembering`, error);
  return {
    getItem: async (key) => {
      try {
        return await store.getItem(key);
      } catch (error) {
        warn(`reading ${key}`, error);
        return null;
      }
    },
    setItem: async (key, value) => {
      try {
        await store.setItem(key, value);
      } catch (error) {
        warn(`saving ${key}`, error);
      }
    },
    removeItem: async (key) => {
      try {
        await store.removeItem(key);
      } catch (error) {
        warn(`removing ${key}`, error);
      }
    },
  };
}

/**
 * Where this pane can remember things: OfficeRuntime.storage when the host has it (shared runtime, kept across
 * Excel sessions), and localStorage when the browser allows it (it throws where storage is disabled). Each is
 * tolerant: a store that fails means "not remembered", never a pane that cannot start.
 */
export function availableStores(): KeyValueStore[] {
  const stores: KeyValueStore[] = [];
  try {
    const host = officeRuntimeStore();
    if (host) stores.push(tolerantStore(host, 'OfficeRuntime.storage'));
  } catch (error) {
    console.warn('OfficeRuntime.storage is unavailable; using localStorage only', error);
  }
  try {
    const storage = window.localStorage;
    storage.getItem(CONNECTION_KEY);
    stores.push(tolerantStore(webStore(storage), 'localStorage'));
  } catch (error) {
    console.warn('localStorage is unavailable; the connection will not be remembered', error);
  }
  return stores;
}

/** The first stored connection found (OfficeRuntime.storage before localStorage), or null. */
export async function loadConnection(stores: readonly KeyValueStore[]): Promise<SavedConnection | null> {
  for (const store of stores) {
    const text = await store.getItem(CONNECTION_KEY);
    if (text === null) continue;
    try {
      const parsed = SavedConnectionSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch (error) {
      console.warn('ignoring an unreadable saved connection', error);
    }
  }
  return null;
}

/** Remembers the connection in every store; the token only when `remember` is set. */
export async function saveConnection(
  stores: readonly KeyValueStore[],
  connection: { serverUrl: string; token: string },
  remember: boolean,
): Promise<void> {
  const saved: SavedConnection = {
    serverUrl: connection.serverUrl,
    token: remember ? connection.token : null,
  };
  await Promise.all(stores.map((store) => store.setItem(CONNECTION_KEY, JSON.stringify(saved))));
}

/** Forgets the token everywhere, keeping the server address. */
export async function forgetToken(stores: readonly KeyValueStore[], serverUrl: string): Promise<void> {
  const saved: SavedConnection = { serverUrl, token: null };
  await Promise.all(stores.map((store) => store.setItem(CONNECTION_KEY, JSON.stringify(saved))));
}

export async function loadLanguage(stores: readonly KeyValueStore[]): Promise<Lang> {
  for (const store of stores) {
    const value = await store.getItem(LANGUAGE_KEY);
    if (isLang(value)) return value;
  }
  return 'zh-CN';
}

export async function saveLanguage(stores: readonly KeyValueStore[], lang: Lang): Promise<void> {
  await Promise.all(stores.map((store) => store.setItem(LANGUAGE_KEY, lang)));
}

/**
 * A server address as the client wants it (scheme, host, optional path, no trailing slash), or null when it
 * is not an http(s) URL.
 * @example normalizeServerUrl(' https://tj.example.cn/ ') // => 'https://tj.example.cn'
 */
export function normalizeServerUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return `${url.origin}${url.pathname}`.replace(/\/+$/u, '');
}

/** The pane's own origin: the worker serves the pane, so that is where the API is. '' for file: and the like. */
export function defaultServerUrl(location: { protocol: string; origin: string }): string {
  return location.protocol === 'http:' || location.protocol === 'https:' ? location.origin : '';
}
