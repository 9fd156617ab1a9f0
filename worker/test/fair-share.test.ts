// Fair share (issue 14, point 7): a unit token's dry runs run one at a time and at most 10 a minute; a second
// one at once is told to come back (429 token_busy, Retry-After), while other tokens and reads go on.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createToken, createUnits, establishedRow, setQuotas, upload } from './helpers';

const ROWS = Array.from({ length: 2_000 }, (_, i) =>
  establishedRow(i, 'FS', { orgName: `公平青年社会组织${i + 1}号`, establishedOn: '2026-02-10' }),
);
let unitToken = '';
let otherToken = '';

beforeAll(async () => {
  await createUnits([
    { code: 'FS', name: '公平街道' },
    { code: 'GP', name: '公平镇' },
  ]);
  await setQuotas(2026, { FS: 5, GP: 5 });
  unitToken = await createToken('unit', 'FS');
  otherToken = await createToken('unit', 'GP');
});

async function code(response: Response): Promise<string | null> {
  if (response.ok) return null;
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('fair share of dry runs', () => {
  it('runs one dry run of a token at a time: the others at once get 429 token_busy with Retry-After', async () => {
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => upload('FS', ROWS, { token: unitToken, dryRun: true })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    const refused = responses.filter((response) => response.status === 429);
    expect(refused).toHaveLength(3);
    for (const response of refused) {
      expect(response.headers.get('Retry-After')).toBe('5');
      expect(await code(response)).toBe('token_busy');
    }
    // Done: the token's next dry run goes through.
    expect((await upload('FS', ROWS, { token: unitToken, dryRun: true })).status).toBe(200);
  });

  it('leaves other tokens, reads and real uploads alone while a token’s dry run runs', async () => {
    const [dryRun, other, read, real] = await Promise.all([
      upload('FS', ROWS, { token: unitToken, dryRun: true }),
      upload('GP', [establishedRow(0, 'GP')], { token: otherToken, dryRun: true }),
      call('/summary?year=2026&month=3', { token: unitToken }),
      upload('FS', ROWS.slice(0, 10), { token: unitToken }),
    ]);
    expect([dryRun.status, other.status, read.status, real.status]).toEqual([200, 200, 200, 201]);
  });

  it('lets a token dry-run 10 times a minute, then asks it to wait a minute', async () => {
    const token = await createToken('unit', 'GP');
    const small = [establishedRow(0, 'GP')];
    for (let i = 0; i < 10; i++)
      expect((await upload('GP', small, { token, dryRun: true })).status).toBe(200);
    const limited = await upload('GP', small, { token, dryRun: true });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect(await code(limited)).toBe('token_busy');
    // An admin is not limited.
    expect((await upload('GP', small, { dryRun: true })).status).toBe(200);
  });
});
