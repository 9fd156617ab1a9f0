// The monthly publication on the Cron Trigger: last month's bulletin, once however often it fires.
import { YearSchema } from '@tuanjian/shared';
import type { PublishedBulletin } from '../db/bulletins';
import { ApiError } from '../errors';
import type { Bindings } from '../types';
import { previousMonth } from './clock';
import { lateAfterDay } from './config';
import { publishBulletin } from './publish';

/**
 * 09:00 Asia/Shanghai on the 1st: publish last month's bulletin, once however often the trigger fires.
 * The trigger's scheduled time is the cron run's "now"; a time that makes no sense (not a date, or a
 * month outside 2000–2100) publishes nothing. Answers the issue, or null when nothing was published.
 */
export async function runMonthlyPublication(
  env: Bindings,
  scheduledTime: Date,
): Promise<PublishedBulletin | null> {
  if (Number.isNaN(scheduledTime.getTime())) {
    console.error('monthly publication refused: the scheduled time is not a date');
    return null;
  }
  const { year, month } = previousMonth(scheduledTime);
  if (!YearSchema.safeParse(year).success) {
    console.error(
      `monthly publication refused: ${scheduledTime.toISOString()} makes no sense as a publication time`,
    );
    return null;
  }
  try {
    return await publishBulletin(env.DB.withSession('first-primary'), {
      year,
      month,
      publishedBy: 'cron',
      now: scheduledTime,
      lateAfterDay: lateAfterDay(env),
      district: env.DISTRICT_NAME,
      issuer: env.ISSUER,
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'already_published') return null;
    throw error;
  }
}
