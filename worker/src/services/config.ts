// Configured numbers read from the worker's vars, with their defaults.
import type { Bindings } from '../types';

/** Day of the following month after which a monthly upload counts as late (default the 5th). */
export function lateAfterDay(env: Bindings): number {
  const day = Number(env.LATE_AFTER_DAY ?? 5);
  return Number.isInteger(day) && day >= 1 && day <= 28 ? day : 5;
}
