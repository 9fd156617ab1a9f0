// One clock: "now" is read here once per request (middleware) or cron run, and passed down; dates as
// the district sees them are Asia/Shanghai (UTC+8, no daylight saving).
import { previousMonth, shanghaiDate, shanghaiMonth } from '@tuanjian/shared';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Bindings } from '../types';

export { previousMonth, shanghaiDate, shanghaiMonth };

/**
 * The current instant: the `PINNED_NOW` binding when it is set (tests, and demos that replay a date),
 * otherwise the wall clock. The only place in the worker that reads the wall clock.
 * @example readClock({ ...env, PINNED_NOW: '2026-11-20T02:00:00Z' }) // => 2026-11-20T02:00:00.000Z
 */
export function readClock(env: Pick<Bindings, 'PINNED_NOW'>): Date {
  const pinned = env.PINNED_NOW;
  if (pinned === undefined || pinned === '') return new Date();
  const instant = new Date(pinned);
  if (Number.isNaN(instant.getTime())) throw new Error(`PINNED_NOW is not an ISO time: ${pinned}`);
  return instant;
}

/**
 * An instant given as a number (a Cron Trigger's scheduledTime) or an ISO text (a query's asOf): every
 * Date the worker makes comes from here or from readClock.
 * @example instantOf('2026-12-01T00:00:00Z').toISOString() // => '2026-12-01T00:00:00.000Z'
 */
export function instantOf(value: number | string): Date {
  return new Date(value);
}

/** The instant `ms` milliseconds after another (e.g. when a draft expires). */
export function later(instant: Date, ms: number): Date {
  return new Date(instant.getTime() + ms);
}

/** Sets `c.var.now` for the request: every route and service takes "now" from there. */
export const clock = createMiddleware<AppEnv>(async (c, next) => {
  c.set('now', readClock(c.env));
  await next();
});

/** Whether month M of year Y has ended by `instant` (Asia/Shanghai): only ended months are published. */
export function monthHasEnded(year: number, month: number, instant: Date): boolean {
  const current = shanghaiMonth(instant);
  return year < current.year || (year === current.year && month < current.month);
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
