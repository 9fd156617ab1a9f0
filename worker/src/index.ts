import { Hono } from 'hono';

const app = new Hono<{ Bindings: Env }>();
app.get('/api/v1/health', async (c) => {
  const row = await c.env.DB.prepare('SELECT count(*) AS n FROM units').first<{ n: number }>();
  return c.json({ ok: true, units: row?.n ?? 0 });
});

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
