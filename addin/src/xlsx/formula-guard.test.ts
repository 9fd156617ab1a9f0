// Formula neutralization in .xlsx output (issue 14, point 6): every text cell that starts like a formula —
// ASCII or full-width, tab or carriage return — ends up formatted as text; other cells are left alone.
import { csvSafeText, renderBulletin, startsLikeFormula, summarize } from '@tuanjian/shared';
import { generateDemoDistrict } from '@tuanjian/shared/demo';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeBulletinSheet } from './bulletin-sheet';
import { writeCallSheetXlsx } from './call-sheet';
import { guardFormulaText } from './formula-guard';

const HOSTILE = [
  '=1+1',
  '+2.5',
  '-1+1|cmd',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
  '＝HYPERLINK("x")',
  '＋1',
  '－1',
  '＠x',
];
const BENIGN = ['陆家嘴街道', '1=1', 'a-b', '2026年4月1日'];

async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(await workbook.xlsx.writeBuffer());
  return read;
}

/** Every text cell of every sheet that starts like a formula, with its number format. */
function formulaLike(workbook: ExcelJS.Workbook): { address: string; text: string; numFmt: string }[] {
  const found: { address: string; text: string; numFmt: string }[] = [];
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && startsLikeFormula(cell.value))
          found.push({ address: `${sheet.name}!${cell.address}`, text: cell.value, numFmt: cell.numFmt });
      }),
    );
  return found;
}

describe('formula neutralization', () => {
  it('knows what a spreadsheet takes for a formula, full-width forms included', () => {
    for (const text of HOSTILE) expect(startsLikeFormula(text), text).toBe(true);
    for (const text of BENIGN) expect(startsLikeFormula(text), text).toBe(false);
    expect(csvSafeText('＝1+1')).toBe("'＝1+1");
    expect(csvSafeText('陆家嘴街道')).toBe('陆家嘴街道');
  });

  it('formats such cells as text and leaves the others as they are', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('表');
    [...HOSTILE, ...BENIGN].forEach((text, index) => {
      sheet.getCell(index + 1, 1).value = text;
    });
    sheet.getCell('B1').value = { richText: [{ text: '=' }, { text: 'A1' }] };
    sheet.getCell('C1').value = { formula: 'HYPERLINK("#A1","A1")', result: 'A1' };
    expect(guardFormulaText(sheet)).toBe(HOSTILE.length + 1);
    const read = (await roundTrip(workbook)).getWorksheet('表');
    for (let index = 0; index < HOSTILE.length; index++) expect(read?.getCell(index + 1, 1).numFmt).toBe('@');
    for (let index = 0; index < BENIGN.length; index++)
      expect(read?.getCell(HOSTILE.length + index + 1, 1).numFmt).toBeUndefined();
    expect(read?.getCell('B1').numFmt).toBe('@');
    // The product's own formula stays a formula.
    expect(read?.getCell('C1').formula).toBe('HYPERLINK("#A1","A1")');
  });

  it('leaves no such cell unformatted in a bulletin or a call sheet the product writes', async () => {
    const demo = generateDemoDistrict({ year: 2026, throughMonth: 10 });
    const units = demo.units
      .slice(0, 3)
      .map((unit, index) => ({ ...unit, name: HOSTILE[index] ?? unit.name }));
    const summary = summarize(
      demo.records.map((record) => ({ ...record, firstReportedAt: '2026-11-02T00:00:00Z' })),
      { district: '浦东新区', units, quotas: demo.quotas, year: 2026, month: 10, today: '2026-11-25' },
    );
    const bulletin = renderBulletin(summary, {
      issueNumber: null,
      date: '2026-11-25',
      issuer: '共青团浦东新区委员会',
    });
    const workbook = new ExcelJS.Workbook();
    writeBulletinSheet(
      workbook,
      { summary, bulletin },
      { source: { year: 2026, month: 10, issueNumber: null } },
    );
    writeCallSheetXlsx(
      workbook,
      [
        ['抽查', null],
        ['单位', '组织名称'],
        ['＝1+1', '-1+1|cmd'],
      ],
      '抽查',
    );
    const found = formulaLike(await roundTrip(workbook));
    expect(found.length).toBeGreaterThanOrEqual(5);
    expect(found.filter((cell) => cell.numFmt !== '@')).toEqual([]);
  });
});
