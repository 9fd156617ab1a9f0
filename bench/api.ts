// A minimal HTTP client for the worker's /api/v1, timing each call end to end (request sent → body read).
import { performance } from 'node:perf_hooks';

export interface ApiAnswer {
  status: number;
  body: unknown;
  /** Bytes of the response body. */
  bytes: number;
  ms: number;
}

export class Api {
  constructor(
    readonly base: string,
    readonly token: string,
  ) {}

  /** Calls the API; `body` may be a ready JSON string so its serialization stays out of the timing. */
  async call(method: string, path: string, body?: unknown, token = this.token): Promise<ApiAnswer> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const start = performance.now();
    const response = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: payload,
    });
    const text = await response.text();
    const ms = performance.now() - start;
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      body: type.includes('json') ? JSON.parse(text) : text,
      bytes: Buffer.byteLength(text),
      ms,
    };
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
