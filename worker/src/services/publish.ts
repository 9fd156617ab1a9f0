// Publishing a month's bulletin: a frozen, numbered issue (第N期); a correction is a new issue.
import { renderBulletin } from '@tuanjian/shared';
import { auditStatement } from '../db/audit';
import { insertBulletin, latestBulletinFor, nextIssueNumber, type PublishedBulletin } from '../db/bulletins';
import type { Bindings } from '../types';
import { shanghaiDate } from './clock';
import { liveSummary } from './summary';

export interface PublishRequest {
  year: number;
  month: number;
  publishedBy: string;
  /** The cron's guard: publish nothing when the month already has an issue. */
  onlyIfNone: boolean;
  now: Date;
  lateAfterDay: number;
}

/** Publishes and returns the new issue, or null when `onlyIfNone` found one already. */
export async function publishBulletin(
  env: Bindings,
  request: PublishRequest,
): Promise<PublishedBulletin | null> {
  const db = env.DB;
  const today = shanghaiDate(request.now);
  const summary = await liveSummary(db, {
    year: request.year,
    month: request.month,
    today,
    district: env.DISTRICT_NAME,
    lateAfterDay: request.lateAfterDay,
  });
  // Two publishers may race for the same number: the loser takes the next one.
  for (let attempt = 0; attempt < 5; attempt++) {
    const corrects = await latestBulletinFor(db, request.year, request.month);
    if (request.onlyIfNone && corrects !== null) return null;
    const issueNumber = await nextIssueNumber(db);
    const bulletin = renderBulletin(summary, { issueNumber, date: today, issuer: env.ISSUER });
    const issue: PublishedBulletin = {
      issueNumber,
      year: request.year,
      month: request.month,
      publishedAt: request.now.toISOString(),
      publishedBy: request.publishedBy,
      corrects,
      summary,
      bulletin,
    };
    if (await insertBulletin(db, issue, request.onlyIfNone)) {
      await auditStatement(db, {
        at: issue.publishedAt,
        actor: request.publishedBy,
        action: 'bulletin.publish',
        target: String(issueNumber),
        detail: { year: request.year, month: request.month, corrects },
      }).run();
      return issue;
    }
  }
  throw new Error('could not take an issue number after 5 attempts');
}
