// The month pickers' years; the Shanghai calendar itself is shared (@tuanjian/shared dates).
import { previousMonth, shanghaiDate, shanghaiMonth } from '@tuanjian/shared';

export { previousMonth, shanghaiMonth };

/** YYYY-MM-DD in Asia/Shanghai. @example shanghaiToday(new Date('2026-03-31T20:00:00Z')) // => '2026-04-01' */
export const shanghaiToday = shanghaiDate;

/** The years the pickers offer: a few back and the next one (quotas are set ahead). */
export function pickerYears(now: Date): number[] {
  const { year } = shanghaiMonth(now);
  return [year + 1, year, year - 1, year - 2, year - 3];
}
