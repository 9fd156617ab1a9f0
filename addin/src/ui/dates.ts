// The month pickers' years; the Shanghai calendar itself is shared (@tuanjian/shared dates).
import {
  chineseDate,
  chineseDateTime,
  previousMonth,
  SHANGHAI_OFFSET_MS,
  shanghaiDate,
  shanghaiMonth,
} from '@tuanjian/shared';
import type { Lang } from './i18n';

export { previousMonth, shanghaiMonth };

/** YYYY-MM-DD in Asia/Shanghai. @example shanghaiToday(new Date('2026-03-31T20:00:00Z')) // => '2026-04-01' */
export const shanghaiToday = shanghaiDate;

/** The years the pickers offer: a few back and the next one (quotas are set ahead). */
export function pickerYears(now: Date): number[] {
  const { year } = shanghaiMonth(now);
  return [year + 1, year, year - 1, year - 2, year - 3];
}

/**
 * An instant as the district reads it on every screen: Asia/Shanghai, to the minute; 2026年11月20日 10:00
 * in Chinese, 2026-11-20 10:00 in English.
 * @example whenText('2026-11-20T02:00:00.000Z', 'zh-CN') // => '2026年11月20日 10:00'
 */
export function whenText(iso: string, lang: Lang): string {
  if (lang === 'zh-CN') return chineseDateTime(iso);
  const shifted = new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** A calendar date (YYYY-MM-DD) as screens show it: 2026年12月1日 in Chinese, as is in English. */
export function dayText(isoDate: string, lang: Lang): string {
  return lang === 'zh-CN' ? chineseDate(isoDate) : isoDate;
}
