// The one error contract over HTTP: { error: { code, message, details? } } with a stable code.
import { type ApiErrorCode, ErrorEnvelopeSchema, errorEnvelope } from '@tuanjian/shared';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const ErrorSchema = ErrorEnvelopeSchema.openapi('Error', {
  example: { error: { code: 'validation_failed', message: '台账中有 3 处错误，未写入任何数据' } },
});

/** The codes the API answers with: shared with the client and the pane's messages. */
export type ErrorCode = ApiErrorCode;

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

export const errorBody = errorEnvelope;

export const errorResponses = {
  400: { description: 'Bad request', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Missing or invalid token', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Role or unit not allowed', content: { 'application/json': { schema: ErrorSchema } } },
} as const;
