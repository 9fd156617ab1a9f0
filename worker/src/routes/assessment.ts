// /assessment: 年度考核 (issue 15) — a year's standing for every role (per-unit figures only), and the
// committee's weights for the year (each setting a new version).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AssessmentSchema, AssessmentWeightsSchema, YearSchema } from '@tuanjian/shared';
import { errorResponses } from '../errors';
import { assessment, setAssessmentWeights } from '../services/assessment';
import type { AppEnv } from '../types';
import { digits, validationHook } from './common';

const TAGS = ['assessment'];

const getRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'assessment',
  tags: TAGS,
  summary:
    'A year’s 年度考核: each unit’s parts (quota completion, reporting on time, spot-check accuracy, activities), total and rank, over the months ended',
  request: { query: z.object({ year: digits(YearSchema) }) },
  responses: {
    200: { description: 'The standing', content: { 'application/json': { schema: AssessmentSchema } } },
    ...errorResponses,
  },
});

const weightsRoute = createRoute({
  method: 'put',
  path: '/weights/{year}',
  operationId: 'setAssessmentWeights',
  tags: TAGS,
  summary: 'Set a year’s weights (admin; they add up to 100): a new version, the earlier ones kept',
  request: {
    params: z.object({ year: digits(YearSchema) }),
    body: { content: { 'application/json': { schema: AssessmentWeightsSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'The version stored',
      content: { 'application/json': { schema: z.object({ year: YearSchema, version: z.number().int() }) } },
    },
    ...errorResponses,
  },
});

export const assessmentRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getRoute, async (c) =>
    c.json(await assessment(c.env, c.var.db, c.req.valid('query').year, c.var.now), 200),
  )
  .openapi(weightsRoute, async (c) => {
    const { year } = c.req.valid('param');
    const { version } = await setAssessmentWeights(
      c.var.db,
      c.var.caller,
      year,
      c.req.valid('json'),
      c.var.now,
    );
    return c.json({ year, version }, 200);
  });
