// Fair share (issue 14, point 7): a unit token's dry runs — of an upload or a restore, the heavy requests that
// write nothing and so meet no other guard — run one at a time per token in this worker instance, and at most
// HEAVY_REQUESTS (wrangler.toml) a minute per token across Cloudflare. A second one while the first runs gets
// 429 token_busy with Retry-After at once, instead of taking a second share of the CPU other units' reads
// need. The product's clients send one at a time, so they never meet it. Real uploads are not limited here:
// retries of one upload must replay (Idempotency-Key) and a second concurrent one is refused by the ledger
// version (409); the committee's own admin token is not limited.
import { createMiddleware } from 'hono/factory';
import { ApiError } from './errors';
import type { AppEnv } from './types';

/** Heavy requests of one token running in this instance at once. */
export const MAX_HEAVY_PER_TOKEN = 1;
const BUSY_RETRY_SECONDS = 5;
const RATE_RETRY_SECONDS = 60;

const running = new Map<string, number>();

function busy(retryAfter: number, message: string, messageEn: string): ApiError {
  return new ApiError(429, 'token_busy', message, { messageEn, retryAfterSeconds: retryAfter });
}

/** For POSTs after authentication: a unit token's dry run takes the token's slot, or is told to come back. */
export const fairShare = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== 'POST' || c.var.caller.role !== 'unit' || c.req.query('dryRun') !== 'true')
    return next();
  const token = c.var.caller.tokenId;
  if ((running.get(token) ?? 0) >= MAX_HEAVY_PER_TOKEN) {
    c.header('Retry-After', String(BUSY_RETRY_SECONDS));
    throw busy(
      BUSY_RETRY_SECONDS,
      '这个令牌的上一次预检还在处理，请稍候几秒再试（其他单位不受影响）',
      'This token’s previous dry run is still running; retry in a few seconds',
    );
  }
  // The slot is taken before anything is awaited, so two requests arriving together cannot both get it.
  running.set(token, (running.get(token) ?? 0) + 1);
  const release = () => {
    const left = (running.get(token) ?? 1) - 1;
    if (left > 0) running.set(token, left);
    else running.delete(token);
  };
  const { success } = await c.env.HEAVY_REQUESTS.limit({ key: token }).catch((error: unknown) => {
    release();
    throw error;
  });
  if (!success) {
    release();
    c.header('Retry-After', String(RATE_RETRY_SECONDS));
    throw busy(
      RATE_RETRY_SECONDS,
      '这个令牌一分钟内的预检次数过多，请 1 分钟后再试',
      'Too many dry runs with this token in a minute; retry in a minute',
    );
  }
  try {
    await next();
  } finally {
    release();
  }
});
