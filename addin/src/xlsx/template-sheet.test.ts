// The blank tracking sheet as the web page downloads it: the pane's plan (title, instructions, header,
// drop-downs, formats, frozen header), and a sheet the shared reader takes as a tracking sheet.
import { COLUMNS, readTrackingSheet } from '@tuanjian/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_FORMATTED_ROWS } from '../sheet/template-plan';
import { writeTemplateSheet } from './template-sheet';
import { worksheetValues } from './worksheet-values';

async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Worksheet> {
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(await workbook.xlsx.writeBuffer());
  const sheet = read.getWorksheet('团建台账');
  if (!sheet) throw new Error('no 团建台账');
  return sheet;
}

const letter = (key: string) => String.fromCharCode(65 + COLUMNS.findIndex((column) => column.key === key));

describe('writeTemplateSheet', () => {
  it('lays out the title, the instructions and the header the reader recognizes, frozen and filterable', async () => {
    const workbook = new ExcelJS.Workbook();
    writeTemplateSheet(workbook, { unitName: '陆家嘴街道' });
    const sheet = await roundTrip(workbook);
    expect(sheet.getCell('A1').value).toBe('陆家嘴街道青年社会组织团建台账');
    expect(sheet.getCell('A2').value).toMatch(/^填写说明：/u);
    expect(sheet.getRow(4).values).toEqual([undefined, ...COLUMNS.map((column) => column.header)]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sheet.autoFilter).toBe('A4:P4');
    // Required columns' headers in yellow, as the pane's template shows them.
    expect(sheet.getCell('A4').font?.color?.argb).toBe('FFFFFF00');
    expect(sheet.getCell(`${letter('note')}4`).font?.color?.argb).toBe('FFFFFFFF');

    const read = readTrackingSheet(worksheetValues(sheet).values);
    expect(read.headerRow).toBe(4);
    expect(read.columns.map((column) => column.key)).toEqual(COLUMNS.map((column) => column.key));
    // Blank: the only problem is that nothing is filled in yet.
    expect(read.problems.map((problem) => problem.message)).toEqual([
      '表头（第4行）下面没有数据行：空台账不能上传',
    ]);
    expect(read.rows).toEqual([]);
  });

  it('gives each column its drop-down or whole-number rule and its format, down the prepared rows', async () => {
    const workbook = new ExcelJS.Workbook();
    writeTemplateSheet(workbook);
    const sheet = await roundTrip(workbook);
    const last = 4 + TEMPLATE_FORMATTED_ROWS;
    for (const row of [5, last]) {
      expect(sheet.getCell(`${letter('status')}${row}`).dataValidation).toMatchObject({
        type: 'list',
        formulae: ['"已建团,筹建中,未建团"'],
        errorStyle: 'error',
      });
      expect(sheet.getCell(`${letter('hasPartyOrg')}${row}`).dataValidation).toMatchObject({
        type: 'list',
        formulae: ['"是,否"'],
        errorStyle: 'warning',
      });
      expect(sheet.getCell(`${letter('youthCount')}${row}`).dataValidation).toMatchObject({
        type: 'whole',
        operator: 'greaterThanOrEqual',
      });
    }
    expect(sheet.getCell(`${letter('status')}${last + 1}`).dataValidation).toBeUndefined();
    expect(sheet.getColumn(letter('creditCode')).numFmt).toBe('@');
    expect(sheet.getColumn(letter('phone')).numFmt).toBe('@');
    expect(sheet.getColumn(letter('establishedOn')).numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getColumn(letter('youthCount')).numFmt ?? null).toBeNull();
  });
});
