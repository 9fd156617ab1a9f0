// 年度考核 (SPEC §8, issue 15): each unit's score for the year from four parts — quota completion, reporting on
// time, spot-check accuracy and the activities of its League organizations — weighted as the committee sets
// for the year, and ranked with ties. Pure: the caller gathers each unit's figures.
import { z } from 'zod';

const Weight = z.number().int().min(0).max(100);

/** The committee's weights for a year (they add up to 100) and the activities a League organization should hold. */
export const AssessmentWeightsSchema = z
  .object({
    completion: Weight,
    reporting: Weight,
    accuracy: Weight,
    activities: Weight,
    /** Activities per League organization in the year that earn the activities part in full. */
    activitiesPerOrganization: z.number().int().min(1).max(52),
    /** The completion rate (percent of the quota) that earns the completion part in full: above 100 rewards 超额完成. */
    completionCap: z.number().int().min(100).max(300),
  })
  .refine(
    (weights) => weights.completion + weights.reporting + weights.accuracy + weights.activities === 100,
    {
      message: '四项权重之和须为100 / the four weights must add up to 100',
    },
  );
export type AssessmentWeights = z.infer<typeof AssessmentWeightsSchema>;

/** Until the committee sets its own: the quota first, as the seed makes it part of each unit's 年度考核. */
export const DEFAULT_ASSESSMENT_WEIGHTS: AssessmentWeights = {
  completion: 50,
  reporting: 20,
  accuracy: 15,
  activities: 15,
  activitiesPerOrganization: 2,
  completionCap: 120,
};

export type ReportingMark = 'onTime' | 'late' | 'missing';

/** One unit's figures for the year, as the caller counted them. */
export interface AssessmentInput {
  unitCode: string;
  unitName: string;
  /** The year's quota; a unit without one (or with 0) is shown but not ranked. */
  quota: number | null;
  /** League organizations counted for the year (as the bulletin counts them). */
  counted: number;
  /** The unit's reporting for each month assessed. */
  reporting: readonly ReportingMark[];
  /** The year's spot checks of its organizations: 属实 and 不属实 (无法联系 counts neither way). */
  checks: { true: number; untrue: number };
  /** Activities its League organizations held in the year, and how many League organizations it has. */
  activities: number;
  established: number;
}

export interface AssessedUnit {
  unitCode: string;
  unitName: string;
  /** Each part on a 0–100 scale; completion is null without a quota. */
  parts: { completion: number | null; reporting: number; accuracy: number; activities: number };
  /** Σ weight × part ÷ 100, to two decimals; null without a quota. */
  total: number | null;
  /** 1 for the best; units with the same total share a rank and the next rank skips (1, 1, 3). */
  rank: number | null;
  tied: boolean;
}

function hundredths(value: number): number {
  return Math.round(value * 100 + 1e-9) / 100;
}

/**
 * The parts and total of each unit, ranked. Completion is the rate over the weights' completionCap (120% by
 * default: 超额完成 earns more up to there, nothing beyond);
 * reporting gives a month on time 1 and a late one ½; accuracy is 属实 ÷ (属实 + 不属实), full without checks;
 * activities are the year's activities ÷ (League organizations × the weights' activitiesPerOrganization), at most 1.
 */
export function assessUnits(inputs: readonly AssessmentInput[], weights: AssessmentWeights): AssessedUnit[] {
  const assessed = inputs.map((input): AssessedUnit => {
    const hasQuota = input.quota !== null && input.quota > 0;
    const cap = weights.completionCap / 100;
    const completion = hasQuota ? (Math.min(input.counted / (input.quota ?? 1), cap) / cap) * 100 : null;
    const months = input.reporting.length;
    const reporting =
      months === 0
        ? 100
        : ((input.reporting.filter((mark) => mark === 'onTime').length +
            input.reporting.filter((mark) => mark === 'late').length / 2) /
            months) *
          100;
    const checked = input.checks.true + input.checks.untrue;
    const accuracy = checked === 0 ? 100 : (input.checks.true / checked) * 100;
    const expected = input.established * weights.activitiesPerOrganization;
    const activities = expected === 0 ? 0 : Math.min(input.activities / expected, 1) * 100;
    const total =
      completion === null
        ? null
        : hundredths(
            (weights.completion * completion +
              weights.reporting * reporting +
              weights.accuracy * accuracy +
              weights.activities * activities) /
              100,
          );
    return {
      unitCode: input.unitCode,
      unitName: input.unitName,
      parts: {
        completion: completion === null ? null : hundredths(completion),
        reporting: hundredths(reporting),
        accuracy: hundredths(accuracy),
        activities: hundredths(activities),
      },
      total,
      rank: null,
      tied: false,
    };
  });
  const ranked = assessed
    .filter((unit) => unit.total !== null)
    .sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
  ranked.forEach((unit, index) => {
    const previous = ranked[index - 1];
    unit.rank = previous && previous.total === unit.total ? previous.rank : index + 1;
  });
  for (const unit of ranked) unit.tied = ranked.some((other) => other !== unit && other.rank === unit.rank);
  // Ranked first, best first; then the units without a quota, in the order given.
  return [...ranked, ...assessed.filter((unit) => unit.total === null)];
}

/** GET /assessment: the year's standing (any day; the whole year once it is over), and the weights it used. */
export const AssessmentSchema = z.object({
  year: z.number().int(),
  /** The months assessed: the year's ended months (all twelve once the year is over). */
  months: z.number().int(),
  final: z.boolean(),
  weights: z.object({
    completion: z.number(),
    reporting: z.number(),
    accuracy: z.number(),
    activities: z.number(),
    activitiesPerOrganization: z.number(),
    completionCap: z.number(),
  }),
  /** The first month the reporting part counts: the first month any unit reported in the year (none before). */
  reportingFrom: z.number().int().nullable(),
  /** 0: the product's defaults; n: the committee's n-th setting for the year. */
  weightsVersion: z.number().int(),
  weightsSetAt: z.string().nullable(),
  /** False until the 活动台账 is kept: the activities part is then 0 for every unit. */
  activitiesRecorded: z.boolean(),
  units: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      parts: z.object({
        completion: z.number().nullable(),
        reporting: z.number(),
        accuracy: z.number(),
        activities: z.number(),
      }),
      total: z.number().nullable(),
      rank: z.number().int().nullable(),
      tied: z.boolean(),
    }),
  ),
});
export type Assessment = z.infer<typeof AssessmentSchema>;
