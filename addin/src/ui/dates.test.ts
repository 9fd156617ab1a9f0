import { describe, expect, it } from 'vitest';
import { dayText, pickerYears, previousMonth, shanghaiMonth, shanghaiToday, whenText } from './dates';

describe('Shanghai dates', () => {
  it('turns the date over at midnight in Shanghai, not in UTC', () => {
    expect(shanghaiToday(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(shanghaiToday(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(shanghaiMonth(new Date('2026-12-31T16:30:00Z'))).toEqual({ year: 2027, month: 1 });
  });

  it('defaults the bulletin to the month before, across the new year', () => {
    expect(previousMonth(new Date('2026-05-10T02:00:00Z'))).toEqual({ year: 2026, month: 4 });
    expect(previousMonth(new Date('2026-12-31T16:30:00Z'))).toEqual({ year: 2026, month: 12 });
    expect(pickerYears(new Date('2026-05-10T02:00:00Z'))).toEqual([2027, 2026, 2025, 2024, 2023]);
  });
});

describe('dates and instants on the screens (history, duplicates, the unit desk)', () => {
  it('writes an instant as Shanghai wall time to the minute, across midnight and year end', () => {
    expect(whenText('2026-11-20T02:00:00.000Z', 'zh-CN')).toBe('2026年11月20日 10:00');
    expect(whenText('2026-12-31T16:30:59Z', 'zh-CN')).toBe('2027年1月1日 00:30');
    expect(whenText('2026-12-31T16:30:00Z', 'en')).toBe('2027-01-01 00:30');
  });

  it('writes a calendar date the way the sheets do in Chinese', () => {
    expect(dayText('2026-12-01', 'zh-CN')).toBe('2026年12月1日');
    expect(dayText('2026-12-01', 'en')).toBe('2026-12-01');
  });
});
