// Publishing a month's bulletin: a frozen, numbered issue (第N期). One issue per month; a correction
// is a new issue that names the one it corrects and why. Months that have not ended are refused.
import { renderBulletin } from '@tuanjian/shared';
import {
  latestIssueOfMonth,
  nextIssueNumber,
  type PublishedBulletin,
  publishConflict,
  publishStatements,
} from '../db/bulletins';
import type { Db } from '../db/db';
import { commit } from '../db/write';
import { ApiError } from '../errors';
import { monthHasEnded, shanghaiDate } from './clock';
import { countedKeys, liveSummary } from './summary';

export interface PublishRequest {
  year: number;
  month: number;
  publishedBy: string;
  now: Date;
  lateAfterDay: number;
  district: string;
  issuer: string;
  /** A deliberate correction of the month's latest issue, with the reason (shown in the issue line). */
  correction?: { corrects: number; reason: string } | undefined;
}

const ATTEMPTS = 5;

function alreadyPublished(issueNumber: number, year: number, month: number): ApiError {
  return new ApiError(
    409,
    'already_published',
    `${year}年${month}月的通报已发布为第${issueNumber}期；如需更正，请发布更正期并说明原因`,
    {
      messageEn: `The bulletin for ${year}-${month} was published as issue ${issueNumber}; publish a correction (naming it, with a reason) to change it`,
      issueNumber,
    },
  );
}

/**
 * Publishes the month's issue and returns it. Parallel or repeated publishes give one issue: the
 * month's unique index decides, and the others answer 409 already_published.
 */
export async function publishBulletin(db: Db, request: PublishRequest): Promise<PublishedBulletin> {
  const { year, month, now } = request;
  if (!monthHasEnded(year, month, now)) {
    throw new ApiError(409, 'month_not_ended', `${year}年${month}月尚未结束，不能发布该月通报`, {
      messageEn: `${year}-${month} has not ended; only ended months are published`,
    });
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const latest = await latestIssueOfMonth(db, year, month);
    if (!request.correction && latest) throw alreadyPublished(latest.issueNumber, year, month);
    if (request.correction) {
      if (!latest || latest.issueNumber !== request.correction.corrects) {
        throw new ApiError(
          409,
          'conflict',
          latest
            ? `更正须针对该月最新的一期（第${latest.issueNumber}期），而不是第${request.correction.corrects}期`
            : `${year}年${month}月尚无通报，无可更正`,
          {
            messageEn: latest
              ? `A correction must name the month's latest issue (${latest.issueNumber})`
              : 'The month has no issue to correct',
            latestIssue: latest?.issueNumber ?? null,
          },
        );
      }
    }
    const [issueNumber, summary, counted] = await Promise.all([
      nextIssueNumber(db),
      liveSummary(db, {
        year,
        month,
        at: now,
        district: request.district,
        lateAfterDay: request.lateAfterDay,
      }),
      countedKeys(db, year, month),
    ]);
    const issue: PublishedBulletin = {
      issueNumber,
      year,
      month,
      publishedAt: now.toISOString(),
      publishedBy: request.publishedBy,
      corrects: request.correction?.corrects ?? null,
      correctionReason: request.correction?.reason ?? null,
      summary,
      bulletin: renderBulletin(summary, {
        issueNumber,
        date: shanghaiDate(now),
        issuer: request.issuer,
        corrects: request.correction?.corrects ?? null,
      }),
    };
    try {
      await commit(db, publishStatements(db, issue, counted), {
        at: issue.publishedAt,
        actor: request.publishedBy,
        action: 'bulletin.publish',
        target: String(issueNumber),
        detail: { year, month, corrects: issue.corrects, reason: issue.correctionReason },
      });
      return issue;
    } catch (error) {
      const conflict = publishConflict(error);
      if (conflict === 'number') continue; // another issue took the number: take the next one
      if (conflict === 'month' || conflict === 'correction') {
        const winner = await latestIssueOfMonth(db, year, month);
        throw alreadyPublished(winner?.issueNumber ?? 0, year, month);
      }
      throw error;
    }
  }
  throw new Error(`could not take an issue number after ${ATTEMPTS} attempts`);
}
