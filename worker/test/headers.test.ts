// Response headers route by route (issue 14, point 2): every API answer carries a CSP that runs no script
// and refuses framing; every authenticated answer is no-store; /docs and the read-only bulletin page are
// not frameable; the static pages' headers (_headers) are checked against wrangler dev in the e2e suite.
import { describe, expect, it } from 'vitest';
import { call, createToken, fetchWorker } from './helpers';

/** One GET per kind of answer a token can get: JSON, CSV, HTML, and the admin-only lists. */
const AUTHENTICATED: readonly string[] = [
  '/me',
  '/units',
  '/tokens',
  '/ledger',
  '/summary?year=2026&month=10',
  '/summary?year=2026&month=10&format=csv',
  '/summary?year=2026&month=10&format=html',
  '/bulletins',
  '/uploads',
  '/reporting?year=2026&month=10',
  '/duplicates',
  '/spot-checks',
  '/subsidies?year=2026',
];

function expectApiHeaders(response: Response): void {
  const policy = response.headers.get('Content-Security-Policy') ?? '';
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain('script-src');
  expect(response.headers.get('X-Frame-Options')).toBe('DENY');
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
}

describe('response headers', () => {
  it.each(AUTHENTICATED)('GET %s: no-store, a CSP that runs no script, not frameable', async (path) => {
    const response = await call(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expectApiHeaders(response);
  });

  it('keeps refusals out of caches too, and the public health and API document cacheable', async () => {
    const refused = await call('/tokens', { token: await createToken('reader') });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('Cache-Control')).toBe('no-store');
    expectApiHeaders(refused);
    for (const path of ['/health', '/openapi.json']) {
      const open = await call(path, { token: null });
      expect(open.status).toBe(200);
      expect(open.headers.get('Cache-Control')).toBeNull();
      expectApiHeaders(open);
    }
  });

  it('serves /docs with a CSP for its own scripts only, not frameable', async () => {
    const response = await fetchWorker(new Request('http://tuanjian.test/docs'));
    const policy = response.headers.get('Content-Security-Policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers.get('X-Frame-Options')).toBe('DENY');
  });
});
