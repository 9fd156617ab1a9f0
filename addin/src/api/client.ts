// The HTTP client of the worker's API: typed calls, responses parsed with the shared schemas, one error type.
import {
  DiagnosticSchema,
  IssueMetaSchema,
  IssueSchema,
  MeSchema,
  QuotaYearSchema,
  type SheetRow,
  SummaryResponseSchema,
  UnitsResponseSchema,
  UploadDiffSchema,
  UploadResponseSchema,
  type UploadSource,
} from '@tuanjian/shared';
import { z } from 'zod';

const ErrorEnvelopeSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
const ValidationDetailsSchema = z.object({ diagnostics: z.array(DiagnosticSchema) });
const EnglishDetailsSchema = z.object({ messageEn: z.string() });
/** 409 ledger_changed: the ledger moved since the dry run; the diff against the ledger as it is now. */
const LedgerChangedSchema = z.object({
  baseVersion: z.number().int(),
  ledgerVersion: z.number().int(),
  diff: UploadDiffSchema,
});

/** Failure codes: the API's own codes, plus what can go wrong before an answer arrives. */
export type ApiErrorCode = string | 'network' | 'timeout' | 'bad_response';

export class ApiClientError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number | null,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiClientError';
  }

  /** The server's English message (details.messageEn), when it sent one. */
  get messageEn(): string | null {
    const parsed = EnglishDetailsSchema.safeParse(this.details);
    return parsed.success ? parsed.data.messageEn : null;
  }

  /**
   * For 409 ledger_changed: the version the ledger is at now and the diff of the same upload against it
   * (what a fresh dry run would answer); null for any other failure.
   */
  get ledgerChanged(): z.infer<typeof LedgerChangedSchema> | null {
    if (this.code !== 'ledger_changed') return null;
    const parsed = LedgerChangedSchema.safeParse(this.details);
    return parsed.success ? parsed.data : null;
  }

  /** The diagnostics of a refused upload (422 validation_failed), if that is what this is. */
  get diagnostics() {
    const parsed = ValidationDetailsSchema.safeParse(this.details);
    return parsed.success ? parsed.data.diagnostics : [];
  }
}

export interface ClientOptions {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
  }

  private async request<T>(
    schema: z.ZodType<T>,
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 60_000);
    let response: Response;
    try {
      response = await this.fetcher(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.options.token}`,
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: controller.signal,
      });
    } catch (error) {
      if (controller.signal.aborted) throw new ApiClientError('timeout', '服务器响应超时', null);
      throw new ApiClientError(
        'network',
        `无法连接服务器：${error instanceof Error ? error.message : String(error)}`,
        null,
      );
    } finally {
      clearTimeout(timer);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text.length > 0 ? JSON.parse(text) : null;
    } catch {
      throw new ApiClientError(
        'bad_response',
        `服务器返回的不是 JSON（HTTP ${response.status}）`,
        response.status,
      );
    }
    if (!response.ok) {
      const envelope = ErrorEnvelopeSchema.safeParse(body);
      if (envelope.success) {
        const { code, message, details } = envelope.data.error;
        throw new ApiClientError(code, message, response.status, details);
      }
      throw new ApiClientError('bad_response', `HTTP ${response.status}`, response.status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ApiClientError(
        'bad_response',
        '服务器返回的数据格式不符合预期',
        response.status,
        parsed.error.issues,
      );
    }
    return parsed.data;
  }

  me() {
    return this.request(MeSchema, 'GET', '/me');
  }

  units() {
    return this.request(UnitsResponseSchema, 'GET', '/units').then((r) => r.units);
  }

  quotas(year: number) {
    return this.request(QuotaYearSchema, 'GET', `/quotas/${year}`);
  }

  setQuotas(year: number, quotas: { unitCode: string; quota: number }[]) {
    return this.request(QuotaYearSchema, 'PUT', `/quotas/${year}`, { body: { quotas } });
  }

  /**
   * A unit's whole ledger: a dry run (writes nothing), or the upload. An upload that removes organizations
   * states how many (`expectRemoved`, the dry run's figure) and names the ledger version the dry run saw
   * (`baseVersion`); otherwise the server answers 409 and writes nothing.
   */
  upload(
    request: {
      unitCode: string;
      rows: SheetRow[];
      reportYear?: number;
      reportMonth?: number;
      source?: UploadSource;
      expectRemoved?: number;
      baseVersion?: number;
    },
    options: { dryRun: boolean; idempotencyKey?: string },
  ) {
    return this.request(UploadResponseSchema, 'POST', `/uploads${options.dryRun ? '?dryRun=true' : ''}`, {
      body: request,
      headers: options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {},
    });
  }

  summary(year: number, month: number) {
    return this.request(SummaryResponseSchema, 'GET', `/summary?year=${year}&month=${month}`);
  }

  bulletins(year?: number) {
    const query = year === undefined ? '' : `?year=${year}`;
    return this.request(z.object({ bulletins: z.array(IssueMetaSchema) }), 'GET', `/bulletins${query}`).then(
      (r) => r.bulletins,
    );
  }

  bulletin(issueNumber: number) {
    return this.request(IssueSchema, 'GET', `/bulletins/${issueNumber}`);
  }

  publish(year: number, month: number) {
    return this.request(IssueSchema, 'POST', '/bulletins', { body: { year, month } });
  }
}
