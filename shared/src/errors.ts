// The one error contract over HTTP: `{ error: { code, message, details? } }` with a stable code. The
// worker answers with these codes; the client parses the envelope; the UI picks its words by code.
import { z } from 'zod';

/** Every code the API answers with. */
export const API_ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'validation_failed',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'ledger_changed',
  'removals_unconfirmed',
  'idempotency_key_reused',
  'already_published',
  'month_not_ended',
  'too_many_rows',
  'draft_incomplete',
  'unit_inactive',
  'issue_unreadable',
  'token_busy',
  'internal',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    /** One of API_ERROR_CODES (a client keeps working when a newer server adds one). */
    code: z.string(),
    /** Chinese, for people; `details.messageEn` carries the English. */
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

/**
 * The body of an error answer.
 * @example errorEnvelope('not_found', '找不到该期通报') // => { error: { code: 'not_found', message: '找不到该期通报' } }
 */
export function errorEnvelope(code: ApiErrorCode, message: string, details?: unknown): ErrorEnvelope {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
