import { describe, expect, it } from 'vitest';
import { pickerYears, previousMonth, shanghaiMonth, shanghaiToday } from './dates';

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
