// worksheetValues on real .xlsx files written by exceljs and read back, as the refresh command and the web page read them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readTrackingSheet } from '@tuanjian/shared';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { dateToExcelSerial, mergedCellProblems, plainCellValue, worksheetValues } from './worksheet-values';

const folder = mkdtempSync(path.join(tmpdir(), 'tj-values-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Writes the workbook to a real file and reads it back, so every value went through the .xlsx format. */
async function roundTrip(build: (sheet: ExcelJS.Worksheet) => void): Promise<ExcelJS.Worksheet> {
  const file = path.join(folder, `${Math.random().toString(36).slice(2)}.xlsx`);
  const written = new ExcelJS.Workbook();
  build(written.addWorksheet('团建台账'));
  await written.xlsx.writeFile(file);
  const read = new ExcelJS.Workbook();
  await read.xlsx.readFile(file);
  const sheet = read.getWorksheet('团建台账');
  if (!sheet) throw new Error('sheet lost in the round trip');
  return sheet;
}

describe('worksheetValues', () => {
  it('gives dates as Excel serials, numbers stored as text as text, formulas as their results', async () => {
    const sheet = await roundTrip((s) => {
      s.getCell('A1').value = new Date(Date.UTC(2011, 5, 28));
      s.getCell('A1').numFmt = 'yyyy/m/d';
      s.getCell('B1').value = '１２';
      s.getCell('C1').value = '0012';
      s.getCell('D1').value = 40;
      s.getCell('E1').value = { formula: 'D1*2', result: 80 };
      s.getCell('F1').value = { formula: 'A1+1', result: new Date(Date.UTC(2011, 5, 29)) };
      s.getCell('F1').numFmt = 'yyyy-mm-dd';
      s.getCell('G1').value = { formula: 'TEXT(D1,"0")', result: '40' };
      s.getCell('H1').value = { formula: 'NA()', result: { error: '#N/A' } };
      s.getCell('I1').value = true;
    });
    expect(worksheetValues(sheet).values).toEqual([
      [40722, '１２', '0012', 40, 80, 40723, '40', '#N/A', true],
    ]);
  });

  it('gives rich text and hyperlinks as their text, and error cells as their code', async () => {
    const sheet = await roundTrip((s) => {
      s.getCell('A1').value = {
        richText: [{ text: '浦东' }, { text: '青年', font: { bold: true } }, { text: '协会' }],
      };
      s.getCell('B1').value = { text: '官网', hyperlink: 'https://example.org' };
      s.getCell('C1').value = { error: '#DIV/0!' };
    });
    expect(worksheetValues(sheet).values).toEqual([['浦东青年协会', '官网', '#DIV/0!']]);
  });

  it('keeps a merged title in its top-left cell only and reports the merge', async () => {
    const sheet = await roundTrip((s) => {
      s.getCell('A1').value = '青年社会组织团建工作台账';
      s.mergeCells('A1:D1');
      s.getCell('A2').value = '组织名称';
      s.getCell('B2').value = '所属单位';
      s.getCell('C2').value = '青年人数';
      s.getCell('D2').value = '建团状态';
      s.getCell('A3').value = '陆家嘴青年志愿者协会';
      s.getCell('B3').value = '陆家嘴街道';
      s.getCell('C3').value = '１２';
      s.getCell('D3').value = '已建团';
    });
    const { values, merges } = worksheetValues(sheet);
    expect(values[0]).toEqual(['青年社会组织团建工作台账', '', '', '']);
    expect(merges).toEqual([{ address: 'A1:D1', top: 1, left: 1, bottom: 1, right: 4 }]);
    const read = readTrackingSheet(values);
    expect(read.headerRow).toBe(2);
    expect(read.rows).toEqual([
      {
        row: 3,
        cells: { orgName: '陆家嘴青年志愿者协会', unit: '陆家嘴街道', youthCount: 12, status: '已建团' },
      },
    ]);
  });

  it('fills blank rows and columns with empty text up to the last value, with sheet rows kept in place', async () => {
    const sheet = await roundTrip((s) => {
      s.getCell('B2').value = 'x';
      s.getCell('D4').value = 7;
      s.getCell('F9').font = { bold: true }; // formatting alone is no value
    });
    expect(worksheetValues(sheet).values).toEqual([
      ['', '', '', ''],
      ['', 'x', '', ''],
      ['', '', '', ''],
      ['', '', '', 7],
    ]);
  });

  it('finds a merge whose top-left cell is empty', async () => {
    const sheet = await roundTrip((s) => {
      s.getCell('A1').value = 'h';
      s.mergeCells('B3:C5');
    });
    expect(worksheetValues(sheet).merges).toEqual([
      { address: 'B3:C5', top: 3, left: 2, bottom: 5, right: 3 },
    ]);
  });

  it('gives an empty sheet as no rows', async () => {
    const sheet = await roundTrip(() => {});
    expect(worksheetValues(sheet)).toEqual({ values: [], merges: [] });
  });
});

describe('plainCellValue', () => {
  it('gives a formula without a cached result as empty, like a cell never calculated', () => {
    expect(plainCellValue({ formula: 'A1+1' })).toBe('');
    expect(plainCellValue({ sharedFormula: 'B2', result: 5 })).toBe(5);
  });

  it('reads rich text inside a hyperlink', () => {
    expect(plainCellValue({ text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'x' })).toBe('ab');
  });
});

describe('dateToExcelSerial', () => {
  it('counts Lotus’s fictitious 1900-02-29 like Excel', () => {
    expect(dateToExcelSerial(new Date(Date.UTC(1900, 0, 1)))).toBe(1);
    expect(dateToExcelSerial(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
    expect(dateToExcelSerial(new Date(Date.UTC(2011, 5, 28, 18)))).toBe(40722.75);
  });
});

describe('mergedCellProblems', () => {
  const title = { address: 'A1:P1', top: 1, left: 1, bottom: 1, right: 16 };
  const data = { address: 'D5:D7', top: 5, left: 4, bottom: 7, right: 4 };
  const header = { address: 'A3:A4', top: 3, left: 1, bottom: 4, right: 1 };

  it('reports merges reaching below the header as errors on their first data row; titles are fine', () => {
    const problems = mergedCellProblems([title, data, header], 3);
    expect(problems.map((problem) => [problem.row, problem.code, problem.severity])).toEqual([
      [5, 'sheet.mergedCells', 'error'],
      [4, 'sheet.mergedCells', 'error'],
    ]);
    expect(problems[0]?.message).toContain('D5:D7');
  });

  it('says nothing while no header was found', () => {
    expect(mergedCellProblems([data], null)).toEqual([]);
  });
});
