// Live figures for the custom functions: one GET /summary per (server, year, month), shared by every formula.
import type { Summary } from '@tuanjian/shared';
import { ApiClient } from '../api/client';
import { type KeyValueStore, loadConnection } from '../ui/state';

/** Where the figures come from: the pane's live connection, or the one it remembered. */
export interface FiguresConnection {
  serverUrl: string;
  client: Pick<ApiClient, 'summary'>;
}

/** Resolves the connection to use now, or null when there is none (not connected, token not remembered). */
export type ConnectionSource = () => Promise<FiguresConnection | null>;

export class NotConnectedError extends Error {
  constructor() {
    super('未连接服务器');
    this.name = 'NotConnectedError';
  }
}

export interface FiguresOptions {
  connection: ConnectionSource;
  /** How long a month's summary is reused: one recalculation of a sheet asks once. Default 30 s. */
  ttlMs?: number;
  /** Overridable clock (tests), in milliseconds. */
  now?: () => number;
}

export interface Figures {
  /** The month's summary: from the cache, from a request already under way, or from one new request. */
  summary(year: number, month: number): Promise<Summary>;
  /** Drops every cached summary (the connection changed). */
  forget(): void;
}

export const DEFAULT_TTL_MS = 30_000;

interface Entry {
  /** When the answer arrived (ms); null while the request is under way. */
  settledAt: number | null;
  summary: Promise<Summary>;
}

/**
 * A summary cache keyed by (server, year, month). Calls that arrive while a request is under way share it, and
 * the answer is reused for `ttlMs`, so a sheet with hundreds of formulas for one month makes one request. A
 * failed request is not kept: the next recalculation asks again.
 * @example
 * const figures = createFigures({ connection: storedConnection(availableStores()) });
 * const { units } = await figures.summary(2026, 3);
 */
export function createFigures(options: FiguresOptions): Figures {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const now = options.now ?? (() => Date.now());
  const entries = new Map<string, Entry>();
  let pendingConnection: Promise<FiguresConnection | null> | null = null;

  /** One connection lookup at a time: 500 formulas at once read the stored connection once. */
  function connection(): Promise<FiguresConnection | null> {
    if (!pendingConnection) {
      pendingConnection = options.connection().finally(() => {
        pendingConnection = null;
      });
    }
    return pendingConnection;
  }

  async function summary(year: number, month: number): Promise<Summary> {
    const source = await connection();
    if (!source) throw new NotConnectedError();
    const key = `${source.serverUrl}|${year}|${month}`;
    const cached = entries.get(key);
    if (cached && (cached.settledAt === null || now() - cached.settledAt < ttlMs)) return cached.summary;
    const entry: Entry = {
      settledAt: null,
      summary: source.client.summary(year, month).then(
        (response) => {
          entry.settledAt = now();
          return response.summary;
        },
        (error: unknown) => {
          if (entries.get(key) === entry) entries.delete(key);
          throw error;
        },
      ),
    };
    entries.set(key, entry);
    return entry.summary;
  }

  return {
    summary,
    forget: () => entries.clear(),
  };
}

/**
 * The connection the pane remembered (server and token), as an API client; null when no token is remembered.
 * @example createFigures({ connection: storedConnection(availableStores()) })
 */
export function storedConnection(stores: readonly KeyValueStore[], fetcher?: typeof fetch): ConnectionSource {
  let client: { serverUrl: string; token: string; api: ApiClient } | null = null;
  return async () => {
    const saved = await loadConnection(stores);
    if (!saved?.token || saved.serverUrl === '') return null;
    if (client?.serverUrl !== saved.serverUrl || client.token !== saved.token) {
      client = {
        serverUrl: saved.serverUrl,
        token: saved.token,
        api: new ApiClient({
          baseUrl: saved.serverUrl,
          token: saved.token,
          timeoutMs: 30_000,
          fetch: fetcher,
        }),
      };
    }
    return { serverUrl: client.serverUrl, client: client.api };
  };
}
