// The validation hook every route shares: schema failures in the one error contract.
import type { Hook } from '@hono/zod-openapi';
import { errorBody } from '../errors';
import type { AppEnv } from '../types';

/** Schema failures on params, query, headers or body → 400 in the one error contract. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (!result.success) {
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
