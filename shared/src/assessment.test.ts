import { describe, expect, it } from 'vitest';
import {
  type AssessmentInput,
  AssessmentWeightsSchema,
  assessUnits,
  DEFAULT_ASSESSMENT_WEIGHTS,
  type ReportingMark,
} from './assessment';

const months = (onTime: number, late: number, missing: number): ReportingMark[] => [
  ...Array<ReportingMark>(onTime).fill('onTime'),
  ...Array<ReportingMark>(late).fill('late'),
  ...Array<ReportingMark>(missing).fill('missing'),
];

/**
 * Five units worked out by hand with the default weights: 50 / 20 / 15 / 15, two activities a League organization,
 * completion in full at 120% of the quota.
 */
const inputs: AssessmentInput[] = [
  // A: 8 of 10 → 0.8 ÷ 1.2 → 66.67; (8 + ½) ÷ 10 → 85; 4 ÷ 5 → 80; 10 ÷ (8 × 2) → 62.5.
  // 0.5 × 66.667 + 0.2 × 85 + 0.15 × 80 + 0.15 × 62.5 = 33.333 + 17 + 12 + 9.375 = 71.708 → 71.71.
  {
    unitCode: 'A',
    unitName: '甲镇',
    quota: 10,
    counted: 8,
    reporting: months(8, 1, 1),
    checks: { true: 4, untrue: 1 },
    activities: 10,
    established: 8,
  },
  // B: 6 of 5 is 120% → 100; all on time → 100; no checks → 100; no activities → 0. 50 + 20 + 15 + 0 = 85.
  {
    unitCode: 'B',
    unitName: '乙街道',
    quota: 5,
    counted: 6,
    reporting: months(10, 0, 0),
    checks: { true: 0, untrue: 0 },
    activities: 0,
    established: 6,
  },
  // C: 12 of 10 → 120% → 100; 9 ÷ 10 → 90; 2 ÷ 4 → 50; 20 ÷ 20 → 100. 50 + 18 + 7.5 + 15 = 90.5.
  {
    unitCode: 'C',
    unitName: '丙镇',
    quota: 10,
    counted: 12,
    reporting: months(9, 0, 1),
    checks: { true: 2, untrue: 2 },
    activities: 20,
    established: 10,
  },
  // D, by other figures to the same total: 5 of 4 (125%, over the cap) → 100; (8 + 2 × ½) ÷ 10 → 90; 3 ÷ 6 → 50; 9 ÷ 8 → 100. 90.5.
  {
    unitCode: 'D',
    unitName: '丁园区',
    quota: 4,
    counted: 5,
    reporting: months(8, 2, 0),
    checks: { true: 3, untrue: 3 },
    activities: 9,
    established: 4,
  },
  // E: no quota: its parts are shown, it is not ranked.
  {
    unitCode: 'E',
    unitName: '戊街道',
    quota: null,
    counted: 2,
    reporting: months(10, 0, 0),
    checks: { true: 1, untrue: 0 },
    activities: 1,
    established: 2,
  },
];

describe('年度考核: the assessment formula', () => {
  it('scores and ranks five units exactly as worked out by hand, ties sharing a rank', () => {
    expect(assessUnits(inputs, DEFAULT_ASSESSMENT_WEIGHTS)).toEqual([
      {
        unitCode: 'C',
        unitName: '丙镇',
        parts: { completion: 100, reporting: 90, accuracy: 50, activities: 100 },
        total: 90.5,
        rank: 1,
        tied: true,
      },
      {
        unitCode: 'D',
        unitName: '丁园区',
        parts: { completion: 100, reporting: 90, accuracy: 50, activities: 100 },
        total: 90.5,
        rank: 1,
        tied: true,
      },
      {
        unitCode: 'B',
        unitName: '乙街道',
        parts: { completion: 100, reporting: 100, accuracy: 100, activities: 0 },
        total: 85,
        rank: 3,
        tied: false,
      },
      {
        unitCode: 'A',
        unitName: '甲镇',
        parts: { completion: 66.67, reporting: 85, accuracy: 80, activities: 62.5 },
        total: 71.71,
        rank: 4,
        tied: false,
      },
      {
        unitCode: 'E',
        unitName: '戊街道',
        parts: { completion: null, reporting: 100, accuracy: 100, activities: 25 },
        total: null,
        rank: null,
        tied: false,
      },
    ]);
  });

  it('follows the committee’s weights: quota only ranks by completion', () => {
    const quotaOnly = {
      completion: 100,
      reporting: 0,
      accuracy: 0,
      activities: 0,
      activitiesPerOrganization: 2,
      completionCap: 120,
    };
    const ranked = assessUnits(inputs, quotaOnly);
    expect(ranked.map((unit) => [unit.unitCode, unit.total, unit.rank])).toEqual([
      ['B', 100, 1],
      ['C', 100, 1],
      ['D', 100, 1],
      ['A', 66.67, 4],
      ['E', null, null],
    ]);
  });

  it('with the cap at 100%, completion earns nothing beyond the quota', () => {
    const capped = assessUnits(inputs, { ...DEFAULT_ASSESSMENT_WEIGHTS, completionCap: 100 });
    expect(capped.find((unit) => unit.unitCode === 'A')?.parts.completion).toBe(80);
    expect(capped.find((unit) => unit.unitCode === 'B')?.parts.completion).toBe(100);
  });

  it('accepts only weights that add up to 100', () => {
    expect(AssessmentWeightsSchema.safeParse(DEFAULT_ASSESSMENT_WEIGHTS).success).toBe(true);
    expect(AssessmentWeightsSchema.safeParse({ ...DEFAULT_ASSESSMENT_WEIGHTS, activities: 20 }).success).toBe(
      false,
    );
    expect(
      AssessmentWeightsSchema.safeParse({ ...DEFAULT_ASSESSMENT_WEIGHTS, activitiesPerOrganization: 0 })
        .success,
    ).toBe(false);
  });
});
