// Least data by role (issue 14, point 3), walked role × route × field: a reader (automation) gets per-unit
// figures and never an organization, a person or a phone; a unit gets its own organizations and of a
// duplicate only that another unit reports it, never that unit's record or contact; an admin gets all.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createToken, createUnits, establishedRow, setQuotas, upload } from './helpers';

/** Both units report the same organization (same name, no credit code), each with its own secretary and phone. */
const SHARED = '共同青年志愿者协会';
const LJZ_ONLY = '陆家嘴独有青年读书会';
const HM_ONLY = '花木独有青年篮球社';
const PEOPLE = {
  LJZ: { secretary: '陆小明', phone: '13800001111', contact: '陆家嘴报送员', contactPhone: '021-50001111' },
  HM: { secretary: '何小花', phone: '13911112222', contact: '花木报送员', contactPhone: '021-50002222' },
} as const;

/** The routes a token may read, once each, in every format that holds figures or records. */
const ROUTES = [
  '/summary?year=2026&month=3',
  '/summary?year=2026&month=3&format=csv',
  '/summary?year=2026&month=3&format=html',
  '/bulletins/1',
  '/bulletins/1?format=csv',
  '/bulletins/1?format=html',
  '/subsidies?year=2026',
  '/reporting?year=2026&month=3',
  '/ledger',
  '/ledger?unitCode=HM',
  '/spot-checks',
  '/duplicates',
  '/uploads',
  '/units',
] as const;

const tokens: Record<'admin' | 'ljz' | 'hm' | 'reader', string | undefined> = {
  admin: undefined,
  ljz: '',
  hm: '',
  reader: '',
};

async function everything(token: string | undefined): Promise<Map<string, { status: number; text: string }>> {
  const answers = new Map<string, { status: number; text: string }>();
  for (const route of ROUTES) {
    const response = await call(route, token === undefined ? {} : { token });
    answers.set(route, { status: response.status, text: await response.text() });
  }
  return answers;
}

beforeAll(async () => {
  await createUnits([
    { code: 'LJZ', name: '陆家嘴街道' },
    { code: 'HM', name: '花木街道' },
  ]);
  await setQuotas(2026, { LJZ: 4, HM: 4 });
  for (const code of ['LJZ', 'HM'] as const) {
    const person = PEOPLE[code];
    const own = code === 'LJZ' ? LJZ_ONLY : HM_ONLY;
    const response = await upload(code, [
      establishedRow(0, code, { orgName: SHARED, secretary: person.secretary, phone: person.phone }),
      establishedRow(1, code, { orgName: own, secretary: person.secretary, phone: person.phone }),
    ]);
    if (response.status !== 201)
      throw new Error(`upload ${code}: ${response.status} ${await response.text()}`);
    await call(`/units/${code}`, {
      method: 'PATCH',
      body: { contact: person.contact, phone: person.contactPhone },
    });
  }
  const published = await call('/bulletins', { body: { year: 2026, month: 3 } });
  if (published.status !== 201) throw new Error(`publish: ${published.status}`);
  tokens.ljz = await createToken('unit', 'LJZ');
  tokens.hm = await createToken('unit', 'HM');
  tokens.reader = await createToken('reader');
});

describe('least data by role', () => {
  it('gives a reader no organization, person or phone on any route', async () => {
    const answers = await everything(tokens.reader);
    const never = [SHARED, LJZ_ONLY, HM_ONLY, ...Object.values(PEOPLE).flatMap(Object.values)];
    for (const [route, answer] of answers)
      for (const text of never) expect(answer.text, `${route} shows ${text}`).not.toContain(text);
    // …while the figures it exists for are there.
    const summary = JSON.parse(answers.get('/summary?year=2026&month=3')?.text ?? '{}');
    expect(summary.summary.totals.counted).toBe(3);
    expect(summary.summary.duplicates).toEqual([]);
    const subsidies = JSON.parse(answers.get('/subsidies?year=2026')?.text ?? '{}');
    expect(subsidies.organizations).toEqual([]);
    expect(subsidies.units.length).toBe(2);
    const reporting = JSON.parse(answers.get('/reporting?year=2026&month=3')?.text ?? '{}');
    expect(
      reporting.units.map((unit: { contact: unknown; phone: unknown }) => [unit.contact, unit.phone]),
    ).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('gives a unit its own records, and of the duplicate only that another unit reports it', async () => {
    for (const [token, own, other] of [
      [tokens.ljz, 'LJZ', 'HM'],
      [tokens.hm, 'HM', 'LJZ'],
    ] as const) {
      const answers = await everything(token);
      const theirs = PEOPLE[other];
      const never = [other === 'HM' ? HM_ONLY : LJZ_ONLY, ...Object.values(theirs)];
      for (const [route, answer] of answers)
        for (const text of never) expect(answer.text, `${own}: ${route} shows ${text}`).not.toContain(text);
      for (const route of ['/summary?year=2026&month=3', '/bulletins/1']) {
        const { summary } = JSON.parse(answers.get(route)?.text ?? '{}');
        expect(summary.duplicates, route).toHaveLength(1);
        expect(summary.duplicates[0].orgName).toBe(SHARED);
        expect(summary.duplicates[0].reportedBy.map((claim: { unitCode: string }) => claim.unitCode)).toEqual(
          [own],
        );
      }
    }
  });

  it('gives an admin every record, both units’ claims and both contacts', async () => {
    const answers = await everything(tokens.admin);
    const { summary } = JSON.parse(answers.get('/summary?year=2026&month=3')?.text ?? '{}');
    expect(summary.duplicates[0].reportedBy).toHaveLength(2);
    const reporting = answers.get('/reporting?year=2026&month=3')?.text ?? '';
    for (const person of Object.values(PEOPLE)) expect(reporting).toContain(person.contact);
    const subsidies = JSON.parse(answers.get('/subsidies?year=2026')?.text ?? '{}');
    expect(subsidies.organizations.length).toBe(3);
  });
});
