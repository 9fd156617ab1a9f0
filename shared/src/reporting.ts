// 报送情况 and 催报 in words: the reminder text an admin pastes to the units that have not reported, and
// upload times as the district reads them (Asia/Shanghai).
import { chineseDate, SHANGHAI_OFFSET_MS } from './dates';
import type { ReportingDetail } from './schemas';

/**
 * An ISO instant as a Chinese date and Shanghai wall time, to the minute.
 * @example chineseDateTime('2026-12-05T15:59:00Z') // => '2026年12月5日 23:59'
 */
export function chineseDateTime(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${chineseDate(shifted.slice(0, 10))} ${shifted.slice(11, 16)}`;
}

/**
 * The 催报 text, ready to paste: every unit that has not reported named, and the deadline (or, once it
 * has passed, that it has).
 * @example
 * reminderText({ year: 2026, month: 11, deadline: '2026-12-05', today: '2026-12-03', units, ... });
 * // => '截至2026年12月3日，以下2家单位尚未报送2026年11月份台账：陆家嘴街道、高桥镇。请于2026年12月5日前报送。'
 */
export function reminderText(
  reporting: Pick<ReportingDetail, 'year' | 'month' | 'deadline' | 'today' | 'missing'>,
): string {
  const period = `${reporting.year}年${reporting.month}月份台账`;
  const asOf = `截至${chineseDate(reporting.today)}`;
  if (reporting.missing.length === 0) return `${asOf}，各单位均已报送${period}。`;
  const due =
    reporting.today <= reporting.deadline
      ? `请于${chineseDate(reporting.deadline)}前报送。`
      : `报送期限（${chineseDate(reporting.deadline)}）已过，请尽快报送。`;
  return `${asOf}，以下${reporting.missing.length}家单位尚未报送${period}：${reporting.missing.join('、')}。${due}`;
}
