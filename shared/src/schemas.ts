// zod schemas for every shape that crosses a boundary (sheet → client → HTTP → worker → bulletin).
import { z } from 'zod';
import {
  ACTIVITY_KINDS,
  CHECK_RESULTS,
  COLUMN_KEYS,
  LEAGUE_ORG_TYPES,
  MODES,
  ORG_TYPES,
  STATUSES,
} from './columns';

export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const YearSchema = z.number().int().min(2000).max(2100);
export const MonthSchema = z.number().int().min(1).max(12);

export const ColumnKeySchema = z.enum(COLUMN_KEYS);
export const OrgTypeSchema = z.enum(ORG_TYPES);
export const StatusSchema = z.enum(STATUSES);
export const ModeSchema = z.enum(MODES);
export const LeagueOrgTypeSchema = z.enum(LEAGUE_ORG_TYPES);
export const CheckResultSchema = z.enum(CHECK_RESULTS);
export const SeveritySchema = z.enum(['error', 'warning']);
export const RoleSchema = z.enum(['admin', 'unit', 'reader']);

/** A cell after the reader normalized it: text, number, boolean or empty. */
export const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One data row as read from the sheet, with its own sheet row number (1-based, as Excel shows it). */
export const SheetRowSchema = z.object({
  row: z.number().int().positive(),
  cells: z.partialRecord(ColumnKeySchema, CellSchema),
});

export const DiagnosticSchema = z.object({
  /** The sheet's own row number; null for sheet-level problems. */
  row: z.number().int().positive().nullable(),
  column: ColumnKeySchema.nullable(),
  header: z.string().nullable(),
  severity: SeveritySchema,
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
});

/** A validated organization record: one row of a unit's ledger. */
export const TrackingRecordSchema = z.object({
  row: z.number().int().positive(),
  orgName: z.string().min(2).max(100),
  creditCode: z.string().length(18).nullable(),
  orgType: OrgTypeSchema,
  unitCode: z.string(),
  youthCount: z.number().int().min(0),
  memberCount: z.number().int().min(0),
  status: StatusSchema,
  establishedOn: IsoDateSchema.nullable(),
  mode: ModeSchema.nullable(),
  leagueOrgType: LeagueOrgTypeSchema.nullable(),
  secretary: z.string().nullable(),
  phone: z.string().nullable(),
  hasPartyOrg: z.boolean().nullable(),
  checkedOn: IsoDateSchema.nullable(),
  checkResult: CheckResultSchema.nullable(),
  note: z.string().nullable(),
});

/** A ledger record as stored: the tracking record plus when the organization was first reported. */
export const LedgerRecordSchema = TrackingRecordSchema.extend({
  /** ISO timestamp of the upload that first reported this organization for this unit. */
  firstReportedAt: z.string(),
});

export const UnitKindSchema = z.enum(['街道', '镇', '园区', '其他']);
export const UnitSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  name: z.string().min(2).max(50),
  kind: UnitKindSchema,
  active: z.boolean().default(true),
  /** 报送联系人 and their phone (the 报送 screen and the 催报 list); absent when none is recorded. */
  contact: z.string().max(50).optional(),
  phone: z.string().max(30).optional(),
});

export const QuotaSchema = z.object({
  unitCode: z.string(),
  year: YearSchema,
  quota: z.number().int().min(0).max(100000),
});

export const SubsidyRateSchema = z.object({
  city: z.number().min(0),
  district: z.number().min(0),
});

/** Where an upload came from: the Excel add-in, the web page, the refresh command, or the API itself. */
export const UploadSourceSchema = z.enum(['addin', 'web', 'refresh', 'api']);

/**
 * Most rows one request may carry (POST /uploads, or one part of an upload in parts), within a Worker's
 * 128 MB: `npm run bench` measures the heap. 20,000 rows in one request fit the whole process in about
 * 70 MB; 50,000 in one request needed about 134 MB.
 */
export const MAX_UPLOAD_ROWS = 20000;

/** Rows per part of an upload in parts (POST /upload-drafts, then PUT …/parts/{n}); ApiClient splits by it. */
export const MAX_PART_ROWS = 10000;

/**
 * Most rows of one unit's ledger uploaded in parts: the commit reads the parts one at a time from D1, so
 * its heap holds the records, not the request bodies (`npm run bench` measures it).
 */
export const MAX_LEDGER_ROWS = 50000;

export const UploadRequestSchema = z
  .object({
    /** The unit whose whole ledger this is (a unit token may only send its own). */
    unitCode: z.string(),
    /** The whole ledger's rows; or leave it out and name an upload draft whose parts hold them. */
    rows: z.array(SheetRowSchema).max(MAX_UPLOAD_ROWS).optional(),
    /** An upload draft of this unit (POST /upload-drafts) whose parts hold the rows, for ledgers over MAX_UPLOAD_ROWS. */
    draftId: z.string().min(1).max(64).optional(),
    /** Month the upload reports for (reporting status); defaults to the current month. */
    reportYear: YearSchema.optional(),
    reportMonth: MonthSchema.optional(),
    /** The surface that sent it (history shows it); `api` when absent. */
    source: UploadSourceSchema.optional(),
    /**
     * How many organizations the sender expects this upload to remove (the dry run's figure). An upload
     * that removes organizations without stating their number is refused (409 removals_unconfirmed).
     */
    expectRemoved: z.number().int().min(0).optional(),
    /**
     * The unit's ledger version the dry run was computed against (or send it as `If-Match`). When the
     * ledger has moved since, the upload is refused (409 ledger_changed) with the fresh diff.
     */
    baseVersion: z.number().int().min(0).optional(),
    /**
     * An upload patch: the open versions (ids from GET /ledger/fingerprints) whose sheet rows are
     * unchanged, each as [versionId, its sheet row now]. `rows` then holds only the new and changed rows;
     * an open version neither kept nor replaced by a row with its key is removed. Needs the ledger
     * version the fingerprints came from (`baseVersion` or `If-Match`).
     */
    keep: z
      .array(z.tuple([z.number().int().positive(), z.number().int().positive()]))
      .max(MAX_LEDGER_ROWS)
      .optional(),
  })
  .refine((request) => (request.rows === undefined) !== (request.draftId === undefined), {
    message: 'send either rows or draftId, not both',
    path: ['rows'],
  })
  .refine((request) => request.keep === undefined || request.draftId === undefined, {
    message: 'an upload patch (keep) carries its rows itself, not in a draft',
    path: ['keep'],
  });

/**
 * GET /ledger/fingerprints: the unit's open versions as [versionId, row fingerprint (null when stored
 * before fingerprints were kept), sheet row], at `ledgerVersion` (also the answer's ETag).
 */
export const LedgerFingerprintsSchema = z.object({
  unitCode: z.string(),
  ledgerVersion: z.number().int().min(0),
  versions: z.array(z.tuple([z.number().int(), z.string().nullable(), z.number().int()])),
});

export const UploadDraftRequestSchema = z.object({
  unitCode: z.string(),
  /** How many parts will follow (PUT /upload-drafts/{id}/parts/1 … parts), each in sheet order after the last. */
  parts: z.number().int().min(1).max(100),
  /** The ledger's rows in all parts together (at most MAX_LEDGER_ROWS). */
  rowCount: z.number().int().min(1).max(MAX_LEDGER_ROWS),
});

export const UploadDraftSchema = z.object({
  draftId: z.string(),
  unitCode: z.string(),
  parts: z.number().int(),
  rowCount: z.number().int(),
  /** The parts received so far, and the rows in them. */
  received: z.array(z.number().int()),
  receivedRows: z.number().int(),
  /** After this time the draft and its parts are gone. */
  expiresAt: z.string(),
});

export const UploadPartRequestSchema = z.object({
  rows: z.array(SheetRowSchema).min(1).max(MAX_PART_ROWS),
});

export const OrgRefSchema = z.object({
  orgKey: z.string(),
  orgName: z.string(),
  creditCode: z.string().nullable(),
  row: z.number().int().nullable(),
});

export const FieldChangeSchema = z.object({
  field: z.string(),
  before: CellSchema,
  after: CellSchema,
});

export const UploadDiffSchema = z.object({
  added: z.array(OrgRefSchema),
  changed: z.array(OrgRefSchema.extend({ changes: z.array(FieldChangeSchema) })),
  removed: z.array(OrgRefSchema),
  unchanged: z.number().int().min(0),
});

export const UploadResponseSchema = z.object({
  uploadId: z.string().nullable(),
  dryRun: z.boolean(),
  /** True when this exact upload (same Idempotency-Key or same content) was already applied. */
  replayed: z.boolean(),
  unitCode: z.string(),
  rowCount: z.number().int(),
  /** The unit's ledger version: after the upload, or (dry run) the one the diff was computed against. */
  ledgerVersion: z.number().int(),
  /** The version the diff is against. */
  baseVersion: z.number().int(),
  /** For a restore: the upload whose ledger it brings back. */
  restoredFrom: z.string().nullable().default(null),
  diff: UploadDiffSchema,
  warnings: z.array(DiagnosticSchema),
});

/** An upload's diff in full, as history keeps it: added and removed rows whole, changed fields before → after. */
export const HistoryDiffSchema = z.object({
  added: z.array(LedgerRecordSchema.extend({ orgKey: z.string() })),
  changed: z.array(OrgRefSchema.extend({ changes: z.array(FieldChangeSchema) })),
  removed: z.array(LedgerRecordSchema.extend({ orgKey: z.string() })),
  unchanged: z.number().int().min(0),
});

/** One upload as history lists it (GET /uploads): when, from where, the version it made and its counts. */
export const UploadRecordSchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  tokenId: z.string(),
  idempotencyKey: z.string().nullable(),
  contentHash: z.string(),
  reportYear: z.number().int(),
  reportMonth: z.number().int(),
  createdAt: z.string(),
  rowCount: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  warningCount: z.number().int(),
  /** The unit's ledger version this upload made. */
  version: z.number().int(),
  baseVersion: z.number().int(),
  source: UploadSourceSchema,
  /** For a restore: the upload whose ledger it brought back. */
  restoredFrom: z.string().nullable(),
  /** Who made it: the label of its token (as the committee named it), null when the token is gone. */
  uploadedBy: z.string().nullable().default(null),
});

/** GET /uploads/{id}: one upload with its full diff (`legacy`: made before the versioned ledger, refs only). */
export const UploadDetailSchema = z.object({
  upload: UploadRecordSchema,
  diff: HistoryDiffSchema,
  legacy: z.boolean(),
});

/** A recorded spot check (电话抽查) as GET /spot-checks lists it, with the organization's latest name. */
export const SpotCheckSchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  orgKey: z.string(),
  /** The organization's name in the unit's ledger history; null if it was never there. */
  orgName: z.string().nullable(),
  checkedOn: z.string(),
  result: CheckResultSchema,
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

/** One organization's subsidy in a year (GET /subsidies). */
export const SubsidyItemSchema = z.object({
  unitCode: z.string(),
  orgKey: z.string(),
  orgName: z.string(),
  establishedOn: z.string().nullable(),
  status: z.enum(['due', 'paid', 'withheld']),
  amount: z.number(),
  paidAt: z.string().nullable(),
  /** Found 不属实 by a spot check: withheld, or (when it was paid before) to be recovered. */
  foundUntrue: z.boolean(),
});

/** GET /subsidies: a year's subsidies due, paid and withheld, per unit and per organization. */
export const SubsidyLedgerSchema = z.object({
  year: z.number().int(),
  throughMonth: z.number().int(),
  perOrganization: z.number(),
  units: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      due: z.number().int(),
      paid: z.number().int(),
      withheld: z.number().int(),
      dueAmount: z.number(),
      paidAmount: z.number(),
      withheldAmount: z.number(),
    }),
  ),
  organizations: z.array(SubsidyItemSchema),
});

/** One organization of a payment request that cannot be paid: nothing due (unknown, or not set up this year) or withheld. */
export const SubsidyNotPayableSchema = z.object({
  /** Its position in the request's orgKeys. */
  index: z.number().int(),
  orgKey: z.string(),
  code: z.enum(['subsidy.notDue', 'subsidy.withheld']),
  message: z.string(),
  messageEn: z.string(),
});

/**
 * POST /subsidies/payments: what was paid now (in a dry run: what would be), the keys paid before (never paid
 * twice) and, in a dry run only, what cannot be paid (the real request refuses those with 422).
 */
export const SubsidyPaymentsSchema = z.object({
  dryRun: z.boolean(),
  paid: z.array(SubsidyItemSchema),
  alreadyPaid: z.array(z.string()),
  notPayable: z.array(SubsidyNotPayableSchema),
});

export const UnitStateSchema = z.enum(['已完成', '正常', '滞后', '未启动']);

export const UnitSummarySchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  quota: z.number().int().nullable(),
  newThisMonth: z.number().int(),
  counted: z.number().int(),
  /** quota × M / 12, unrounded. */
  expected: z.number().nullable(),
  /** counted − expected, unrounded. */
  gap: z.number().nullable(),
  /** counted ÷ quota, null without a quota (or a zero quota). */
  rate: z.number().nullable(),
  state: UnitStateSchema.nullable(),
  rank: z.number().int().nullable(),
  organizations: z.number().int(),
  established: z.number().int(),
  coverage: z.number().nullable(),
  subsidy: z.number(),
});

export const ModeBreakdownSchema = z.record(ModeSchema, z.number().int());

export const SpotCheckCountsSchema = z.object({
  done: z.number().int(),
  属实: z.number().int(),
  不属实: z.number().int(),
  无法联系: z.number().int(),
});

export const CrossUnitDuplicateSchema = z.object({
  orgKey: z.string(),
  orgName: z.string(),
  creditCode: z.string().nullable(),
  /** The unit the organization is counted for. */
  countedFor: z.string(),
  /** countedFor is the committee's assignment, not the default (false in issues published before 重复). */
  assigned: z.boolean().default(false),
  /** Every unit that reports it, with its date. */
  reportedBy: z.array(
    z.object({ unitCode: z.string(), establishedOn: IsoDateSchema.nullable(), firstReportedAt: z.string() }),
  ),
});

/** PUT /duplicates/{orgKey}/assignment: the unit a duplicated organization counts for instead, and why. */
export const DuplicateAssignmentRequestSchema = z.object({
  unitCode: z.string().min(1).max(64),
  reason: z.string().trim().min(2, '请写明指定的理由').max(500),
});

/** The committee's assignment of a duplicated organization to a unit (重复), as it stands. */
export const DuplicateAssignmentSchema = z.object({
  unitCode: z.string(),
  reason: z.string(),
  assignedAt: z.string(),
  /** The label of the token that assigned it. */
  assignedBy: z.string(),
});

/** One unit's record of a duplicated organization, as the admin compares them side by side. */
export const DuplicateRowSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  /** The record's own key in its unit's ledger. */
  orgKey: z.string(),
  /** The sheet row it was reported on. */
  row: z.number().int(),
  orgName: z.string(),
  creditCode: z.string().nullable(),
  orgType: OrgTypeSchema,
  status: StatusSchema,
  establishedOn: IsoDateSchema.nullable(),
  mode: ModeSchema.nullable(),
  leagueOrgType: LeagueOrgTypeSchema.nullable(),
  secretary: z.string().nullable(),
  phone: z.string().nullable(),
  checkResult: CheckResultSchema.nullable(),
  firstReportedAt: z.string(),
  /** 已建团 with a 建团时间 and not found 不属实: it may count for this unit. */
  eligible: z.boolean(),
});

/** A cross-unit duplicate for the admin (GET /duplicates): every unit's record, the default and the assignment. */
export const DistrictDuplicateSchema = z.object({
  /** The organization's key: what an assignment is kept under (it survives re-uploads). */
  orgKey: z.string(),
  orgName: z.string(),
  creditCode: z.string().nullable(),
  /** The unit it counts for by default: the earliest 建团时间, then the first to report it. */
  defaultUnitCode: z.string(),
  /** The unit it counts for now; null when it counts for none (not established, or found 不属实). */
  countedFor: z.string().nullable(),
  /** The committee's assignment; it applies only while that unit reports it as established. */
  assignment: DuplicateAssignmentSchema.nullable(),
  foundUntrue: z.boolean(),
  rows: z.array(DuplicateRowSchema),
});

/** A unit's organization that another unit reports too (GET /duplicates with a unit token): no other unit's rows. */
export const UnitDuplicateSchema = z.object({
  orgKey: z.string(),
  orgName: z.string(),
  creditCode: z.string().nullable(),
  establishedOn: IsoDateSchema.nullable(),
  /** It counts for this unit. */
  countedHere: z.boolean(),
  /** The unit it counts for; null when it counts for none. */
  countedFor: z.object({ unitCode: z.string(), unitName: z.string() }).nullable(),
  /** Settled by the committee (an assignment), not by the default rule. */
  assigned: z.boolean(),
  /** The other units that report it: their names only. */
  otherUnits: z.array(z.object({ unitCode: z.string(), unitName: z.string() })),
});

/** GET /duplicates: the district's duplicates in full (admin), or a unit's own organizations reported elsewhere. */
export const DuplicatesResponseSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('district'), duplicates: z.array(DistrictDuplicateSchema) }),
  z.object({ scope: z.literal('unit'), unitCode: z.string(), duplicates: z.array(UnitDuplicateSchema) }),
]);

/** PUT and DELETE /duplicates/{orgKey}/assignment: the duplicate as it now stands, and whether anything changed. */
export const DuplicateAssignmentResultSchema = z.object({
  changed: z.boolean(),
  /** Null when the organization is no longer reported by more than one unit (a revoke still succeeds). */
  duplicate: DistrictDuplicateSchema.nullable(),
});

export const ReportingStatusSchema = z.object({
  onTime: z.array(z.string()),
  late: z.array(z.string()),
  missing: z.array(z.string()),
});

/** One unit's reporting for a month (GET /reporting): its status, last upload for the month and contact. */
export const UnitReportingSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  status: z.enum(['onTime', 'late', 'missing']),
  /** ISO timestamp of the unit's last upload reported for the month; null when none. */
  lastUploadAt: z.string().nullable(),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
});

/** GET /reporting: the names by status (as the summary has them), the deadline, and each unit in detail. */
export const ReportingDetailSchema = ReportingStatusSchema.extend({
  year: YearSchema,
  month: MonthSchema,
  /** The last on-time day (YYYY-MM-DD, Asia/Shanghai): an upload after it is late. */
  deadline: IsoDateSchema,
  /** Today in Asia/Shanghai (YYYY-MM-DD), for the 催报 text's 截至. */
  today: IsoDateSchema,
  units: z.array(UnitReportingSchema),
});

/** 核减: organizations the last issue counted that have since been found 不属实, per unit. */
export const DeductionsSchema = z.object({
  sinceIssue: z.number().int(),
  organizations: z.number().int(),
  units: z.array(z.object({ unitCode: z.string(), unitName: z.string(), organizations: z.number().int() })),
});

const CadenceStatusSchema = z.enum(['done', 'missed', 'due', 'upcoming', 'holiday']);

/** The month's 工作动态 (issue 15): the committee's visits, the period's meeting and the leaders' visits. */
export const WorkNewsSchema = z.object({
  year: YearSchema,
  month: MonthSchema,
  visits: z.number().int(),
  /** Organizations visited in the month, counted once each. */
  organizationsVisited: z.number().int(),
  /** Thursdays of the month that asked for a visit (holidays left out). */
  visitsDue: z.number().int(),
  missedThursdays: z.array(IsoDateSchema),
  meeting: z.object({
    firstMonth: MonthSchema,
    lastMonth: MonthSchema,
    status: CadenceStatusSchema,
    heldOn: z.array(IsoDateSchema),
  }),
  /** The quarter of the month: each linked leader and the days they visited in it up to the month's end. */
  leaders: z.array(z.object({ leader: z.string(), visitedOn: z.array(IsoDateSchema) })),
});

export const ActivityKindSchema = z.enum(ACTIVITY_KINDS);
/** Activities and 人次. */
const ActivityTallySchema = z.object({ activities: z.number().int(), served: z.number().int() });

/** The month's 活动开展 (issue 15): activities and 人次 per unit and for the district, and the standouts. */
export const ActivityNewsSchema = z.object({
  year: YearSchema,
  month: MonthSchema,
  inMonth: ActivityTallySchema,
  toDate: ActivityTallySchema,
  units: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      inMonth: ActivityTallySchema,
      toDate: ActivityTallySchema,
    }),
  ),
  /** The month's most-served activities (at most three). */
  standouts: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      /** The organization that held it; null for a reader (least data: no organization by name). */
      orgName: z.string().nullable(),
      heldOn: IsoDateSchema,
      title: z.string(),
      kind: ActivityKindSchema,
      served: z.number().int(),
    }),
  ),
});
export type ActivityNews = z.infer<typeof ActivityNewsSchema>;

export const SummarySchema = z.object({
  district: z.string(),
  year: YearSchema,
  month: MonthSchema,
  /** Last day of the month. */
  periodEnd: IsoDateSchema,
  today: IsoDateSchema,
  subsidyRate: SubsidyRateSchema,
  units: z.array(UnitSummarySchema),
  totals: z.object({
    quota: z.number().int(),
    newThisMonth: z.number().int(),
    counted: z.number().int(),
    expected: z.number(),
    gap: z.number(),
    rate: z.number().nullable(),
    organizations: z.number().int(),
    established: z.number().int(),
    coverage: z.number().nullable(),
    subsidy: z.number(),
    units: z.number().int(),
    rankedUnits: z.number().int(),
  }),
  modes: z.object({ month: ModeBreakdownSchema, toDate: ModeBreakdownSchema }),
  spotChecks: z.object({ month: SpotCheckCountsSchema, toDate: SpotCheckCountsSchema }),
  lagging: z.array(z.string()),
  notStarted: z.array(z.string()),
  reporting: ReportingStatusSchema,
  duplicates: z.array(CrossUnitDuplicateSchema),
  /** Null before the first issue (and in issues published before 核减 was stated). */
  deductions: DeductionsSchema.nullable().default(null),
  /** Null in issues published before 工作动态 was reported (issue 15). */
  work: WorkNewsSchema.nullable().default(null),
  /** Null when the year has no activity up to the month (and in issues published before 活动开展, issue 15). */
  activities: ActivityNewsSchema.nullable().default(null),
});

export const BulletinTableSchema = z.object({
  headers: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
});

export const BulletinSchema = z.object({
  title: z.string(),
  /** 第N期 for a published issue, 实时 for a live one. */
  issueLine: z.string(),
  issueNumber: z.number().int().nullable(),
  date: IsoDateSchema,
  issuer: z.string(),
  year: YearSchema,
  month: MonthSchema,
  narrative: z.string(),
  totals: z.array(z.object({ label: z.string(), value: z.string() })),
  unitTable: BulletinTableSchema,
  modeTable: BulletinTableSchema,
  spotCheckTable: BulletinTableSchema,
  lagging: z.array(z.string()),
  notStarted: z.array(z.string()),
  /** 报送情况 (按时报送, 逾期报送, 未报送: count and units); null in issues published before it was shown. */
  reportingTable: BulletinTableSchema.nullable().default(null),
  /** 工作动态: the sentence and its table; null in issues published before it (issue 15). */
  work: z.object({ sentence: z.string(), table: BulletinTableSchema }).nullable().default(null),
  activities: z.object({ sentence: z.string(), table: BulletinTableSchema }).nullable().default(null),
});

/** GET /me: who a token is, its role and unit. */
export const MeSchema = z.object({
  tokenId: z.string(),
  role: RoleSchema,
  label: z.string(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  district: z.string(),
});

/** A unit as the API answers it: `active` is always there. */
export const UnitRecordSchema = UnitSchema.extend({ active: z.boolean() });
export const UnitsResponseSchema = z.object({ units: z.array(UnitRecordSchema) });

/** An access token as GET /tokens lists it: never its hash, and its plain text only when created. */
export const AccessTokenSchema = z.object({
  id: z.string(),
  role: RoleSchema,
  unitCode: z.string().nullable(),
  label: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  /** When it last authenticated (recorded at most every 10 minutes); null = never used. */
  lastUsedAt: z.string().nullable(),
});
export const AccessTokensResponseSchema = z.object({ tokens: z.array(AccessTokenSchema) });
/** POST /tokens: the plain token, in this answer only, and its record. */
export const CreatedTokenSchema = z.object({ token: z.string(), record: AccessTokenSchema });

/** GET and PUT /quotas/{year}: the year's quotas and subsidy rate. */
export const QuotaYearSchema = z.object({
  year: YearSchema,
  quotas: z.array(QuotaSchema),
  subsidyRate: SubsidyRateSchema,
});

/** GET /summary: the live figures and the bulletin made from them. */
export const SummaryResponseSchema = z.object({ summary: SummarySchema, bulletin: BulletinSchema });

/** A published bulletin issue without its figures (GET /bulletins lists these). */
export const IssueMetaSchema = z.object({
  issueNumber: z.number().int(),
  year: z.number().int(),
  month: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  corrects: z.number().int().nullable(),
  /** Why a correction was published (null for a month's first issue). */
  correctionReason: z.string().nullable().default(null),
});
/** A published issue with its frozen summary and bulletin. */
export const IssueSchema = IssueMetaSchema.extend(SummaryResponseSchema.shape);

export type Cell = z.infer<typeof CellSchema>;
export type SheetRow = z.infer<typeof SheetRowSchema>;
export type Diagnostic = z.infer<typeof DiagnosticSchema>;
export type Severity = z.infer<typeof SeveritySchema>;
export type Role = z.infer<typeof RoleSchema>;
export type OrgType = z.infer<typeof OrgTypeSchema>;
export type Status = z.infer<typeof StatusSchema>;
export type Mode = z.infer<typeof ModeSchema>;
export type LeagueOrgType = z.infer<typeof LeagueOrgTypeSchema>;
export type CheckResult = z.infer<typeof CheckResultSchema>;
export type TrackingRecord = z.infer<typeof TrackingRecordSchema>;
export type LedgerRecord = z.infer<typeof LedgerRecordSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type UnitKind = z.infer<typeof UnitKindSchema>;
export type Quota = z.infer<typeof QuotaSchema>;
export type SubsidyRate = z.infer<typeof SubsidyRateSchema>;
export type UploadRequest = z.infer<typeof UploadRequestSchema>;
export type LedgerFingerprints = z.infer<typeof LedgerFingerprintsSchema>;
export type UploadDraftRequest = z.infer<typeof UploadDraftRequestSchema>;
export type UploadDraft = z.infer<typeof UploadDraftSchema>;
export type UploadPartRequest = z.infer<typeof UploadPartRequestSchema>;
export type OrgRef = z.infer<typeof OrgRefSchema>;
export type FieldChange = z.infer<typeof FieldChangeSchema>;
export type UploadDiff = z.infer<typeof UploadDiffSchema>;
export type UploadResponse = z.infer<typeof UploadResponseSchema>;
export type UploadSource = z.infer<typeof UploadSourceSchema>;
export type HistoryDiff = z.infer<typeof HistoryDiffSchema>;
export type UploadRecord = z.infer<typeof UploadRecordSchema>;
export type UploadDetail = z.infer<typeof UploadDetailSchema>;
export type SpotCheck = z.infer<typeof SpotCheckSchema>;
export type SubsidyLedger = z.infer<typeof SubsidyLedgerSchema>;
export type SubsidyPayments = z.infer<typeof SubsidyPaymentsSchema>;
export type SubsidyNotPayable = z.infer<typeof SubsidyNotPayableSchema>;
export type UnitState = z.infer<typeof UnitStateSchema>;
export type UnitSummary = z.infer<typeof UnitSummarySchema>;
export type SpotCheckCounts = z.infer<typeof SpotCheckCountsSchema>;
export type CrossUnitDuplicate = z.infer<typeof CrossUnitDuplicateSchema>;
export type DuplicateAssignmentRequest = z.infer<typeof DuplicateAssignmentRequestSchema>;
export type DuplicateAssignment = z.infer<typeof DuplicateAssignmentSchema>;
export type DuplicateRow = z.infer<typeof DuplicateRowSchema>;
export type DistrictDuplicate = z.infer<typeof DistrictDuplicateSchema>;
export type UnitDuplicate = z.infer<typeof UnitDuplicateSchema>;
export type DuplicatesResponse = z.infer<typeof DuplicatesResponseSchema>;
export type DuplicateAssignmentResult = z.infer<typeof DuplicateAssignmentResultSchema>;
export type ReportingStatus = z.infer<typeof ReportingStatusSchema>;
export type UnitReporting = z.infer<typeof UnitReportingSchema>;
export type ReportingDetail = z.infer<typeof ReportingDetailSchema>;
export type Summary = z.infer<typeof SummarySchema>;
export type Deductions = z.infer<typeof DeductionsSchema>;
export type Bulletin = z.infer<typeof BulletinSchema>;
export type WorkNews = z.infer<typeof WorkNewsSchema>;
export type BulletinTable = z.infer<typeof BulletinTableSchema>;
export type Me = z.infer<typeof MeSchema>;
export type UnitRecord = z.infer<typeof UnitRecordSchema>;
export type AccessToken = z.infer<typeof AccessTokenSchema>;
export type QuotaYear = z.infer<typeof QuotaYearSchema>;
export type SummaryResponse = z.infer<typeof SummaryResponseSchema>;
export type IssueMeta = z.infer<typeof IssueMetaSchema>;
export type Issue = z.infer<typeof IssueSchema>;
