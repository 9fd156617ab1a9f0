// Read-only links to a published issue (/b/<token>): opened without a token header, unguessable,
// revocable, admin-only to make, the bulletin's figures and nothing personal.

import { env } from 'cloudflare:workers';
import { IssueSchema } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call, createToken, createUnits, establishedRow, fetchWorker, setQuotas, upload } from './helpers';

const Share = z.object({ issueNumber: z.number(), createdAt: z.string().nullable() });
const Made = Share.extend({ path: z.string() });

async function open(path: string): Promise<Response> {
  return fetchWorker(new Request(`http://tuanjian.test${path}`));
}

async function makeLink(issue: number, token?: string): Promise<Response> {
  return call(`/bulletins/${issue}/share`, { method: 'POST', ...(token ? { token } : {}) });
}

let issue: z.infer<typeof IssueSchema>;

beforeAll(async () => {
  await createUnits([{ code: 'SL', name: '三林镇' }]);
  await setQuotas(2026, { SL: 4 });
  const response = await upload('SL', [
    establishedRow(0, 'SL', {
      orgName: '三林青年志愿者协会',
      establishedOn: '2026-03-05',
      secretary: '李晓红',
      phone: '13800138000',
    }),
  ]);
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
  const published = await call('/bulletins', { body: { year: 2026, month: 3 } });
  issue = IssueSchema.parse(await published.json());
});

describe('a read-only link to a published issue', () => {
  let path = '';

  it('is made by an admin, shown once, and opens the printable issue without a token header', async () => {
    expect(
      Share.parse(await (await call(`/bulletins/${issue.issueNumber}/share`)).json()).createdAt,
    ).toBeNull();
    const response = await makeLink(issue.issueNumber);
    expect(response.status).toBe(201);
    const made = Made.parse(await response.json());
    path = made.path;
    // /b/ and 43 characters of base64url: 256 random bits.
    expect(path).toMatch(/^\/b\/[A-Za-z0-9_-]{43}$/u);
    const state = Share.parse(await (await call(`/bulletins/${issue.issueNumber}/share`)).json());
    expect(state.createdAt).toBe(made.createdAt);
    expect(JSON.stringify(state)).not.toContain(path.slice(3));
    // Only its hash is stored.
    const stored = await env.DB.prepare('SELECT * FROM bulletin_shares').all();
    expect(JSON.stringify(stored.results)).not.toContain(path.slice(3));

    const page = await open(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/u);
    const text = await page.text();
    expect(text).toContain(issue.bulletin.title);
    expect(text).toContain('第1期');
    expect(page.headers.get('Cache-Control')).toBe('no-store');
    expect(page.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(page.headers.get('X-Robots-Tag')).toContain('noindex');
    expect(page.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  });

  it('prints no personal data: no contact, phone or organization name', async () => {
    const text = await (await open(path)).text();
    for (const personal of ['李晓红', '13800138000', '三林青年志愿者协会'])
      expect(text).not.toContain(personal);
    expect(text).toContain('三林镇');
  });

  it('is read-only: nothing but GET reaches it, and it gives no API access', async () => {
    const token = path.slice(3);
    const post = await fetchWorker(new Request(`http://tuanjian.test${path}`, { method: 'POST' }));
    expect(post.status).toBe(404);
    const asBearer = await call('/summary?year=2026&month=3', { token });
    expect(asBearer.status).toBe(401);
  });

  it('cannot be guessed or made by anyone but an admin', async () => {
    for (const wrong of ['/b/x', `/b/${'A'.repeat(43)}`, `${path}A`, `${path.slice(0, -1)}`]) {
      const response = await open(wrong);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('此通报链接无效或已撤销');
    }
    for (const role of ['reader', 'unit'] as const) {
      const token = await createToken(role, role === 'unit' ? 'SL' : null);
      expect((await makeLink(issue.issueNumber, token)).status).toBe(403);
      expect((await call(`/bulletins/${issue.issueNumber}/share`, { method: 'DELETE', token })).status).toBe(
        403,
      );
    }
    expect((await makeLink(99)).status).toBe(404);
  });

  it('is revoked by a new link for the issue, or on purpose: then it answers 404', async () => {
    const second = Made.parse(await (await makeLink(issue.issueNumber)).json());
    expect(second.path).not.toBe(path);
    expect((await open(path)).status).toBe(404);
    expect((await open(second.path)).status).toBe(200);

    const revoked = await call(`/bulletins/${issue.issueNumber}/share`, { method: 'DELETE' });
    expect(await revoked.json()).toEqual({ issueNumber: issue.issueNumber, revoked: 1 });
    expect((await open(second.path)).status).toBe(404);
    const state = Share.parse(await (await call(`/bulletins/${issue.issueNumber}/share`)).json());
    expect(state.createdAt).toBeNull();
    const again = await call(`/bulletins/${issue.issueNumber}/share`, { method: 'DELETE' });
    expect(await again.json()).toEqual({ issueNumber: issue.issueNumber, revoked: 0 });
    // Audited: who made and revoked links.
    const audit = await env.DB.prepare(
      "SELECT action FROM audit_log WHERE action LIKE 'bulletin.%share' ORDER BY id",
    ).all<{ action: string }>();
    expect(audit.results.map((row) => row.action)).toEqual([
      'bulletin.share',
      'bulletin.share',
      'bulletin.unshare',
      'bulletin.unshare',
    ]);
  });
});
