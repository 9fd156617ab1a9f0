// Whole-ledger uploads through the HTTP API, end to end, against raw SQLite writing the same rows.
import { createHash } from 'node:crypto';
import {
  fingerprint,
  normalizeOrgName,
  orgKey,
  type SheetRow,
  type TrackingRecord,
  type Unit,
  UploadRequestSchema,
  validateRows,
} from '@tuanjian/shared';
import { type Api, field } from './api';
import { type BenchPeriod, type LedgerFactory, uploadRows } from './data';
import type { RawLedgerDb } from './raw-sqlite';
import { median, timeAsync, timeSync } from './stats';

export interface UploadFigure {
  rows: number;
  repeats: number;
  /** Median ms, request sent → answer read, of a ledger of `rows` organizations the unit never sent before. */
  firstMs: number;
  /** Median ms of sending the same ledger again with one 备注 changed (the monthly re-upload). */
  reuploadMs: number;
  rowsPerSecond: number;
  /**
   * Median ms of raw SQLite doing the same versioned write in one transaction (read the open versions'
   * fingerprints, close what changed or went, open what is new or changed, recount the unit's tallies).
   */
  rawFirstMs: number;
  rawReuploadMs: number;
  /** Versions the worker wrote (opened + closed), from its answer: all rows new, and the one-change re-upload. */
  firstWritten: number;
  reuploadWritten: number;
  /** The same for the raw baseline. */
  rawReuploadWritten: number;
  /** firstMs / rawFirstMs. */
  ratio: number;
  reuploadRatio: number;
  requestBytes: number;
  /** The first upload's answer lists every added organization. */
  responseBytes: number;
  /**
   * The monthly re-upload as the add-in and the refresh command make it (ApiClient.upload, a new client):
   * the dry run (GET /ledger/fingerprints, then the patch: only the changed row, the rest by version),
   * then the upload of the same patch. Medians, each call whole.
   */
  patchDryRunMs: number;
  patchUploadMs: number;
  /** Versions the patch upload wrote, and the bytes of its request body (the whole sheet: requestBytes). */
  patchWritten: number;
  patchRequestBytes: number;
  /** The requests the dry run and the upload made, in order. */
  patchRequests: string[];
  /** patchUploadMs / rawReuploadMs: the writing request against raw SQLite doing the same diff write. */
  patchRatio: number;
  samplesMs: {
    first: number[];
    reupload: number[];
    rawFirst: number[];
    rawReupload: number[];
    patchDryRun: number[];
    patchUpload: number[];
  };
}

/** The worker's per-upload work apart from D1 and HTTP, in Node, for one ledger size. */
export interface UploadStages {
  rows: number;
  parseJsonMs: number;
  requestSchemaMs: number;
  /** The other units' organizations with the ledger's names (the cross-unit duplicate check), in node:sqlite. */
  otherUnitKeysMs: number;
  validateMs: number;
  contentHashMs: number;
  /** JSON.stringify of the answer, which the worker does twice (stored in uploads.response_json, and sent). */
  serializeAnswerMs: number;
  answerBytes: number;
}

const STAGE_REPEATS = 5;

function label(rows: number): string {
  return rows >= 1000 ? `${rows / 1000}K` : String(rows);
}

function uploadBody(unitCode: string, rows: SheetRow[], period: BenchPeriod, expectRemoved = 0): string {
  return JSON.stringify({
    unitCode,
    rows,
    reportYear: period.year,
    reportMonth: period.month,
    expectRemoved,
  });
}

/** The ledger with its first row's 备注 changed: one organization changed, the rest as before. */
function withEditedNote(records: TrackingRecord[], edit: number): TrackingRecord[] {
  const [first, ...rest] = records;
  return first ? [{ ...first, note: `基准测试第${edit}次修改` }, ...rest] : records;
}

async function benchUnit(api: Api, raw: RawLedgerDb, rows: number): Promise<{ unit: Unit; token: string }> {
  const unit: Unit = {
    code: `BENCH${label(rows)}`,
    name: `基准测试${label(rows)}单位`,
    kind: '其他',
    active: true,
  };
  await api.ok('POST', '/units', unit);
  const answer = await api.ok('POST', '/tokens', {
    role: 'unit',
    unitCode: unit.code,
    label: 'bench upload',
  });
  const token = field(answer.body, 'token');
  if (typeof token !== 'string') throw new Error('POST /tokens answered without a token');
  raw.addUnits([unit], new Date().toISOString());
  return { unit, token };
}

/** Versions an answer says were written: each added and changed organization opened, each changed and removed closed. */
function versionsWritten(diff: unknown): number {
  const count = (key: string) => {
    const list = field(diff, key);
    return Array.isArray(list) ? list.length : 0;
  };
  return count('added') + 2 * count('changed') + count('removed');
}

async function timedUpload(api: Api, token: string, body: string, rows: number, changed: number) {
  const answer = await api.call('POST', '/uploads', body, token);
  const diff = field(answer.body, 'diff');
  const warnings = field(answer.body, 'warnings');
  if (answer.status !== 201 || field(answer.body, 'rowCount') !== rows)
    throw new Error(
      `upload of ${rows} rows → ${answer.status}: ${JSON.stringify(answer.body).slice(0, 400)}`,
    );
  if (Array.isArray(warnings) && warnings.length > 0)
    throw new Error(
      `upload of ${rows} rows gave ${warnings.length} warnings: the bench rows should be clean`,
    );
  const changes = field(diff, 'changed');
  if (changed > 0 && (!Array.isArray(changes) || changes.length !== changed))
    throw new Error(`re-upload of ${rows} rows did not report ${changed} changed organization(s)`);
  return answer;
}

/**
 * Per size, one bench unit, and per repeat: a ledger of new organizations (all added), the same ledger
 * again with one 备注 changed, then back to a one-row ledger (not timed) — so every repeat starts from the
 * same database: the district plus one row per bench unit.
 */
export async function benchUploads(
  api: Api,
  raw: RawLedgerDb,
  factory: LedgerFactory,
  districtUnits: Unit[],
  period: BenchPeriod,
  sizes: readonly { rows: number; repeats: number }[],
): Promise<UploadFigure[]> {
  const figures: UploadFigure[] = [];
  let edits = 0;
  for (const { rows, repeats } of sizes) {
    const { unit, token } = await benchUnit(api, raw, rows);
    const units = [...districtUnits, unit];
    const oneRow = factory.ledger(1, unit);
    const oneRowRows = uploadRows(oneRow, units);
    const reset = async (removing: number) => {
      await api.ok('POST', '/uploads', uploadBody(unit.code, oneRowRows, period, removing), token);
      raw.writeLedger(unit.code, oneRow, new Date().toISOString());
    };
    await reset(0);
    const samples = {
      first: [] as number[],
      reupload: [] as number[],
      rawFirst: [] as number[],
      rawReupload: [] as number[],
      patchDryRun: [] as number[],
      patchUpload: [] as number[],
    };
    let patchWritten = 0;
    let patchRequestBytes = 0;
    let patchRequests: string[] = [];
    let requestBytes = 0;
    let responseBytes = 0;
    let firstWritten = 0;
    let reuploadWritten = 0;
    let rawReuploadWritten = 0;
    for (let repeat = 0; repeat < repeats; repeat++) {
      const records = factory.ledger(rows, unit);
      // The one-row ledger the unit had goes: the upload confirms that one removal.
      const firstBody = uploadBody(unit.code, uploadRows(records, units), period, 1);
      const edited = withEditedNote(records, ++edits);
      const editedBody = uploadBody(unit.code, uploadRows(edited, units), period);
      requestBytes = Buffer.byteLength(firstBody);

      const first = await timedUpload(api, token, firstBody, rows, 0);
      samples.first.push(first.ms);
      responseBytes = first.bytes;
      firstWritten = versionsWritten(field(first.body, 'diff'));
      samples.rawFirst.push(timeSync(() => raw.writeLedger(unit.code, records, new Date().toISOString())).ms);

      const reupload = await timedUpload(api, token, editedBody, rows, 1);
      samples.reupload.push(reupload.ms);
      reuploadWritten = versionsWritten(field(reupload.body, 'diff'));
      const rawReupload = timeSync(() => raw.writeLedger(unit.code, edited, new Date().toISOString()));
      samples.rawReupload.push(rawReupload.ms);
      rawReuploadWritten = rawReupload.value;

      // The next month's re-upload, as a client makes it: dry run, then upload, each sending the patch.
      const again = uploadRows(withEditedNote(records, ++edits), units);
      const session = api.uploader(token);
      const request = {
        unitCode: unit.code,
        rows: again,
        reportYear: period.year,
        reportMonth: period.month,
      };
      const dryRun = await session.upload(request, { dryRun: true });
      const applied = await session.upload(
        { ...request, expectRemoved: 0, baseVersion: dryRun.response.ledgerVersion },
        { dryRun: false },
      );
      if (applied.response.diff.changed.length !== 1 || applied.response.rowCount !== rows)
        throw new Error(`the patched re-upload of ${rows} rows did not change one organization`);
      samples.patchDryRun.push(dryRun.ms);
      samples.patchUpload.push(applied.ms);
      patchWritten = versionsWritten(applied.response.diff);
      const calls = [...dryRun.requests, ...applied.requests];
      patchRequests = calls.map((call) => call.request.replace(/\?unitCode=.*$/, ''));
      patchRequestBytes = applied.requests.at(-1)?.sentBytes ?? 0;
      raw.writeLedger(unit.code, withEditedNote(records, edits), new Date().toISOString());
      await reset(rows);
    }
    const firstMs = median(samples.first);
    const reuploadMs = median(samples.reupload);
    const rawFirstMs = median(samples.rawFirst);
    const rawReuploadMs = median(samples.rawReupload);
    figures.push({
      rows,
      repeats,
      firstMs,
      reuploadMs,
      rowsPerSecond: rows / (firstMs / 1000),
      rawFirstMs,
      rawReuploadMs,
      ratio: firstMs / rawFirstMs,
      reuploadRatio: reuploadMs / rawReuploadMs,
      firstWritten,
      reuploadWritten,
      rawReuploadWritten,
      requestBytes,
      responseBytes,
      patchDryRunMs: median(samples.patchDryRun),
      patchUploadMs: median(samples.patchUpload),
      patchWritten,
      patchRequestBytes,
      patchRequests,
      patchRatio: median(samples.patchUpload) / rawReuploadMs,
      samplesMs: samples,
    });
  }
  return figures;
}

/** Times, in Node, the CPU work the worker does for one upload of `rows` rows, stage by stage. */
export async function uploadStages(
  raw: RawLedgerDb,
  factory: LedgerFactory,
  districtUnits: Unit[],
  period: BenchPeriod,
  today: string,
  rows: number,
): Promise<UploadStages> {
  const unit: Unit = { code: 'STAGES', name: '基准测试分段单位', kind: '其他', active: true };
  const units = [...districtUnits, unit];
  const records = factory.ledger(rows, unit);
  const body = JSON.stringify({
    unitCode: unit.code,
    rows: uploadRows(records, units),
    reportYear: period.year,
    reportMonth: period.month,
  });
  const runs: Omit<UploadStages, 'rows'>[] = [];
  for (let repeat = 0; repeat < STAGE_REPEATS; repeat++) {
    const parsed = timeSync(() => JSON.parse(body));
    const request = timeSync(() => UploadRequestSchema.parse(parsed.value));
    const checked = timeSync(() =>
      validateRows(request.value.rows ?? [], { units, uploaderUnitCode: unit.code, today }),
    );
    const others = timeSync(() =>
      raw.otherUnitMatches(
        unit.code,
        checked.value.records.map((record) => normalizeOrgName(record.orgName)),
      ),
    );
    const hashed = await timeAsync(async () => {
      const text = [unit.code, period.year, period.month, ...checked.value.records.map(fingerprint)].join(
        '|',
      );
      return createHash('sha256').update(text).digest('hex');
    });
    const answer = {
      uploadId: 'x',
      dryRun: false,
      replayed: false,
      unitCode: unit.code,
      rowCount: checked.value.records.length,
      diff: {
        added: checked.value.records.map((record) => ({
          orgKey: orgKey(record.creditCode, record.orgName),
          orgName: record.orgName,
          creditCode: record.creditCode,
          row: record.row,
        })),
        changed: [],
        removed: [],
        unchanged: 0,
      },
      warnings: [],
    };
    const serialized = timeSync(() => [JSON.stringify(answer), JSON.stringify(answer)]);
    runs.push({
      parseJsonMs: parsed.ms,
      requestSchemaMs: request.ms,
      otherUnitKeysMs: others.ms,
      validateMs: checked.ms,
      contentHashMs: hashed.ms,
      serializeAnswerMs: serialized.ms,
      answerBytes: Buffer.byteLength(serialized.value[0] ?? ''),
    });
  }
  const pick = (key: keyof (typeof runs)[number]) => median(runs.map((run) => run[key]));
  return {
    rows,
    parseJsonMs: pick('parseJsonMs'),
    requestSchemaMs: pick('requestSchemaMs'),
    otherUnitKeysMs: pick('otherUnitKeysMs'),
    validateMs: pick('validateMs'),
    contentHashMs: pick('contentHashMs'),
    serializeAnswerMs: pick('serializeAnswerMs'),
    answerBytes: pick('answerBytes'),
  };
}
