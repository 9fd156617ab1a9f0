import {
  MONEY_FORMAT,
  payoutSheetPlan,
  readSubsidySheet,
  type SubsidyLedger,
  subsidySheetPlan,
} from '@tuanjian/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writePlanXlsx } from './subsidy-sheet';
import { worksheetValues } from './worksheet-values';

const LEDGER: SubsidyLedger = {
  year: 2026,
  throughMonth: 11,
  perOrganization: 600,
  units: [
    {
      unitCode: 'HM',
      unitName: '花木街道',
      due: 1,
      paid: 1,
      withheld: 0,
      dueAmount: 600,
      paidAmount: 600,
      withheldAmount: 0,
    },
  ],
  organizations: [
    {
      unitCode: 'HM',
      orgKey: 'n:=1+1',
      orgName: '=1+1',
      establishedOn: '2026-02-01',
      status: 'paid',
      amount: 600,
      paidAt: '2026-06-01T02:00:00Z',
      foundUntrue: false,
    },
    {
      unitCode: 'HM',
      orgKey: 'n:花木青年跑团',
      orgName: '花木青年跑团',
      establishedOn: '2026-03-01',
      status: 'due',
      amount: 600,
      paidAt: null,
      foundUntrue: false,
    },
  ],
};

async function reload(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const reloaded = new ExcelJS.Workbook();
  await reloaded.xlsx.load(await workbook.xlsx.writeBuffer());
  return reloaded;
}

describe('补贴 sheets as .xlsx', () => {
  it('keeps amounts as numbers, texts as text, the 本次拨付 drop-down, hidden keys and the A4 setup', async () => {
    const workbook = new ExcelJS.Workbook();
    const plan = subsidySheetPlan(LEDGER);
    writePlanXlsx(workbook, plan);
    const sheet = (await reload(workbook)).getWorksheet('补贴2026年');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell('C6').value).toBe(600);
    expect(sheet.getCell('C6').numFmt).toBe(MONEY_FORMAT);
    expect(sheet.getCell('A7').value).toBe('合计');
    const first = (plan.headerRows[1] ?? 0) + 1;
    expect(sheet.getCell(`B${first}`).value).toBe('=1+1');
    expect(sheet.getCell(`B${first}`).numFmt).toBe('@');
    expect(sheet.getCell(`E${first}`).value).toBe(600);
    expect(sheet.getCell(`E${first}`).numFmt).toBe(MONEY_FORMAT);
    expect(sheet.getCell(`F${first}`).alignment).toMatchObject({ horizontal: 'center' });
    expect(sheet.getCell(`H${first}`).dataValidation).toMatchObject({ type: 'list', formulae: ['"是"'] });
    expect(sheet.getColumn(10).hidden).toBe(true);
    expect(sheet.getColumn(8).hidden).toBe(false);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    expect(sheet.pageSetup.printArea).toBe(`A1:H${plan.rows.length}`);

    // The admin marks 是 and uploads it: the page reads it as the pane does.
    sheet.getCell(`H${first + 1}`).value = '是';
    const reading = readSubsidySheet(worksheetValues(sheet).values, 1);
    expect(reading?.picks).toEqual([
      { unitCode: 'HM', orgKey: 'n:花木青年跑团', orgName: '花木青年跑团', row: first + 1 },
    ]);
  });

  it('writes a unit’s 拨付明细 with its 合计 row and the header repeated on each printed page', async () => {
    const workbook = new ExcelJS.Workbook();
    writePlanXlsx(workbook, payoutSheetPlan(LEDGER, 'HM', '2026-12-02'));
    const sheet = (await reload(workbook)).getWorksheet('花木街道2026年拨付明细');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getRow(4).values).toEqual([undefined, 1, '=1+1', '2026年2月1日', '2026年6月1日', 600]);
    expect(sheet.getCell('A5').value).toBe('合计');
    expect(sheet.getCell('E5').value).toBe(600);
    expect(sheet.getCell('E5').numFmt).toBe(MONEY_FORMAT);
    expect(sheet.pageSetup.printTitlesRow).toBe('3:3');
    expect(sheet.pageSetup.orientation).toBe('portrait');
  });
});
