// 支持中心 (SPEC §8, issue 15): the organizations resident in and linked to the committee's support centre,
// and the headline figures the 2012 bulletin gives for it — 入驻 9 家, 联系 150 多家, 会员近 10 万人, 去年推动建团
// 62 家 — counted from the units' ledgers for any year.
import { z } from 'zod';
import { IsoDateSchema, StatusSchema, YearSchema } from './schemas';

export const CENTRE_RELATIONS = ['resident', 'linked'] as const;
export const CentreRelationSchema = z.enum(CENTRE_RELATIONS);
export type CentreRelation = z.infer<typeof CentreRelationSchema>;
export const CENTRE_RELATION_LABELS: Record<CentreRelation, string> = { resident: '入驻', linked: '联系' };

/** An organization of a unit's ledger with its place in the centre, and its figures from the ledger. */
export const CentreOrganizationSchema = z.object({
  unitCode: z.string(),
  orgKey: z.string(),
  /** Null when the organization has since left its unit's ledger. */
  orgName: z.string().nullable(),
  relation: CentreRelationSchema,
  since: IsoDateSchema,
  until: IsoDateSchema.nullable(),
  status: StatusSchema.nullable(),
  establishedOn: IsoDateSchema.nullable(),
  youthCount: z.number().int().nullable(),
  memberCount: z.number().int().nullable(),
});
export type CentreOrganization = z.infer<typeof CentreOrganizationSchema>;

export const CentreHeadlineSchema = z.object({
  year: YearSchema,
  /** Organizations resident in the centre at some time in the year. */
  resident: z.number().int(),
  /** Organizations linked to it (residents not included). */
  linked: z.number().int(),
  /** 青年人数 of all of them, from their ledgers. */
  youth: z.number().int(),
  /** 团员人数 of all of them. */
  members: z.number().int(),
  /** Those of them with a League organization set up in the year (建团时间 in the year). */
  establishedInYear: z.number().int(),
  /** Those with a League organization by the year's end. */
  established: z.number().int(),
  /** Set up per year among them, from the first year any was set up to this one. */
  perYear: z.array(z.object({ year: z.number().int(), established: z.number().int() })),
});
export type CentreHeadline = z.infer<typeof CentreHeadlineSchema>;

/** GET /centre: the headline for every role; the organizations for the committee only. */
export const CentreResponseSchema = z.object({
  headline: CentreHeadlineSchema,
  sentence: z.string(),
  organizations: z.array(CentreOrganizationSchema).nullable(),
});

export type CentreResponse = z.infer<typeof CentreResponseSchema>;

/** In the centre at some time in `year`: from `since` to `until` (inclusive), overlapping the year. */
export function inCentreDuring(
  organization: Pick<CentreOrganization, 'since' | 'until'>,
  year: number,
): boolean {
  return (
    organization.since <= `${year}-12-31` &&
    (organization.until === null || organization.until >= `${year}-01-01`)
  );
}

function establishedBy(organization: CentreOrganization, day: string): boolean {
  return (
    organization.status === '已建团' &&
    organization.establishedOn !== null &&
    organization.establishedOn <= day
  );
}

/** The centre's headline figures for `year`. */
export function centreHeadline(organizations: readonly CentreOrganization[], year: number): CentreHeadline {
  const during = organizations.filter((organization) => inCentreDuring(organization, year));
  const sum = (pick: (organization: CentreOrganization) => number | null) =>
    during.reduce((total, organization) => total + (pick(organization) ?? 0), 0);
  const setUpYears = during
    .filter((organization) => establishedBy(organization, `${year}-12-31`))
    .map((organization) => Number(organization.establishedOn?.slice(0, 4)));
  const first = setUpYears.length === 0 ? year : Math.min(...setUpYears);
  return {
    year,
    resident: during.filter((organization) => organization.relation === 'resident').length,
    linked: during.filter((organization) => organization.relation === 'linked').length,
    youth: sum((organization) => organization.youthCount),
    members: sum((organization) => organization.memberCount),
    establishedInYear: setUpYears.filter((each) => each === year).length,
    established: setUpYears.length,
    perYear: Array.from({ length: year - first + 1 }, (_, index) => ({
      year: first + index,
      established: setUpYears.filter((each) => each === first + index).length,
    })),
  };
}

/** 青年 in the house style: exact under 10,000, else in 万 with one decimal and no trailing .0. */
function people(count: number): string {
  if (count < 10_000) return `${count}人`;
  const wan = Math.round(count / 1_000) / 10;
  return `${Number.isInteger(wan) ? wan.toFixed(0) : wan.toFixed(1)}万人`;
}

/** The headline as the 2012 bulletin put it: 「入驻9家、联系150家青年社会组织，青年3.2万人，2026年推动建团12家」. */
export function centreSentence(headline: CentreHeadline): string {
  const { year } = headline;
  return (
    `${year}年，青年公益服务支持中心入驻青年社会组织${headline.resident}家，联系青年社会组织${headline.linked}家，` +
    `涉及青年${people(headline.youth)}、团员${people(headline.members)}；${year}年在其中推动建立团组织${headline.establishedInYear}家，` +
    `累计已建团组织${headline.established}家。`
  );
}
