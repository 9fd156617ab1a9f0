// The API client against the real worker (wrangler dev, local D1): typed answers, and every failure as a code.
import { createServer, type ServerResponse } from 'node:http';
import { readTrackingSheet, type SheetRow, type Unit } from '@tuanjian/shared';
import { generateDemoDistrict, ledgerToSheetValues } from '@tuanjian/shared/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiClient, ApiClientError } from '../src/api/client';
import { callApi, type RunningWorker, startWorker } from './support/worker';

const YEAR = 2026;
const demo = generateDemoDistrict({ year: YEAR, throughMonth: 4 });
const units: Unit[] = demo.units.slice(0, 3);
const [first, second] = units;
if (!first || !second) throw new Error('the demo district has at least two units');

function sheetRows(unitCode: string): SheetRow[] {
  const records = demo.records.filter((record) => record.unitCode === unitCode);
  return readTrackingSheet(ledgerToSheetValues(records, { units: demo.units })).rows;
}

/** The rejection of `promise`, which must be an ApiClientError. */
async function failure(promise: Promise<unknown>): Promise<ApiClientError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ApiClientError)) throw new Error(`expected an ApiClientError, got ${String(error)}`);
  return error;
}

/** A local HTTP server that answers every request with `handler` (or never, when it is null). */
async function localServer(handler: ((response: ServerResponse) => void) | null) {
  const server = createServer((_request, response) => handler?.(response));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('a TCP server has a port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}

let worker: RunningWorker;
let admin: ApiClient;
let unitToken: string;

beforeAll(async () => {
  worker = await startWorker();
  try {
    for (const unit of units) await callApi(worker, 'POST', '/units', { body: unit });
    const created = z.object({ token: z.string() }).parse(
      await callApi(worker, 'POST', '/tokens', {
        body: { role: 'unit', unitCode: first.code, label: '测试单位令牌' },
      }),
    );
    unitToken = created.token;
  } catch (error) {
    await worker.stop();
    throw error;
  }
  admin = new ApiClient({ baseUrl: worker.url, token: worker.adminToken });
}, 90_000);

afterAll(async () => {
  await worker?.stop();
}, 20_000);

describe('ApiClient against the worker', () => {
  it('tells an admin token and a unit token apart (/me)', async () => {
    await expect(admin.me()).resolves.toMatchObject({ role: 'admin', unitCode: null, district: '浦东新区' });
    const unit = new ApiClient({ baseUrl: `${worker.url}/`, token: unitToken });
    await expect(unit.me()).resolves.toMatchObject({
      role: 'unit',
      unitCode: first.code,
      unitName: first.name,
      label: '测试单位令牌',
    });
  });

  it('lists the units', async () => {
    const listed = await admin.units();
    expect(listed.map((unit) => unit.code)).toEqual(units.map((unit) => unit.code));
    expect(listed[0]).toMatchObject({ name: first.name, active: true });
  });

  it('answers a dry run with the diff and writes nothing', async () => {
    const rows = sheetRows(first.code);
    const client = new ApiClient({ baseUrl: worker.url, token: unitToken });
    const answer = await client.upload({ unitCode: first.code, rows }, { dryRun: true });
    expect(answer).toMatchObject({ dryRun: true, uploadId: null, replayed: false, unitCode: first.code });
    expect(answer.diff.added).toHaveLength(rows.length);
    expect(answer.diff.removed).toEqual([]);
    const ledger = z
      .object({ total: z.number() })
      .parse(await callApi(worker, 'GET', `/ledger?unitCode=${first.code}`));
    expect(ledger.total).toBe(0);
  });

  it('uploads once: a retry with the same Idempotency-Key is a replay', async () => {
    const rows = sheetRows(first.code);
    const client = new ApiClient({ baseUrl: worker.url, token: unitToken });
    const key = crypto.randomUUID();
    const applied = await client.upload(
      { unitCode: first.code, rows },
      { dryRun: false, idempotencyKey: key },
    );
    expect(applied).toMatchObject({ dryRun: false, replayed: false, rowCount: rows.length });
    const again = await client.upload({ unitCode: first.code, rows }, { dryRun: false, idempotencyKey: key });
    expect(again.replayed).toBe(true);
    const uploads = z
      .object({ uploads: z.array(z.object({ id: z.string() })) })
      .parse(await callApi(worker, 'GET', `/uploads?unitCode=${first.code}`));
    expect(uploads.uploads).toHaveLength(1);
  });

  it('sends only the rows that differ once the unit has a ledger (a patch), with the whole sheet’s answers', async () => {
    const rows = sheetRows(first.code);
    const edited = rows.map((row, index) =>
      index === 2 ? { ...row, cells: { ...row.cells, note: '换届' } } : row,
    );
    const bodies: { method: string; path: string; body: unknown }[] = [];
    const client = new ApiClient({
      baseUrl: worker.url,
      token: unitToken,
      fetch: (input, init) => {
        const body = typeof init?.body === 'string' ? JSON.parse(init.body) : null;
        bodies.push({ method: init?.method ?? 'GET', path: String(input).replace(/^.*\/api\/v1/, ''), body });
        return fetch(input, init);
      },
    });
    const preview = await client.upload({ unitCode: first.code, rows: edited }, { dryRun: true });
    expect(preview.diff.changed).toEqual([
      expect.objectContaining({ changes: [expect.objectContaining({ field: 'note', after: '换届' })] }),
    ]);
    expect(preview.diff.unchanged).toBe(rows.length - 1);
    const applied = await client.upload(
      { unitCode: first.code, rows: edited, expectRemoved: 0, baseVersion: preview.ledgerVersion },
      { dryRun: false, idempotencyKey: crypto.randomUUID() },
    );
    expect(applied).toMatchObject({
      replayed: false,
      rowCount: rows.length,
      ledgerVersion: preview.ledgerVersion + 1,
    });
    // One fingerprint request; the dry run and the upload each carry one row and name the rest by version.
    expect(bodies.map((sent) => `${sent.method} ${sent.path}`)).toEqual([
      `GET /ledger/fingerprints?unitCode=${first.code}`,
      'POST /uploads?dryRun=true',
      'POST /uploads',
    ]);
    for (const sent of bodies.slice(1)) {
      const body = z
        .object({
          rows: z.array(z.object({ row: z.number() })),
          keep: z.array(z.tuple([z.number(), z.number()])),
        })
        .parse(sent.body);
      expect(body.rows.map((row) => row.row)).toEqual([edited[2]?.row]);
      expect(body.keep).toHaveLength(rows.length - 1);
    }
    const ledger = z
      .object({ organizations: z.array(z.object({ row: z.number(), note: z.string().nullable() })) })
      .parse(await callApi(worker, 'GET', `/ledger?unitCode=${first.code}&pageSize=1000`));
    expect(ledger.organizations.find((record) => record.row === edited[2]?.row)?.note).toBe('换届');

    // Another upload lands between a dry run and its upload: 409 ledger_changed with the fresh diff.
    const again = edited.map((row, index) =>
      index === 3 ? { ...row, cells: { ...row.cells, note: '改选' } } : row,
    );
    const stale = await client.upload({ unitCode: first.code, rows: again }, { dryRun: true });
    await admin.upload(
      { unitCode: first.code, rows: edited.slice(0, -1), expectRemoved: 1 },
      { dryRun: false },
    );
    const conflict = await failure(
      client.upload(
        { unitCode: first.code, rows: again, expectRemoved: 0, baseVersion: stale.ledgerVersion },
        { dryRun: false },
      ),
    );
    expect(conflict.code).toBe('ledger_changed');
    expect(conflict.ledgerChanged).toMatchObject({
      baseVersion: stale.ledgerVersion,
      ledgerVersion: stale.ledgerVersion + 1,
    });
    expect(conflict.ledgerChanged?.diff.added).toHaveLength(1);
  });

  it('sends a ledger over one request’s cap in parts: dry run and upload share one draft, a retry replays', async () => {
    const [, , third] = units;
    if (!third) throw new Error('three units');
    const template = sheetRows(third.code)[0];
    if (!template) throw new Error('the demo unit has rows');
    const rows: SheetRow[] = Array.from({ length: 25_000 }, (_, index) => ({
      row: index + 4,
      cells: { ...template.cells, orgName: `分批上传测试组织${index}`, creditCode: null, unit: third.name },
    }));
    // Count the requests the client makes.
    const sent: string[] = [];
    const client = new ApiClient({
      baseUrl: worker.url,
      token: worker.adminToken,
      fetch: (input, init) => {
        sent.push(
          `${init?.method ?? 'GET'} ${String(input)
            .replace(/^.*\/api\/v1/, '')
            .replace(/[0-9a-f-]{36}/, '{id}')}`,
        );
        return fetch(input, init);
      },
    });
    const progress: number[] = [];
    const preview = await client.upload(
      { unitCode: third.code, rows },
      { dryRun: true, onProgress: (done, total) => progress.push(done / total) },
    );
    expect(preview.diff.added).toHaveLength(25_000);
    expect(progress).toEqual([0, 0.4, 0.8, 1]);
    const key = crypto.randomUUID();
    const request = { unitCode: third.code, rows, expectRemoved: 0, baseVersion: preview.ledgerVersion };
    const applied = await client.upload(request, { dryRun: false, idempotencyKey: key });
    expect(applied).toMatchObject({ replayed: false, rowCount: 25_000 });
    // The answer was lost: the retry names the same draft and key, and is a replay.
    const retried = await client.upload(request, { dryRun: false, idempotencyKey: key });
    expect(retried).toMatchObject({ replayed: true, uploadId: applied.uploadId });
    expect(sent).toEqual([
      // The unit has no ledger yet: no patch, the whole sheet in parts.
      `GET /ledger/fingerprints?unitCode=${third.code}`,
      'POST /upload-drafts',
      'PUT /upload-drafts/{id}/parts/1',
      'PUT /upload-drafts/{id}/parts/2',
      'PUT /upload-drafts/{id}/parts/3',
      'POST /uploads?dryRun=true',
      'POST /uploads',
      'POST /uploads',
    ]);
    const tooMany = await failure(
      client.upload({ unitCode: third.code, rows: [...rows, ...rows, ...rows] }, { dryRun: true }),
    );
    expect(tooMany).toMatchObject({ code: 'too_many_rows', status: null });
  }, 120_000);

  it('turns a refused upload (422) into validation_failed with located diagnostics', async () => {
    const rows = sheetRows(first.code);
    const broken = rows.map((row, index) =>
      index === 0 ? { ...row, cells: { ...row.cells, establishedOn: '2999-01-01' } } : row,
    );
    const error = await failure(admin.upload({ unitCode: first.code, rows: broken }, { dryRun: true }));
    expect(error).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(error.diagnostics).toContainEqual(
      expect.objectContaining({
        row: rows[0]?.row,
        column: 'establishedOn',
        code: 'date.future',
        severity: 'error',
      }),
    );
    expect(error.messageEn).toMatch(/error/);
  });

  it('says unauthorized for an unknown token and forbidden for another unit', async () => {
    const stranger = new ApiClient({ baseUrl: worker.url, token: 'tj_not_a_token' });
    await expect(failure(stranger.me())).resolves.toMatchObject({ code: 'unauthorized', status: 401 });
    const unit = new ApiClient({ baseUrl: worker.url, token: unitToken });
    await expect(
      failure(unit.upload({ unitCode: second.code, rows: sheetRows(second.code) }, { dryRun: true })),
    ).resolves.toMatchObject({ code: 'forbidden', status: 403 });
    await expect(failure(unit.publish(YEAR, 4))).resolves.toMatchObject({ code: 'forbidden' });
  });

  it('reads and sets quotas, and refuses unknown units with 422', async () => {
    const set = await admin.setQuotas(YEAR, [
      { unitCode: first.code, quota: 12 },
      { unitCode: second.code, quota: 8 },
    ]);
    expect(set.quotas).toEqual(
      expect.arrayContaining([
        { unitCode: first.code, year: YEAR, quota: 12 },
        { unitCode: second.code, year: YEAR, quota: 8 },
      ]),
    );
    await expect(admin.quotas(YEAR)).resolves.toMatchObject({
      year: YEAR,
      subsidyRate: { city: 300, district: 300 },
    });
    const refused = await failure(admin.setQuotas(YEAR, [{ unitCode: 'NOPE', quota: 1 }]));
    expect(refused).toMatchObject({ code: 'validation_failed', status: 422 });
  });

  it('parses the live summary, publishes a bulletin and reads it back', async () => {
    const live = await admin.summary(YEAR, 4);
    expect(live.bulletin.title).toBe('浦东新区青年社会组织团建工作月度通报（2026年4月）');
    expect(live.summary.units.map((unit) => unit.unitCode)).toEqual(units.map((unit) => unit.code));
    const issue = await admin.publish(YEAR, 4);
    expect(issue).toMatchObject({ year: YEAR, month: 4, issueNumber: 1 });
    await expect(admin.bulletins(YEAR)).resolves.toEqual([
      expect.objectContaining({ issueNumber: 1, month: 4 }),
    ]);
    await expect(admin.bulletin(1)).resolves.toMatchObject({ bulletin: { issueNumber: 1 } });
    await expect(failure(admin.bulletin(99))).resolves.toMatchObject({ code: 'not_found', status: 404 });
  });

  it('says network when nothing listens on the port', async () => {
    const closed = await localServer(null);
    await closed.close();
    const client = new ApiClient({ baseUrl: closed.url, token: unitToken });
    await expect(failure(client.me())).resolves.toMatchObject({ code: 'network', status: null });
  });

  it('says timeout when the server never answers, and bad_response for a page that is not the API', async () => {
    const silent = await localServer(null);
    const html = await localServer((response) => {
      response.writeHead(502, { 'Content-Type': 'text/html' });
      response.end('<html><body>Bad Gateway</body></html>');
    });
    try {
      const slow = new ApiClient({ baseUrl: silent.url, token: unitToken, timeoutMs: 300 });
      await expect(failure(slow.me())).resolves.toMatchObject({ code: 'timeout', status: null });
      const proxy = new ApiClient({ baseUrl: html.url, token: unitToken });
      await expect(failure(proxy.me())).resolves.toMatchObject({ code: 'bad_response', status: 502 });
    } finally {
      await Promise.all([silent.close(), html.close()]);
    }
  });
});
