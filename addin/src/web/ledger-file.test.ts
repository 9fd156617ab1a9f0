// The web page's check of an opened workbook: which sheet, the shared rules plus merged cells, and the table rows.
import { COLUMNS, type ColumnKey, type Diagnostic } from '@tuanjian/shared';
import { generateDemoDistrict, ledgerToSheetValues } from '@tuanjian/shared/demo';
import { describe, expect, it } from 'vitest';
import { columnLetter } from '../sheet/address';
import {
  checkWorkbookSheet,
  findingsOf,
  markedCells,
  mergeDiagnostics,
  problemLines,
  sortFindings,
  trackingSheetName,
  type WorkbookSheet,
} from './ledger-file';

const demo = generateDemoDistrict({ year: 2026, throughMonth: 10 });
const unit = demo.units[0];
if (!unit) throw new Error('the demo has units');
const records = demo.records.filter((record) => record.unitCode === unit.code).slice(0, 6);
const TODAY = '2026-11-02';

function indexOf(key: ColumnKey): number {
  return COLUMNS.findIndex((column) => column.key === key);
}

/** The unit's ledger from A1 (title rows, header on row 3), with `edits` applied as [row, column, value]. */
function ledgerSheet(edits: [number, ColumnKey, unknown][] = [], name = '团建台账'): WorkbookSheet {
  const values = ledgerToSheetValues(records, { units: demo.units });
  for (const [row, key, value] of edits) {
    const target = values[row - 1];
    if (target) target[indexOf(key)] = value;
  }
  return { name, values, merges: [] };
}

const established = records.findIndex((record) => record.status === '已建团');
const withCode = records.findIndex((record, index) => index !== established && record.creditCode !== null);
const futureRow = 4 + established;
const codeRow = 4 + withCode;
const code = records[withCode]?.creditCode ?? '';
const broken = ledgerSheet([
  [futureRow, 'establishedOn', '2030-01-15'],
  [codeRow, 'creditCode', `${code.slice(0, 17)}${code.endsWith('0') ? '1' : '0'}`],
]);
const options = { units: demo.units, unitCode: unit.code, today: TODAY };

describe('trackingSheetName', () => {
  it('picks the first sheet with a ledger header, else the first sheet', () => {
    const notes: WorkbookSheet = { name: '说明', values: [['填表说明']], merges: [] };
    expect(trackingSheetName([notes, ledgerSheet()])).toBe('团建台账');
    expect(trackingSheetName([notes])).toBe('说明');
    expect(trackingSheetName([])).toBeNull();
  });
});

describe('checkWorkbookSheet', () => {
  it('finds exactly the broken cells, by their sheet rows, with the shared rules', () => {
    expect(established).toBeGreaterThanOrEqual(0);
    expect(withCode).toBeGreaterThanOrEqual(0);
    const check = checkWorkbookSheet(broken, options);
    expect(check.read.headerRow).toBe(3);
    expect(check.errorCount).toBe(2);
    expect(check.blocked).toBe(true);
    const findings = sortFindings(findingsOf(check, check.diagnostics), { key: 'row', descending: false });
    expect(findings.map((finding) => [finding.diagnostic.code, finding.address])).toEqual(
      [
        ['date.future', `${columnLetter(indexOf('establishedOn') + 1)}${futureRow}`] as const,
        ['creditCode.checkChar', `${columnLetter(indexOf('creditCode') + 1)}${codeRow}`] as const,
      ].sort((a, b) => Number(a[1].replace(/\D/g, '')) - Number(b[1].replace(/\D/g, ''))),
    );
  });

  it('passes the clean sheet', () => {
    const check = checkWorkbookSheet(ledgerSheet(), options);
    expect(check.errorCount).toBe(0);
    expect(check.blocked).toBe(false);
    expect(check.read.rows).toHaveLength(records.length);
  });

  it('reports merged cells in the data as a sheet problem that blocks the upload', () => {
    const sheet = {
      ...ledgerSheet(),
      merges: [
        { address: 'A1:P1', top: 1, left: 1, bottom: 1, right: 16 },
        { address: 'D5:D6', top: 5, left: 4, bottom: 6, right: 4 },
      ],
    };
    const check = checkWorkbookSheet(sheet, options);
    expect(check.problems.map((problem) => problem.code)).toEqual(['sheet.mergedCells']);
    expect(check.problems[0]?.message).toContain('D5:D6');
    expect(check.errorCount).toBe(1);
    expect(check.blocked).toBe(true);
  });
});

describe('findings', () => {
  const check = checkWorkbookSheet(broken, options);
  const findings = findingsOf(check, check.diagnostics);

  it('sorts by row, by column or errors first, either way round', () => {
    const rows = (order: Parameters<typeof sortFindings>[1]) =>
      sortFindings(findings, order).map((finding) => finding.diagnostic.row);
    const ascending = [futureRow, codeRow].sort((a, b) => a - b);
    expect(rows({ key: 'row', descending: false })).toEqual(ascending);
    expect(rows({ key: 'row', descending: true })).toEqual([...ascending].reverse());
    expect(
      sortFindings(findings, { key: 'column', descending: false }).map(
        (finding) => finding.diagnostic.column,
      ),
    ).toEqual(['creditCode', 'establishedOn']);
  });

  it('merges the server’s findings without repeating the local ones', () => {
    const server: Diagnostic = {
      row: codeRow,
      column: 'orgName',
      header: '组织名称',
      severity: 'warning',
      code: 'org.reportedByOtherUnit',
      message: '该组织已由其他单位填报',
      messageEn: 'Already reported by another unit',
    };
    const merged = mergeDiagnostics(check.diagnostics, [...check.diagnostics, server]);
    expect(merged).toHaveLength(3);
    expect(markedCells(check, merged).map((cell) => cell.severity)).toContain('warning');
  });

  it('lists the problems for the 问题清单 sheet in row order, in Chinese', () => {
    const lines = problemLines(findings);
    expect(lines.map((line) => line.row)).toEqual([futureRow, codeRow].sort((a, b) => a - b));
    expect(lines.every((line) => line.severity === 'error' && /[\u4e00-\u9fff]/.test(line.message))).toBe(
      true,
    );
  });
});
