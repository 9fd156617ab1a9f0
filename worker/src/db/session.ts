// Read replication (D1 Sessions API): each request runs in one session. Reads may come from a nearby
// replica; a client that hands back the bookmark of its last answer (x-d1-bookmark) reads at least
// what it wrote. Writes start at the primary. Locally there are no replicas: the same code, one copy.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../types';

export const BOOKMARK_HEADER = 'x-d1-bookmark';
const BOOKMARK = /^[A-Za-z0-9-]{1,200}$/;

/** Sets `c.var.db` to a D1 session for the request and answers its bookmark in `x-d1-bookmark`. */
export const database = createMiddleware<AppEnv>(async (c, next) => {
  const sent = c.req.header(BOOKMARK_HEADER)?.trim();
  const writes = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
  const start = sent && BOOKMARK.test(sent) ? sent : writes ? 'first-primary' : 'first-unconstrained';
  const session = c.env.DB.withSession(start);
  c.set('db', session);
  await next();
  const bookmark = session.getBookmark();
  if (bookmark) c.header(BOOKMARK_HEADER, bookmark);
});
