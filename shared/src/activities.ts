// 活动台账 (issue 15, SPEC §8): the activities of the League organizations set up in youth social
// organizations, kept as a second sheet of the unit's workbook. The sheet is read here (header found by its
// names, cells as they are), checked here (an activity belongs to an organization of the unit's ledger that
// has a League organization) and reported here (the bulletin's 活动开展: activities and 人次 per unit and
// for the district, and the month's standout activities).
import { z } from 'zod';
import { unitList } from './bulletin';
import { ACTIVITY_KINDS } from './columns';
import { chineseDate, isCalendarDate } from './dates';
import { hash64 } from './fingerprint';
import { normalizeText, parseDateCell, parseIntegerCell } from './normalize';
import { normalizeOrgName } from './org-key';
import {
  ActivityKindSchema,
  type ActivityNews,
  type BulletinTable,
  CellSchema,
  type Diagnostic,
  DiagnosticSchema,
  IsoDateSchema,
  type Unit,
  UploadSourceSchema,
} from './schemas';

export type ActivityKind = z.infer<typeof ActivityKindSchema>;

/** The sheet's name in the unit's workbook (the ledger is 团建台账). */
export const ACTIVITY_SHEET = '活动台账';
/** Title in row 1, instruction in row 2, headers in row 3, activities from row 4 (as the template writes it). */
export const ACTIVITY_HEADER_ROW = 3;
/** Rows one upload may carry (the bench uploads 5,000). */
export const MAX_ACTIVITY_ROWS = 20_000;

export const ACTIVITY_COLUMN_KEYS = [
  'orgName',
  'heldOn',
  'title',
  'kind',
  'served',
  'partners',
  'note',
] as const;
export type ActivityColumnKey = (typeof ACTIVITY_COLUMN_KEYS)[number];

export interface ActivityColumn {
  key: ActivityColumnKey;
  header: string;
  headerEn: string;
  aliases: readonly string[];
  required: boolean;
  /** Column width in the template, in points. */
  width: number;
}

export const ACTIVITY_COLUMNS: readonly ActivityColumn[] = [
  {
    key: 'orgName',
    header: '组织名称',
    headerEn: 'Organization',
    aliases: ['青年社会组织名称', '社会组织名称', '开展组织'],
    required: true,
    width: 200,
  },
  {
    key: 'heldOn',
    header: '活动日期',
    headerEn: 'Date',
    aliases: ['日期', '开展日期'],
    required: true,
    width: 90,
  },
  { key: 'title', header: '活动名称', headerEn: 'Title', aliases: ['活动主题'], required: true, width: 220 },
  { key: 'kind', header: '活动类型', headerEn: 'Kind', aliases: ['类型'], required: true, width: 70 },
  {
    key: 'served',
    header: '服务青年人次',
    headerEn: 'Young people served',
    aliases: ['服务青年（人次）', '服务人次', '人次', '参与青年人次'],
    required: true,
    width: 90,
  },
  {
    key: 'partners',
    header: '合作组织',
    headerEn: 'Partners',
    aliases: ['合作单位'],
    required: false,
    width: 180,
  },
  { key: 'note', header: '备注', headerEn: 'Note', aliases: [], required: false, width: 160 },
];

export const ACTIVITY_INSTRUCTION =
  '一行一场活动。组织名称须与“团建台账”中已建团的组织一致；活动类型填服务、交友、就业、培训、公益或其他；合作组织可填多个，用顿号“、”分隔。';

/** A row of the activity sheet as read: the sheet's row number and its cells by column, not yet checked. */
export const ActivitySheetRowSchema = z.object({
  row: z.number().int().positive(),
  cells: z.partialRecord(z.enum(ACTIVITY_COLUMN_KEYS), CellSchema),
});
export type ActivitySheetRow = z.infer<typeof ActivitySheetRowSchema>;

/** A checked activity: one row of a unit's activity ledger. */
export const ActivitySchema = z.object({
  row: z.number().int().positive(),
  /** The organization's key in the unit's ledger. */
  orgKey: z.string(),
  orgName: z.string(),
  heldOn: IsoDateSchema,
  title: z.string().min(1).max(100),
  kind: ActivityKindSchema,
  served: z.number().int().min(0),
  partners: z.array(z.string()),
  note: z.string().nullable(),
});
export type Activity = z.infer<typeof ActivitySchema>;

/** An organization of the unit's ledger as the check needs it. */
export interface LedgerOrganization {
  orgKey: string;
  orgName: string;
  /** 已建团: it has a League organization. */
  established: boolean;
}

/** The unit's ledger by normalized name (normalizeOrgName), as the activity check looks organizations up. */
export function ledgerByName(organizations: readonly LedgerOrganization[]): Map<string, LedgerOrganization> {
  return new Map(organizations.map((organization) => [normalizeOrgName(organization.orgName), organization]));
}

/**
 * An activity's identity in the unit's activity ledger: its organization, day and title (normalized). The
 * same activity uploaded again is the same row; one with another kind or 人次 is a change of it.
 */
export function activityKey(activity: Pick<Activity, 'orgKey' | 'heldOn' | 'title'>): string {
  return hash64(JSON.stringify([activity.orgKey, activity.heldOn, normalizeOrgName(activity.title)]));
}

/** What an upload compares to tell a changed activity from an unchanged one. */
export function activityContentHash(activity: Omit<Activity, 'row'>): string {
  return hash64(
    JSON.stringify([
      activity.orgName,
      chineseDate(activity.heldOn),
      activity.title,
      activity.kind,
      activity.served,
      activity.partners,
      activity.note,
    ]),
  );
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return normalizeText(String(value)).trim();
}

/** A list cell: items split on 、 , ， ; ； or new lines, each once. */
export function listCell(value: unknown): string[] {
  return [
    ...new Set(
      text(value)
        .split(/[、,，;；\n]+/u)
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    ),
  ];
}

/** Headers as a person may write them: spaces, full-width brackets and line breaks do not matter. */
function headerKey(value: unknown): string {
  return text(value).replace(/\s+/gu, '').replace(/（/gu, '(').replace(/）/gu, ')');
}

const HEADER_LOOKUP = new Map<string, ActivityColumnKey>(
  ACTIVITY_COLUMNS.flatMap((column) =>
    [column.header, ...column.aliases].map((name) => [headerKey(name), column.key] as const),
  ),
);

/** A read activity sheet: its rows, sheet-level problems, and where each column is. */
export interface ActivitySheetReading {
  rows: ActivitySheetRow[];
  /** Sheet-level problems (a required column missing): nothing can be sent while one remains. */
  diagnostics: Diagnostic[];
  /** The header row's sheet row number. */
  headerRow: number;
  /** Each column's 0-based offset from the first value column (for marking cells). */
  columnIndex: Map<ActivityColumnKey, number>;
}

function problem(
  row: number | null,
  header: string | null,
  code: string,
  message: string,
  messageEn: string,
  severity: 'error' | 'warning' = 'error',
): Diagnostic {
  return { row, column: null, header, severity, code, message, messageEn };
}

/**
 * Reads an activity sheet: `values` are its cells from sheet row `firstRow`. The header is the first row
 * among the first 20 holding the required headers (or their aliases); blank rows are skipped. Returns null
 * when no such row is found (not an activity sheet).
 */
export function readActivitySheet(
  values: readonly (readonly unknown[])[],
  firstRow = 1,
): ActivitySheetReading | null {
  const required = ACTIVITY_COLUMNS.filter((column) => column.required);
  for (let index = 0; index < Math.min(20, values.length); index++) {
    const columnIndex = new Map<ActivityColumnKey, number>();
    (values[index] ?? []).forEach((cell, offset) => {
      const key = HEADER_LOOKUP.get(headerKey(cell));
      if (key && !columnIndex.has(key)) columnIndex.set(key, offset);
    });
    // The organization name and at least two more required headers make it the header row.
    if (!columnIndex.has('orgName') || required.filter((column) => columnIndex.has(column.key)).length < 3)
      continue;
    const headerRow = firstRow + index;
    const diagnostics = required
      .filter((column) => !columnIndex.has(column.key))
      .map((column) =>
        problem(
          headerRow,
          column.header,
          'column.missing',
          `活动台账缺少“${column.header}”列`,
          `The activity sheet has no ${column.headerEn} (${column.header}) column`,
        ),
      );
    const rows: ActivitySheetRow[] = [];
    values.slice(index + 1).forEach((cells, offset) => {
      if (cells.every((value) => text(value) === '')) return;
      const row: ActivitySheetRow = { row: headerRow + 1 + offset, cells: {} };
      for (const [key, at] of columnIndex) {
        const value = cells[at];
        if (value === undefined || value === null || value === '') continue;
        row.cells[key] =
          typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
            ? value
            : String(value);
      }
      rows.push(row);
    });
    return { rows, diagnostics, headerRow, columnIndex };
  }
  return null;
}

/** A checked sheet: the activities that passed and every problem, located by row and header. */
export interface ActivityCheck {
  activities: Activity[];
  diagnostics: Diagnostic[];
}

const MAX_SERVED = 1_000_000;
const EARLIEST_DAY = '2000-01-01';
/** 人次 above this for one activity is asked about (a warning, not refused). */
const LARGE_SERVED = 5_000;

/**
 * Checks a unit's activity rows against its ledger (`organizations` from ledgerByName) and `today`: every
 * required cell, a real day from 2000 not after today, a known kind, a whole number of 人次, and an
 * organization of the unit's ledger that has a League organization (已建团). The same activity (organization,
 * day, title) twice is an error on the second row.
 */
export function checkActivities(
  rows: readonly ActivitySheetRow[],
  context: { today: string; organizations: ReadonlyMap<string, LedgerOrganization> },
): ActivityCheck {
  const activities: Activity[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const problems: Diagnostic[] = [];
    const required = (key: ActivityColumnKey): string => {
      const column = ACTIVITY_COLUMNS.find((each) => each.key === key);
      const value = text(cells[key]);
      if (value === '' && column) {
        problems.push(
          problem(
            row,
            column.header,
            'required',
            `请填写${column.header}`,
            `${column.headerEn} (${column.header}) is required`,
          ),
        );
      }
      return value;
    };

    const orgName = required('orgName');
    let organization: LedgerOrganization | undefined;
    if (orgName !== '') {
      organization = context.organizations.get(normalizeOrgName(orgName));
      if (!organization) {
        problems.push(
          problem(
            row,
            '组织名称',
            'activity.org.unknown',
            `“${orgName}”不在本单位的团建台账中，请填写台账中的组织名称`,
            `“${orgName}” is not an organization of the unit’s ledger`,
          ),
        );
      } else if (!organization.established) {
        problems.push(
          problem(
            row,
            '组织名称',
            'activity.org.noLeague',
            `“${organization.orgName}”在团建台账中尚未建团，活动台账只记已建团组织的活动`,
            `“${organization.orgName}” has no League organization in the ledger yet`,
          ),
        );
      }
    }

    let heldOn = '';
    const rawDay = cells.heldOn;
    if (text(rawDay) === '') required('heldOn');
    else {
      const parsed = parseDateCell(rawDay);
      if (!parsed.ok || !isCalendarDate(parsed.date) || parsed.date < EARLIEST_DAY) {
        problems.push(
          problem(
            row,
            '活动日期',
            'date.invalid',
            `活动日期“${text(rawDay)}”不是有效日期，请写成2026-11-19或2026年11月19日`,
            `Date “${text(rawDay)}” is not a date: write 2026-11-19 or 2026年11月19日`,
          ),
        );
      } else if (parsed.date > context.today) {
        problems.push(
          problem(
            row,
            '活动日期',
            'date.future',
            `活动日期${chineseDate(parsed.date)}晚于今天（${chineseDate(context.today)}）`,
            `Date ${parsed.date} is after today (${context.today})`,
          ),
        );
      } else heldOn = parsed.date;
    }

    const title = required('title');
    if (title.length > 100) {
      problems.push(
        problem(
          row,
          '活动名称',
          'text.tooLong',
          `活动名称超过100字（${title.length}字）`,
          `Title is over 100 characters`,
        ),
      );
    }

    const kindText = required('kind');
    const kind = ACTIVITY_KINDS.find((each) => each === kindText);
    if (kindText !== '' && !kind) {
      problems.push(
        problem(
          row,
          '活动类型',
          'enum.invalid',
          `活动类型“${kindText}”不在可选项中（${ACTIVITY_KINDS.join('、')}）`,
          `Kind “${kindText}” is not one of ${ACTIVITY_KINDS.join(', ')}`,
        ),
      );
    }

    let served = 0;
    if (text(cells.served) === '') required('served');
    else {
      const parsed = parseIntegerCell(cells.served);
      if (parsed === null || parsed < 0 || parsed > MAX_SERVED) {
        problems.push(
          problem(
            row,
            '服务青年人次',
            'integer.invalid',
            `服务青年人次“${text(cells.served)}”应为0或正整数`,
            `Young people served “${text(cells.served)}” must be a whole number from 0`,
          ),
        );
      } else served = parsed;
    }

    if (problems.length === 0 && organization && kind) {
      const activity: Activity = {
        row,
        orgKey: organization.orgKey,
        orgName: organization.orgName,
        heldOn,
        title,
        kind,
        served,
        partners: listCell(cells.partners).map((partner) => partner.slice(0, 100)),
        note: text(cells.note) === '' ? null : text(cells.note).slice(0, 500),
      };
      const key = activityKey(activity);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problems.push(
          problem(
            row,
            '活动名称',
            'activity.duplicate',
            `与第${earlier}行是同一场活动（同一组织、日期和名称）`,
            `The same activity (organization, date and title) as row ${earlier}`,
          ),
        );
      } else {
        seen.set(key, row);
        activities.push(activity);
        if (served > LARGE_SERVED) {
          diagnostics.push(
            problem(
              row,
              '服务青年人次',
              'activity.served.large',
              `一场活动服务青年${served}人次，请核实`,
              `${served} young people served by one activity: please check`,
              'warning',
            ),
          );
        }
      }
    }
    diagnostics.push(...problems);
  }
  return { activities, diagnostics };
}

/** The activity sheet's rows: title, instruction, headers, then the activities given (none: a blank form). */
export function activitySheetRows(
  unitName: string,
  activities: readonly Omit<Activity, 'row' | 'orgKey'>[],
): (string | number | null)[][] {
  const width = ACTIVITY_COLUMNS.length;
  const line = (value: string): (string | null)[] => [value, ...Array<null>(width - 1).fill(null)];
  return [
    line(`${unitName}活动台账`),
    line(ACTIVITY_INSTRUCTION),
    ACTIVITY_COLUMNS.map((column) => column.header),
    ...activities.map((activity) => [
      activity.orgName,
      chineseDate(activity.heldOn),
      activity.title,
      activity.kind,
      activity.served,
      activity.partners.join('、'),
      activity.note,
    ]),
  ];
}

export type ActivityTally = ActivityNews['inMonth'];

/** An activity as the count needs it. */
export type CountedActivity = Pick<Activity, 'orgName' | 'heldOn' | 'title' | 'kind' | 'served'> & {
  unitCode: string;
};

/** How many activities the bulletin names. */
const STANDOUTS = 3;

/**
 * The month's 活动开展 from the units' current activities: per unit (in the units' order) and for the
 * district, in the month and from 1 January to the month's end; the standouts are the month's three most
 * served (then the earlier, then by title). Null when the year has no activity up to the month's end (a
 * district that keeps no activity ledger gets no section).
 */
export function activityNews(
  year: number,
  month: number,
  activities: readonly CountedActivity[],
  units: readonly Pick<Unit, 'code' | 'name'>[],
): ActivityNews | null {
  const monthKey = `${year}-${String(month).padStart(2, '0')}`;
  const first = `${year}-01-01`;
  const tallies = new Map<string, UnitActivityTally>();
  const monthActivities: CountedActivity[] = [];
  for (const activity of activities) {
    if (activity.heldOn < first || activity.heldOn.slice(0, 7) > monthKey) continue;
    const tally = tallies.get(activity.unitCode) ?? {
      unitCode: activity.unitCode,
      inMonth: { activities: 0, served: 0 },
      toDate: { activities: 0, served: 0 },
    };
    tallies.set(activity.unitCode, tally);
    tally.toDate.activities++;
    tally.toDate.served += activity.served;
    if (activity.heldOn.slice(0, 7) === monthKey) {
      tally.inMonth.activities++;
      tally.inMonth.served += activity.served;
      monthActivities.push(activity);
    }
  }
  return activityNewsOf(year, month, [...tallies.values()], monthActivities, units);
}

/** One unit's activities and 人次 in the month and from 1 January to the month's end. */
export interface UnitActivityTally {
  unitCode: string;
  inMonth: ActivityTally;
  toDate: ActivityTally;
}

/** The month's standouts first: most served, then the earlier, then by title and organization (code order). */
export function standoutOrder(a: CountedActivity, b: CountedActivity): number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    b.served - a.served || text(a.heldOn, b.heldOn) || text(a.title, b.title) || text(a.orgName, b.orgName)
  );
}

/**
 * 活动开展 from per-unit tallies and the month's candidates for standouts (the worker sums in SQL; activityNews
 * sums rows): the units in their order, the district's totals over them, the three most served (of known units).
 * Null when no unit has an activity in the year to the month's end.
 */
export function activityNewsOf(
  year: number,
  month: number,
  tallies: readonly UnitActivityTally[],
  monthActivities: readonly CountedActivity[],
  units: readonly Pick<Unit, 'code' | 'name'>[],
): ActivityNews | null {
  const byUnit = new Map(tallies.map((tally) => [tally.unitCode, tally]));
  const perUnit = units.map((unit) => {
    const tally = byUnit.get(unit.code);
    return {
      unitCode: unit.code,
      unitName: unit.name,
      inMonth: { ...(tally?.inMonth ?? { activities: 0, served: 0 }) },
      toDate: { ...(tally?.toDate ?? { activities: 0, served: 0 }) },
    };
  });
  const sum = (pick: (unit: (typeof perUnit)[number]) => ActivityTally): ActivityTally => ({
    activities: perUnit.reduce((total, unit) => total + pick(unit).activities, 0),
    served: perUnit.reduce((total, unit) => total + pick(unit).served, 0),
  });
  const toDate = sum((unit) => unit.toDate);
  if (toDate.activities === 0) return null;
  const name = new Map(units.map((unit) => [unit.code, unit.name]));
  // Sorted on a copy (old webviews have no toSorted).
  const standouts = monthActivities
    .filter((activity) => name.has(activity.unitCode))
    .sort(standoutOrder)
    .slice(0, STANDOUTS)
    .map((activity) => ({
      unitCode: activity.unitCode,
      unitName: name.get(activity.unitCode) ?? activity.unitCode,
      orgName: activity.orgName,
      heldOn: activity.heldOn,
      title: activity.title,
      kind: activity.kind,
      served: activity.served,
    }));
  return { year, month, inMonth: sum((unit) => unit.inMonth), toDate, units: perUnit, standouts };
}

/** How many standouts a month names (the worker reads a few more candidates than that). */
export const ACTIVITY_STANDOUTS = STANDOUTS;

function monthDay(isoDate: string): string {
  const [, month, day] = isoDate.split('-').map(Number);
  return `${month}月${day}日`;
}

/**
 * The bulletin's 活动开展 sentence (SPEC §9): the month named, the district's activities and 人次 in the
 * month and to date, the standouts by unit, day and title (a bulletin names units, never an organization: it
 * is read and shared beyond the committee), and the units that reported none in the month (named as the
 * house style lists units).
 */
export function activityNewsSentence(news: ActivityNews): string {
  const month = `${news.month}月份`;
  const parts: string[] = [];
  parts.push(
    news.inMonth.activities === 0
      ? `${month}各单位未报送青年社会组织团组织开展的活动`
      : `${month}全区青年社会组织团组织开展活动${news.inMonth.activities}场、服务青年${news.inMonth.served}人次`,
  );
  parts.push(`今年以来累计开展活动${news.toDate.activities}场、服务青年${news.toDate.served}人次`);
  const sentences = [`${parts.join('；')}。`];
  if (news.standouts.length > 0) {
    const named = news.standouts.map(
      (activity) =>
        `${activity.unitName}${monthDay(activity.heldOn)}开展的“${activity.title}”（服务青年${activity.served}人次）`,
    );
    sentences.push(`其中，${named.join('，')}较为突出。`);
  }
  const none = news.units.filter((unit) => unit.inMonth.activities === 0).map((unit) => unit.unitName);
  if (news.inMonth.activities > 0 && none.length > 0) {
    sentences.push(`${unitList(none)}${month}未报送活动，请及时更新活动台账。`);
  }
  return sentences.join('');
}

/** The 活动开展 table: every unit's activities and 人次 in the month and to date, then the district's. */
export function activityNewsTable(news: ActivityNews): BulletinTable {
  return {
    headers: ['单位', '本月活动（场）', '本月服务青年（人次）', '累计活动（场）', '累计服务青年（人次）'],
    rows: [
      ...news.units.map((unit) => [
        unit.unitName,
        unit.inMonth.activities,
        unit.inMonth.served,
        unit.toDate.activities,
        unit.toDate.served,
      ]),
      ['全区合计', news.inMonth.activities, news.inMonth.served, news.toDate.activities, news.toDate.served],
    ],
  };
}

/** POST /activities/uploads: a unit's whole activity sheet, as read. */
export const ActivityUploadRequestSchema = z.object({
  unitCode: z.string(),
  rows: z.array(ActivitySheetRowSchema).max(MAX_ACTIVITY_ROWS),
  source: UploadSourceSchema.optional(),
  /** How many activities the sender expects this upload to remove (the dry run's figure); required when any. */
  expectRemoved: z.number().int().min(0).optional(),
  /** The activity ledger's version the dry run saw: a moved ledger refuses the upload (409 ledger_changed). */
  baseVersion: z.number().int().min(0).optional(),
});
export type ActivityUploadRequest = z.infer<typeof ActivityUploadRequestSchema>;

/** An activity of the ledger as the API lists it: the checked activity with its unit. */
export const LedgerActivitySchema = ActivitySchema.extend({ unitCode: z.string() });
export type LedgerActivity = z.infer<typeof LedgerActivitySchema>;

/** What an upload changes: activities added and removed whole, changed ones before → after. */
export const ActivityDiffSchema = z.object({
  added: z.array(LedgerActivitySchema),
  changed: z.array(z.object({ before: LedgerActivitySchema, after: LedgerActivitySchema })),
  removed: z.array(LedgerActivitySchema),
  unchanged: z.number().int().min(0),
});
export type ActivityDiff = z.infer<typeof ActivityDiffSchema>;

export const ActivityUploadResponseSchema = z.object({
  uploadId: z.string().nullable(),
  dryRun: z.boolean(),
  /** True when this sheet (same Idempotency-Key, or the same activities) was already applied. */
  replayed: z.boolean(),
  unitCode: z.string(),
  rowCount: z.number().int(),
  /** The unit's activity ledger version: after the upload, or (dry run) the one the diff is against. */
  version: z.number().int(),
  baseVersion: z.number().int(),
  restoredFrom: z.string().nullable(),
  diff: ActivityDiffSchema,
  warnings: z.array(DiagnosticSchema),
});
export type ActivityUploadResponse = z.infer<typeof ActivityUploadResponseSchema>;

/** One activity upload as history lists it. */
export const ActivityUploadRecordSchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  version: z.number().int(),
  baseVersion: z.number().int(),
  source: UploadSourceSchema,
  createdAt: z.string(),
  rowCount: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  warningCount: z.number().int(),
  restoredFrom: z.string().nullable(),
  /** The label of the token that made it; null when the token is gone. */
  uploadedBy: z.string().nullable(),
});
export type ActivityUploadRecord = z.infer<typeof ActivityUploadRecordSchema>;

/** GET /activities: a unit's current activity ledger (its version names the next upload's base). */
export const ActivityLedgerSchema = z.object({
  unitCode: z.string(),
  version: z.number().int(),
  activities: z.array(LedgerActivitySchema),
});
export type ActivityLedger = z.infer<typeof ActivityLedgerSchema>;
