// The one error contract over HTTP: { error: { code, message, details? } } with a stable code.
import { z } from '@hono/zod-openapi';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string().openapi({ example: '台账中有 3 处错误，未写入任何数据' }),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'validation_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'ledger_changed'
  | 'removals_unconfirmed'
  | 'idempotency_key_reused'
  | 'already_published'
  | 'month_not_ended'
  | 'too_many_rows'
  | 'draft_incomplete'
  | 'internal';

/** An expected failure: thrown anywhere, rendered by the app's error handler. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function errorBody(code: ErrorCode | string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export const errorResponses = {
  400: { description: 'Bad request', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Missing or invalid token', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Role or unit not allowed', content: { 'application/json': { schema: ErrorSchema } } },
} as const;
