// 重复 (SPEC §3, §7): the committee's assignment of an organization several units report overrides the
// default (earliest 建团时间) wherever it counts — the tally, the counted records, the summary's duplicate line.
import { describe, expect, it } from 'vitest';
import { withCheckChar } from './credit-code';
import type { LedgerRecord, Unit } from './schemas';
import { countedRecords, resolveOrganizations, summarize, tallyLedger } from './summarize';

const CODE = withCheckChar('52310115MJ7654321');
let nextRow = 4;

function record(fields: Partial<LedgerRecord> & Pick<LedgerRecord, 'unitCode' | 'orgName'>): LedgerRecord {
  return {
    row: nextRow++,
    creditCode: null,
    orgType: '社会团体',
    youthCount: 20,
    memberCount: 5,
    status: '已建团',
    establishedOn: '2026-02-01',
    mode: '独立建团',
    leagueOrgType: '团支部',
    secretary: '王芳',
    phone: '13800000000',
    hasPartyOrg: null,
    checkedOn: null,
    checkResult: null,
    note: null,
    firstReportedAt: '2026-03-01T02:00:00Z',
    ...fields,
  };
}

const units: Unit[] = [
  { code: 'ZJ', name: '张江镇', kind: '镇', active: true },
  { code: 'HM', name: '花木街道', kind: '街道', active: true },
];
const period = { year: 2026, month: 3 };

const zj = record({
  unitCode: 'ZJ',
  orgName: '张江社工服务社',
  creditCode: CODE,
  establishedOn: '2026-02-01',
});
const hm = record({
  unitCode: 'HM',
  orgName: '花木社工服务中心',
  creditCode: CODE,
  establishedOn: '2026-03-10',
});

describe('an assignment of a cross-unit duplicate', () => {
  it('moves the count from the earliest 建团时间 to the assigned unit, with its own date', () => {
    const byDefault = tallyLedger([zj, hm], period);
    expect([byDefault.units.get('ZJ')?.counted, byDefault.units.get('HM')?.counted]).toEqual([1, 0]);
    const assigned = tallyLedger([zj, hm], period, { assignments: new Map([[`c:${CODE}`, 'HM']]) });
    expect([assigned.units.get('ZJ')?.counted, assigned.units.get('HM')?.counted]).toEqual([0, 1]);
    expect(assigned.units.get('HM')?.newThisMonth).toBe(1);
    expect(assigned.duplicates.map((d) => [d.countedFor, d.assigned])).toEqual([['HM', true]]);
    // In February it had not been set up for 花木街道 yet: an assignment does not borrow the other date.
    const february = tallyLedger(
      [zj, hm],
      { year: 2026, month: 2 },
      { assignments: new Map([[`c:${CODE}`, 'HM']]) },
    );
    expect([february.units.get('ZJ')?.counted, february.units.get('HM')?.counted]).toEqual([0, 0]);
  });

  it('falls back to the default when the assigned unit does not report it as established', () => {
    const planned = {
      ...hm,
      status: '筹建中' as const,
      establishedOn: null,
      mode: null,
      leagueOrgType: null,
    };
    const [organization] = resolveOrganizations([zj, planned], new Map([[`c:${CODE}`, 'HM']]));
    expect(organization?.winner?.unitCode).toBe('ZJ');
    expect(organization?.assignedTo).toBeNull();
  });

  it('never lets an assignment bring back an organization found 不属实', () => {
    const untrue = { ...zj, checkResult: '不属实' as const, checkedOn: '2026-03-20' };
    const [organization] = resolveOrganizations([untrue, hm], new Map([[`c:${CODE}`, 'HM']]));
    expect(organization?.winner).toBeNull();
  });

  it('is found under a record’s name key when the organization gained a credit code since', () => {
    const a = record({ unitCode: 'ZJ', orgName: '浦东青年读书会', establishedOn: '2026-01-05' });
    const b = record({
      unitCode: 'HM',
      orgName: '浦东 青年读书会',
      creditCode: CODE,
      establishedOn: '2026-02-05',
    });
    const [organization] = resolveOrganizations([a, b], new Map([['n:浦东青年读书会', 'HM']]));
    expect(organization?.key).toBe(`c:${CODE}`);
    expect(organization?.winner?.unitCode).toBe('HM');
  });

  it('is ignored for an organization only one unit reports', () => {
    const only = record({ unitCode: 'ZJ', orgName: '张江独有组织' });
    const [organization] = resolveOrganizations([only], new Map([['n:张江独有组织', 'HM']]));
    expect(organization?.winner?.unitCode).toBe('ZJ');
    expect(organization?.assignedTo).toBeNull();
  });

  it('is applied alike by the counted records (what an issue records) and the full summary', () => {
    const assignments = new Map([[`c:${CODE}`, 'HM']]);
    expect(countedRecords([zj, hm], { units, ...period, assignments }).map((r) => r.unitCode)).toEqual([
      'HM',
    ]);
    const summary = summarize([zj, hm], {
      district: '浦东新区',
      units,
      quotas: [],
      ...period,
      today: '2026-04-01',
      assignments,
    });
    expect(summary.units.map((unit) => [unit.unitCode, unit.counted, unit.subsidy])).toEqual([
      ['ZJ', 0, 0],
      ['HM', 1, 600],
    ]);
  });
});
