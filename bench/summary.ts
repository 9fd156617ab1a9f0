// The live summary and bulletin of the 20,000-organization district: HTTP latency against one raw SQLite query.
import {
  BulletinSchema,
  CheckResultSchema,
  LeagueOrgTypeSchema,
  type LedgerRecord,
  ModeSchema,
  OrgTypeSchema,
  renderBulletin,
  StatusSchema,
  type SummaryResponse,
  SummarySchema,
  summarize,
} from '@tuanjian/shared';
import { type Api, field } from './api';
import type { SeededDistrict } from './district';
import type { RawLedgerDb } from './raw-sqlite';
import { median, quantile, timeSync } from './stats';

export interface LatencyFigure {
  label: string;
  samples: number;
  p50: number;
  p95: number;
  /** Response size in bytes. */
  bytes: number;
  samplesMs: number[];
}

export interface SummaryStages {
  /** The worker's SELECT of every organization, in node:sqlite. */
  selectRowsMs: number;
  /** Row → record mapping with the enum columns re-parsed by zod (worker/src/db/ledger.ts toRecord). */
  mapRecordsMs: number;
  summarizeMs: number;
  renderBulletinMs: number;
  /** JSON.stringify of { summary, bulletin }. */
  serializeMs: number;
}

export interface SummaryFigures {
  organizations: number;
  units: number;
  /** Warm: repeated reads with no write in between (the counted summary is reused). */
  json: LatencyFigure;
  /** Cold: the first read after a write, which recounts. */
  cold: LatencyFigure;
  html: LatencyFigure;
  publish: LatencyFigure;
  raw: LatencyFigure;
  /** GET /units: auth plus one small D1 read — about what a cached summary would cost. */
  reference: LatencyFigure;
  /** json.p50 / raw.p50. */
  ratio: number;
  /** Units whose counted / new / established / organizations / rank agree between the API and the raw query. */
  agreeing: number;
  mismatches: string[];
  stages: SummaryStages;
  /** The live figures and bulletin as the API answered them (the Office.js bench writes them). */
  figures: SummaryResponse;
}

const LATE_AFTER_DAY = 5;
/** The Node replay is noisy (garbage collection): a median of this many runs. */
const STAGE_REPEATS = 9;

export async function latency(
  label: string,
  warmups: number,
  samples: number,
  run: () => Promise<{ ms: number; bytes: number }>,
) {
  for (let i = 0; i < warmups; i++) await run();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < samples; i++) {
    const answer = await run();
    times.push(answer.ms);
    bytes = answer.bytes;
  }
  return { label, samples, p50: median(times), p95: quantile(times, 0.95), bytes, samplesMs: times };
}

/** worker/src/db/ledger.ts toRecord, over node:sqlite rows. */
function toRecord(row: Record<string, unknown>): LedgerRecord & { orgKey: string } {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    orgKey: String(row.org_key),
    row: Number(row.row_no),
    orgName: String(row.org_name),
    creditCode: text(row.credit_code),
    orgType: OrgTypeSchema.parse(row.org_type),
    unitCode: String(row.unit_code),
    youthCount: Number(row.youth_count),
    memberCount: Number(row.member_count),
    status: StatusSchema.parse(row.status),
    establishedOn: text(row.established_on),
    mode: row.mode === null ? null : ModeSchema.parse(row.mode),
    leagueOrgType: row.league_org_type === null ? null : LeagueOrgTypeSchema.parse(row.league_org_type),
    secretary: text(row.secretary),
    phone: text(row.phone),
    hasPartyOrg: row.has_party_org === null ? null : Number(row.has_party_org) === 1,
    checkedOn: text(row.checked_on),
    checkResult: row.check_result === null ? null : CheckResultSchema.parse(row.check_result),
    note: text(row.note),
    firstReportedAt: String(row.first_reported_at),
  };
}

/** What the worker does per summary request apart from D1 and HTTP, timed stage by stage in Node. */
function stages(seeded: SeededDistrict, raw: RawLedgerDb, today: string): SummaryStages {
  const { district, period } = seeded;
  const runs: SummaryStages[] = [];
  for (let repeat = 0; repeat < STAGE_REPEATS; repeat++) {
    const rows = timeSync(() => raw.districtRows());
    const records = timeSync(() => rows.value.map(toRecord));
    const summary = timeSync(() =>
      summarize(records.value, {
        district: district.district,
        units: district.units,
        quotas: district.quotas,
        year: period.year,
        month: period.month,
        today,
        subsidy: district.subsidy,
        uploads: district.units.map((unit) => ({
          unitCode: unit.code,
          reportYear: period.year,
          reportMonth: period.month,
          uploadedAt: seeded.uploadedAt,
        })),
        lateAfterDay: LATE_AFTER_DAY,
      }),
    );
    const bulletin = timeSync(() =>
      renderBulletin(summary.value, { issueNumber: null, date: today, issuer: '共青团浦东新区委员会' }),
    );
    const serialized = timeSync(() => JSON.stringify({ summary: summary.value, bulletin: bulletin.value }));
    runs.push({
      selectRowsMs: rows.ms,
      mapRecordsMs: records.ms,
      summarizeMs: summary.ms,
      renderBulletinMs: bulletin.ms,
      serializeMs: serialized.ms,
    });
  }
  const pick = (key: keyof SummaryStages) => median(runs.map((run) => run[key]));
  return {
    selectRowsMs: pick('selectRowsMs'),
    mapRecordsMs: pick('mapRecordsMs'),
    summarizeMs: pick('summarizeMs'),
    renderBulletinMs: pick('renderBulletinMs'),
    serializeMs: pick('serializeMs'),
  };
}

export async function benchSummary(
  api: Api,
  seeded: SeededDistrict,
  raw: RawLedgerDb,
  today: string,
  samples: { json: number; html: number; publish: number; raw: number; reference: number },
): Promise<SummaryFigures> {
  const { year, month } = seeded.period;
  const query = `/summary?year=${year}&month=${month}`;
  const reader = seeded.readerToken;
  const get = async (path: string) => {
    const answer = await api.ok('GET', path, undefined, reader);
    return { ms: answer.ms, bytes: answer.bytes };
  };
  const json = await latency('GET /summary (JSON: summary + bulletin)', 3, samples.json, () => get(query));
  // The first read after a write recounts: bump the data version with a no-op unit update, then time the read.
  const firstUnit = seeded.district.units[0]?.code;
  if (!firstUnit) throw new Error('the bench district has no units');
  const cold = await latency('GET /summary right after a write (recount)', 1, samples.html, async () => {
    await api.ok('PATCH', `/units/${encodeURIComponent(firstUnit)}`, { active: true });
    return get(query);
  });
  const html = await latency('GET /summary?format=html (printable bulletin)', 1, samples.html, () =>
    get(`${query}&format=html`),
  );
  // One issue per month: the first publish, then corrections that each name the issue before.
  let latestIssue: number | null = null;
  const publish = await latency(
    'POST /bulletins (the issue, then corrections)',
    0,
    samples.publish,
    async () => {
      const body =
        latestIssue === null
          ? { year, month }
          : { year, month, correction: { corrects: latestIssue, reason: '基准测试：更正' } };
      const answer = await api.ok('POST', '/bulletins', body);
      const issueNumber = field(answer.body, 'issueNumber');
      latestIssue = typeof issueNumber === 'number' ? issueNumber : null;
      return { ms: answer.ms, bytes: answer.bytes };
    },
  );
  const reference = await latency(
    'reference: GET /units (auth + one 40-row D1 read)',
    2,
    samples.reference,
    () => get('/units'),
  );
  const rawFigure = await latency(
    'raw SQLite: the same aggregation as one query',
    2,
    samples.raw,
    async () => {
      const run = timeSync(() => raw.summary(seeded.period, LATE_AFTER_DAY));
      return { ms: run.ms, bytes: 0 };
    },
  );

  const body = (await api.ok('GET', query, undefined, reader)).body;
  const answer = {
    summary: SummarySchema.parse(field(body, 'summary')),
    bulletin: BulletinSchema.parse(field(body, 'bulletin')),
  };
  const rawUnits = new Map(raw.summary(seeded.period, LATE_AFTER_DAY).map((row) => [row.code, row]));
  const mismatches: string[] = [];
  for (const unit of answer.summary.units) {
    const other = rawUnits.get(unit.unitCode);
    const fromApi = [unit.counted, unit.newThisMonth, unit.established, unit.organizations, unit.rank];
    const fromSql = other
      ? [other.counted, other.newThisMonth, other.established, other.organizations, other.rank]
      : [];
    if (JSON.stringify(fromApi) !== JSON.stringify(fromSql))
      mismatches.push(`${unit.unitCode}: api ${JSON.stringify(fromApi)} sql ${JSON.stringify(fromSql)}`);
  }
  return {
    organizations: answer.summary.totals.organizations,
    units: answer.summary.units.length,
    json,
    cold,
    html,
    publish,
    raw: rawFigure,
    reference,
    ratio: json.p50 / rawFigure.p50,
    agreeing: answer.summary.units.length - mismatches.length,
    mismatches,
    stages: stages(seeded, raw, today),
    figures: answer,
  };
}
