// Fair share (issue 14, point 7): a unit token's heavy requests take turns, one at a time per token — a flood
// holds one share while other tokens and reads go on; retries of one upload still replay; dry runs are
// limited to 10 a minute per token, then 429 token_busy with Retry-After.
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

describe('fair share of heavy requests', () => {
  it('lines up a token’s dry runs and runs them one at a time: all answered, none refused', async () => {
    // (That they ran one at a time shows in npm run bench: a reader's summary beside such a flood.)
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => upload('FS', ROWS, { token: unitToken, dryRun: true })),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
  });

  it('leaves other tokens and reads alone while a token’s requests wait their turn', async () => {
    const [dryRun, other, read] = await Promise.all([
      upload('FS', ROWS, { token: unitToken, dryRun: true }),
      upload('GP', [establishedRow(0, 'GP')], { token: otherToken, dryRun: true }),
      call('/summary?year=2026&month=3', { token: unitToken }),
    ]);
    expect([dryRun.status, other.status, read.status]).toEqual([200, 200, 200]);
  });

  it('replays the retries of one upload in turn: one written, the rest 200 replays', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        upload('FS', ROWS.slice(0, 20), { token: unitToken, key: 'fair-retry' }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
  });

  it('lets a token dry-run 10 times a minute, then asks it to wait a minute', async () => {
    const token = await createToken('unit', 'GP');
    const small = [establishedRow(0, 'GP')];
    for (let i = 0; i < 10; i++)
      expect((await upload('GP', small, { token, dryRun: true })).status).toBe(200);
    const limited = await upload('GP', small, { token, dryRun: true });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('token_busy');
    // An admin is not limited.
    expect((await upload('GP', small, { dryRun: true })).status).toBe(200);
  });
});
