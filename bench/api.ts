// The bench's view of the worker's /api/v1: the one API client (@tuanjian/addin/api), each call timed end
// to end (request sent → body read) by the fetch it is given.
import { performance } from 'node:perf_hooks';
import { ApiClient, ApiClientError } from '@tuanjian/addin/api';

export interface ApiAnswer {
  status: number;
  body: unknown;
  /** Bytes of the response body. */
  bytes: number;
  ms: number;
}

export class Api {
  private last: { status: number; bytes: number; ms: number } = { status: 0, bytes: 0, ms: 0 };
  private readonly client: ApiClient;

  constructor(
    readonly base: string,
    readonly token: string,
  ) {
    this.client = this.clientFor(token);
  }

  /** A client whose fetch measures each call: from sending the request to having read the whole body. */
  private clientFor(token: string): ApiClient {
    const timed: typeof fetch = async (input, init) => {
      const start = performance.now();
      const response = await fetch(input, init);
      const text = await response.text();
      this.last = { status: response.status, bytes: Buffer.byteLength(text), ms: performance.now() - start };
      return new Response(text, { status: response.status, headers: response.headers });
    };
    return new ApiClient({ baseUrl: this.base, token, fetch: timed, timeoutMs: 600_000 });
  }

  /**
   * A client of its own (a new session: nothing cached), whose `upload` is the one client's upload as the
   * add-in makes it, timed whole (every request it makes, and its own work between them).
   */
  uploader(token = this.token) {
    const requests: { request: string; ms: number; sentBytes: number }[] = [];
    const timed: typeof fetch = async (input, init) => {
      const start = performance.now();
      const response = await fetch(input, init);
      const text = await response.text();
      requests.push({
        request: `${init?.method ?? 'GET'} ${String(input).replace(/^.*\/api\/v1/, '')}`,
        ms: performance.now() - start,
        sentBytes: typeof init?.body === 'string' ? Buffer.byteLength(init.body) : 0,
      });
      return new Response(response.status === 304 ? null : text, {
        status: response.status,
        headers: response.headers,
      });
    };
    const client = new ApiClient({ baseUrl: this.base, token, fetch: timed, timeoutMs: 600_000 });
    return {
      async upload(...args: Parameters<ApiClient['upload']>) {
        requests.length = 0;
        const start = performance.now();
        const response = await client.upload(...args);
        return { response, ms: performance.now() - start, requests: [...requests] };
      },
    };
  }

  /** Calls the API; `body` may be a ready JSON string so its serialization stays out of the timing. */
  async call(method: string, path: string, body?: unknown, token = this.token): Promise<ApiAnswer> {
    const client = token === this.token ? this.client : this.clientFor(token);
    let answer: unknown;
    try {
      answer =
        typeof body === 'string'
          ? await client.call(method, path, undefined, { json: body })
          : await client.call(method, path, body);
    } catch (error) {
      if (!(error instanceof ApiClientError) || error.status === null) throw error;
      answer = { error: { code: error.code, message: error.message, details: error.details } };
    }
    return { ...this.last, body: answer };
  }

  /** Like call(), but throws unless the status is 2xx. */
  async ok(method: string, path: string, body?: unknown, token = this.token): Promise<ApiAnswer> {
    const answer = await this.call(method, path, body, token);
    if (answer.status < 200 || answer.status > 299) {
      const shown = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      throw new Error(`${method} ${path} → ${answer.status}: ${shown.slice(0, 600)}`);
    }
    return answer;
  }
}

/** Reads `value.key` from parsed JSON without trusting its shape. */
export function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
  const found: unknown = Reflect.get(value, key);
  return found;
}
