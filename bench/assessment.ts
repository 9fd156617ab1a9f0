// 年度考核 for the bench district (issue 15): GET /assessment over HTTP — the year's standing of its 40 units
// over the months ended (the month's summary, each month's uploads for 按时报送, the year's spot checks) — as
// repeated reads and right after a write (the summary it stands on is then recounted); and the year-end report
// (GET /annual-reports/{year}) built on it.
import { AssessmentSchema } from '@tuanjian/shared';
import type { Api } from './api';
import type { SeededDistrict } from './district';
import { type LatencyFigure, latency } from './summary';

export interface AssessmentFigures {
  units: number;
  months: number;
  /** Whether the district keeps a 活动台账, and the units whose activities part counts (the activity bench's). */
  activitiesRecorded?: boolean;
  unitsWithActivities?: number;
  warm: LatencyFigure;
  cold: LatencyFigure;
  /** GET /annual-reports/{year}: the year-end report — the standing, the totals, the candidates — as the committee reads it. */
  annual?: LatencyFigure;
}

export async function benchAssessment(
  api: Api,
  seeded: SeededDistrict,
  samples: number,
): Promise<AssessmentFigures> {
  const { year } = seeded.period;
  const path = `/assessment?year=${year}`;
  const get = async () => {
    const answer = await api.ok('GET', path, undefined, seeded.readerToken);
    return { ms: answer.ms, bytes: answer.bytes };
  };
  const standing = AssessmentSchema.parse((await api.ok('GET', path, undefined, seeded.readerToken)).body);
  const firstUnit = seeded.district.units[0]?.code;
  if (!firstUnit) throw new Error('the bench district has no units');
  const warm = await latency(`GET /assessment (年度考核, ${standing.units.length} units)`, 2, samples, get);
  const cold = await latency(
    'GET /assessment right after a write',
    1,
    Math.max(3, Math.ceil(samples / 3)),
    async () => {
      await api.ok('PATCH', `/units/${encodeURIComponent(firstUnit)}`, { active: true });
      return get();
    },
  );
  // The year-end report stands on the same standing plus the year's activities per League organization (the
  // 红旗团支部 candidates) and the centre: read as the committee reads it (the candidates by name).
  const annual = await latency(
    `GET /annual-reports/${year} (年度通报, ${standing.units.length} units)`,
    1,
    Math.max(3, Math.ceil(samples / 3)),
    async () => {
      const answer = await api.ok('GET', `/annual-reports/${year}`);
      return { ms: answer.ms, bytes: answer.bytes };
    },
  );
  return {
    annual,
    units: standing.units.length,
    months: standing.months,
    activitiesRecorded: standing.activitiesRecorded,
    unitsWithActivities: standing.units.filter((unit) => unit.parts.activities > 0).length,
    warm,
    cold,
  };
}
