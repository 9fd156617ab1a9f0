import {
  MONEY_FORMAT,
  payoutSheetPlan,
  readSubsidySheet,
  type SubsidyLedger,
  subsidySheetPlan,
} from '@tuanjian/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSubsidySheetValues, writePlanSheet } from './subsidy-sheet';
import { installFakeExcel } from './testing/fake-excel';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A district of `units` units with `perUnit` organizations each: every third paid, every fifth withheld. */
function ledgerOf(units: number, perUnit: number): SubsidyLedger {
  const organizations = Array.from({ length: units * perUnit }, (_, index) => {
    const unitCode = `U${Math.floor(index / perUnit)}`;
    const status = index % 5 === 4 ? 'withheld' : index % 3 === 0 ? 'paid' : 'due';
    return {
      unitCode,
      orgKey: `n:组织${index}`,
      orgName: index === 0 ? '=1+1' : `青年组织${index}`,
      establishedOn: '2026-03-10',
      status,
      amount: 600,
      paidAt: status === 'paid' ? '2026-06-01T02:00:00Z' : null,
      foundUntrue: status === 'withheld' || index === 3,
    } as const;
  });
  return {
    year: 2026,
    throughMonth: 11,
    perOrganization: 600,
    units: Array.from({ length: units }, (_, index) => {
      const own = organizations.filter((item) => item.unitCode === `U${index}`);
      const count = (status: string) => own.filter((item) => item.status === status).length;
      return {
        unitCode: `U${index}`,
        unitName: `单位${index}`,
        due: count('due'),
        paid: count('paid'),
        withheld: count('withheld'),
        dueAmount: count('due') * 600,
        paidAmount: count('paid') * 600,
        withheldAmount: count('withheld') * 600,
      };
    }),
    organizations,
  };
}

describe('the subsidy ledger sheet in Excel', () => {
  it('writes totals and organizations with amounts as numbers, the 本次拨付 drop-down, hidden keys and A4 setup, in 3 syncs', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { excelApi: '1.10' });
    const plan = subsidySheetPlan(ledgerOf(2, 4));
    const written = await writePlanSheet(plan);
    expect(written).toEqual({ sheetName: '补贴2026年', rowCount: plan.rows.length, syncs: 3, skipped: [] });
    expect(excel.syncCount).toBe(3);
    const sheet = excel.sheet('补贴2026年');
    expect(sheet.value('A5')).toBe('单位');
    expect(sheet.value('A6')).toBe('单位0');
    expect(sheet.value('C6')).toBe(1200);
    expect(sheet.format('C6', 'numberFormat')).toBe(MONEY_FORMAT);
    expect(sheet.value('A8')).toBe('合计');
    expect(sheet.value('E8')).toBe(1800);
    expect(sheet.format('A8', 'format.font.bold')).toBe(true);
    const header = plan.headerRows[1] ?? 0;
    expect(sheet.value(`B${header + 1}`)).toBe('=1+1');
    expect(sheet.value(`D${header + 1}`)).toBe('已拨付');
    expect(sheet.value(`E${header + 1}`)).toBe(600);
    expect(sheet.format(`E${header + 1}`, 'numberFormat')).toBe(MONEY_FORMAT);
    expect(sheet.value(`F${header + 1}`)).toBe('2026年6月1日');
    expect(sheet.value(`G${header + 4}`)).toBe('应追回');
    expect(sheet.format(`F${header + 1}`, 'format.horizontalAlignment')).toBe('Center');
    expect(
      sheet.validations.find((each) => each.address === `H${header + 1}:H${header + 8}`)?.props.rule,
    ).toEqual({ list: { inCellDropDown: true, source: '是' } });
    expect(sheet.hiddenColumns).toEqual(new Set([9, 10]));
    expect(sheet.props['pageLayout.printArea']).toBe(`A1:H${plan.rows.length}`);
    expect(sheet.props['pageLayout.orientation']).toBe('Landscape');
    expect(sheet.props['pageLayout.paperSize']).toBe('A4');
    expect(excel.active.name).toBe('补贴2026年');
  });

  it('keeps 3 syncs for 40 units and 2,000 organizations, and rewrites the sheet in place', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { excelApi: '1.10' });
    await writePlanSheet(subsidySheetPlan(ledgerOf(3, 3)));
    const before = excel.syncCount;
    const written = await writePlanSheet(subsidySheetPlan(ledgerOf(40, 50)));
    expect(written.syncs).toBe(3);
    expect(excel.syncCount - before).toBe(3);
    expect(excel.sheets.filter((each) => each.name === '补贴2026年')).toHaveLength(1);
  });

  it('loses only the page setup on a host without ExcelApi 1.9, and reads the one selected range there', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { excelApi: '1.8' });
    const written = await writePlanSheet(subsidySheetPlan(ledgerOf(1, 2)));
    expect(written.syncs).toBe(2);
    expect(written.skipped).toEqual([{ setting: 'pageLayout', reason: 'unsupported' }]);
    excel.selected = { sheet: '补贴2026年', address: 'B12:B13' };
    expect((await readSubsidySheetValues()).selectedRows).toEqual([{ first: 12, last: 13 }]);
  });

  it('reads the sheet back with the selected rows in one sync, as the organizations to pay', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { excelApi: '1.10' });
    const plan = subsidySheetPlan(ledgerOf(1, 4));
    await writePlanSheet(plan);
    const header = plan.headerRows[1] ?? 0;
    excel.selected = { sheet: '补贴2026年', address: `B${header + 2}:D${header + 3}` };
    const before = excel.syncCount;
    const read = await readSubsidySheetValues();
    expect(excel.syncCount - before).toBe(1);
    expect(read.selectedRows).toEqual([{ first: header + 2, last: header + 3 }]);
    const reading = readSubsidySheet(read.values, read.firstRow, read.selectedRows);
    expect(reading?.picks.map((pick) => [pick.orgKey, pick.row])).toEqual([
      ['n:组织1', header + 2],
      ['n:组织2', header + 3],
    ]);
    // Rows picked with Ctrl: two areas.
    excel.selected = {
      sheet: '补贴2026年',
      address: `A${header + 1}:H${header + 1}, A${header + 4}:H${header + 4}`,
    };
    const areas = await readSubsidySheetValues();
    expect(areas.selectedRows).toEqual([
      { first: header + 1, last: header + 1 },
      { first: header + 4, last: header + 4 },
    ]);
    expect(
      readSubsidySheet(areas.values, areas.firstRow, areas.selectedRows)?.picks.map((pick) => pick.orgKey),
    ).toEqual(['n:组织0', 'n:组织3']);
    // Marked in the sheet instead: read without the selection.
    excel.sheet('补贴2026年').setValues(`H${header + 4}`, [['是']]);
    const again = await readSubsidySheetValues();
    const marked = readSubsidySheet(again.values, again.firstRow);
    expect(marked?.picks.map((pick) => pick.orgKey)).toEqual(['n:组织3']);
  });
});

describe('a unit’s 拨付明细 in Excel', () => {
  it('writes the paid organizations with a 合计 row, amounts as numbers, A4 portrait with the header repeated', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { excelApi: '1.10' });
    const written = await writePlanSheet(payoutSheetPlan(ledgerOf(1, 7), 'U0', '2026-12-02'));
    expect(written.syncs).toBe(3);
    const sheet = excel.sheet('单位02026年拨付明细');
    expect(sheet.valuesOf('A3:F6')).toEqual([
      ['序号', '组织名称', '建团时间', '拨付日期', '金额（元）', '备注'],
      [1, '=1+1', '2026年3月10日', '2026年6月1日', 600, ''],
      [2, '青年组织3', '2026年3月10日', '2026年6月1日', 600, '抽查不属实，应追回'],
      [3, '青年组织6', '2026年3月10日', '2026年6月1日', 600, ''],
    ]);
    expect(sheet.valuesOf('A7:E7')).toEqual([['合计', '3家', '', '', 1800]]);
    expect(sheet.format('E7', 'numberFormat')).toBe(MONEY_FORMAT);
    expect(sheet.frozenRows).toBe(3);
    expect(sheet.props['pageLayout.printTitleRows']).toBe('$3:$3');
    expect(sheet.props['pageLayout.orientation']).toBe('Portrait');
  });
});
