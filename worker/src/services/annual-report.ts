// 年度通报 (issue 15): the figures of a year's report — the year's count against the quota (the summary of
// its last ended month), the 年度考核 standing, the activities, the committee's work, the support centre and the
// award candidates — gathered now, or as the committee published them once the year had ended (frozen). The
// text is written from the figures on every read, as the reader's role may read them.
import {
  type AnnualCandidates,
  type AnnualFigures,
  AnnualFiguresSchema,
  type AnnualReportResponse,
  type BranchCandidate,
  branchCandidates,
  centreHeadline,
  committeeCandidates,
  renderAnnualReport,
  shanghaiDate,
} from '@tuanjian/shared';
import { type Caller, requireRole } from '../auth';
import { centreOrganizations } from '../db/centre';
import { type Db, isUniqueViolation, readTogether } from '../db/db';
import { leaderLinksRead, meetingsRead, visitsRead } from '../db/work';
import { commit } from '../db/write';
import { ApiError } from '../errors';
import type { Bindings } from '../types';
import { assessment } from './assessment';
import { summaryFor } from './summary';

interface BranchRow {
  unit_code: string;
  org_name: string;
  activities: number;
  served: number;
  secretary: string | null;
}

/**
 * Each League organization's activities in the year up to `lastDay`, with its 团组织书记 from the ledger; an
 * organization whose latest spot check found it 不属实 is left out (it does not count, nor can it be commended).
 */
async function branchFigures(db: Db, year: number, lastDay: string): Promise<BranchRow[]> {
  const { results } = await db
    .prepare(
      `SELECT a.unit_code, a.org_name, count(*) AS activities, sum(a.served) AS served, o.secretary
       FROM activity_versions AS a
       JOIN effective_organizations AS o ON o.unit_code = a.unit_code AND o.org_key = a.org_key
       WHERE a.to_version IS NULL AND a.held_on BETWEEN ?1 AND ?2 AND o.status = '已建团'
         AND coalesce(o.effective_result, '') <> '不属实'
       GROUP BY a.unit_code, a.org_key`,
    )
    .bind(`${year}-01-01`, lastDay)
    .all<BranchRow>();
  return results;
}

/** The figures of `year`'s report as they stand on `now` (the months ended so far). */
export async function annualFigures(env: Bindings, db: Db, year: number, now: Date): Promise<AnnualFigures> {
  const standing = await assessment(env, db, year, now);
  const month = Math.max(standing.months, 1);
  const lastDay = `${year}-${String(month).padStart(2, '0')}-31`;
  const at = now.toISOString();
  const [summary, work, organizations, branches] = await Promise.all([
    summaryFor(env, db, year, month, now),
    readTogether(db, {
      visits: visitsRead(db, year, at),
      meetings: meetingsRead(db, year, at),
      links: leaderLinksRead(db, year, at),
    }),
    centreOrganizations(db),
    branchFigures(db, year, lastDay),
  ]);
  const unitName = new Map(summary.units.map((unit) => [unit.unitCode, unit.unitName]));
  const withUnit = branches.map((row): BranchCandidate & { secretary: string | null } => ({
    unitCode: row.unit_code,
    unitName: unitName.get(row.unit_code) ?? row.unit_code,
    orgName: row.org_name,
    activities: row.activities,
    served: row.served,
    secretary: row.secretary,
  }));
  const chosen = branchCandidates(withUnit, standing.weights.activitiesPerOrganization);
  const secretaryOf = new Map(withUnit.map((row) => [`${row.unitCode}\u0000${row.orgName}`, row.secretary]));
  const candidates: AnnualCandidates = {
    committees: committeeCandidates(standing),
    branches: chosen.map(({ unitCode, unitName: name, orgName, activities, served }) => ({
      unitCode,
      unitName: name,
      orgName,
      activities,
      served,
    })),
    people: chosen.flatMap((branch) => {
      const name = secretaryOf.get(`${branch.unitCode}\u0000${branch.orgName}`);
      return name
        ? [
            {
              name,
              unitName: branch.unitName,
              orgName: branch.orgName,
              reason: `团组织书记，全年带领开展活动${branch.activities}场、服务青年${branch.served}人次`,
            },
          ]
        : [];
    }),
  };
  const { totals } = summary;
  return {
    year,
    district: summary.district,
    totals: {
      quota: totals.quota,
      counted: totals.counted,
      rate: totals.rate,
      subsidy: totals.subsidy,
      subsidyRate: summary.subsidyRate.city + summary.subsidyRate.district,
      units: totals.units,
      unitsDone: summary.units.filter(
        (unit) => unit.quota !== null && unit.quota > 0 && unit.counted >= unit.quota,
      ).length,
    },
    assessment: standing,
    activities: summary.activities?.toDate ?? { activities: 0, served: 0 },
    work: { visits: work.visits.length, meetings: work.meetings.length, leaders: work.links.length },
    centre: centreHeadline(organizations, year),
    candidates,
  };
}

/** The figures as `caller` may read them: the candidates (organizations and people by name) for admins only. */
function figuresFor(figures: AnnualFigures, caller: Caller): AnnualFigures {
  if (caller.role === 'admin') return figures;
  return { ...figures, candidates: { committees: figures.candidates.committees, branches: [], people: [] } };
}

interface PublishedRow {
  published_at: string;
  figures_json: string;
}

async function publishedReport(db: Db, year: number): Promise<PublishedRow | null> {
  return db
    .prepare('SELECT published_at, figures_json FROM annual_reports WHERE year = ?1')
    .bind(year)
    .first<PublishedRow>();
}

function respond(
  env: Bindings,
  caller: Caller,
  year: number,
  figures: AnnualFigures,
  published: { at: string } | null,
  now: Date,
): AnnualReportResponse {
  const readable = figuresFor(figures, caller);
  return {
    year,
    published: published !== null,
    publishedAt: published?.at ?? null,
    final: figures.assessment.final,
    figures: readable,
    report: renderAnnualReport(readable, {
      date: shanghaiDate(published ? new Date(published.at) : now),
      issuer: env.ISSUER,
      published: published !== null,
    }),
  };
}

/** GET /annual-reports/{year}: the published report, or the year's as it stands (every role). */
export async function annualReport(
  env: Bindings,
  db: Db,
  caller: Caller,
  year: number,
  now: Date,
): Promise<AnnualReportResponse> {
  const stored = await publishedReport(db, year);
  if (stored) {
    const figures = AnnualFiguresSchema.parse(JSON.parse(stored.figures_json));
    return respond(env, caller, year, figures, { at: stored.published_at }, now);
  }
  return respond(env, caller, year, await annualFigures(env, db, year, now), null, now);
}

/** POST /annual-reports: publishes a year's report once the year has ended (admin); frozen from then on. */
export async function publishAnnualReport(
  env: Bindings,
  db: Db,
  caller: Caller,
  year: number,
  now: Date,
): Promise<AnnualReportResponse> {
  requireRole(caller, 'admin');
  if (await publishedReport(db, year)) {
    throw new ApiError(409, 'already_published', `${year}年度通报已发布，不能再次发布`, {
      messageEn: `The ${year} annual report is published already`,
    });
  }
  const figures = await annualFigures(env, db, year, now);
  if (!figures.assessment.final) {
    throw new ApiError(409, 'month_not_ended', `${year}年尚未结束，不能发布年度通报`, {
      messageEn: `${year} has not ended: its annual report cannot be published yet`,
    });
  }
  const at = now.toISOString();
  try {
    await commit(
      db,
      [
        db
          .prepare(
            'INSERT INTO annual_reports (year, published_at, published_by, figures_json) VALUES (?1, ?2, ?3, ?4)',
          )
          .bind(year, at, caller.tokenId, JSON.stringify(figures)),
      ],
      { at, actor: caller.tokenId, action: 'annual-report.publish', target: String(year) },
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError(409, 'already_published', `${year}年度通报已发布，不能再次发布`, {
        messageEn: `The ${year} annual report is published already`,
      });
    }
    throw error;
  }
  return respond(env, caller, year, figures, { at }, now);
}
