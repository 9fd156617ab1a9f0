import { COLUMNS, LEAGUE_ORG_TYPES, MODES, ORG_TYPES, readTrackingSheet, STATUSES } from '@tuanjian/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { columnLetter } from '../sheet/address';
import { readActiveSheet } from './read';
import { createTrackingTemplate, TEMPLATE_FORMATTED_ROWS } from './template';
import { installFakeExcel } from './testing/fake-excel';

afterEach(() => {
  vi.unstubAllGlobals();
});

function columnOf(header: string): string {
  const index = COLUMNS.findIndex((column) => column.header === header);
  if (index < 0) throw new Error(`no column ${header}`);
  return columnLetter(index + 1);
}

describe('createTrackingTemplate', () => {
  it('adds a 团建台账 sheet with a TrackingTable whose headers are the shared columns, in two syncs', async () => {
    const excel = installFakeExcel(vi.stubGlobal);

    const template = await createTrackingTemplate({ unitName: '花木街道' });

    expect(template).toEqual({
      sheetName: '团建台账',
      tableName: 'TrackingTable',
      headerRow: 4,
      firstDataRow: 5,
    });
    expect(excel.syncCount).toBe(2);
    const sheet = excel.sheet('团建台账');
    expect(excel.active).toBe(sheet);
    expect(sheet.value('A1')).toBe('花木街道青年社会组织团建台账');
    expect(sheet.merges).toContain('A1:P1');
    expect(sheet.format('A1', 'format.font.size')).toBe(16);
    expect(sheet.format('A1', 'format.font.bold')).toBe(true);
    expect(String(sheet.value('A2'))).toContain('填写说明');
    expect(sheet.valuesOf('A4:P4')).toEqual([COLUMNS.map((column) => column.header)]);
    expect(sheet.tables).toHaveLength(1);
    expect(sheet.tables[0]).toMatchObject({ name: 'TrackingTable', address: 'A4:P5', hasHeaders: true });
    expect(sheet.frozenRows).toBe(4);
  });

  it('puts a drop-down on every enum column and on 是否建立党组织', async () => {
    const excel = installFakeExcel(vi.stubGlobal);
    await createTrackingTemplate();
    const sheet = excel.sheet('团建台账');
    const lastRow = 4 + TEMPLATE_FORMATTED_ROWS;

    const listSource = (header: string) => {
      const letter = columnOf(header);
      const validation = sheet.validations.find(
        (candidate) => candidate.address === `${letter}5:${letter}${lastRow}`,
      );
      return validation?.props.rule;
    };
    expect(listSource('组织类型')).toEqual({ list: { inCellDropDown: true, source: ORG_TYPES.join(',') } });
    expect(listSource('建团状态')).toEqual({ list: { inCellDropDown: true, source: STATUSES.join(',') } });
    expect(listSource('建团模式')).toEqual({ list: { inCellDropDown: true, source: MODES.join(',') } });
    expect(listSource('团组织类型')).toEqual({
      list: { inCellDropDown: true, source: LEAGUE_ORG_TYPES.join(',') },
    });
    expect(listSource('抽查结果')).toEqual({
      list: { inCellDropDown: true, source: '属实,不属实,无法联系' },
    });
    expect(listSource('是否建立党组织')).toEqual({ list: { inCellDropDown: true, source: '是,否' } });
    expect(listSource('青年人数')).toEqual({
      wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' },
    });
    expect(listSource('组织名称')).toBeUndefined();
    const alert = sheet.validations.find((candidate) => candidate.address.startsWith(columnOf('建团状态')))
      ?.props.errorAlert;
    expect(alert).toMatchObject({ showAlert: true, style: 'Stop' });
  });

  it('formats date columns as yyyy-mm-dd and the text columns (credit code, phone, names) as text', async () => {
    const excel = installFakeExcel(vi.stubGlobal);
    await createTrackingTemplate();
    const sheet = excel.sheet('团建台账');
    const lastRow = 4 + TEMPLATE_FORMATTED_ROWS;

    for (const header of ['建团时间', '抽查日期']) {
      expect(sheet.format(`${columnOf(header)}5`, 'numberFormat')).toBe('yyyy-mm-dd');
      expect(sheet.format(`${columnOf(header)}${lastRow}`, 'numberFormat')).toBe('yyyy-mm-dd');
    }
    for (const header of ['统一社会信用代码', '联系电话', '组织名称', '所属单位', '团组织书记', '备注']) {
      expect(sheet.format(`${columnOf(header)}5`, 'numberFormat')).toBe('@');
      expect(sheet.format(`${columnOf(header)}${lastRow}`, 'numberFormat')).toBe('@');
    }
    for (const header of ['青年人数', '建团状态', '是否建立党组织']) {
      expect(sheet.format(`${columnOf(header)}5`, 'numberFormat')).toBeUndefined();
    }
    expect(sheet.columnWidths.get(1)).toBe(200);
    expect(sheet.columnWidths.size).toBe(COLUMNS.length);
  });

  it('writes its title, instructions and headers as text, whatever the unit is called', async () => {
    const excel = installFakeExcel(vi.stubGlobal);
    await createTrackingTemplate({ unitName: '=1+1' });
    const sheet = excel.sheet('团建台账');

    expect(sheet.value('A1')).toBe('=1+1青年社会组织团建台账');
    for (const address of ['A1', 'A2', 'A3', 'A4', 'P4'])
      expect(sheet.format(address, 'numberFormat')).toBe('@');
    expect(sheet.formulas.size).toBe(0);
  });

  it('keeps what a user types into the text columns as typed, and dates as dates', async () => {
    const excel = installFakeExcel(vi.stubGlobal);
    await createTrackingTemplate();
    const typed: Record<string, string> = {
      组织名称: '=1+1',
      统一社会信用代码: '012345678901234567',
      联系电话: '02150001234',
      备注: '51.7%',
      建团时间: '2026/4/1',
      青年人数: '35',
    };

    // Typing is a string written to the cell: the fake reads it as Excel reads what a user types.
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('团建台账');
      for (const [header, text] of Object.entries(typed))
        sheet.getRange(`${columnOf(header)}5`).values = [[text]];
      await context.sync();
    });

    const sheet = excel.sheet('团建台账');
    const cell = (header: string) => sheet.value(`${columnOf(header)}5`);
    expect(cell('组织名称')).toBe('=1+1');
    expect(cell('统一社会信用代码')).toBe('012345678901234567');
    expect(cell('联系电话')).toBe('02150001234');
    expect(cell('备注')).toBe('51.7%');
    expect(cell('建团时间')).toBe(46113);
    expect(cell('青年人数')).toBe(35);
  });

  it('picks free sheet and table names when a template already exists', async () => {
    const excel = installFakeExcel(vi.stubGlobal);
    await createTrackingTemplate();
    const second = await createTrackingTemplate();

    expect(second).toMatchObject({ sheetName: '团建台账 (2)', tableName: 'TrackingTable2' });
    expect(excel.sheet('团建台账 (2)').tables[0]?.name).toBe('TrackingTable2');
  });

  it('is read back by the shared sheet reader with every column found under the header', async () => {
    const excel = installFakeExcel(vi.stubGlobal);
    await createTrackingTemplate({ unitName: '花木街道' });
    excel.sheet('团建台账').setValues('A5:D5', [['浦东青年志愿者协会', '', '社会团体', '花木街道']]);

    const sheet = await readActiveSheet();
    const read = readTrackingSheet(sheet.values, { firstRow: sheet.firstRow });

    expect(read.headerRow).toBe(4);
    expect(read.columns.map((column) => column.key)).toEqual(COLUMNS.map((column) => column.key));
    expect(read.rows.map((row) => row.row)).toEqual([5]);
  });
});
