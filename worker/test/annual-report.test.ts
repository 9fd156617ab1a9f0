// 年度通报 (issue 15) over HTTP in workerd: the year's report as it stands, published only once the year has
// ended and then frozen, the award candidates drawn from the records (by name for the committee only), and the
// printable page.
import { AnnualReportResponseSchema } from '@tuanjian/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createToken, createUnits, establishedRow, json, setQuotas, upload } from './helpers';

const NOVEMBER = '2026-11-20T02:00:00Z';
const NEW_YEAR = '2027-01-03T02:00:00Z';
let readerToken = '';
let unitToken = '';

function activities(unitCode: string, orgs: string[], served: number, now: string) {
  return call('/activities/uploads', {
    body: {
      unitCode,
      source: 'api',
      rows: orgs.flatMap((orgName, index) => [
        {
          row: 4 + index * 2,
          cells: { orgName, heldOn: '2026-09-10', title: '读书会', kind: '交友', served },
        },
        {
          row: 5 + index * 2,
          cells: { orgName, heldOn: '2026-10-10', title: '志愿服务', kind: '公益', served },
        },
      ]),
    },
    now,
  });
}

beforeAll(async () => {
  await createUnits([
    { code: 'NLJ', name: '陆家嘴街道' },
    { code: 'NGQ', name: '高桥镇' },
    { code: 'NHN', name: '惠南镇' },
  ]);
  await setQuotas(2026, { NLJ: 2, NGQ: 2, NHN: 4 });
  readerToken = await createToken('reader');
  unitToken = await createToken('unit', 'NGQ');
  const rows = (unit: string, secretary: string) => [
    establishedRow(0, unit, { orgName: `${unit}青年志愿者协会`, secretary }),
    establishedRow(1, unit, { orgName: `${unit}白领读书会`, secretary: '赵敏' }),
  ];
  for (const [code, name, secretary] of [
    ['NLJ', '陆家嘴街道', '张伟'],
    ['NGQ', '高桥镇', '李娜'],
    ['NHN', '惠南镇', '王芳'],
  ] as const) {
    expect((await upload(code, rows(name, secretary), { reportMonth: 10, now: NOVEMBER })).status).toBe(201);
  }
  expect((await activities('NLJ', ['陆家嘴街道青年志愿者协会'], 80, NOVEMBER)).status).toBe(201);
  expect((await activities('NGQ', ['高桥镇青年志愿者协会', '高桥镇白领读书会'], 30, NOVEMBER)).status).toBe(
    201,
  );
});

describe('the year-end report', () => {
  it('shows the year as it stands any day, and cannot be published before the year ends', async () => {
    const answer = AnnualReportResponseSchema.parse(
      await json(await call('/annual-reports/2026', { now: NOVEMBER })),
    );
    expect(answer).toMatchObject({ published: false, final: false, publishedAt: null });
    expect(answer.report.issueLine).toBe('当前情况（未发布）');
    expect(answer.report.paragraphs[1]).toMatch(/^按2026年1—10月的年度考核/u);
    const early = await call('/annual-reports', { body: { year: 2026 }, now: NOVEMBER });
    expect(early.status).toBe(409);
    expect((await json<{ error: { code: string } }>(early)).error.code).toBe('month_not_ended');
  });

  it('proposes the candidates from the records: first units, League organizations with their activities, their secretaries', async () => {
    const answer = AnnualReportResponseSchema.parse(
      await json(await call('/annual-reports/2026', { now: NEW_YEAR })),
    );
    expect(answer.final).toBe(true);
    const { candidates } = answer.figures;
    // 陆家嘴 and 高桥 reach 2 of 2 (100%), 惠南 2 of 4; 高桥's two League organizations held their four activities,
    // 陆家嘴's two only two: the first three ranks hold all three, 高桥 first.
    expect(candidates.committees.map((unit) => unit.unitName)).toEqual(['高桥镇', '陆家嘴街道', '惠南镇']);
    expect(candidates.branches.map((branch) => [branch.orgName, branch.activities, branch.served])).toEqual([
      ['陆家嘴街道青年志愿者协会', 2, 160],
      ['高桥镇白领读书会', 2, 60],
      ['高桥镇青年志愿者协会', 2, 60],
    ]);
    expect(candidates.people.map((person) => person.name)).toEqual(['张伟', '赵敏', '李娜']);
    expect(answer.figures.activities).toEqual({ activities: 6, served: 280 });
    expect(answer.report.paragraphs[answer.report.paragraphs.length - 1]).toContain(
      '张伟、赵敏、李娜为“青年之友”候选人',
    );
  });

  it('gives a unit and a reader the report without any organization or person by name', async () => {
    for (const token of [readerToken, unitToken]) {
      const response = await call('/annual-reports/2026', { token, now: NEW_YEAR });
      expect(response.status).toBe(200);
      const text = await response.text();
      for (const name of ['张伟', '赵敏', '李娜', '青年志愿者协会', '白领读书会'])
        expect(text).not.toContain(name);
      expect(text).toContain('“红旗团委”候选单位');
    }
    expect(
      (await call('/annual-reports', { token: unitToken, body: { year: 2026 }, now: NEW_YEAR })).status,
    ).toBe(403);
  });

  it('publishes once the year has ended, then keeps the published figures whatever changes', async () => {
    const published = await call('/annual-reports', { body: { year: 2026 }, now: NEW_YEAR });
    expect(published.status).toBe(201);
    const first = AnnualReportResponseSchema.parse(await published.json());
    expect(first).toMatchObject({ published: true, publishedAt: NEW_YEAR.replace('Z', '.000Z') });
    expect(first.report.issueLine).toBe('年度通报');
    const again = await call('/annual-reports', { body: { year: 2026 }, now: NEW_YEAR });
    expect(again.status).toBe(409);
    expect((await json<{ error: { code: string } }>(again)).error.code).toBe('already_published');

    // 惠南 records activities for 2026 afterwards: the published report does not change.
    expect((await activities('NHN', ['惠南镇青年志愿者协会'], 500, '2027-01-04T02:00:00Z')).status).toBe(201);
    const later = AnnualReportResponseSchema.parse(
      await json(await call('/annual-reports/2026', { now: '2027-01-05T02:00:00Z' })),
    );
    expect(later.figures).toEqual(first.figures);
    expect(later.report).toEqual(first.report);
  });

  it('prints as an A4 page with its tables and 落款', async () => {
    const response = await call('/annual-reports/2026?format=html', { now: '2027-01-05T02:00:00Z' });
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<h1>浦东新区青年社会组织团建工作2026年度通报</h1>');
    expect(html).toContain('一、年度考核排名');
    expect(html).toContain('<div class="signature"><p>');
    expect(html).toContain('2027年1月3日');
  });
});
