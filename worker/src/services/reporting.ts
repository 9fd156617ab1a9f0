// 报送情况 for the 报送 screen: each active unit's status for a month, its last upload for the month and
// its contact, counted by the same rule as the summary (one batch read: units and the month's uploads).
import type { ReportingDetail } from '@tuanjian/shared';
import { reportingDeadline, unitReporting } from '@tuanjian/shared';
import { type Db, readTogether } from '../db/db';
import { unitsRead } from '../db/units';
import { uploadsForMonthRead } from '../db/uploads';
import type { Bindings } from '../types';
import { shanghaiDate } from './clock';
import { lateAfterDay } from './config';

export async function reportingFor(
  env: Bindings,
  db: Db,
  year: number,
  month: number,
  now: Date,
): Promise<ReportingDetail> {
  const { units, uploads } = await readTogether(db, {
    units: unitsRead(db),
    uploads: uploadsForMonthRead(db, year, month),
  });
  const day = lateAfterDay(env);
  const detail = unitReporting(units, uploads, year, month, day);
  const names = (status: 'onTime' | 'late' | 'missing') =>
    detail.filter((unit) => unit.status === status).map((unit) => unit.unitName);
  return {
    year,
    month,
    deadline: reportingDeadline(year, month, day),
    today: shanghaiDate(now),
    onTime: names('onTime'),
    late: names('late'),
    missing: names('missing'),
    units: detail,
  };
}
