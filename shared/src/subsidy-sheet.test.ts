import { describe, expect, it } from 'vitest';
import type { SubsidyLedger } from './schemas';
import {
  PAY_MARK,
  payoutSheetName,
  payoutSheetPlan,
  readSubsidySheet,
  SUBSIDY_ORG_HEADERS,
  SUBSIDY_UNIT_HEADER_ROW,
  subsidySheetPlan,
} from './subsidy-sheet';

const item = (
  unitCode: string,
  orgName: string,
  status: 'due' | 'paid' | 'withheld',
  extra: { paidAt?: string; foundUntrue?: boolean; establishedOn?: string; amount?: number } = {},
) => ({
  unitCode,
  orgKey: `n:${orgName}`,
  orgName,
  establishedOn: extra.establishedOn ?? '2026-03-10',
  status,
  amount: extra.amount ?? 600,
  paidAt: extra.paidAt ?? null,
  foundUntrue: extra.foundUntrue ?? status === 'withheld',
});

const LEDGER: SubsidyLedger = {
  year: 2026,
  throughMonth: 11,
  perOrganization: 600,
  units: [
    {
      unitCode: 'HM',
      unitName: '花木街道',
      due: 1,
      paid: 2,
      withheld: 1,
      dueAmount: 600,
      paidAmount: 1400,
      withheldAmount: 600,
    },
    {
      unitCode: 'ZJ',
      unitName: '张江镇',
      due: 1,
      paid: 0,
      withheld: 0,
      dueAmount: 600,
      paidAmount: 0,
      withheldAmount: 0,
    },
  ],
  organizations: [
    item('ZJ', '张江青年程序员协会', 'due', { establishedOn: '2026-01-20' }),
    item('HM', '花木青年书画社', 'paid', { paidAt: '2026-05-31T16:30:00Z', amount: 800 }),
    item('HM', '花木青年跑团', 'paid', {
      paidAt: '2026-04-01T02:00:00Z',
      foundUntrue: true,
      establishedOn: '2026-02-01',
    }),
    item('HM', '花木青年志愿者协会', 'due', { establishedOn: '2026-01-05' }),
    item('HM', '花木青年读书会', 'withheld'),
  ],
};

describe('the subsidy ledger sheet', () => {
  const plan = subsidySheetPlan(LEDGER);
  const row = (n: number) => plan.rows[n - 1] ?? [];

  it('totals each unit in organizations and yuan, with a 合计 row, numbers as numbers', () => {
    expect(plan.sheetName).toBe('补贴2026年');
    expect(row(SUBSIDY_UNIT_HEADER_ROW).slice(0, 8)).toEqual([
      '单位',
      '应拨付（家）',
      '应拨付（元）',
      '已拨付（家）',
      '已拨付（元）',
      '不予拨付（家）',
      '不予拨付（元）',
      '应追回（元）',
    ]);
    expect(row(SUBSIDY_UNIT_HEADER_ROW + 1).slice(0, 8)).toEqual(['花木街道', 1, 600, 2, 1400, 1, 600, 600]);
    expect(row(SUBSIDY_UNIT_HEADER_ROW + 3).slice(0, 8)).toEqual(['合计', 2, 1200, 2, 1400, 1, 600, 600]);
    expect(plan.totalRows).toEqual([SUBSIDY_UNIT_HEADER_ROW + 3]);
    expect(plan.rows.every((cells) => cells.length === SUBSIDY_ORG_HEADERS.length)).toBe(true);
  });

  it('lists each organization by unit and 建团时间 with its state, amount, paid day (Shanghai) and 追回', () => {
    const header = plan.headerRows[1] ?? 0;
    expect(row(header)).toEqual([...SUBSIDY_ORG_HEADERS]);
    expect(plan.rows.slice(header, header + 5).map((cells) => cells.slice(0, 8))).toEqual([
      ['花木街道', '花木青年志愿者协会', '2026年1月5日', '应拨付', 600, null, null, null],
      ['花木街道', '花木青年跑团', '2026年2月1日', '已拨付', 600, '2026年4月1日', '应追回', null],
      ['花木街道', '花木青年读书会', '2026年3月10日', '不予拨付', 600, null, null, null],
      ['花木街道', '花木青年书画社', '2026年3月10日', '已拨付', 800, '2026年6月1日', null, null],
      ['张江镇', '张江青年程序员协会', '2026年1月20日', '应拨付', 600, null, null, null],
    ]);
    expect(plan.fillIn).toEqual({
      column: 7,
      firstRow: header + 1,
      lastRow: header + 5,
      choices: [PAY_MARK],
    });
    expect(plan.columns.map((column) => column.hidden === true)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(plan.money).toContainEqual({ column: 4, firstRow: header + 1, lastRow: header + 5 });
    expect(plan.printColumns).toBe(8);
  });

  it('reads back the rows marked 是 (or √) as the organizations to pay', () => {
    const values = plan.rows.map((cells) => [...cells]);
    const header = plan.headerRows[1] ?? 0;
    (values[header] ?? [])[7] = '是';
    (values[header + 4] ?? [])[7] = '√';
    (values[header + 2] ?? [])[7] = '否';
    const reading = readSubsidySheet(values, 1);
    expect(reading?.picks).toEqual([
      { unitCode: 'HM', orgKey: 'n:花木青年志愿者协会', orgName: '花木青年志愿者协会', row: header + 1 },
      { unitCode: 'ZJ', orgKey: 'n:张江青年程序员协会', orgName: '张江青年程序员协会', row: header + 5 },
    ]);
    expect(reading?.organizations).toBe(5);
    expect(reading?.chosenBy).toBe('marked');
    expect(reading?.diagnostics).toEqual([]);
  });

  it('reads the selected rows instead when the pane passes its selection', () => {
    const header = plan.headerRows[1] ?? 0;
    // A selection from the unit table down into the organizations takes only organization rows.
    const reading = readSubsidySheet(plan.rows, 1, { first: 2, last: header + 2 });
    expect(reading?.picks.map((pick) => pick.orgName)).toEqual(['花木青年志愿者协会', '花木青年跑团']);
    expect(reading?.chosenBy).toBe('selection');
    // Rows picked with Ctrl: several areas.
    const areas = readSubsidySheet(plan.rows, 1, [
      { first: header + 1, last: header + 1 },
      { first: header + 5, last: header + 5 },
    ]);
    expect(areas?.picks.map((pick) => pick.orgName)).toEqual(['花木青年志愿者协会', '张江青年程序员协会']);
  });

  it('locates a 本次拨付 that is not yes or no, and a marked row without its keys; a sheet without the table is null', () => {
    const values = plan.rows.map((cells) => [...cells]);
    const header = plan.headerRows[1] ?? 0;
    (values[header] ?? [])[7] = '拨';
    values.push(['花木街道', '手加的一行', null, null, 600, null, null, '是', null, null]);
    // Read from sheet row 3: the first two rows were left out of the used range.
    const reading = readSubsidySheet(values.slice(2), 3);
    expect(reading?.picks).toEqual([]);
    expect(reading?.diagnostics.map((each) => [each.row, each.header, each.code])).toEqual([
      [header + 1, '本次拨付', 'subsidy.payMark'],
      [values.length, '本次拨付', 'subsidy.unknownRow'],
    ]);
    expect(reading?.headerRow).toBe(header);
    expect(readSubsidySheet([['单位', '指标']], 1)).toBeNull();
  });
});

describe('a unit’s 拨付明细', () => {
  it('lists the unit’s paid organizations by paid day with a 合计 row and signature lines', () => {
    const plan = payoutSheetPlan(LEDGER, 'HM', '2026-12-02');
    expect(plan.sheetName).toBe('花木街道2026年拨付明细');
    expect(plan.rows.slice(0, 6)).toEqual([
      ['花木街道2026年青年社会组织建团补贴拨付明细', null, null, null, null, null],
      ['截至2026年12月2日，已拨付2家，合计1400元。', null, null, null, null, null],
      ['序号', '组织名称', '建团时间', '拨付日期', '金额（元）', '备注'],
      [1, '花木青年跑团', '2026年2月1日', '2026年4月1日', 600, '抽查不属实，应追回'],
      [2, '花木青年书画社', '2026年3月10日', '2026年6月1日', 800, null],
      ['合计', '2家', null, null, 1400, null],
    ]);
    expect(plan.totalRows).toEqual([6]);
    expect(plan.money).toEqual([{ column: 4, firstRow: 4, lastRow: 6 }]);
    expect(plan.printTitleRow).toBe(3);
  });

  it('says 0家 for a unit paid nothing yet, and keeps a sheet name Excel takes', () => {
    const plan = payoutSheetPlan(LEDGER, 'ZJ', '2026-12-02');
    expect(plan.rows[3]).toEqual(['合计', '0家', null, null, 0, null]);
    expect(payoutSheetName(2026, '金桥经济技术开发区[管委会]/联合团工委很长的名字啊')).toBe(
      '金桥经济技术开发区管委会联合团工委很长的名字啊2026年拨付明细'.slice(0, 31),
    );
  });
});
