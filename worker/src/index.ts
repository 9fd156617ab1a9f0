// Worker entry: the Hono app for HTTP, and the monthly publication on the Cron Trigger.
import { createApp } from './app';
import { previousMonth } from './services/clock';
import { lateAfterDay } from './services/config';
import { publishBulletin } from './services/publish';
import type { Bindings } from './types';

const app = createApp();

/** 09:00 Asia/Shanghai on the 1st: publish last month's bulletin, once however often the trigger fires. */
export async function runMonthlyPublication(env: Bindings, scheduledTime: Date) {
  const { year, month } = previousMonth(scheduledTime);
  return publishBulletin(env, {
    year,
    month,
    publishedBy: 'cron',
    onlyIfNone: true,
    now: scheduledTime,
    lateAfterDay: lateAfterDay(env),
  });
}

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runMonthlyPublication(env, new Date(controller.scheduledTime)));
  },
} satisfies ExportedHandler<Bindings>;
