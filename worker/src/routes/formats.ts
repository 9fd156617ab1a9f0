// What /summary and /bulletins share: the formats they answer in and the issue's schema.
import { z } from '@hono/zod-openapi';
import { IssueMetaSchema, SummaryResponseSchema } from '@tuanjian/shared';
import type { Context } from 'hono';

export const FormatSchema = z.enum(['json', 'csv', 'html']).default('json');
const SummaryResponse = SummaryResponseSchema.openapi('SummaryResponse');
export const IssueMeta = IssueMetaSchema.openapi('BulletinIssue');
// The shared IssueSchema, extended from the named meta so the document refers to BulletinIssue.
export const IssueResponse = IssueMeta.extend(SummaryResponseSchema.shape);

export const formatted = {
  'application/json': { schema: SummaryResponse },
  'text/csv': { schema: z.string() },
  'text/html': { schema: z.string() },
} as const;

export function filename(year: number, month: number, suffix: string): string {
  return `bulletin-${year}-${String(month).padStart(2, '0')}${suffix}`;
}

export function asCsv(c: Context, csv: string, name: string): Response {
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}.csv"`,
  });
}
