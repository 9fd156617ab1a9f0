// A counted summary is reused only until the next write that changes the figures.
import { SummarySchema } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createUnits, establishedRow, setQuotas, upload } from './helpers';

async function summary() {
  const response = await call('/summary?year=2026&month=3');
  expect(response.status).toBe(200);
  return SummarySchema.parse(((await response.json()) as { summary: unknown }).summary);
}

beforeAll(async () => {
  await createUnits([{ code: 'LJZ', name: '陆家嘴街道' }]);
  await setQuotas(2026, { LJZ: 12 });
  expect((await upload('LJZ', [establishedRow(0, 'LJZ'), establishedRow(1, 'LJZ')])).status).toBe(201);
});

describe('the summary after writes', () => {
  it('answers the same figures twice in a row', async () => {
    expect(await summary()).toEqual(await summary());
  });

  it('shows an upload at once', async () => {
    expect((await summary()).units[0]?.counted).toBe(2);
    expect(
      (
        await upload(
          'LJZ',
          [0, 1, 2].map((i) => establishedRow(i, 'LJZ')),
        )
      ).status,
    ).toBe(201);
    expect((await summary()).units[0]?.counted).toBe(3);
  });

  it('shows a new quota, a renamed unit and a spot check at once', async () => {
    await setQuotas(2026, { LJZ: 6 });
    expect((await summary()).units[0]?.rate).toBe(0.5);
    expect((await call('/units/LJZ', { method: 'PATCH', body: { name: '陆家嘴街道团工委' } })).status).toBe(
      200,
    );
    expect((await summary()).units[0]?.unitName).toBe('陆家嘴街道团工委');
    const checked = await call('/spot-checks', {
      body: {
        checks: [
          { unitCode: 'LJZ', orgKey: 'n:测试青年社会组织1号', checkedOn: '2026-03-20', result: '不属实' },
        ],
      },
    });
    expect(checked.status).toBe(201);
    expect((await summary()).units[0]?.counted).toBe(2);
  });
});
