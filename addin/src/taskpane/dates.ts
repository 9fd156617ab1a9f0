// Dates as the district sees them (Asia/Shanghai, UTC+8 all year), for validation and the month pickers.

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** YYYY-MM-DD in Asia/Shanghai. @example shanghaiToday(new Date('2026-03-31T20:00:00Z')) // => '2026-04-01' */
export function shanghaiToday(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Shanghai year and month of an instant. */
export function shanghaiMonth(now: Date): { year: number; month: number } {
  const shifted = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1 };
}

/** The month before the Shanghai month of an instant: the bulletin month by default. */
export function previousMonth(now: Date): { year: number; month: number } {
  const { year, month } = shanghaiMonth(now);
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

/** The years the pickers offer: a few back and the next one (quotas are set ahead). */
export function pickerYears(now: Date): number[] {
  const { year } = shanghaiMonth(now);
  return [year + 1, year, year - 1, year - 2, year - 3];
}
