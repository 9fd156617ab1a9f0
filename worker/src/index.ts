// Worker entry: the Hono app for HTTP, and the monthly publication on the Cron Trigger.
// The app is imported first: it extends zod with OpenAPI metadata before any schema is built.
import { createApp } from './app';
import { instantOf } from './services/clock';
import { runMonthlyPublication } from './services/cron';
import type { Bindings } from './types';

export { runMonthlyPublication };

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runMonthlyPublication(env, instantOf(controller.scheduledTime)));
  },
} satisfies ExportedHandler<Bindings>;
