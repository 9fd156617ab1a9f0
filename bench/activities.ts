// 活动台账 for one unit of the bench district (issue 15): a 5,000-row activity sheet through
// POST /activities/uploads with the unit's own token — its dry run, its upload, the same sheet again (a
// replay) and the sheet with 100 rows changed — each timed end to end (request sent → whole answer read).
import {
  ACTIVITY_KINDS,
  type ActivitySheetRow,
  ActivityUploadResponseSchema,
  activitySheetRows,
  readActivitySheet,
  type TrackingRecord,
  type Unit,
} from '@tuanjian/shared';
import { type Api, field } from './api';
import type { BenchPeriod } from './data';
import type { SeededDistrict } from './district';
import { median, quantile } from './stats';
import type { LatencyFigure } from './summary';

/** Rows of the bench's activity sheet, and how many of them the monthly re-upload changes. */
export const ACTIVITY_ROWS = 5_000;
export const ACTIVITY_CHANGED_ROWS = 100;

export interface ActivityFigures {
  unitCode: string;
  unitName: string;
  rows: number;
  /** The unit's 已建团 organizations the rows are spread over. */
  organizations: number;
  /** Bytes of the upload's request body. */
  requestBytes: number;
  changedRows: number;
  /** Activities the upload added, the replay answered as replayed, the change reported changed (last sample). */
  added: number;
  replayed: boolean;
  changed: number;
  dryRun: LatencyFigure;
  upload: LatencyFigure;
  replay: LatencyFigure;
  reupload: LatencyFigure;
}

const TITLES = [
  '社区青年志愿服务日',
  '青年联谊交友会',
  '青年就业招聘会',
  '团员骨干培训班',
  '爱心义卖公益集市',
  '主题团日活动',
  '青年读书分享会',
  '为老服务助餐志愿行动',
] as const;

const DAY_MS = 86_400_000;
const isoToUtc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const utcToIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The bench unit: the district unit with the most 已建团 organizations, leaving out the first two (the
 * fair-share figure floods dry runs with their tokens, and the dry-run rate limit counts per token).
 */
export function activityUnit(district: SeededDistrict['district']): Unit {
  const established = (unit: Unit) =>
    district.records.filter((record) => record.unitCode === unit.code && record.status === '已建团').length;
  const [best] = district.units.slice(2).sort((a, b) => established(b) - established(a));
  if (!best) throw new Error('the bench district has fewer than three units');
  return best;
}

/**
 * A unit's activity sheet of `count` rows, deterministic: its 已建团 organizations in turn, each activity
 * on a day after the organization's 建团时间 and not after the period's end, every kind, 10–150 人次, some
 * partners and notes; the title numbers an organization's activities so no two rows are the same
 * activity. `changed` rows (every count/changed-th) get one more 人次. Read back by the shared reader.
 */
export function activityRows(
  records: readonly TrackingRecord[],
  unit: Unit,
  period: BenchPeriod,
  count: number,
  changed = 0,
): { rows: ActivitySheetRow[]; organizations: number } {
  const yearStart = isoToUtc(`${period.year}-01-01`);
  const end = Date.UTC(period.year, period.month, 0);
  const organizations = records
    .filter((record) => record.unitCode === unit.code && record.status === '已建团')
    .flatMap((record) => {
      const from = Math.max(yearStart, isoToUtc(record.establishedOn ?? `${period.year}-01-01`) + DAY_MS);
      return from > end ? [] : [{ orgName: record.orgName, from, days: (end - from) / DAY_MS + 1 }];
    });
  if (organizations.length === 0)
    throw new Error(`${unit.code} has no 已建团 organization before the period end`);
  const every = changed > 0 ? Math.floor(count / changed) : 0;
  const activities = Array.from({ length: count }, (_, index) => {
    const organization = organizations[index % organizations.length];
    if (!organization) throw new Error('organization index out of range');
    const nth = Math.floor(index / organizations.length) + 1;
    const served = 10 + ((index * 37) % 141) + (every > 0 && index % every === 0 ? 1 : 0);
    return {
      orgName: organization.orgName,
      heldOn: utcToIso(organization.from + ((index * 7_919) % organization.days) * DAY_MS),
      title: `${TITLES[index % TITLES.length]}（第${nth}场）`,
      kind: ACTIVITY_KINDS[index % ACTIVITY_KINDS.length] ?? '其他',
      served,
      partners: index % 4 === 0 ? ['浦东新区志愿者协会'] : [],
      note: index % 10 === 0 ? '线上线下同步开展' : null,
    };
  });
  const sheet = readActivitySheet(activitySheetRows(unit.name, activities));
  if (!sheet || sheet.rows.length !== count) throw new Error('the bench activity sheet did not read back');
  return { rows: sheet.rows, organizations: organizations.length };
}

/**
 * Each repeat starts from an empty activity ledger (the previous repeat's activities removed by an upload of
 * no rows, untimed) and times: the dry run of the sheet (all rows new), its upload (baseVersion from the dry
 * run), the same sheet again (answered as a replay), and the sheet with 100 rows changed. The first repeat
 * warms up and is not counted. The unit is left with the changed sheet (the assessment then counts it).
 */
export async function benchActivities(
  api: Api,
  seeded: SeededDistrict,
  samples: number,
): Promise<ActivityFigures> {
  const { district, period } = seeded;
  const unit = activityUnit(district);
  const token = seeded.unitTokens.get(unit.code);
  if (!token) throw new Error(`no token for ${unit.code}`);
  const sheet = activityRows(district.records, unit, period, ACTIVITY_ROWS);
  const edited = activityRows(district.records, unit, period, ACTIVITY_ROWS, ACTIVITY_CHANGED_ROWS);
  const body = (rows: ActivitySheetRow[], extra: Record<string, number> = {}) =>
    JSON.stringify({ unitCode: unit.code, rows, source: 'api', ...extra });
  const post = async (dryRun: boolean, json: string) => {
    const answer = await api.ok('POST', `/activities/uploads?dryRun=${dryRun}`, json, token);
    return { ...answer, response: ActivityUploadResponseSchema.parse(answer.body) };
  };
  const dryRunBody = body(sheet.rows);

  const times = {
    dryRun: [] as number[],
    upload: [] as number[],
    replay: [] as number[],
    reupload: [] as number[],
  };
  const bytes = { dryRun: 0, upload: 0, replay: 0, reupload: 0 };
  let last = { added: 0, replayed: false, changed: 0 };
  for (let repeat = 0; repeat <= samples; repeat++) {
    const current = await api.ok(
      'GET',
      `/activities?unitCode=${encodeURIComponent(unit.code)}`,
      undefined,
      token,
    );
    const held = field(current.body, 'activities');
    if (Array.isArray(held) && held.length > 0) await post(false, body([], { expectRemoved: held.length }));

    const dry = await post(true, dryRunBody);
    if (dry.response.diff.added.length !== ACTIVITY_ROWS)
      throw new Error(`the activity dry run added ${dry.response.diff.added.length}, not ${ACTIVITY_ROWS}`);
    const upload = await post(false, body(sheet.rows, { baseVersion: dry.response.version }));
    const replay = await post(false, body(sheet.rows));
    if (!replay.response.replayed)
      throw new Error('the unchanged activity sheet was not answered as a replay');
    const reupload = await post(false, body(edited.rows));
    if (reupload.response.diff.changed.length !== ACTIVITY_CHANGED_ROWS)
      throw new Error(
        `the edited activity sheet changed ${reupload.response.diff.changed.length} activities`,
      );
    last = {
      added: upload.response.diff.added.length,
      replayed: replay.response.replayed,
      changed: reupload.response.diff.changed.length,
    };
    if (repeat === 0) continue;
    times.dryRun.push(dry.ms);
    times.upload.push(upload.ms);
    times.replay.push(replay.ms);
    times.reupload.push(reupload.ms);
    Object.assign(bytes, {
      dryRun: dry.bytes,
      upload: upload.bytes,
      replay: replay.bytes,
      reupload: reupload.bytes,
    });
  }
  const figure = (label: string, key: keyof typeof times): LatencyFigure => ({
    label,
    samples: times[key].length,
    p50: median(times[key]),
    p95: quantile(times[key], 0.95),
    bytes: bytes[key],
    samplesMs: times[key],
  });
  const rows = ACTIVITY_ROWS.toLocaleString('en-US');
  return {
    unitCode: unit.code,
    unitName: unit.name,
    rows: ACTIVITY_ROWS,
    organizations: sheet.organizations,
    requestBytes: Buffer.byteLength(body(sheet.rows)),
    changedRows: ACTIVITY_CHANGED_ROWS,
    ...last,
    dryRun: figure(`dry run, ${rows} rows (all new)`, 'dryRun'),
    upload: figure(`upload, ${rows} rows (all new)`, 'upload'),
    replay: figure('the same sheet again (replayed)', 'replay'),
    reupload: figure(`re-upload, ${ACTIVITY_CHANGED_ROWS} rows changed`, 'reupload'),
  };
}
