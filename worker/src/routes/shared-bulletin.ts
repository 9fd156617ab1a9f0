// /b/<token>: a published issue's printable page for whoever holds the link, without a token header.
// Read-only, the figures and unit names the bulletin itself prints (no contacts, no organizations);
// an unknown or revoked link answers 404 in words; nothing is cached, nothing may frame it.
import type { Context } from 'hono';
import { sha256Hex } from '../auth';
import { getBulletin } from '../db/bulletins';
import { issueOfShare } from '../db/shares';
import { bulletinHtml } from '../render/html';
import type { AppEnv } from '../types';

/** Where a read-only link opens: /b/<token>. */
export const SHARE_PATH = '/b';

/** A link's token: 32 random bytes, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/u;

export const SHARE_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
} as const;

const GONE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>链接无效</title><style>body{font-family:sans-serif;max-width:36em;margin:4em auto;padding:0 1em;line-height:1.6}</style>
</head><body><h1>此通报链接无效或已撤销</h1>
<p>请向发送链接的团区委索取新的链接。</p>
<p lang="en">This bulletin link is not valid or was revoked. Ask the committee that sent it for a new one.</p>
</body></html>`;

export async function sharedBulletin(c: Context<AppEnv>): Promise<Response> {
  const token = c.req.param('token') ?? '';
  const issueNumber = TOKEN.test(token) ? await issueOfShare(c.var.db, await sha256Hex(token)) : null;
  const issue = issueNumber === null ? null : await getBulletin(c.var.db, issueNumber);
  if (!issue) return c.html(GONE, 404, SHARE_HEADERS);
  const page = bulletinHtml(issue, { year: issue.year, month: issue.month, issueNumber: issue.issueNumber });
  return c.html(page, 200, SHARE_HEADERS);
}
