// Dates as the district sees them: Asia/Shanghai (UTC+8, no daylight saving).

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** YYYY-MM-DD in Asia/Shanghai for an instant. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The year and month before the Shanghai month of an instant. */
export function previousMonth(instant: Date): { year: number; month: number } {
  const [year, month] = shanghaiDate(instant).split('-').map(Number);
  if (year === undefined || month === undefined) throw new Error('unreachable: ISO date without parts');
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

/**
 * The month an upload reports for when the client does not say: up to the late day the previous
 * month (units report last month's progress in the first days), afterwards the current month.
 */
export function defaultReportMonth(instant: Date, lateAfterDay: number): { year: number; month: number } {
  const [year, month, day] = shanghaiDate(instant).split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) throw new Error('unreachable');
  return day <= lateAfterDay ? previousMonth(instant) : { year, month };
}
