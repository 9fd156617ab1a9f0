// 补贴 payments with a dry run first (issue 12.2): the dry run answers what would be paid, what was paid
// before and what cannot be paid, and writes nothing; the same 拨付表 sent twice pays nothing new.
import { env } from 'cloudflare:workers';
import { SubsidyPaymentsSchema } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createToken, createUnits, establishedRow, setQuotas, upload } from './helpers';

const key = (name: string) => `n:${name}`;
const NAMES = ['周浦青年志愿者协会', '周浦青年书画社', '周浦青年跑团'];

async function payments(orgKeys: string[], dryRun: boolean, token?: string) {
  return call(`/subsidies/payments${dryRun ? '?dryRun=true' : ''}`, {
    body: { year: 2026, orgKeys },
    ...(token ? { token } : {}),
  });
}

async function paymentRows(): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM subsidy_payments').first<{ n: number }>();
  return row?.n ?? 0;
}

beforeAll(async () => {
  await createUnits([{ code: 'ZP', name: '周浦镇', kind: '镇' }]);
  await setQuotas(2026, { ZP: 5 });
  const rows = NAMES.map((orgName, index) =>
    establishedRow(index, 'ZP', { orgName, establishedOn: `2026-0${index + 2}-10` }),
  );
  const response = await upload('ZP', rows);
  expect(response.status).toBe(201);
  const checked = await call('/spot-checks', {
    body: {
      checks: [{ unitCode: 'ZP', orgKey: key(NAMES[2] ?? ''), checkedOn: '2026-05-06', result: '不属实' }],
    },
  });
  expect(checked.status).toBe(201);
});

describe('POST /subsidies/payments?dryRun=true', () => {
  it('answers what would be paid and what cannot, and writes nothing', async () => {
    const before = await paymentRows();
    const response = await payments([key(NAMES[0] ?? ''), key(NAMES[2] ?? ''), 'n:没有这个组织'], true);
    expect(response.status).toBe(200);
    const answer = SubsidyPaymentsSchema.parse(await response.json());
    expect(answer.dryRun).toBe(true);
    expect(answer.paid.map((item) => [item.orgName, item.status, item.amount, item.paidAt])).toEqual([
      [NAMES[0], 'due', 600, null],
    ]);
    expect(answer.alreadyPaid).toEqual([]);
    expect(answer.notPayable.map((each) => [each.index, each.code])).toEqual([
      [1, 'subsidy.withheld'],
      [2, 'subsidy.notDue'],
    ]);
    expect(answer.notPayable[0]?.messageEn).toContain('withheld');
    expect(await paymentRows()).toBe(before);
  });

  it('pays what the dry run showed; the same list sent twice pays nothing new', async () => {
    const list = [key(NAMES[0] ?? ''), key(NAMES[1] ?? '')];
    const dry = SubsidyPaymentsSchema.parse(await (await payments(list, true)).json());
    expect(dry.paid.map((item) => item.orgKey)).toEqual(list);

    const first = await payments(list, false);
    expect(first.status).toBe(200);
    const paid = SubsidyPaymentsSchema.parse(await first.json());
    expect(paid.dryRun).toBe(false);
    expect(paid.paid.map((item) => [item.orgKey, item.status])).toEqual(list.map((each) => [each, 'paid']));
    expect(await paymentRows()).toBe(2);

    const again = SubsidyPaymentsSchema.parse(await (await payments([...list, ...list], true)).json());
    expect(again.paid).toEqual([]);
    expect(again.alreadyPaid).toEqual(list);
    const second = SubsidyPaymentsSchema.parse(await (await payments(list, false)).json());
    expect(second.paid).toEqual([]);
    expect(second.alreadyPaid).toEqual(list);
    expect(await paymentRows()).toBe(2);
  });

  it('is for admins only, like the payment itself', async () => {
    const unitToken = await createToken('unit', 'ZP');
    const response = await payments([key(NAMES[0] ?? '')], true, unitToken);
    expect(response.status).toBe(403);
  });
});
