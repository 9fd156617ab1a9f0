// The validation hook every route shares: schema failures in the one error contract.
import { type Hook, z } from '@hono/zod-openapi';
import { MAX_UPLOAD_ROWS } from '@tuanjian/shared';
import { errorBody } from '../errors';
import { SPLIT_HINT } from '../split-hint';
import type { AppEnv } from '../types';

/** Schema failures on params, query, headers or body → 400 in the one error contract. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (!result.success) {
    const tooMany = result.error.issues.find(
      (issue) =>
        result.target === 'json' &&
        issue.code === 'too_big' &&
        (issue.path.join('.') === 'rows' || issue.path.join('.') === 'rowCount'),
    );
    if (tooMany) {
      return c.json(
        errorBody('too_many_rows', `台账行数超过上限：${SPLIT_HINT.zh}`, {
          messageEn: `Too many rows: ${SPLIT_HINT.en}`,
          maxRows: 'maximum' in tooMany ? Number(tooMany.maximum) : MAX_UPLOAD_ROWS,
        }),
        413,
      );
    }
    const issues = result.error.issues.map((issue) => ({
      path: [result.target, ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
    return c.json(
      errorBody('bad_request', `请求格式不正确：${issues[0]?.path ?? result.target}`, {
        messageEn: 'The request does not match the API schema',
        issues,
      }),
      400,
    );
  }
};

/**
 * A whole number in a path or query, written in digits only: "10", never "1e1", "0x0A", "10.0" or " 10"
 * (z.coerce.number() took them all as 10).
 * @example z.object({ month: digits(MonthSchema) })
 */
export function digits<T extends z.ZodType<number, number>>(schema: T) {
  return z
    .string()
    .regex(/^[0-9]{1,9}$/u, '须为只含数字的整数（如 10） / a whole number in digits (like 10)')
    .transform(Number)
    .pipe(schema)
    .openapi({ type: 'integer' });
}
