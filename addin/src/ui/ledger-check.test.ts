import { generateDemoDistrict, ledgerToSheetValues } from '@tuanjian/shared/demo';
import { describe, expect, it } from 'vitest';
import type { MarkedCell, SheetValues } from '../excel';
import { cellFinder, checkSheet, guessUnitCode, sameRows } from './ledger-check';

const demo = generateDemoDistrict({ year: 2026, throughMonth: 4 });
const unit = demo.units[1];
if (!unit) throw new Error('demo units');
const records = demo.records.filter((record) => record.unitCode === unit.code);
const TODAY = '2026-05-15';

function sheetAt(values: unknown[][], firstRow = 1, firstColumn = 1): SheetValues {
  return { sheetName: '团建台账', address: "'团建台账'!A1", firstRow, firstColumn, values };
}

describe('checkSheet', () => {
  it('accepts a messy but valid ledger for the token’s unit', () => {
    const values = ledgerToSheetValues(records, { messy: true, units: demo.units });
    const check = checkSheet(sheetAt(values), { units: demo.units, unitCode: unit.code, today: TODAY });
    expect(check).toMatchObject({
      unitCode: unit.code,
      errorCount: 0,
      warningCount: 0,
      validRows: records.length,
      blocked: false,
      unitMissing: false,
    });
    expect(check.read.headerRow).toBe(3);
    expect(check.columnIndexByKey).toMatchObject({ orgName: 0, creditCode: 1, establishedOn: 7 });
  });

  it('rejects a row whose 建团时间 is in the future, on the sheet’s own row number', () => {
    const values = ledgerToSheetValues(records, { units: demo.units });
    const established = records.findIndex((record) => record.status === '已建团');
    const row = values[3 + established];
    if (!row) throw new Error('row');
    row[7] = '2030-01-01';
    // The used range starts on sheet row 5: the header is on row 7, the broken row on 8 + index.
    const check = checkSheet(sheetAt(values, 5), { units: demo.units, unitCode: unit.code, today: TODAY });
    expect(check.blocked).toBe(true);
    expect(check.diagnostics).toEqual([
      expect.objectContaining({
        row: 8 + established,
        column: 'establishedOn',
        code: 'date.future',
        severity: 'error',
      }),
    ]);
    expect(check.validRows).toBe(records.length - 1);
  });

  it('flags rows of another unit for a unit token', () => {
    const other = demo.units[0];
    if (!other) throw new Error('units');
    const values = ledgerToSheetValues(records, { units: demo.units });
    const check = checkSheet(sheetAt(values), { units: demo.units, unitCode: other.code, today: TODAY });
    expect(check.diagnostics.every((diagnostic) => diagnostic.code === 'unit.notYours')).toBe(true);
    expect(check.errorCount).toBe(records.length);
  });

  it('lets an admin leave the unit to the sheet, and blocks when the sheet names no known unit', () => {
    const values = ledgerToSheetValues(records, { units: demo.units });
    expect(checkSheet(sheetAt(values), { units: demo.units, unitCode: null, today: TODAY }).unitCode).toBe(
      unit.code,
    );
    const unknown = checkSheet(sheetAt(values), { units: [], unitCode: null, today: TODAY });
    expect(unknown).toMatchObject({ unitCode: null, unitMissing: true, blocked: true });
  });

  it('reports a sheet without a header apart from the data, and blocks it', () => {
    const check = checkSheet(sheetAt([['随便写的'], ['一些内容']]), {
      units: demo.units,
      unitCode: unit.code,
      today: TODAY,
    });
    expect(check.diagnostics).toEqual([]);
    expect(check.problems).toEqual([expect.objectContaining({ code: 'sheet.noHeader', row: null })]);
    expect(check.blocked).toBe(true);
  });
});

describe('guessUnitCode', () => {
  it('picks the unit most rows name, by name or by code', () => {
    const rows = [
      { row: 4, cells: { unit: unit.name } },
      { row: 5, cells: { unit: unit.code } },
      { row: 6, cells: { unit: demo.units[0]?.name ?? '' } },
      { row: 7, cells: { unit: '不存在的单位' } },
    ];
    expect(guessUnitCode(rows, demo.units)).toBe(unit.code);
    expect(guessUnitCode([{ row: 4, cells: {} }], demo.units)).toBeNull();
  });
});

describe('cellFinder', () => {
  it('finds the marked cell of a diagnostic by row and column', () => {
    const cells: MarkedCell[] = [
      { address: 'H8', row: 8, column: 'establishedOn', severity: 'error', messages: ['…'] },
      { address: 'A9', row: 9, column: null, severity: 'warning', messages: ['…'] },
    ];
    const find = cellFinder(cells);
    const base = { header: null, severity: 'error' as const, code: 'x', message: '', messageEn: '' };
    expect(find({ ...base, row: 8, column: 'establishedOn' })).toBe('H8');
    expect(find({ ...base, row: 9, column: null })).toBe('A9');
    expect(find({ ...base, row: 8, column: 'mode' })).toBeNull();
    expect(find({ ...base, row: null, column: null })).toBeNull();
  });
});

describe('sameRows', () => {
  it('compares row numbers and normalized cells', () => {
    expect(sameRows([{ row: 4, cells: { orgName: '甲' } }], [{ row: 4, cells: { orgName: '甲' } }])).toBe(
      true,
    );
    expect(sameRows([{ row: 4, cells: { orgName: '甲' } }], [{ row: 5, cells: { orgName: '甲' } }])).toBe(
      false,
    );
    expect(sameRows([{ row: 4, cells: { youthCount: 3 } }], [{ row: 4, cells: { youthCount: 4 } }])).toBe(
      false,
    );
  });
});
