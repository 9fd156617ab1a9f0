// The Hono app: guards (CORS, secure headers, body limits, tokens), /api/v1 routes, OpenAPI and /docs.
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate } from './auth';
import { UnreadableIssue } from './db/bulletins';
import { BOOKMARK_HEADER, database } from './db/session';
import { docsHtml } from './docs';
import { ApiError, errorBody } from './errors';
import { fairShare } from './fair-share';
import { activityRoutes } from './routes/activities';
import { annualReportRoutes } from './routes/annual-reports';
import { assessmentRoutes } from './routes/assessment';
import { bulletinRoutes } from './routes/bulletins';
import { centreRoutes } from './routes/centre';
import { validationHook } from './routes/common';
import { draftRoutes } from './routes/drafts';
import { duplicateRoutes } from './routes/duplicates';
import { ledgerRoutes } from './routes/ledger';
import { healthRoutes, meRoutes } from './routes/meta';
import { reportingRoutes } from './routes/oversight';
import { quotaRoutes } from './routes/quotas';
import { SHARE_PATH, sharedBulletin } from './routes/shared-bulletin';
import { spotCheckRoutes } from './routes/spot-checks';
import { subsidyRoutes } from './routes/subsidies';
import { summaryRoutes } from './routes/summary';
import { tokenRoutes } from './routes/tokens';
import { unitRoutes } from './routes/units';
import { uploadRoutes } from './routes/uploads';
import { workRoutes } from './routes/work';
import { clock } from './services/clock';
import { SPLIT_HINT } from './split-hint';
import type { AppEnv } from './types';

/** 20,000 typical rows are about 6.5 MB: the limit keeps an upload's heap within a Worker's memory. */
export const UPLOAD_BODY_LIMIT = 8 * 1024 * 1024;
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

function allowedOrigins(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
}

function tooLarge(limit: number, hint?: { zh: string; en: string }) {
  const mb = Math.round(limit / 1024 / 1024);
  return bodyLimit({
    maxSize: limit,
    onError: (c) =>
      c.json(
        errorBody('payload_too_large', `请求体超过 ${mb} MB 上限${hint ? `：${hint.zh}` : ''}`, {
          messageEn: `Request body over the ${mb} MB limit${hint ? `: ${hint.en}` : ''}`,
          limitBytes: limit,
        }),
        413,
      ),
  });
}

export function createApp(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', clock);
  app.use('/api/*', database);
  app.use(`${SHARE_PATH}/*`, database);
  app.use('/api/*', async (c, next) => {
    const origins = allowedOrigins(c.env.ALLOWED_ORIGINS);
    return cors({
      origin: (origin) => (origins.includes(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', BOOKMARK_HEADER],
      exposeHeaders: ['ETag', BOOKMARK_HEADER],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      maxAge: 600,
    })(c, next);
  });
  // The API's answers, the bulletin's HTML among them: no script, inline styles only, never framed.
  app.use(
    '/api/*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
    }),
  );
  // /docs: Swagger UI from this origin, calling this API; not framed.
  app.use(
    '/docs',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
    }),
  );
  app.use('/api/v1/uploads', tooLarge(UPLOAD_BODY_LIMIT, SPLIT_HINT));
  app.use('/api/v1/upload-drafts/*', tooLarge(UPLOAD_BODY_LIMIT, SPLIT_HINT));
  app.use('/api/v1/activities/uploads', tooLarge(UPLOAD_BODY_LIMIT));
  app.use('/api/*', async (c, next) => {
    if (
      c.req.path === '/api/v1/uploads' ||
      c.req.path.startsWith('/api/v1/upload-drafts/') ||
      c.req.path === '/api/v1/activities/uploads'
    )
      return next();
    return tooLarge(DEFAULT_BODY_LIMIT)(c, next);
  });

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.route('/health', healthRoutes);
  api.use('*', async (c, next) => {
    if (c.req.path === '/api/v1/openapi.json' || c.req.path === '/api/v1/health') return next();
    // Every authenticated answer (ledgers with phone numbers, tokens, bulletins) stays out of caches.
    c.header('Cache-Control', 'no-store');
    return authenticate(c, next);
  });
  // Heavy requests share the worker fairly between tokens (fair-share.ts).
  // ('/uploads/*' matches /uploads too: registered once, or it would count a request twice.)
  api.use('/uploads/*', fairShare);
  api.use('/upload-drafts/*', fairShare);
  api.use('/activities/uploads', fairShare);
  // One small app per resource, each mounted at its path.
  api.route('/me', meRoutes);
  api.route('/tokens', tokenRoutes);
  api.route('/units', unitRoutes);
  api.route('/quotas', quotaRoutes);
  api.route('/uploads', uploadRoutes);
  api.route('/upload-drafts', draftRoutes);
  api.route('/ledger', ledgerRoutes);
  api.route('/summary', summaryRoutes);
  api.route('/bulletins', bulletinRoutes);
  api.route('/spot-checks', spotCheckRoutes);
  api.route('/duplicates', duplicateRoutes);
  api.route('/reporting', reportingRoutes);
  api.route('/subsidies', subsidyRoutes);
  api.route('/work', workRoutes);
  api.route('/centre', centreRoutes);
  api.route('/assessment', assessmentRoutes);
  api.route('/activities', activityRoutes);
  api.route('/annual-reports', annualReportRoutes);
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An access token: admin, unit (bound to one unit) or reader',
  });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '团建台账 League Building Tracker API',
      version: '1.0.0',
      description:
        'Units, quotas, atomic ledger uploads, live monthly summaries and published bulletins (月度通报). ' +
        'Errors: `{ error: { code, message, details } }`.',
      license: { name: 'All rights reserved (no open-source license)' },
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    tags: [
      { name: 'meta', description: 'Liveness, and who a token is' },
      { name: 'units', description: 'Units (直属团组织)' },
      { name: 'quotas', description: 'Yearly quotas (年度指标) and the subsidy rate' },
      { name: 'uploads', description: 'Unit ledgers: dry run, upload (whole or in parts), history, restore' },
      { name: 'ledger', description: 'Organizations in the ledger, and one organization’s versions' },
      { name: 'summary', description: 'Live monthly figures and bulletin' },
      { name: 'bulletins', description: 'Published issues (月度通报) and corrections' },
      { name: 'spot checks', description: '电话抽查: samples and results' },
      { name: 'oversight', description: 'Cross-unit duplicates (重复) and reporting status (报送情况)' },
      { name: 'subsidies', description: 'Subsidies due, paid and withheld (补贴)' },
      {
        name: 'activities',
        description:
          '活动台账: each unit’s activities of its League organizations — dry run, upload, history, restore',
      },
      {
        name: 'annual reports',
        description:
          '年度通报: the year-end report with the award candidates, published once the year has ended',
      },
      { name: 'assessment', description: '年度考核: each unit’s standing for a year, and the weights' },
      {
        name: 'support centre',
        description: '支持中心: organizations resident in and linked to it, its figures',
      },
      {
        name: 'work records',
        description: '工作记录: 定期走访, 双月例会, 领导联系 and the holidays the weekly cadence skips',
      },
      { name: 'tokens', description: 'Access tokens' },
    ],
  });
  app.route('/api/v1', api);

  app.get('/docs', (c) => c.html(docsHtml()));
  app.get(`${SHARE_PATH}/:token`, sharedBulletin);

  app.notFound((c) =>
    c.json(
      errorBody('not_found', `没有这个地址：${c.req.method} ${c.req.path}`, { messageEn: 'No such route' }),
      404,
    ),
  );
  app.onError((error, c) => {
    if (error instanceof ApiError)
      return c.json(errorBody(error.code, error.message, error.details), error.status);
    if (error instanceof UnreadableIssue) {
      // Reported, and the rest of the service goes on: an issue the schema no longer reads is not a crash.
      console.error(error.message);
      return c.json(
        errorBody(
          'issue_unreadable',
          `第${error.issueNumber}期通报的存档无法按当前格式读取，未能显示；请管理员核对该期存档，或发布一期更正`,
          {
            messageEn: `Issue ${error.issueNumber} as stored cannot be read in the current format; an admin should check it, or publish a correction`,
            issueNumber: error.issueNumber,
          },
        ),
        422,
      );
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      if (status === 415) {
        return c.json(
          errorBody('unsupported_media_type', '请求体须为 JSON（Content-Type: application/json）', {
            messageEn: 'The body must be JSON (Content-Type: application/json)',
          }),
          415,
        );
      }
      if (status === 400) {
        return c.json(
          errorBody('bad_request', '请求体不是有效的 JSON', { messageEn: 'Malformed JSON body' }),
          400,
        );
      }
      return c.json(errorBody(status === 413 ? 'payload_too_large' : 'bad_request', error.message), status);
    }
    console.error('unhandled error', error);
    return c.json(
      errorBody('internal', '服务器内部错误，请稍后重试；数据未被修改', { messageEn: 'Internal error' }),
      500,
    );
  });
  return app;
}
