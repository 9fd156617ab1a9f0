// 全部刷新 against the fake Excel: live bulletin sheets get their month's current figures, published ones stay.
import {
  type Bulletin,
  type LedgerRecord,
  renderBulletin,
  type Summary,
  type SummaryResponse,
  summarize,
} from '@tuanjian/shared';
import { generateDemoDistrict } from '@tuanjian/shared/demo';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '../api/client';
import { findBulletinSheets, writeBulletinSheet } from '../excel';
import { installFakeExcel } from '../excel/testing/fake-excel';
import { refreshBulletinSheets } from './refresh';

afterEach(() => {
  vi.unstubAllGlobals();
});

const demo = generateDemoDistrict({ year: 2026, throughMonth: 4 });
const units = demo.units.slice(0, 6);
const ledger: LedgerRecord[] = demo.records
  .filter((record) => units.some((unit) => unit.code === record.unitCode))
  .map((record) => ({ ...record, firstReportedAt: '2026-05-01T02:00:00Z' }));

function summaryOf(records: LedgerRecord[], month: number): Summary {
  return summarize(records, {
    district: demo.district,
    units,
    quotas: demo.quotas,
    year: 2026,
    month,
    today: '2026-05-10',
  });
}

function bulletinOf(summary: Summary, issueNumber: number | null): Bulletin {
  return renderBulletin(summary, { issueNumber, date: '2026-05-10', issuer: '共青团浦东新区委员会' });
}

/** A month's figures and bulletin, as the API answers them. */
function figuresOf(records: LedgerRecord[], month: number, issueNumber: number | null): SummaryResponse {
  const summary = summaryOf(records, month);
  return { summary, bulletin: bulletinOf(summary, issueNumber) };
}

/** What the sheets were written from: the ledger before a unit uploaded its last organizations. */
const before = ledger.slice(0, Math.floor(ledger.length / 2));

/** A client whose summary is the whole ledger now, counting its requests; months in `failing` fail. */
function fakeClient(failing: number[] = []) {
  const requests: [number, number][] = [];
  return {
    requests,
    summary: async (year: number, month: number): Promise<SummaryResponse> => {
      requests.push([year, month]);
      if (failing.includes(month))
        throw new ApiClientError('network', '无法连接服务器：Failed to fetch', null);
      const summary = summaryOf(ledger, month);
      return { summary, bulletin: bulletinOf(summary, null) };
    },
  };
}

async function workbookWithBulletins() {
  const excel = installFakeExcel(vi.stubGlobal, { sheets: ['台账'] });
  const march = { year: 2026, month: 3, issueNumber: null };
  await writeBulletinSheet(figuresOf(before, 3, 5), { source: { ...march, issueNumber: 5 } });
  await writeBulletinSheet(figuresOf(before, 3, null), { source: march });
  await writeBulletinSheet(figuresOf(before, 3, null), {
    source: march,
    sheetName: '三月（给领导）',
  });
  await writeBulletinSheet(figuresOf(before, 4, null), {
    source: { year: 2026, month: 4, issueNumber: null },
  });
  excel.active = excel.sheet('台账');
  return excel;
}

describe('refreshBulletinSheets', () => {
  it('rewrites every live sheet with its month’s current figures, one request per month, and leaves the user where they were', async () => {
    const excel = await workbookWithBulletins();
    const publishedBefore = excel.sheet('通报第5期').valuesOf('A1:I12');
    const client = fakeClient();
    const progress: string[] = [];

    const outcomes = await refreshBulletinSheets({
      excel: { findBulletinSheets, writeBulletinSheet },
      client,
      onProgress: ({ done, total, sheetName }) => progress.push(`${done}/${total} ${sheetName}`),
    });

    expect(outcomes.map(({ sheetName, status }) => [sheetName, status])).toEqual([
      ['通报第5期', 'published'],
      ['通报2026-03', 'refreshed'],
      ['三月（给领导）', 'refreshed'],
      ['通报2026-04', 'refreshed'],
    ]);
    expect(progress).toEqual(['1/4 通报第5期', '2/4 通报2026-03', '3/4 三月（给领导）', '4/4 通报2026-04']);
    expect(client.requests).toEqual([
      [2026, 3],
      [2026, 4],
    ]);
    const march = bulletinOf(summaryOf(ledger, 3), null);
    expect(march.narrative).not.toBe(bulletinOf(summaryOf(before, 3), null).narrative);
    for (const name of ['通报2026-03', '三月（给领导）']) {
      expect(excel.sheet(name).value('A5')).toBe(march.narrative);
      // 主要指标 as numbers: 年度指标合计 and 累计完成 in 家.
      const figures = summaryOf(ledger, 3).totals;
      expect(excel.sheet(name).valuesOf('A8:B9')).toEqual([
        ['年度指标合计', figures.quota],
        ['累计完成', figures.counted],
      ]);
    }
    expect(excel.sheet('通报2026-04').value('A5')).toBe(bulletinOf(summaryOf(ledger, 4), null).narrative);
    expect(excel.sheet('通报第5期').valuesOf('A1:I12')).toEqual(publishedBefore);
    expect(excel.active.name).toBe('台账');
    expect(excel.sheets.map((sheet) => sheet.name)).toEqual([
      '台账',
      '通报第5期',
      '通报2026-03',
      '三月（给领导）',
      '通报2026-04',
    ]);
  });

  it('reports a sheet whose month fails and refreshes the others', async () => {
    const excel = await workbookWithBulletins();
    const client = fakeClient([3]);

    const outcomes = await refreshBulletinSheets({
      excel: { findBulletinSheets, writeBulletinSheet },
      client,
    });

    expect(outcomes.map(({ sheetName, status }) => [sheetName, status])).toEqual([
      ['通报第5期', 'published'],
      ['通报2026-03', 'failed'],
      ['三月（给领导）', 'failed'],
      ['通报2026-04', 'refreshed'],
    ]);
    const failed = outcomes[1];
    expect(failed?.status === 'failed' && failed.error).toBeInstanceOf(ApiClientError);
    expect(excel.sheet('通报2026-03').value('A5')).toBe(bulletinOf(summaryOf(before, 3), null).narrative);
    expect(client.requests).toEqual([
      [2026, 3],
      [2026, 4],
    ]);
  });

  it('finds nothing to do in a workbook without bulletin sheets', async () => {
    installFakeExcel(vi.stubGlobal, { sheets: ['台账'] });
    const client = fakeClient();
    expect(
      await refreshBulletinSheets({ excel: { findBulletinSheets, writeBulletinSheet }, client }),
    ).toEqual([]);
    expect(client.requests).toEqual([]);
  });
});
