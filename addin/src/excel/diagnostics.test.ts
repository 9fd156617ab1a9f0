import { COLUMN_BY_KEY, COLUMN_KEYS, type ColumnKey, type Diagnostic, type Severity } from '@tuanjian/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { columnLetter } from '../sheet/address';
import { COMMENT_PREFIX, ERROR_FILL, WARNING_FILL } from '../sheet/marks';
import { clearDiagnostics, MARKS_SETTING, markDiagnostics, selectCell } from './diagnostics';
import { installFakeExcel } from './testing/fake-excel';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The tracking sheet read from B3: header on row 3, so column offsets are 0-based from column B. */
const FIRST_ROW = 3;
const FIRST_COLUMN = 2;
const COLUMN_INDEX: Partial<Record<ColumnKey, number>> = Object.fromEntries(
  COLUMN_KEYS.map((columnKey, index) => [columnKey, index]),
);

function diagnostic(
  row: number | null,
  column: ColumnKey | null,
  severity: Severity,
  message: string,
): Diagnostic {
  return {
    row,
    column,
    header: column === null ? null : COLUMN_BY_KEY[column].header,
    severity,
    code: severity === 'error' ? 'TEST_ERROR' : 'TEST_WARNING',
    message,
    messageEn: message,
  };
}

/** The sheet cell of a diagnostic's column on `row`. */
function cellOf(column: ColumnKey, row: number): string {
  return `${columnLetter(FIRST_COLUMN + (COLUMN_INDEX[column] ?? 0))}${row}`;
}

describe('markDiagnostics', () => {
  it('fills errors red and warnings yellow, with the messages in one comment per cell', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['台账'] });
    const diagnostics = [
      diagnostic(5, 'establishedOn', 'error', '建团时间不能晚于今天'),
      diagnostic(5, 'establishedOn', 'warning', '建团时间早于组织成立时间'),
      diagnostic(6, 'memberCount', 'warning', '团员人数少于3人'),
      diagnostic(7, null, 'error', '与第5行重复'),
      diagnostic(null, null, 'error', '找不到表头'),
    ];

    const result = await markDiagnostics('台账', FIRST_ROW, FIRST_COLUMN, COLUMN_INDEX, diagnostics);

    const sheet = excel.sheet('台账');
    expect(result.cells).toEqual([
      {
        address: cellOf('establishedOn', 5),
        row: 5,
        column: 'establishedOn',
        severity: 'error',
        messages: ['建团时间不能晚于今天', '建团时间早于组织成立时间'],
      },
      {
        address: cellOf('memberCount', 6),
        row: 6,
        column: 'memberCount',
        severity: 'warning',
        messages: ['团员人数少于3人'],
      },
      { address: 'B7', row: 7, column: null, severity: 'error', messages: ['与第5行重复'] },
    ]);
    expect(result.unplaced).toEqual([diagnostics[4]]);
    expect(sheet.format(cellOf('establishedOn', 5), 'format.fill.color')).toBe(ERROR_FILL);
    expect(sheet.format(cellOf('memberCount', 6), 'format.fill.color')).toBe(WARNING_FILL);
    expect(sheet.format('B7', 'format.fill.color')).toBe(ERROR_FILL);
    expect(sheet.comments.map(({ address, content }) => ({ address, content }))).toEqual([
      {
        address: cellOf('establishedOn', 5),
        content: `${COMMENT_PREFIX}建团时间不能晚于今天\n建团时间早于组织成立时间`,
      },
      { address: cellOf('memberCount', 6), content: `${COMMENT_PREFIX}团员人数少于3人` },
      { address: 'B7', content: `${COMMENT_PREFIX}与第5行重复` },
    ]);
    expect(result.commented).toBe(3);
    expect(excel.settings.get(MARKS_SETTING)).toEqual({
      台账: [cellOf('establishedOn', 5), cellOf('memberCount', 6), 'B7'],
    });
    expect(excel.syncCount).toBe(2);
  });

  it('marks 1,000 diagnostics on a 10,000-row sheet in a constant number of syncs', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['台账'] });
    const sheet = excel.sheet('台账');
    sheet.setValues(
      'B3',
      Array.from({ length: 10_001 }, (_, index) => [index === 0 ? '组织名称' : `组织${index}`]),
    );
    // Somebody's own comment on a cell that will be diagnosed: it stays, and that cell gets no comment of ours.
    sheet.comments.push({ id: 'user-1', address: cellOf('orgName', 104), content: '请核实（张三）' });
    const columns: ColumnKey[] = ['orgName', 'creditCode', 'phone', 'establishedOn', 'memberCount'];
    const many = Array.from({ length: 1_000 }, (_, index) =>
      diagnostic(
        4 + index * 10,
        columns[index % columns.length] ?? 'orgName',
        index % 3 === 0 ? 'warning' : 'error',
        `问题${index}`,
      ),
    );

    const first = await markDiagnostics('台账', FIRST_ROW, FIRST_COLUMN, COLUMN_INDEX, many);

    expect(first.cells).toHaveLength(1_000);
    expect(excel.syncCount).toBe(3);
    expect(sheet.comments).toHaveLength(1_000);
    expect(sheet.comments.find((comment) => comment.address === cellOf('orgName', 104))?.content).toBe(
      '请核实（张三）',
    );
    expect(first.commented).toBe(999);
    expect(sheet.format(cellOf('orgName', 104), 'format.fill.color')).toBe(ERROR_FILL);

    // A second run replaces every mark: old fills and our comments go, the person's comment stays.
    excel.syncCount = 0;
    const second = await markDiagnostics('台账', FIRST_ROW, FIRST_COLUMN, COLUMN_INDEX, [
      diagnostic(9_999, 'note', 'warning', '备注过长'),
    ]);

    expect(excel.syncCount).toBe(3);
    expect(second.cells.map((cell) => cell.address)).toEqual([cellOf('note', 9_999)]);
    expect(sheet.format(cellOf('orgName', 4), 'format.fill.color')).toBeUndefined();
    expect(sheet.format(cellOf('orgName', 104), 'format.fill.color')).toBeUndefined();
    expect(sheet.format(cellOf('note', 9_999), 'format.fill.color')).toBe(WARNING_FILL);
    expect(sheet.comments.map((comment) => comment.content)).toEqual([
      '请核实（张三）',
      `${COMMENT_PREFIX}备注过长`,
    ]);
    expect(excel.settings.get(MARKS_SETTING)).toEqual({ 台账: [cellOf('note', 9_999)] });
  });

  it('marks with fills only where comments are unavailable (ExcelApi 1.8)', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['台账'], excelApi: '1.8' });

    const result = await markDiagnostics('台账', FIRST_ROW, FIRST_COLUMN, COLUMN_INDEX, [
      diagnostic(4, 'phone', 'error', '联系电话格式不正确'),
    ]);

    expect(result.commented).toBe(0);
    expect(excel.sheet('台账').comments).toEqual([]);
    expect(excel.sheet('台账').format(cellOf('phone', 4), 'format.fill.color')).toBe(ERROR_FILL);
    expect(excel.syncCount).toBe(2);
  });

  it('rejects an unknown sheet with SHEET_NOT_FOUND', async () => {
    installFakeExcel(vi.stubGlobal);
    await expect(markDiagnostics('没有这张表', 1, 1, COLUMN_INDEX, [])).rejects.toMatchObject({
      code: 'SHEET_NOT_FOUND',
    });
  });
});

describe('clearDiagnostics', () => {
  it('removes the last run’s fills and comments and forgets them, leaving other sheets’ records', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['台账', '另一张'] });
    await markDiagnostics('台账', FIRST_ROW, FIRST_COLUMN, COLUMN_INDEX, [
      diagnostic(4, 'orgName', 'error', '缺少组织名称'),
    ]);
    await markDiagnostics('另一张', FIRST_ROW, FIRST_COLUMN, COLUMN_INDEX, [
      diagnostic(5, 'orgName', 'warning', '名称过短'),
    ]);

    await clearDiagnostics('台账');

    expect(excel.sheet('台账').format('B4', 'format.fill.color')).toBeUndefined();
    expect(excel.sheet('台账').comments).toEqual([]);
    expect(excel.sheet('另一张').format('B5', 'format.fill.color')).toBe(WARNING_FILL);
    expect(excel.settings.get(MARKS_SETTING)).toEqual({ 另一张: ['B5'] });
  });
});

describe('selectCell', () => {
  it('activates the sheet and selects the cell in one sync', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sheets: ['说明', '台账'] });
    await selectCell('台账', 'F12');
    expect(excel.active.name).toBe('台账');
    expect(excel.selected).toEqual({ sheet: '台账', address: 'F12' });
    expect(excel.syncCount).toBe(1);
  });
});
