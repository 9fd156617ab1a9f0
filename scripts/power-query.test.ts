// The summary CSV read the way Excel's Power Query reads it with the README's M query.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Summary, summarize, type Unit } from '@tuanjian/shared';
import { generateDemoDistrict } from '@tuanjian/shared/demo';
import { SUMMARY_CSV_HEADERS, summaryCsv } from '@tuanjian/worker/render/csv';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  csvDocument,
  type MType,
  mQueryColumnTypes,
  promoteHeaders,
  readmeMQuery,
  transformColumnTypes,
} from './testing/power-query';

const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
const query = readmeMQuery(readme);
const types = mQueryColumnTypes(query);

/** Unit names that need every kind of CSV quoting, and ones a spreadsheet would take for a formula. */
const AWKWARD_NAMES: Record<string, string> = {
  LJZ: '陆家嘴街道,金融城',
  WFXC: '潍坊新村"青年"街道',
  YJ: '洋泾街道\r\n（含滨江）',
  HM: '=HYPERLINK("http://x")',
  TQ: '-塘桥街道',
};

let summary: Summary;
let bytes: Uint8Array;

beforeAll(() => {
  const demo = generateDemoDistrict({ year: 2026, throughMonth: 10 });
  const units: Unit[] = demo.units.map((unit) => ({ ...unit, name: AWKWARD_NAMES[unit.code] ?? unit.name }));
  // One unit without a quota: no 完成率, 时序进度 or 排名.
  const quotas = demo.quotas.filter((quota) => quota.unitCode !== 'YJ');
  summary = summarize(
    demo.records.map((record) => ({ ...record, firstReportedAt: '2026-11-02T00:00:00Z' })),
    {
      district: demo.district,
      units,
      quotas,
      year: 2026,
      month: 10,
      today: '2026-11-25',
      subsidy: demo.subsidy,
    },
  );
  bytes = new TextEncoder().encode(summaryCsv(summary));
});

function row(table: Record<string, unknown>[], unitCode: string): Record<string, unknown> {
  const found = table.find((candidate) => candidate.单位代码 === unitCode);
  if (!found) throw new Error(`no row for ${unitCode}`);
  return found;
}

describe('the README’s M query', () => {
  it('asks for the CSV with a reader token in a header, and reads it as UTF-8 with RFC 4180 quotes', () => {
    expect(query).toContain('Web.Contents(');
    expect(query).toContain('format = "csv"');
    expect(query).toContain('Headers = [Authorization = "Bearer <reader token>"]');
    expect(query).toContain('[Delimiter = ",", Encoding = 65001, QuoteStyle = QuoteStyle.Csv]');
    expect(query).toContain('Table.PromoteHeaders(Source, [PromoteAllScalars = true])');
  });

  it('names no month, so the server answers the last ended one and the query never needs editing', () => {
    expect(query).toContain('Query = [format = "csv"]');
    expect(query).not.toMatch(/year\s*=|month\s*=/);
  });

  it('types every column the worker writes, in its order, with a fixed culture', () => {
    expect(types.map(([column]) => column)).toEqual(SUMMARY_CSV_HEADERS);
    expect(query).toMatch(/\},\s*"en-US"\s*\)/);
    const expected: Record<string, MType> = {
      统计截止: 'date',
      单位代码: 'text',
      单位: 'text',
      状态: 'text',
      '完成率(%)': 'number',
      时序进度差: 'number',
      排名: 'Int64',
    };
    for (const [column, type] of Object.entries(expected))
      expect(types.find(([name]) => name === column)?.[1]).toBe(type);
  });
});

describe('the summary CSV through Csv.Document, PromoteHeaders and TransformColumnTypes', () => {
  it('starts with a UTF-8 BOM that Encoding = 65001 drops, so the first header is clean', () => {
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [headers] = csvDocument(bytes);
    expect(headers).toEqual(SUMMARY_CSV_HEADERS);
    // Without dropping the BOM the first column would be "\uFEFF统计截止" and the typed step would miss it.
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split(',')[0]).toBe('\uFEFF统计截止');
  });

  it('has one record per unit plus the district total, CRLF line ends, quoted line breaks kept as data', () => {
    const records = csvDocument(bytes);
    expect(records).toHaveLength(1 + summary.units.length + 1);
    expect(records.every((record) => record.length === SUMMARY_CSV_HEADERS.length)).toBe(true);
    expect(new TextDecoder().decode(bytes).endsWith('\r\n')).toBe(true);
  });

  it('keeps commas, quotes and line breaks inside unit names', () => {
    const table = transformColumnTypes(promoteHeaders(csvDocument(bytes)), types);
    expect(row(table, 'LJZ').单位).toBe('陆家嘴街道,金融城');
    expect(row(table, 'WFXC').单位).toBe('潍坊新村"青年"街道');
    expect(row(table, 'YJ').单位).toBe('洋泾街道\r\n（含滨江）');
  });

  it('shows formula-like names with the leading apostrophe the worker adds, as Power Query would', () => {
    const table = transformColumnTypes(promoteHeaders(csvDocument(bytes)), types);
    expect(row(table, 'HM').单位).toBe('\'=HYPERLINK("http://x")');
    expect(row(table, 'TQ').单位).toBe("'-塘桥街道");
  });

  it('converts every typed cell without an error: numbers as numbers, 完成率 as a number, dates as dates', () => {
    const table = transformColumnTypes(promoteHeaders(csvDocument(bytes)), types);
    const errors = table.flatMap((typed) =>
      types.flatMap(([column]) => {
        const value = typed[column];
        return typeof value === 'object' && value !== null && 'error' in value
          ? [`${column}: ${value.error}`]
          : [];
      }),
    );
    expect(errors).toEqual([]);
    for (const unit of summary.units) {
      const typed = row(table, unit.unitCode);
      expect(typed.统计截止).toEqual(new Date(Date.UTC(2026, 9, 31)));
      expect(typed.年度指标).toBe(unit.quota);
      expect(typed.本月新建).toBe(unit.newThisMonth);
      expect(typed.累计完成).toBe(unit.counted);
      expect(typed['完成率(%)']).toBe(unit.rate === null ? null : Math.round(unit.rate * 1000) / 10);
      expect(typed.时序进度差).toBe(unit.gap === null ? null : Math.round(unit.gap * 100) / 100);
      expect(typed.排名).toBe(unit.rank);
      expect(typed.状态).toBe(unit.state ?? '');
      expect(typed.青年社会组织数).toBe(unit.organizations);
      expect(typed['应拨补贴(元)']).toBe(unit.subsidy);
    }
  });

  it('never puts an apostrophe before a number, negative gaps included', () => {
    const records = promoteHeaders(csvDocument(bytes));
    const numeric = types
      .filter(([, type]) => type === 'number' || type === 'Int64')
      .map(([column]) => column);
    const negative = records.filter((record) => (record.时序进度差 ?? '').startsWith('-'));
    expect(negative.length).toBeGreaterThan(0);
    for (const record of records) for (const column of numeric) expect(record[column]).not.toMatch(/^'/);
  });

  it('leaves a unit without a quota unranked: empty cells become null, not 0', () => {
    const typed = row(transformColumnTypes(promoteHeaders(csvDocument(bytes)), types), 'YJ');
    expect(typed.年度指标).toBeNull();
    expect(typed['完成率(%)']).toBeNull();
    expect(typed.排名).toBeNull();
    expect(typed.状态).toBe('');
  });

  it('ends with the district total', () => {
    const table = transformColumnTypes(promoteHeaders(csvDocument(bytes)), types);
    const total = table.at(-1);
    expect(total).toMatchObject({
      单位代码: '',
      单位: '全区合计',
      年度指标: summary.totals.quota,
      累计完成: summary.totals.counted,
      '应拨补贴(元)': summary.totals.subsidy,
      排名: null,
    });
  });
});
