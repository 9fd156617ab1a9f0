// /work: 工作记录 (issue 15) — the committee's visits and meetings, its leader links and holiday list
// (admin writes and lists), and where each cadence stands (every role).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  HolidaySchema,
  LeaderLinkSchema,
  MeetingInputSchema,
  MeetingSchema,
  VisitInputSchema,
  VisitSchema,
  WorkRecordsSchema,
  WorkStatusSchema,
  YearSchema,
} from '@tuanjian/shared';
import { ErrorSchema, errorResponses } from '../errors';
import {
  recordMeetings,
  recordVisits,
  setHolidays,
  setLeaderLinks,
  withdrawRecord,
  workRecords,
  workStatus,
} from '../services/work';
import type { AppEnv } from '../types';
import { digits, validationHook } from './common';

const TAGS = ['work records'];
const unprocessable = {
  422: {
    description: 'Impossible or future dates, unknown units, a leader or day listed twice; nothing written',
    content: { 'application/json': { schema: ErrorSchema } },
  },
};
const yearQuery = z.object({ year: digits(YearSchema) });
const MAX_RECORDS = 500;

const statusRoute = createRoute({
  method: 'get',
  path: '/status',
  operationId: 'workStatus',
  tags: TAGS,
  summary:
    'Where each cadence stands today: the Thursdays’ visits, the two-monthly meetings, the linked leaders’ visits per quarter, and what is overdue',
  request: { query: yearQuery },
  responses: {
    200: { description: 'The year’s cadence', content: { 'application/json': { schema: WorkStatusSchema } } },
    ...errorResponses,
  },
});

const recordsRoute = createRoute({
  method: 'get',
  path: '/records',
  operationId: 'workRecords',
  tags: TAGS,
  summary: 'A year’s visits, meetings, leader links and holidays (admin)',
  request: { query: yearQuery },
  responses: {
    200: {
      description: 'Standing records, by day',
      content: { 'application/json': { schema: WorkRecordsSchema } },
    },
    ...errorResponses,
  },
});

const recorded = <T extends z.ZodType>(name: string, schema: T) =>
  z.object({ [name]: z.array(schema), alreadyRecorded: z.number().int() });

const postVisitsRoute = createRoute({
  method: 'post',
  path: '/visits',
  operationId: 'recordVisits',
  tags: TAGS,
  summary: 'Record visits (admin); a visit already recorded (same content) is not recorded again',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ visits: z.array(VisitInputSchema).min(1).max(MAX_RECORDS) }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'Every visit was already recorded',
      content: { 'application/json': { schema: recorded('visits', VisitSchema) } },
    },
    201: {
      description: 'Recorded',
      content: { 'application/json': { schema: recorded('visits', VisitSchema) } },
    },
    ...errorResponses,
    ...unprocessable,
  },
});

const postMeetingsRoute = createRoute({
  method: 'post',
  path: '/meetings',
  operationId: 'recordMeetings',
  tags: TAGS,
  summary: 'Record 双月例会 meetings (admin); a meeting already recorded is not recorded again',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ meetings: z.array(MeetingInputSchema).min(1).max(MAX_RECORDS) }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'Every meeting was already recorded',
      content: { 'application/json': { schema: recorded('meetings', MeetingSchema) } },
    },
    201: {
      description: 'Recorded',
      content: { 'application/json': { schema: recorded('meetings', MeetingSchema) } },
    },
    ...errorResponses,
    ...unprocessable,
  },
});

const withdrawRoute = (kind: 'visit' | 'meeting') =>
  createRoute({
    method: 'delete',
    path: kind === 'visit' ? '/visits/{id}' : '/meetings/{id}',
    operationId: kind === 'visit' ? 'withdrawVisit' : 'withdrawMeeting',
    tags: TAGS,
    summary: `Withdraw a ${kind} (admin): kept with who withdrew it and when, counted no more`,
    request: { params: z.object({ id: z.string().min(1).max(80) }) },
    responses: {
      204: { description: 'Withdrawn' },
      ...errorResponses,
      404: { description: `No standing ${kind}`, content: { 'application/json': { schema: ErrorSchema } } },
    },
  });

const leadersRoute = createRoute({
  method: 'put',
  path: '/leaders/{year}',
  operationId: 'setLeaderLinks',
  tags: TAGS,
  summary: 'Set a year’s 领导联系: each committee leader, the units and whether the support centre (admin)',
  request: {
    params: z.object({ year: digits(YearSchema) }),
    body: {
      content: { 'application/json': { schema: z.object({ links: z.array(LeaderLinkSchema).max(30) }) } },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'The year’s links as stored',
      content: {
        'application/json': { schema: z.object({ year: YearSchema, links: z.array(LeaderLinkSchema) }) },
      },
    },
    ...errorResponses,
    ...unprocessable,
  },
});

const holidaysRoute = createRoute({
  method: 'put',
  path: '/holidays/{year}',
  operationId: 'setHolidays',
  tags: TAGS,
  summary: 'Set a year’s holidays: a Thursday on one asks for no visit (admin)',
  request: {
    params: z.object({ year: digits(YearSchema) }),
    body: {
      content: { 'application/json': { schema: z.object({ holidays: z.array(HolidaySchema).max(60) }) } },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'The year’s holidays as stored',
      content: {
        'application/json': { schema: z.object({ year: YearSchema, holidays: z.array(HolidaySchema) }) },
      },
    },
    ...errorResponses,
    ...unprocessable,
  },
});

export const workRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(statusRoute, async (c) =>
    c.json(await workStatus(c.var.db, c.req.valid('query').year, c.var.now), 200),
  )
  .openapi(recordsRoute, async (c) =>
    c.json(await workRecords(c.var.db, c.var.caller, c.req.valid('query').year), 200),
  )
  .openapi(postVisitsRoute, async (c) => {
    const result = await recordVisits(c.var.db, c.var.caller, c.req.valid('json').visits, c.var.now);
    return result.visits.length > 0 ? c.json(result, 201) : c.json(result, 200);
  })
  .openapi(postMeetingsRoute, async (c) => {
    const result = await recordMeetings(c.var.db, c.var.caller, c.req.valid('json').meetings, c.var.now);
    return result.meetings.length > 0 ? c.json(result, 201) : c.json(result, 200);
  })
  .openapi(withdrawRoute('visit'), async (c) => {
    await withdrawRecord(c.var.db, c.var.caller, 'visit', c.req.valid('param').id, c.var.now);
    return c.body(null, 204);
  })
  .openapi(withdrawRoute('meeting'), async (c) => {
    await withdrawRecord(c.var.db, c.var.caller, 'meeting', c.req.valid('param').id, c.var.now);
    return c.body(null, 204);
  })
  .openapi(leadersRoute, async (c) => {
    const { year } = c.req.valid('param');
    const links = await setLeaderLinks(c.var.db, c.var.caller, year, c.req.valid('json').links, c.var.now);
    return c.json({ year, links }, 200);
  })
  .openapi(holidaysRoute, async (c) => {
    const { year } = c.req.valid('param');
    const holidays = await setHolidays(c.var.db, c.var.caller, year, c.req.valid('json').holidays, c.var.now);
    return c.json({ year, holidays }, 200);
  });
