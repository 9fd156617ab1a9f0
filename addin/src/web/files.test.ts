import { describe, expect, it } from 'vitest';
import { isXlsxName, markedFileName } from './files';

describe('file names', () => {
  it('accepts .xlsx only, in any case', () => {
    expect(isXlsxName('台账.xlsx')).toBe(true);
    expect(isXlsxName('台账.XLSX ')).toBe(true);
    expect(isXlsxName('台账.xls')).toBe(false);
    expect(isXlsxName('台账.et')).toBe(false);
    expect(isXlsxName('台账.xlsm')).toBe(false);
  });

  it('names the marked copy after the opened file', () => {
    expect(markedFileName('潍坊台账.xlsx')).toBe('潍坊台账（已标注）.xlsx');
    expect(markedFileName('.xlsx')).toBe('团建台账（已标注）.xlsx');
  });
});
