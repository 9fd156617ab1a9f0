// 年度考核 (issue 15): each unit's standing for a year from its quota completion, its reporting month by
// month, its spot checks and its activities, with the committee's weights for the year (versioned). The
// current year can be viewed any day: it counts the months that have ended.
import {
  type Assessment,
  type AssessmentInput,
  type AssessmentWeights,
  assessUnits,
  DEFAULT_ASSESSMENT_WEIGHTS,
  previousMonth,
  type ReportingMark,
  unitReporting,
} from '@tuanjian/shared';
import { type Caller, requireRole } from '../auth';
import { type Db, type Read, readTogether } from '../db/db';
import { unitsRead } from '../db/units';
import { type MonthUpload, uploadsForMonthRead } from '../db/uploads';
import { commit } from '../db/write';
import type { Bindings } from '../types';
import { lateAfterDay } from './config';
import { summaryFor } from './summary';

interface WeightsRow {
  version: number;
  weights_json: string;
  set_at: string;
}

async function currentWeights(
  db: Db,
  year: number,
): Promise<{ weights: AssessmentWeights; version: number; setAt: string | null }> {
  const row = await db
    .prepare(
      'SELECT version, weights_json, set_at FROM assessment_weights WHERE year = ?1 ORDER BY version DESC LIMIT 1',
    )
    .bind(year)
    .first<WeightsRow>();
  if (!row) return { weights: DEFAULT_ASSESSMENT_WEIGHTS, version: 0, setAt: null };
  return {
    weights: JSON.parse(row.weights_json) as AssessmentWeights,
    version: row.version,
    setAt: row.set_at,
  };
}

/** Sets the year's weights (admin): a new version; the earlier ones stay. */
export async function setAssessmentWeights(
  db: Db,
  caller: Caller,
  year: number,
  weights: AssessmentWeights,
  now: Date,
): Promise<{ version: number }> {
  requireRole(caller, 'admin');
  const { version } = await currentWeights(db, year);
  const at = now.toISOString();
  await commit(
    db,
    [
      db
        .prepare(
          'INSERT INTO assessment_weights (year, version, weights_json, set_by, set_at) VALUES (?1, ?2, ?3, ?4, ?5)',
        )
        .bind(year, version + 1, JSON.stringify(weights), caller.tokenId, at),
    ],
    { at, actor: caller.tokenId, action: 'assessment.weights', target: String(year), detail: weights },
  );
  return { version: version + 1 };
}

/** The months of `year` that have ended on `now`: 0 to 12. */
function endedMonths(year: number, now: Date): number {
  const last = previousMonth(now);
  if (last.year > year) return 12;
  return last.year < year ? 0 : last.month;
}

export async function assessment(env: Bindings, db: Db, year: number, now: Date): Promise<Assessment> {
  const months = endedMonths(year, now);
  const month = Math.max(months, 1);
  const day = lateAfterDay(env);
  const monthReads: Record<string, Read<MonthUpload[]>> = {};
  for (let index = 1; index <= months; index++)
    monthReads[`m${index}`] = uploadsForMonthRead(db, year, index);
  const [summary, weights, { units }, uploadsByMonth, checks] = await Promise.all([
    summaryFor(env, db, year, month, now),
    currentWeights(db, year),
    readTogether(db, { units: unitsRead(db) }),
    months === 0 ? Promise.resolve<Record<string, MonthUpload[]>>({}) : readTogether(db, monthReads),
    db
      .prepare(
        `SELECT unit_code, result, count(*) AS n FROM spot_checks WHERE checked_on BETWEEN ?1 AND ?2
         GROUP BY unit_code, result`,
      )
      .bind(`${year}-01-01`, `${year}-12-31`)
      .all<{ unit_code: string; result: string; n: number }>(),
  ]);
  // A district that began using the product in the year is judged on reporting from its first reported month.
  let reportingFrom: number | null = null;
  for (let index = 1; index <= months && reportingFrom === null; index++)
    if ((uploadsByMonth[`m${index}`] ?? []).length > 0) reportingFrom = index;
  const marks = new Map<string, ReportingMark[]>();
  for (let index = reportingFrom ?? months + 1; index <= months; index++) {
    for (const unit of unitReporting(units, uploadsByMonth[`m${index}`] ?? [], year, index, day))
      marks.set(unit.unitCode, [...(marks.get(unit.unitCode) ?? []), unit.status]);
  }
  const count = (unitCode: string, result: string) =>
    checks.results.find((row) => row.unit_code === unitCode && row.result === result)?.n ?? 0;
  // The year's activities to the last ended month, as the bulletin counts them (活动开展).
  const activities = new Map(
    (summary.activities?.units ?? []).map((unit) => [unit.unitCode, unit.toDate.activities]),
  );
  const inputs: AssessmentInput[] = summary.units.map((unit) => ({
    unitCode: unit.unitCode,
    unitName: unit.unitName,
    quota: unit.quota,
    counted: unit.counted,
    reporting: marks.get(unit.unitCode) ?? [],
    checks: { true: count(unit.unitCode, '属实'), untrue: count(unit.unitCode, '不属实') },
    activities: activities.get(unit.unitCode) ?? 0,
    established: unit.established,
  }));
  return {
    year,
    months,
    final: months === 12,
    weights: weights.weights,
    reportingFrom,
    weightsVersion: weights.version,
    weightsSetAt: weights.setAt,
    activitiesRecorded: summary.activities !== null,
    units: assessUnits(inputs, weights.weights),
  };
}
