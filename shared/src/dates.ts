// Dates as the district sees them: Asia/Shanghai (UTC+8 all year, no daylight saving), calendar-date
// checks and the Chinese way of writing a date. The one home for these in every workspace.

/** Asia/Shanghai is UTC+8 all year. */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * YYYY-MM-DD in Asia/Shanghai for an instant.
 * @example shanghaiDate(new Date('2026-03-31T20:00:00Z')) // => '2026-04-01'
 */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The Shanghai year and month of an instant.
 * @example shanghaiMonth(new Date('2026-12-31T16:30:00Z')) // => { year: 2027, month: 1 }
 */
export function shanghaiMonth(instant: Date): { year: number; month: number } {
  const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1 };
}

/** The year and month before the Shanghai month of an instant (the bulletin month by default). */
export function previousMonth(instant: Date): { year: number; month: number } {
  const { year, month } = shanghaiMonth(instant);
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

/** Days in month M of year Y (Gregorian). @example daysInMonth(2028, 2) // => 29 */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Whether a YYYY-MM-DD text names a real day (a shape check lets 2026-02-30 through), from `earliestYear` on.
 * @example isCalendarDate('2026-02-30') // => false
 */
export function isCalendarDate(text: string, earliestYear = 1): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < earliestYear || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/**
 * A YYYY-MM-DD date as a bulletin writes it.
 * @example chineseDate('2026-04-01') // => '2026年4月1日'
 */
export function chineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/**
 * An instant as the district writes a date and time: Asia/Shanghai, minutes.
 * @example chineseDateAndTime(new Date('2026-12-02T06:05:00Z')) // => '2026年12月2日 14:05'
 */
export function chineseDateAndTime(instant: Date): string {
  const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${chineseDate(shifted.slice(0, 10))} ${shifted.slice(11, 16)}`;
}
