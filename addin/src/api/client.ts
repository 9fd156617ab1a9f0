// The HTTP client of the worker's API: typed calls, responses parsed with the shared schemas, one error type.
import {
  DiagnosticSchema,
  ErrorEnvelopeSchema,
  IssueMetaSchema,
  IssueSchema,
  MAX_LEDGER_ROWS,
  MAX_PART_ROWS,
  MAX_UPLOAD_ROWS,
  MeSchema,
  QuotaYearSchema,
  type SheetRow,
  type SubsidyRate,
  SummaryResponseSchema,
  type Unit,
  UnitRecordSchema,
  UnitsResponseSchema,
  UploadDiffSchema,
  UploadDraftSchema,
  type UploadResponse,
  UploadResponseSchema,
  type UploadSource,
} from '@tuanjian/shared';
import { z } from 'zod';

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

/** A unit's ledger as ApiClient.upload sends it. */
export interface LedgerUpload {
  unitCode: string;
  rows: SheetRow[];
  reportYear?: number;
  reportMonth?: number;
  source?: UploadSource;
  expectRemoved?: number;
  baseVersion?: number;
}

export interface UploadOptions {
  dryRun: boolean;
  idempotencyKey?: string;
  /** For a ledger sent in parts: rows sent so far, of all. */
  onProgress?: (sentRows: number, totalRows: number) => void;
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetcher: typeof fetch;
  /**
   * The upload draft each large ledger went into (by the rows array): the upload after a dry run, and a
   * retry after a lost answer, name the same draft and send no part twice.
   */
  private readonly drafts = new WeakMap<readonly SheetRow[], string>();

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The same server with another token (a harness acting as several callers). */
  withToken(token: string): ApiClient {
    return new ApiClient({ ...this.options, token });
  }

  /**
   * Any operation by method and path, for scripts and test harnesses: the answer's JSON (null when empty;
   * the text of a CSV or HTML answer), or an ApiClientError. `body` may be JSON text already (so a benchmark keeps serializing out of its timing).
   * @example await client.call('POST', '/units', { code: 'huamu', name: '花木街道', kind: '街道', active: true })
   */
  call(method: string, path: string, body?: unknown, options: { json?: string } = {}): Promise<unknown> {
    return this.request(z.unknown(), method, path, { body, text: true, ...options });
  }

  private async request<T>(
    schema: z.ZodType<T>,
    method: string,
    path: string,
    init: { body?: unknown; json?: string; text?: boolean; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 60_000);
    let response: Response;
    try {
      response = await this.fetcher(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.options.token}`,
          ...(init.body === undefined && init.json === undefined
            ? {}
            : { 'Content-Type': 'application/json' }),
          ...init.headers,
        },
        body: init.json ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
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
    // CSV and HTML answers (format=csv|html) are text; everything else is JSON.
    if (init.text && response.ok && !(response.headers.get('content-type') ?? '').includes('json')) {
      return schema.parse(text);
    }
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

  createUnit(unit: Unit) {
    return this.request(z.object({ unit: UnitRecordSchema }), 'POST', '/units', { body: unit }).then(
      (r) => r.unit,
    );
  }

  /** How many organizations the ledger holds (a unit's, or the district's). */
  ledgerTotal(unitCode?: string) {
    const query = unitCode === undefined ? '' : `&unitCode=${encodeURIComponent(unitCode)}`;
    return this.request(z.object({ total: z.number().int() }), 'GET', `/ledger?pageSize=1${query}`).then(
      (r) => r.total,
    );
  }

  quotas(year: number) {
    return this.request(QuotaYearSchema, 'GET', `/quotas/${year}`);
  }

  setQuotas(year: number, quotas: { unitCode: string; quota: number }[], subsidyRate?: SubsidyRate) {
    const body = subsidyRate === undefined ? { quotas } : { quotas, subsidyRate };
    return this.request(QuotaYearSchema, 'PUT', `/quotas/${year}`, { body });
  }

  /**
   * A unit's whole ledger: a dry run (writes nothing), or the upload. An upload that removes organizations
   * states how many (`expectRemoved`, the dry run's figure) and names the ledger version the dry run saw
   * (`baseVersion`); otherwise the server answers 409 and writes nothing. A ledger over one request's
   * row cap goes in parts (an upload draft), reported through `onProgress`.
   */
  upload(request: LedgerUpload, options: UploadOptions): Promise<UploadResponse> {
    if (request.rows.length <= MAX_UPLOAD_ROWS) return this.postUpload(request, options);
    return this.uploadInParts(request, options);
  }

  private postUpload(
    body: Omit<LedgerUpload, 'rows'> & { rows?: SheetRow[]; draftId?: string },
    options: UploadOptions,
  ) {
    return this.request(UploadResponseSchema, 'POST', `/uploads${options.dryRun ? '?dryRun=true' : ''}`, {
      body,
      headers: options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {},
    });
  }

  private async uploadInParts(request: LedgerUpload, options: UploadOptions): Promise<UploadResponse> {
    const { rows, ...rest } = request;
    if (rows.length > MAX_LEDGER_ROWS) {
      throw new ApiClientError(
        'too_many_rows',
        `台账有 ${rows.length} 行，超过一个单位最多 ${MAX_LEDGER_ROWS} 行的上限，未上传：请按所属单位拆分后分别上传`,
        null,
        {
          maxRows: MAX_LEDGER_ROWS,
          messageEn: `The ledger has ${rows.length} rows, over a unit's ${MAX_LEDGER_ROWS}`,
        },
      );
    }
    const known = this.drafts.get(rows);
    if (known) {
      try {
        return await this.postUpload({ ...rest, draftId: known }, options);
      } catch (error) {
        // Expired, or committed by an upload without this key: send the parts again.
        if (!(error instanceof ApiClientError) || !['not_found', 'draft_incomplete'].includes(error.code))
          throw error;
      }
    }
    const sorted = [...rows].sort((a, b) => a.row - b.row);
    const parts = Math.ceil(sorted.length / MAX_PART_ROWS);
    const draft = await this.request(UploadDraftSchema, 'POST', '/upload-drafts', {
      body: { unitCode: request.unitCode, parts, rowCount: sorted.length },
    });
    options.onProgress?.(0, sorted.length);
    for (let part = 1; part <= parts; part++) {
      const slice = sorted.slice((part - 1) * MAX_PART_ROWS, part * MAX_PART_ROWS);
      await this.request(UploadDraftSchema, 'PUT', `/upload-drafts/${draft.draftId}/parts/${part}`, {
        body: { rows: slice },
      });
      options.onProgress?.(Math.min(part * MAX_PART_ROWS, sorted.length), sorted.length);
    }
    this.drafts.set(rows, draft.draftId);
    return this.postUpload({ ...rest, draftId: draft.draftId }, options);
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
