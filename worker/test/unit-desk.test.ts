// A unit's own desk (SPEC §7): the spot-check results and subsidies of its own organizations, never another
// unit's; the admin's view of the same reads is unchanged.
import { SpotCheckSchema, SubsidyLedgerSchema } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { call, createToken, createUnits, establishedRow, setQuotas, upload } from './helpers';

const NOW = '2026-11-20T02:00:00Z';
const ChecksBody = z.object({ checks: z.array(SpotCheckSchema) });
const ErrorBody = z.object({ error: z.object({ code: z.string() }) });

const nameOf = (unit: string, index: number) => `${unit === 'ZJ' ? '张江' : '塘桥'}青年组织${index + 1}号`;
const keyOf = (unit: string, index: number) => `n:${nameOf(unit, index)}`;

let unitToken: string;
let readerToken: string;

beforeAll(async () => {
  await createUnits([
    { code: 'ZJ', name: '张江镇' },
    { code: 'TQ', name: '塘桥街道' },
  ]);
  await setQuotas(2026, { ZJ: 5, TQ: 5 });
  for (const unit of ['ZJ', 'TQ']) {
    const rows = [0, 1, 2].map((index) =>
      establishedRow(index, unit, {
        orgName: nameOf(unit, index),
        // Another unit's secretary and phone: what a unit token must never read.
        secretary: unit === 'TQ' ? '李秘书' : '张伟',
        phone: unit === 'TQ' ? '13900000000' : '13812345678',
      }),
    );
    const response = await upload(unit, rows, { now: NOW });
    expect(response.status).toBe(201);
  }
  const recorded = await call('/spot-checks', {
    now: NOW,
    body: {
      checks: [
        { unitCode: 'ZJ', orgKey: keyOf('ZJ', 0), checkedOn: '2026-04-02', result: '属实' },
        {
          unitCode: 'ZJ',
          orgKey: keyOf('ZJ', 1),
          checkedOn: '2026-04-03',
          result: '不属实',
          note: '无团组织',
        },
        { unitCode: 'TQ', orgKey: keyOf('TQ', 0), checkedOn: '2026-04-04', result: '无法联系' },
      ],
    },
  });
  expect(recorded.status).toBe(201);
  unitToken = await createToken('unit', 'ZJ');
  readerToken = await createToken('reader');
});

describe('a unit reads the spot checks of its own organizations', () => {
  it('lists only its own unit’s checks, with the organizations’ names, newest first', async () => {
    const response = await call('/spot-checks', { token: unitToken, now: NOW });
    expect(response.status).toBe(200);
    const { checks } = ChecksBody.parse(await response.json());
    expect(checks.map((check) => [check.unitCode, check.orgName, check.result, check.note])).toEqual([
      ['ZJ', nameOf('ZJ', 1), '不属实', '无团组织'],
      ['ZJ', nameOf('ZJ', 0), '属实', null],
    ]);
  });

  it('gets its own unit whatever unit it names, and is refused another unit', async () => {
    const own = await call('/spot-checks?unitCode=ZJ', { token: unitToken, now: NOW });
    expect(ChecksBody.parse(await own.json()).checks).toHaveLength(2);
    const other = await call('/spot-checks?unitCode=TQ', { token: unitToken, now: NOW });
    expect(other.status).toBe(403);
    expect(ErrorBody.parse(await other.json()).error.code).toBe('forbidden');
    const body = JSON.stringify(await (await call('/spot-checks', { token: unitToken, now: NOW })).json());
    expect(body).not.toContain('TQ');
    expect(body).not.toContain('塘桥');
  });

  it('still lets the admin list every unit’s checks, or one unit’s, with names', async () => {
    const all = ChecksBody.parse(await (await call('/spot-checks', { now: NOW })).json()).checks;
    expect(all.map((check) => check.unitCode).sort()).toEqual(['TQ', 'ZJ', 'ZJ']);
    const tq = ChecksBody.parse(await (await call('/spot-checks?unitCode=TQ', { now: NOW })).json()).checks;
    expect(tq.map((check) => [check.orgName, check.result])).toEqual([[nameOf('TQ', 0), '无法联系']]);
  });

  it('is refused to a read-only token', async () => {
    const response = await call('/spot-checks', { token: readerToken, now: NOW });
    expect(response.status).toBe(403);
  });
});

describe('a unit reads the subsidies of its own organizations', () => {
  it('sees its own unit and organizations only, the one found 不属实 withheld', async () => {
    const response = await call('/subsidies?year=2026', { token: unitToken, now: NOW });
    expect(response.status).toBe(200);
    const ledger = SubsidyLedgerSchema.parse(await response.json());
    expect(ledger.units.map((unit) => unit.unitCode)).toEqual(['ZJ']);
    expect(new Set(ledger.organizations.map((item) => item.unitCode))).toEqual(new Set(['ZJ']));
    const untrue = ledger.organizations.find((item) => item.orgKey === keyOf('ZJ', 1));
    expect(untrue).toMatchObject({ status: 'withheld', foundUntrue: true });
    expect(JSON.stringify(ledger)).not.toContain('李秘书');
    expect(JSON.stringify(ledger)).not.toContain('13900000000');
  });
});
