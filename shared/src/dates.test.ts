import { describe, expect, it } from 'vitest';
import {
  chineseDate,
  chineseDateAndTime,
  daysInMonth,
  isCalendarDate,
  previousMonth,
  shanghaiDate,
  shanghaiMonth,
} from './dates';

describe('dates as the district sees them', () => {
  it('puts an instant on the Shanghai calendar, eight hours ahead of UTC all year', () => {
    expect(shanghaiDate(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(shanghaiDate(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(shanghaiMonth(new Date('2026-12-31T16:30:00Z'))).toEqual({ year: 2027, month: 1 });
    expect(previousMonth(new Date('2027-01-01T00:00:00Z'))).toEqual({ year: 2026, month: 12 });
    expect(previousMonth(new Date('2026-12-31T16:30:00Z'))).toEqual({ year: 2026, month: 12 });
  });

  it('tells real days from dates of the right shape', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-4-1')).toBe(false);
    expect(isCalendarDate('1899-12-31', 1900)).toBe(false);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });

  it('writes a date as a bulletin does', () => {
    expect(chineseDate('2026-04-01')).toBe('2026年4月1日');
    expect(chineseDate('2026-12-02')).toBe('2026年12月2日');
  });

  it('writes an instant as a Shanghai date and time to the minute', () => {
    expect(chineseDateAndTime(new Date('2026-12-02T06:05:00Z'))).toBe('2026年12月2日 14:05');
    expect(chineseDateAndTime(new Date('2026-12-31T16:30:59Z'))).toBe('2027年1月1日 00:30');
  });
});
