// The HTTP client of the worker's API: typed calls, responses parsed with the shared schemas, one error type.
import {
  AccessTokenSchema,
  AccessTokensResponseSchema,
  ActivityLedgerSchema,
  ActivityUploadRecordSchema,
  type ActivityUploadRequest,
  ActivityUploadResponseSchema,
  AnnualReportResponseSchema,
  AssessmentSchema,
  type AssessmentWeights,
  CentreOrganizationSchema,
  type CentreRelation,
  CentreResponseSchema,
  type CheckResult,
  CreatedTokenSchema,
  DiagnosticSchema,
  DuplicateAssignmentResultSchema,
  DuplicatesResponseSchema,
  ErrorEnvelopeSchema,
  type Holiday,
  HolidaySchema,
  IssueMetaSchema,
  IssueSchema,
  type LeaderLink,
  LeaderLinkSchema,
  type LedgerFingerprints,
  LedgerFingerprintsSchema,
  MAX_LEDGER_ROWS,
  MAX_PART_ROWS,
  MAX_UPLOAD_ROWS,
  type MeetingInput,
  MeetingSchema,
  MeSchema,
  QuotaYearSchema,
  RecordedSpotChecksSchema,
  ReportingDetailSchema,
  rowFingerprint,
  type SheetRow,
  SpotCheckSampleSchema,
  SpotCheckSchema,
  SubsidyLedgerSchema,
  SubsidyPaymentsSchema,
  type SubsidyRate,
  SummaryResponseSchema,
  type Unit,
  UnitRecordSchema,
  UnitsResponseSchema,
  UploadDetailSchema,
  UploadDiffSchema,
  UploadDraftSchema,
  UploadRecordSchema,
  type UploadResponse,
  UploadResponseSchema,
  type UploadSource,
  type VisitInput,
  VisitSchema,
  WorkRecordsSchema,
  WorkStatusSchema,
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

const BulletinShareSchema = z.object({ issueNumber: z.number(), createdAt: z.string().nullable() });

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
  /**
   * Each unit's row fingerprints as last fetched (GET /ledger/fingerprints): the upload after a dry run
   * patches against the version the dry run saw without asking again.
   */
  private readonly fingerprints = new Map<string, LedgerFingerprints>();
  /** Each sheet row's fingerprint, hashed once for the dry run and the upload that follows it. */
  private readonly rowHashes = new WeakMap<SheetRow, string>();

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
    init: {
      body?: unknown;
      json?: string;
      text?: boolean;
      headers?: Record<string, string>;
      /** Answer undefined to a 304 (a conditional GET whose copy is still current). */
      notModified?: boolean;
    } = {},
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
      // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in its cause.
      const reason: unknown =
        typeof error === 'object' && error !== null ? Reflect.get(error, 'cause') : undefined;
      const cause = typeof reason === 'object' && reason !== null ? Reflect.get(reason, 'code') : undefined;
      throw new ApiClientError(
        'network',
        `无法连接服务器：${error instanceof Error ? error.message : String(error)}`,
        null,
        typeof cause === 'string' ? { cause } : undefined,
      );
    } finally {
      clearTimeout(timer);
    }
    const text = await response.text();
    if (init.notModified && response.status === 304) return schema.parse(undefined);
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

  /** Renames, re-kinds, deactivates or reactivates a unit (admin). */
  updateUnit(
    code: string,
    patch: { name?: string; kind?: Unit['kind']; active?: boolean; contact?: string; phone?: string },
  ) {
    return this.request(z.object({ unit: UnitRecordSchema }), 'PATCH', `/units/${encodeURIComponent(code)}`, {
      body: patch,
    }).then((r) => r.unit);
  }

  /** Every access token with when it was last used (admin); never a hash or a plain token. */
  tokens() {
    return this.request(AccessTokensResponseSchema, 'GET', '/tokens').then((r) => r.tokens);
  }

  /** Issues a token (admin): the answer holds the plain token, shown once. */
  createToken(request: { role: 'unit' | 'reader' | 'admin'; unitCode: string | null; label: string }) {
    return this.request(CreatedTokenSchema, 'POST', '/tokens', { body: request });
  }

  revokeToken(id: string) {
    return this.request(
      z.object({ record: AccessTokenSchema }),
      'DELETE',
      `/tokens/${encodeURIComponent(id)}`,
    ).then((r) => r.record);
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
   * (`baseVersion`); otherwise the server answers 409 and writes nothing. When the unit has a ledger, a dry
   * run sends only the rows that differ from it (an upload patch, by row fingerprint), and so does the
   * upload that follows it (same `baseVersion`); the answers are those of the whole sheet.
   * A ledger over one request's row cap goes in parts (an upload draft), reported through `onProgress`.
   */
  async upload(request: LedgerUpload, options: UploadOptions): Promise<UploadResponse> {
    const patch =
      request.rows.length <= MAX_LEDGER_ROWS ? await this.patchFor(request, options.dryRun) : null;
    if (patch) {
      try {
        const { rows: _whole, ...rest } = request;
        const response = await this.postUpload({ ...rest, ...patch }, options);
        if (!options.dryRun) this.fingerprints.delete(request.unitCode);
        return response;
      } catch (error) {
        // The ledger moved since its fingerprints: the whole sheet gets the server's own answer (for an
        // upload that named the dry run's version, 409 ledger_changed with the fresh diff).
        if (!(error instanceof ApiClientError) || !['ledger_changed', 'bad_request'].includes(error.code))
          throw error;
        this.fingerprints.delete(request.unitCode);
      }
    }
    if (request.rows.length <= MAX_UPLOAD_ROWS) return this.postUpload(request, options);
    return this.uploadInParts(request, options);
  }

  /**
   * A unit's open versions as row fingerprints (GET /ledger/fingerprints), asked again only with the
   * version already known (If-None-Match: a 304 costs one small read).
   */
  async ledgerFingerprints(unitCode: string): Promise<LedgerFingerprints> {
    const known = this.fingerprints.get(unitCode);
    const fresh = await this.request(
      LedgerFingerprintsSchema.optional(),
      'GET',
      `/ledger/fingerprints?unitCode=${encodeURIComponent(unitCode)}`,
      { headers: known ? { 'If-None-Match': `"${known.ledgerVersion}"` } : {}, notModified: true },
    );
    const current = fresh ?? known;
    if (!current) throw new ApiClientError('bad_response', '服务器未返回台账指纹', 304);
    this.fingerprints.set(unitCode, current);
    return current;
  }

  private fingerprintOf(row: SheetRow): string {
    let hash = this.rowHashes.get(row);
    if (hash === undefined) {
      hash = rowFingerprint(row.cells);
      this.rowHashes.set(row, hash);
    }
    return hash;
  }

  /**
   * The request as a patch against the unit's ledger: the rows whose fingerprint the ledger lacks, and the
   * others named by version. Null when the whole sheet is the right request: no ledger yet, more rows
   * differ than one request carries, or an upload that does not follow this client's dry run of the same
   * version (a retry under an Idempotency-Key then sends the body it sent the first time).
   */
  private async patchFor(
    request: LedgerUpload,
    dryRun: boolean,
  ): Promise<{ rows: SheetRow[]; keep: [number, number][]; baseVersion: number } | null> {
    const cached = this.fingerprints.get(request.unitCode);
    const afterDryRun = cached !== undefined && cached.ledgerVersion === request.baseVersion;
    if (!dryRun && !afterDryRun) return null;
    // A server without fingerprints (older, or a refusal of any kind) gets the whole sheet, which
    // answers for itself.
    const known = afterDryRun
      ? cached
      : await this.ledgerFingerprints(request.unitCode).catch((error: unknown) => {
          if (error instanceof ApiClientError) return null;
          throw error;
        });
    if (!known || known.versions.length === 0) return null;
    const byHash = new Map<string, number[]>();
    for (const [versionId, hash] of known.versions) {
      if (hash === null) continue;
      const same = byHash.get(hash);
      if (same) same.push(versionId);
      else byHash.set(hash, [versionId]);
    }
    const keep: [number, number][] = [];
    const rows: SheetRow[] = [];
    for (const row of request.rows) {
      const versionId = byHash.get(this.fingerprintOf(row))?.pop();
      if (versionId === undefined) rows.push(row);
      else keep.push([versionId, row.row]);
    }
    if (rows.length > MAX_UPLOAD_ROWS || keep.length === 0) return null;
    return { rows, keep, baseVersion: known.ledgerVersion };
  }

  private postUpload(
    body: Omit<LedgerUpload, 'rows'> & { rows?: SheetRow[]; draftId?: string; keep?: [number, number][] },
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

  /** A unit's upload history, newest first (a unit token gets its own unit's whatever it names). */
  uploads(unitCode?: string, limit = 50) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (unitCode !== undefined) query.set('unitCode', unitCode);
    return this.request(z.object({ uploads: z.array(UploadRecordSchema) }), 'GET', `/uploads?${query}`).then(
      (r) => r.uploads,
    );
  }

  /** One upload with its full diff: added and removed rows whole, changed fields before → after. */
  uploadDetail(uploadId: string) {
    return this.request(UploadDetailSchema, 'GET', `/uploads/${encodeURIComponent(uploadId)}`);
  }

  /**
   * Restores the unit's ledger as it stood after `uploadId`: a dry run first, then the restore itself, which
   * states the removals its dry run showed (`expectRemoved`) and the version it saw (`baseVersion`), like an
   * upload; the server answers 409 ledger_changed (with the fresh diff) when the ledger moved in between.
   */
  restore(
    uploadId: string,
    body: { source?: UploadSource; expectRemoved?: number; baseVersion?: number },
    options: { dryRun: boolean; idempotencyKey?: string },
  ): Promise<UploadResponse> {
    return this.request(
      UploadResponseSchema,
      'POST',
      `/uploads/${encodeURIComponent(uploadId)}/restore${options.dryRun ? '?dryRun=true' : ''}`,
      { body, headers: options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {} },
    );
  }

  /** Recorded spot checks, newest first, with the organizations' names (a unit token gets its own unit's). */
  spotChecks(unitCode?: string) {
    const query = unitCode === undefined ? '' : `?unitCode=${encodeURIComponent(unitCode)}`;
    return this.request(z.object({ checks: z.array(SpotCheckSchema) }), 'GET', `/spot-checks${query}`).then(
      (r) => r.checks,
    );
  }

  /** A reproducible sample of a unit's established organizations to phone (admin): same seed, same sample. */
  spotCheckSample(unitCode: string, size: number, seed: string) {
    return this.request(SpotCheckSampleSchema, 'POST', '/spot-checks/sample', {
      body: { unitCode, size, seed },
    });
  }

  /** Records spot-check results (admin); checks recorded before are counted, not recorded again. */
  recordSpotChecks(
    checks: { unitCode: string; orgKey: string; checkedOn: string; result: CheckResult; note?: string }[],
  ) {
    return this.request(RecordedSpotChecksSchema, 'POST', '/spot-checks', { body: { checks } });
  }

  /** A year's subsidies due, paid and withheld, per unit and organization (a unit token gets its own unit's). */
  subsidies(year: number, unitCode?: string) {
    const query = unitCode === undefined ? '' : `&unitCode=${encodeURIComponent(unitCode)}`;
    return this.request(SubsidyLedgerSchema, 'GET', `/subsidies?year=${year}${query}`);
  }

  summary(year: number, month: number) {
    return this.request(SummaryResponseSchema, 'GET', `/summary?year=${year}&month=${month}`);
  }

  /** 报送情况 of a month: each unit on time, late or missing, with its last upload and contact (admin, reader). */
  reporting(year: number, month: number) {
    return this.request(ReportingDetailSchema, 'GET', `/reporting?year=${year}&month=${month}`);
  }

  /** 年度考核: a year's standing over the months ended (every role). */
  assessment(year: number) {
    return this.request(AssessmentSchema, 'GET', `/assessment?year=${year}`);
  }

  /** 年度通报: a year's report, published (frozen) or as it stands (every role; candidates by name for admins). */
  annualReport(year: number) {
    return this.request(AnnualReportResponseSchema, 'GET', `/annual-reports/${year}`);
  }

  /** The year's report as a printable HTML page. */
  annualReportPage(year: number) {
    return this.request(z.string(), 'GET', `/annual-reports/${year}?format=html`, { text: true });
  }

  /** Publishes a year's report once the year has ended (admin): frozen from then on. */
  publishAnnualReport(year: number) {
    return this.request(AnnualReportResponseSchema, 'POST', '/annual-reports', { body: { year } });
  }

  /** A unit's current activity ledger (活动台账), optionally one year's. */
  activityLedger(unitCode: string, year?: number) {
    const query = `unitCode=${encodeURIComponent(unitCode)}${year === undefined ? '' : `&year=${year}`}`;
    return this.request(ActivityLedgerSchema, 'GET', `/activities?${query}`);
  }

  /** Checks a unit's whole activity sheet against its ledger (dry run), or uploads it as its next version. */
  uploadActivities(
    request: ActivityUploadRequest,
    options: { dryRun: boolean; idempotencyKey?: string | null },
  ) {
    return this.request(
      ActivityUploadResponseSchema,
      'POST',
      `/activities/uploads${options.dryRun ? '?dryRun=true' : ''}`,
      {
        body: request,
        headers: options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {},
      },
    );
  }

  /** A unit's activity uploads, newest first (a unit token: its own). */
  activityUploads(unitCode?: string) {
    const query = unitCode ? `?unitCode=${encodeURIComponent(unitCode)}` : '';
    return this.request(
      z.object({ uploads: z.array(ActivityUploadRecordSchema) }),
      'GET',
      `/activities/uploads${query}`,
    );
  }

  /** Brings back a unit's activities as they stood after an upload (dry run first). */
  restoreActivities(
    uploadId: string,
    body: { expectRemoved?: number; baseVersion?: number; source?: UploadSource },
    options: { dryRun: boolean },
  ) {
    return this.request(
      ActivityUploadResponseSchema,
      'POST',
      `/activities/uploads/${encodeURIComponent(uploadId)}/restore${options.dryRun ? '?dryRun=true' : ''}`,
      { body },
    );
  }

  /** Sets a year's assessment weights (admin): a new version. */
  setAssessmentWeights(year: number, weights: AssessmentWeights) {
    return this.request(
      z.object({ year: z.number(), version: z.number() }),
      'PUT',
      `/assessment/weights/${year}`,
      { body: weights },
    );
  }

  /** 支持中心: a year's headline (every role) and organizations (admin). */
  centre(year: number) {
    return this.request(CentreResponseSchema, 'GET', `/centre?year=${year}`);
  }

  /** Puts an organization of a unit's ledger (by name or key) in the support centre, or changes its dates (admin). */
  setCentreOrganization(body: {
    unitCode: string;
    orgName?: string;
    orgKey?: string;
    relation: CentreRelation;
    since: string;
    until?: string | null;
  }) {
    return this.request(CentreOrganizationSchema, 'PUT', '/centre/organizations', { body });
  }

  /** Takes an organization off the support centre's list (admin). */
  removeCentreOrganization(unitCode: string, orgKey: string) {
    return this.request(
      z.null(),
      'DELETE',
      `/centre/organizations/${encodeURIComponent(unitCode)}/${encodeURIComponent(orgKey)}`,
    );
  }

  /** 工作记录: where each cadence stands in a year (every role). */
  workStatus(year: number) {
    return this.request(WorkStatusSchema, 'GET', `/work/status?year=${year}`);
  }

  /** 工作记录: a year's visits, meetings, leader links and holidays (admin). */
  workRecords(year: number) {
    return this.request(WorkRecordsSchema, 'GET', `/work/records?year=${year}`);
  }

  /** Records visits (admin); the same visit sent again is not recorded twice. */
  recordVisits(visits: VisitInput[]) {
    return this.request(
      z.object({ visits: z.array(VisitSchema), alreadyRecorded: z.number() }),
      'POST',
      '/work/visits',
      { body: { visits } },
    );
  }

  /** Records 双月例会 meetings (admin). */
  recordMeetings(meetings: MeetingInput[]) {
    return this.request(
      z.object({ meetings: z.array(MeetingSchema), alreadyRecorded: z.number() }),
      'POST',
      '/work/meetings',
      { body: { meetings } },
    );
  }

  /** Withdraws a visit (admin): kept with who withdrew it and when, counted no more. */
  withdrawVisit(id: string) {
    return this.request(z.null(), 'DELETE', `/work/visits/${encodeURIComponent(id)}`);
  }

  /** Withdraws a meeting (admin): kept, counted no more. */
  withdrawMeeting(id: string) {
    return this.request(z.null(), 'DELETE', `/work/meetings/${encodeURIComponent(id)}`);
  }

  /** Replaces a year's 领导联系 (admin). */
  setLeaderLinks(year: number, links: LeaderLink[]) {
    return this.request(
      z.object({ year: z.number(), links: z.array(LeaderLinkSchema) }),
      'PUT',
      `/work/leaders/${year}`,
      { body: { links } },
    );
  }

  /** Replaces a year's holidays (admin). */
  setHolidays(year: number, holidays: Holiday[]) {
    return this.request(
      z.object({ year: z.number(), holidays: z.array(HolidaySchema) }),
      'PUT',
      `/work/holidays/${year}`,
      { body: { holidays } },
    );
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

  /** The printable page (HTML) of a published issue, or of a month's live figures when `issueNumber` is null. */
  bulletinPage(source: { year: number; month: number; issueNumber: number | null }) {
    const path =
      source.issueNumber === null
        ? `/summary?year=${source.year}&month=${source.month}&format=html`
        : `/bulletins/${source.issueNumber}?format=html`;
    return this.request(z.string(), 'GET', path, { text: true });
  }

  /** Whether a published issue has a live read-only link (admin). */
  bulletinShare(issueNumber: number) {
    return this.request(BulletinShareSchema, 'GET', `/bulletins/${issueNumber}/share`);
  }

  /** A new read-only link to a published issue, shown this once; the one before stops working (admin). */
  shareBulletin(issueNumber: number) {
    return this.request(
      BulletinShareSchema.extend({ path: z.string() }),
      'POST',
      `/bulletins/${issueNumber}/share`,
    );
  }

  /** Revokes the issue's read-only link (admin). */
  revokeBulletinShare(issueNumber: number) {
    return this.request(
      z.object({ issueNumber: z.number(), revoked: z.number() }),
      'DELETE',
      `/bulletins/${issueNumber}/share`,
    );
  }

  /** The address a read-only link opens at, on this server. */
  shareUrl(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  publish(year: number, month: number) {
    return this.request(IssueSchema, 'POST', '/bulletins', { body: { year, month } });
  }

  /**
   * 重复: organizations several units report. An admin gets every unit's record side by side (scope
   * 'district'); a unit token its own organizations reported elsewhere, with the other units' names only.
   */
  duplicates() {
    return this.request(DuplicatesResponseSchema, 'GET', '/duplicates');
  }

  /** Counts a duplicated organization for another unit that reports it, with a reason (admin; audited). */
  assignDuplicate(orgKey: string, unitCode: string, reason: string) {
    return this.request(
      DuplicateAssignmentResultSchema,
      'PUT',
      `/duplicates/${encodeURIComponent(orgKey)}/assignment`,
      { body: { unitCode, reason } },
    );
  }

  /** Revokes the assignment of a duplicated organization: it counts for the default unit again (admin). */
  revokeDuplicateAssignment(orgKey: string) {
    return this.request(
      DuplicateAssignmentResultSchema,
      'DELETE',
      `/duplicates/${encodeURIComponent(orgKey)}/assignment`,
    );
  }

  /**
   * Marks a year's subsidies paid (admin): `dryRun` answers what would be paid, what was paid before and what
   * cannot be paid, writing nothing; the real request pays each organization once and refuses (422) any not due.
   */
  paySubsidies(year: number, orgKeys: string[], options: { dryRun: boolean }) {
    return this.request(
      SubsidyPaymentsSchema,
      'POST',
      `/subsidies/payments${options.dryRun ? '?dryRun=true' : ''}`,
      { body: { year, orgKeys } },
    );
  }
}
