// Fair share (issue 14, point 7): a unit token's heavy requests — uploads, dry runs, parts, restores — take
// turns, one at a time per token in this worker instance, so one unit's flood holds one share of the CPU and
// the other units' reads keep theirs. A request waits for its token's turn (a retry of an upload then
// replays, as Idempotency-Key promises); beyond MAX_WAITING waiting, or beyond HEAVY_REQUESTS dry runs a
// minute per token across Cloudflare (wrangler.toml), it gets 429 token_busy with Retry-After. The
// committee's admin token is not limited.
import { createMiddleware } from 'hono/factory';
import { ApiError } from './errors';
import type { AppEnv } from './types';

/** Requests of one token waiting for their turn in this instance, beyond the one running. */
export const MAX_WAITING = 32;
const BUSY_RETRY_SECONDS = 5;
const RATE_RETRY_SECONDS = 60;

/** Per token: the end of the last request in line, and how many are in line (running one included). */
const lines = new Map<string, { tail: Promise<void>; length: number }>();

function busy(retryAfter: number, message: string, messageEn: string): ApiError {
  return new ApiError(429, 'token_busy', message, { messageEn, retryAfterSeconds: retryAfter });
}

/** For POSTs after authentication: a unit token's heavy request waits for its turn, or is told to come back. */
export const fairShare = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== 'POST' || c.var.caller.role !== 'unit') return next();
  const token = c.var.caller.tokenId;
  const line = lines.get(token) ?? { tail: Promise.resolve(), length: 0 };
  if (line.length > MAX_WAITING) {
    c.header('Retry-After', String(BUSY_RETRY_SECONDS));
    throw busy(
      BUSY_RETRY_SECONDS,
      '这个令牌同时发出的上传或预检太多，请稍候几秒再试（其他单位不受影响）',
      'Too many uploads or dry runs with this token at once; retry in a few seconds',
    );
  }
  if (c.req.query('dryRun') === 'true') {
    const { success } = await c.env.HEAVY_REQUESTS.limit({ key: token });
    if (!success) {
      c.header('Retry-After', String(RATE_RETRY_SECONDS));
      throw busy(
        RATE_RETRY_SECONDS,
        '这个令牌一分钟内的预检次数过多，请 1 分钟后再试',
        'Too many dry runs with this token in a minute; retry in a minute',
      );
    }
  }
  // Join the line before anything else is awaited, so requests arriving together keep their order.
  const current = lines.get(token) ?? line;
  const before = current.tail;
  let done = () => {};
  const mine = new Promise<void>((resolve) => {
    done = resolve;
  });
  current.tail = before.then(() => mine);
  current.length++;
  lines.set(token, current);
  try {
    await before;
    await next();
  } finally {
    done();
    current.length--;
    if (current.length === 0 && lines.get(token) === current) lines.delete(token);
  }
});
