// Counting rules of SPEC §3: invariants, duplicates, states, ranks, reporting, and one month worked out by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderBulletin } from './bulletin';
import { withCheckChar } from './credit-code';
import { orgKey } from './org-key';
import { type LedgerRecord, type Quota, SummarySchema, type Unit } from './schemas';
import {
  adjustTally,
  clusterClaims,
  deductionsSince,
  emptyUnitTally,
  type SummarizeOptions,
  summarize,
  tallyLedger,
} from './summarize';

let nextRow = 2;

/** A ledger record with plausible defaults: an established, independently built branch. */
function record(fields: Partial<LedgerRecord> & Pick<LedgerRecord, 'unitCode' | 'orgName'>): LedgerRecord {
  const established = (fields.status ?? '已建团') === '已建团';
  return {
    row: nextRow++,
    creditCode: null,
    orgType: '社会团体',
    youthCount: 20,
    memberCount: 5,
    status: '已建团',
    establishedOn: established ? '2026-01-10' : null,
    mode: established ? '独立建团' : null,
    leagueOrgType: established ? '团支部' : null,
    secretary: established ? '王芳' : null,
    phone: established ? '13800000000' : null,
    hasPartyOrg: null,
    checkedOn: null,
    checkResult: null,
    note: null,
    firstReportedAt: '2026-01-31T02:00:00Z',
    ...fields,
  };
}

function unit(code: string, name: string, active = true): Unit {
  return { code, name, kind: name.endsWith('镇') ? '镇' : '街道', active };
}

function options(overrides: Partial<SummarizeOptions>): SummarizeOptions {
  return {
    district: '浦东新区',
    units: [],
    quotas: [],
    year: 2026,
    month: 3,
    today: '2026-04-01',
    ...overrides,
  };
}

function byCode(summary: ReturnType<typeof summarize>, code: string) {
  const found = summary.units.find((entry) => entry.unitCode === code);
  if (!found) throw new Error(`no unit ${code} in the summary`);
  return found;
}

describe('summarize: the invariants hold for any ledger', () => {
  const unitCodes = ['U1', 'U2', 'U3', 'U4', 'U5'] as const;
  const units = unitCodes.map((code, index) => unit(code, `单位${index + 1}街道`, index !== 4));
  const dateArb = fc
    .record({
      year: fc.constantFrom(2025, 2026),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
    })
    .map(
      ({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    );
  const recordArb = fc
    .record({
      unitCode: fc.constantFrom(...unitCodes, 'X9'),
      orgIndex: fc.integer({ min: 0, max: 11 }),
      withCode: fc.boolean(),
      status: fc.constantFrom('已建团', '已建团', '筹建中', '未建团' as const),
      establishedOn: dateArb,
      mode: fc.constantFrom('独立建团', '联合建团', '楼宇建团', '区域建团' as const),
      checkedOn: fc.option(dateArb),
      checkResult: fc.constantFrom('属实', '不属实', '无法联系' as const),
      reportedHour: fc.integer({ min: 0, max: 23 }),
    })
    .map((drawn) =>
      record({
        unitCode: drawn.unitCode,
        orgName: `青年组织${drawn.orgIndex}`,
        creditCode: drawn.withCode
          ? withCheckChar(`5231011500000${String(drawn.orgIndex).padStart(4, '0')}`)
          : null,
        status: drawn.status,
        establishedOn: drawn.status === '已建团' ? drawn.establishedOn : null,
        mode: drawn.status === '已建团' ? drawn.mode : null,
        checkedOn: drawn.checkedOn,
        checkResult: drawn.checkedOn === null ? null : drawn.checkResult,
        firstReportedAt: `2026-02-01T${String(drawn.reportedHour).padStart(2, '0')}:00:00Z`,
      }),
    );
  const quotaArb = fc.record({
    U1: fc.option(fc.integer({ min: 0, max: 12 })),
    U2: fc.option(fc.integer({ min: 0, max: 12 })),
    U3: fc.option(fc.integer({ min: 0, max: 12 })),
    U4: fc.option(fc.integer({ min: 0, max: 12 })),
    U5: fc.option(fc.integer({ min: 0, max: 12 })),
  });
  const caseArb = fc.record({
    ledger: fc.array(recordArb, { maxLength: 40 }),
    quotaByUnit: quotaArb,
    month: fc.integer({ min: 1, max: 12 }),
  });

  type Case = typeof caseArb extends fc.Arbitrary<infer Drawn> ? Drawn : never;

  function run({ ledger, quotaByUnit, month }: Case) {
    const quotas: Quota[] = Object.entries(quotaByUnit).flatMap(([unitCode, quota]) =>
      quota === null ? [] : [{ unitCode, year: 2026, quota }],
    );
    return summarize(ledger, options({ units, quotas, month }));
  }

  it('conforms to SummarySchema', () => {
    fc.assert(fc.property(caseArb, (drawn) => void SummarySchema.parse(run(drawn))));
  });

  it('adds unit figures up to the district totals', () => {
    fc.assert(
      fc.property(caseArb, (drawn) => {
        const summary = run(drawn);
        const sum = (pick: (entry: (typeof summary.units)[number]) => number) =>
          summary.units.reduce((total, entry) => total + pick(entry), 0);
        expect(summary.totals.counted).toBe(sum((entry) => entry.counted));
        expect(summary.totals.newThisMonth).toBe(sum((entry) => entry.newThisMonth));
        expect(summary.totals.subsidy).toBe(sum((entry) => entry.subsidy));
        expect(summary.totals.subsidy).toBe(summary.totals.counted * 600);
        expect(summary.totals.quota).toBe(sum((entry) => entry.quota ?? 0));
        expect(summary.totals.expected).toBeCloseTo(
          sum((entry) => entry.expected ?? 0),
          9,
        );
        // Unit rows count records; the district counts each organization once.
        const known = drawn.ledger.filter((entry) => entry.unitCode !== 'X9');
        expect(sum((entry) => entry.organizations)).toBe(known.length);
        expect(summary.totals.organizations).toBe(clusterClaims(known).length);
        const keys = new Set(known.map((entry) => orgKey(entry.creditCode, entry.orgName)));
        expect(summary.totals.organizations).toBeLessThanOrEqual(keys.size);
        expect(summary.totals.units).toBe(summary.units.length);
        expect(summary.totals.rankedUnits).toBe(summary.units.filter((entry) => entry.rank !== null).length);
        const modeTotal = Object.values(summary.modes.toDate).reduce((total, count) => total + count, 0);
        expect(modeTotal).toBe(summary.totals.counted);
        const modeMonth = Object.values(summary.modes.month).reduce((total, count) => total + count, 0);
        expect(modeMonth).toBe(summary.totals.newThisMonth);
      }),
    );
  });

  it('counts an organization at most once, whichever units report it', () => {
    fc.assert(
      fc.property(caseArb, (drawn) => {
        const summary = run(drawn);
        const countedKeys = new Set(
          drawn.ledger
            .filter((entry) => entry.unitCode !== 'X9' && entry.status === '已建团')
            .filter((entry) => entry.checkResult !== '不属实')
            .map((entry) => orgKey(entry.creditCode, entry.orgName)),
        );
        expect(summary.totals.counted).toBeLessThanOrEqual(countedKeys.size);
        for (const duplicate of summary.duplicates) {
          expect(new Set(duplicate.reportedBy.map((entry) => entry.unitCode)).size).toBeGreaterThanOrEqual(2);
          expect(duplicate.reportedBy[0]?.unitCode).toBe(duplicate.countedFor);
        }
      }),
    );
  });

  it('ranks so that a higher rate never has a worse rank, and equals share one', () => {
    fc.assert(
      fc.property(caseArb, (drawn) => {
        const summary = run(drawn);
        const ranked = summary.units.filter((entry) => entry.rank !== null);
        for (const a of ranked) {
          // Competition ranking: 1 + the number of units strictly ahead.
          const ahead = ranked.filter(
            (b) =>
              b.counted * (a.quota ?? 0) > a.counted * (b.quota ?? 0) ||
              (b.counted * (a.quota ?? 0) === a.counted * (b.quota ?? 0) && b.counted > a.counted),
          );
          expect(a.rank).toBe(ahead.length + 1);
          for (const b of ranked) {
            if ((a.rate ?? 0) > (b.rate ?? 0)) expect(a.rank ?? 0).toBeLessThan(b.rank ?? 0);
          }
        }
        for (const entry of summary.units) {
          expect(entry.rank === null).toBe(entry.quota === null || entry.quota === 0);
          expect(entry.state === null).toBe(entry.rank === null);
        }
      }),
    );
  });

  it('lists lagging units by rank and not-started ones in table order', () => {
    fc.assert(
      fc.property(caseArb, (drawn) => {
        const summary = run(drawn);
        const lagging = summary.units.filter((entry) => entry.state === '滞后');
        expect(summary.lagging).toEqual(
          [...lagging].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)).map((entry) => entry.unitName),
        );
        expect(summary.notStarted).toEqual(
          summary.units.filter((entry) => entry.state === '未启动').map((entry) => entry.unitName),
        );
      }),
    );
  });
});

describe('summarize: cross-unit duplicates', () => {
  const units = [unit('HM', '花木街道'), unit('ZJ', '张江镇'), unit('CS', '川沙新镇')];

  it('takes a record without a credit code as the same organization as one with a code and the same name', () => {
    const code = withCheckChar('52310115MJ4985611');
    const ledger = [
      record({ unitCode: 'HM', orgName: '浦东青年公益联盟', creditCode: code, establishedOn: '2026-02-10' }),
      record({ unitCode: 'ZJ', orgName: '浦东青年 公益联盟', establishedOn: '2026-02-03' }),
    ];
    const summary = summarize(ledger, options({ units }));
    expect(summary.units.map((entry) => [entry.unitCode, entry.counted, entry.subsidy])).toEqual([
      ['HM', 0, 0],
      ['ZJ', 1, 600],
      ['CS', 0, 0],
    ]);
    expect(summary.totals).toMatchObject({ counted: 1, organizations: 1, subsidy: 600 });
    expect(summary.duplicates).toEqual([
      expect.objectContaining({ orgKey: `c:${code}`, creditCode: code, countedFor: 'ZJ' }),
    ]);
  });

  it('never takes two different credit codes as one organization, whatever the names', () => {
    const ledger = [
      record({ unitCode: 'HM', orgName: '青年志愿者协会', creditCode: withCheckChar('52310115MJ4985611') }),
      record({ unitCode: 'ZJ', orgName: '青年志愿者协会', creditCode: withCheckChar('52310115MJ4985622') }),
      // Without a code, and two codes under the name: which one it is cannot be told, so it stays apart.
      record({ unitCode: 'CS', orgName: '青年志愿者协会' }),
    ];
    const summary = summarize(ledger, options({ units }));
    expect(summary.totals).toMatchObject({ counted: 3, organizations: 3 });
    expect(summary.duplicates).toEqual([]);
  });

  it('groups records by code, and by name where either lacks a code, for any ledger', () => {
    const recordArb = fc.record({
      unitCode: fc.constantFrom('HM', 'ZJ', 'CS'),
      name: fc.constantFrom('甲青年会', '乙青年会', '丙 青年会', '丙青年会'),
      code: fc.option(fc.constantFrom('52310115MJ4985611', '52310115MJ4985622', '52310115MJ4985633')),
    });
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 12 }), (drawn) => {
        const ledger = drawn.map((entry) =>
          record({ unitCode: entry.unitCode, orgName: entry.name, creditCode: entry.code }),
        );
        const groups = clusterClaims(ledger);
        expect(groups.flat()).toHaveLength(ledger.length);
        const groupOf = new Map(groups.flatMap((group, index) => group.map((entry) => [entry, index])));
        for (const a of ledger) {
          for (const b of ledger) {
            const same = groupOf.get(a) === groupOf.get(b);
            if (a.creditCode && b.creditCode && a.creditCode !== b.creditCode) expect(same).toBe(false);
            if (a.creditCode && a.creditCode === b.creditCode) expect(same).toBe(true);
            const sameName = a.orgName.replace(/ /g, '') === b.orgName.replace(/ /g, '');
            const codesUnderName = new Set(
              ledger.filter(
                (c) => c.orgName.replace(/ /g, '') === a.orgName.replace(/ /g, '') && c.creditCode,
              ),
            );
            const oneCode = new Set([...codesUnderName].map((c) => c.creditCode)).size <= 1;
            if (sameName && (!a.creditCode || !b.creditCode) && oneCode) expect(same).toBe(true);
            if (sameName && !a.creditCode && !b.creditCode) expect(same).toBe(true);
          }
        }
      }),
    );
  });

  it('gives the same tally from per-record tallies corrected for the records other units share', () => {
    const dateArb = fc.constantFrom('2025-12-30', '2026-01-10', '2026-02-03', '2026-02-10', '2026-03-05');
    const recordArb = fc.record({
      unitCode: fc.constantFrom('HM', 'ZJ', 'CS'),
      name: fc.constantFrom('甲青年会', '乙青年会', '丙青年会', '丁青年会', '戊青年会'),
      code: fc.option(fc.constantFrom('52310115MJ4985611', '52310115MJ4985622'), { freq: 3 }),
      status: fc.constantFrom('已建团', '已建团', '筹建中' as const),
      establishedOn: dateArb,
      checkResult: fc.option(fc.constantFrom('属实', '不属实', '无法联系' as const), { freq: 2 }),
      hour: fc.integer({ min: 0, max: 23 }),
    });
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 14 }), fc.integer({ min: 1, max: 3 }), (drawn, month) => {
        // One record per unit and name, and per unit and code, as the sheet's own duplicate rule guarantees.
        const seen = new Set<string>();
        const firstInUnit = (entry: (typeof drawn)[number]) => {
          const keys = [
            `${entry.unitCode}|${entry.name}`,
            ...(entry.code ? [`${entry.unitCode}|${entry.code}`] : []),
          ];
          if (keys.some((key) => seen.has(key))) return false;
          for (const key of keys) seen.add(key);
          return true;
        };
        const ledger = drawn.filter(firstInUnit).map((entry) =>
          record({
            unitCode: entry.unitCode,
            orgName: entry.name,
            creditCode: entry.code,
            status: entry.status,
            establishedOn: entry.status === '已建团' ? entry.establishedOn : null,
            mode: entry.status === '已建团' ? '联合建团' : null,
            checkedOn: entry.checkResult ? '2026-02-20' : null,
            checkResult: entry.checkResult,
            firstReportedAt: `2026-01-01T${String(entry.hour).padStart(2, '0')}:00:00Z`,
          }),
        );
        const period = { year: 2026, month };
        const shared = ledger.filter((a) =>
          ledger.some(
            (b) =>
              b.unitCode !== a.unitCode &&
              (b.orgName === a.orgName || (a.creditCode !== null && b.creditCode === a.creditCode)),
          ),
        );
        const fast = adjustTally(
          tallyLedger(ledger, period, { resolveDuplicates: false }),
          tallyLedger(shared, period, { resolveDuplicates: false }),
          tallyLedger(shared, period),
        );
        const full = tallyLedger(ledger, period);
        expect(fast.organizations).toBe(full.organizations);
        expect(fast.established).toBe(full.established);
        expect(fast.duplicates).toEqual(full.duplicates);
        for (const code of ['HM', 'ZJ', 'CS']) {
          expect(fast.units.get(code) ?? emptyUnitTally()).toEqual(full.units.get(code) ?? emptyUnitTally());
        }
      }),
    );
  });

  it('counts the organization for the unit with the earliest 建团时间, even if it reported later', () => {
    const ledger = [
      record({
        unitCode: 'HM',
        orgName: '浦东青年公益联盟',
        establishedOn: '2026-02-10',
        firstReportedAt: '2026-02-11T00:00:00Z',
      }),
      record({
        unitCode: 'ZJ',
        orgName: '浦东 青年公益联盟',
        establishedOn: '2026-02-03',
        firstReportedAt: '2026-03-01T00:00:00Z',
      }),
    ];
    const summary = summarize(ledger, options({ units }));
    expect(byCode(summary, 'HM').counted).toBe(0);
    expect(byCode(summary, 'ZJ').counted).toBe(1);
    expect(summary.totals.counted).toBe(1);
    expect(summary.duplicates).toEqual([
      {
        orgKey: 'n:浦东青年公益联盟',
        orgName: '浦东 青年公益联盟',
        creditCode: null,
        countedFor: 'ZJ',
        assigned: false,
        reportedBy: [
          { unitCode: 'ZJ', establishedOn: '2026-02-03', firstReportedAt: '2026-03-01T00:00:00Z' },
          { unitCode: 'HM', establishedOn: '2026-02-10', firstReportedAt: '2026-02-11T00:00:00Z' },
        ],
      },
    ]);
  });

  it('on the same 建团时间 counts it for the unit that reported it first, then by unit code', () => {
    const code = withCheckChar('52310115MJ4985611');
    const ledger = [
      record({
        unitCode: 'CS',
        orgName: '川沙青年联盟',
        creditCode: code,
        establishedOn: '2026-02-10',
        firstReportedAt: '2026-02-20T08:00:00+08:00',
      }),
      record({
        unitCode: 'HM',
        orgName: '花木青年联盟',
        creditCode: code,
        establishedOn: '2026-02-10',
        firstReportedAt: '2026-02-20T01:00:00Z',
      }),
      record({
        unitCode: 'ZJ',
        orgName: '张江青年联盟',
        creditCode: code,
        establishedOn: '2026-02-10',
        firstReportedAt: '2026-02-20T00:00:00Z',
      }),
    ];
    const summary = summarize(ledger, options({ units }));
    // 08:00+08:00 is 00:00Z, the same instant as ZJ's: CS wins on unit code.
    expect(summary.duplicates[0]?.countedFor).toBe('CS');
    expect(summary.duplicates[0]?.reportedBy.map((entry) => entry.unitCode)).toEqual(['CS', 'ZJ', 'HM']);
    expect(summary.units.map((entry) => entry.counted)).toEqual([0, 0, 1]);
    expect(summary.totals.organizations).toBe(1);
    expect(summary.units.map((entry) => entry.organizations)).toEqual([1, 1, 1]);
  });

  it('does not count again this year an organization another unit set up last year', () => {
    const ledger = [
      record({ unitCode: 'HM', orgName: '浦东青年公益联盟', establishedOn: '2025-11-02' }),
      record({ unitCode: 'ZJ', orgName: '浦东青年公益联盟', establishedOn: '2026-02-03' }),
    ];
    const summary = summarize(ledger, options({ units }));
    expect(summary.totals.counted).toBe(0);
    expect(summary.duplicates[0]?.countedFor).toBe('HM');
  });

  it('takes an organization found 不属实 out of the count for every unit that reports it', () => {
    const ledger = [
      record({
        unitCode: 'HM',
        orgName: '浦东青年公益联盟',
        establishedOn: '2026-01-05',
        checkedOn: '2026-02-01',
        checkResult: '不属实',
      }),
      record({ unitCode: 'ZJ', orgName: '浦东青年公益联盟', establishedOn: '2026-02-03' }),
    ];
    const summary = summarize(ledger, options({ units }));
    expect(byCode(summary, 'HM').counted).toBe(0);
    expect(byCode(summary, 'ZJ').counted).toBe(0);
    expect(summary.totals.counted).toBe(0);
  });

  it('does not list an organization only one unit reports', () => {
    const ledger = [
      record({ unitCode: 'HM', orgName: '花木青年书友会' }),
      record({ unitCode: 'ZJ', orgName: '张江青年书友会' }),
    ];
    expect(summarize(ledger, options({ units })).duplicates).toEqual([]);
  });
});

describe('summarize: 核减 since the last issue', () => {
  const units = [unit('HM', '花木街道'), unit('ZJ', '张江镇')];

  it('names per unit the organizations the last issue counted that are now found 不属实', () => {
    const ledger = [
      record({ unitCode: 'HM', orgName: '花木青年会', checkedOn: '2026-04-02', checkResult: '不属实' }),
      record({ unitCode: 'HM', orgName: '花木读书会' }),
      // Found untrue on another unit's report: the organization is out for both.
      record({ unitCode: 'ZJ', orgName: '张江跑团' }),
      record({ unitCode: 'HM', orgName: '张江跑团', checkedOn: '2026-04-03', checkResult: '不属实' }),
    ];
    const previous = {
      issueNumber: 7,
      counted: [
        { unitCode: 'HM', orgKey: 'n:花木青年会' },
        { unitCode: 'HM', orgKey: 'n:花木读书会' },
        { unitCode: 'ZJ', orgKey: 'n:张江跑团' },
        // Taken off the ledger since: not a 核减.
        { unitCode: 'ZJ', orgKey: 'n:张江合唱团' },
      ],
    };
    expect(deductionsSince(ledger, previous, units)).toEqual({
      sinceIssue: 7,
      organizations: 2,
      units: [
        { unitCode: 'HM', unitName: '花木街道', organizations: 1 },
        { unitCode: 'ZJ', unitName: '张江镇', organizations: 1 },
      ],
    });
    const summary = summarize(ledger, options({ units, month: 4, previousIssue: previous }));
    expect(summary.deductions?.organizations).toBe(2);
    expect(summary.totals.counted).toBe(1);
  });
});

describe('summarize: what counts', () => {
  const units = [unit('HM', '花木街道')];
  const quotas = [{ unitCode: 'HM', year: 2026, quota: 12 }];

  it('leaves out a record found 不属实 from counted, established and subsidy, but keeps it as an organization', () => {
    const ledger = [
      record({
        unitCode: 'HM',
        orgName: '花木乐跑团',
        establishedOn: '2026-03-02',
        checkedOn: '2026-03-20',
        checkResult: '不属实',
      }),
      record({
        unitCode: 'HM',
        orgName: '花木摄影社',
        establishedOn: '2026-03-03',
        checkedOn: '2026-03-20',
        checkResult: '无法联系',
      }),
    ];
    const hm = byCode(summarize(ledger, options({ units, quotas })), 'HM');
    expect(hm).toMatchObject({
      counted: 1,
      newThisMonth: 1,
      established: 1,
      organizations: 2,
      coverage: 0.5,
      subsidy: 600,
    });
  });

  it('counts only 已建团 records set up from January 1st to the end of the month', () => {
    const ledger = [
      record({ unitCode: 'HM', orgName: '去年建团组织', establishedOn: '2025-12-31' }),
      record({ unitCode: 'HM', orgName: '一月建团组织', establishedOn: '2026-01-01' }),
      record({ unitCode: 'HM', orgName: '三月建团组织', establishedOn: '2026-03-31' }),
      record({ unitCode: 'HM', orgName: '四月建团组织', establishedOn: '2026-04-01' }),
      record({ unitCode: 'HM', orgName: '筹建中组织', status: '筹建中' }),
    ];
    const summary = summarize(ledger, options({ units, quotas }));
    expect(byCode(summary, 'HM')).toMatchObject({
      counted: 2,
      newThisMonth: 1,
      established: 3,
      organizations: 5,
    });
    expect(summary.periodEnd).toBe('2026-03-31');
  });

  it('ends February on the 29th in a leap year', () => {
    const ledger = [record({ unitCode: 'HM', orgName: '闰日建团组织', establishedOn: '2028-02-29' })];
    const summary = summarize(ledger, options({ units, year: 2028, month: 2 }));
    expect(summary.periodEnd).toBe('2028-02-29');
    expect(summary.totals.newThisMonth).toBe(1);
  });

  it('uses the quotas of the year asked for and a configurable subsidy rate', () => {
    const summary = summarize([record({ unitCode: 'HM', orgName: '花木书友会' })], {
      ...options({ units }),
      quotas: [
        { unitCode: 'HM', year: 2025, quota: 40 },
        { unitCode: 'HM', year: 2026, quota: 12 },
      ],
      subsidy: { city: 300, district: 500 },
    });
    expect(byCode(summary, 'HM')).toMatchObject({ quota: 12, subsidy: 800 });
    expect(summary.subsidyRate).toEqual({ city: 300, district: 500 });
  });

  it('keeps an inactive unit out of the table unless it has records', () => {
    const summary = summarize([record({ unitCode: 'OLD', orgName: '旧园区青年会' })], {
      ...options({}),
      units: [unit('HM', '花木街道'), unit('OLD', '旧园区', false), unit('GONE', '撤并街道', false)],
      quotas: [{ unitCode: 'GONE', year: 2026, quota: 5 }],
    });
    expect(summary.units.map((entry) => entry.unitCode)).toEqual(['HM', 'OLD']);
    expect(summary.totals.quota).toBe(0);
  });

  it('rejects a month outside 1–12', () => {
    expect(() => summarize([], options({ month: 13 }))).toThrow(RangeError);
  });
});

describe('summarize: states', () => {
  function stateFor(quota: number | null, counted: number, month: number) {
    const ledger = Array.from({ length: counted }, (_, index) =>
      record({ unitCode: 'HM', orgName: `花木青年组织${index}`, establishedOn: '2026-01-10' }),
    );
    const quotas = quota === null ? [] : [{ unitCode: 'HM', year: 2026, quota }];
    return byCode(summarize(ledger, options({ units: [unit('HM', '花木街道')], quotas, month })), 'HM');
  }

  it.each([
    [12, 12, 1, '已完成'],
    [12, 13, 12, '已完成'],
    [1, 1, 1, '已完成'],
    [12, 0, 1, '未启动'],
    [12, 0, 12, '未启动'],
    [12, 3, 3, '正常'], // counted = expected = 3 exactly
    [10, 5, 6, '正常'], // counted = expected = 5 exactly
    [10, 3, 3, '正常'], // 3 ≥ 2.5
    [10, 2, 3, '滞后'], // 2 < 2.5
    [6, 5, 11, '滞后'], // 5 < 5.5
  ] as const)('quota %i, counted %i by month %i: %s', (quota, counted, month, state) => {
    expect(stateFor(quota, counted, month).state).toBe(state);
  });

  it('gives a zero quota no rate, no state and no rank, but an expected of 0', () => {
    expect(stateFor(0, 2, 3)).toMatchObject({
      quota: 0,
      expected: 0,
      gap: 2,
      rate: null,
      state: null,
      rank: null,
    });
  });

  it('gives a unit without a quota no expected, gap, rate, state or rank', () => {
    expect(stateFor(null, 2, 3)).toMatchObject({
      quota: null,
      expected: null,
      gap: null,
      rate: null,
      state: null,
      rank: null,
    });
  });
});

describe('summarize: ranks', () => {
  it('ranks by rate, then counted, with equals sharing a rank (1, 2, 2, 4)', () => {
    const spec = [
      ['A', '甲街道', 10, 5],
      ['B', '乙街道', 10, 6],
      ['C', '丙街道', 6, 3],
      ['D', '丁街道', 10, 5],
      ['E', '戊街道', 3, 1],
      ['F', '己街道', 6, 2],
      ['G', '庚街道', null, 9],
    ] as const;
    const ledger = spec.flatMap(([code, , , counted]) =>
      Array.from({ length: counted }, (_, index) =>
        record({ unitCode: code, orgName: `${code}青年组织${index}` }),
      ),
    );
    const summary = summarize(
      ledger,
      options({
        units: spec.map(([code, name]) => unit(code, name)),
        quotas: spec.flatMap(([unitCode, , quota]) =>
          quota === null ? [] : [{ unitCode, year: 2026, quota }],
        ),
      }),
    );
    // B 0.6 → 1; A and D 0.5 with 5 → 2, 2; C 0.5 with 3 → 4; F 1/3 with 2 → 5; E 1/3 with 1 → 6.
    expect(summary.units.map((entry) => [entry.unitCode, entry.rank])).toEqual([
      ['A', 2],
      ['B', 1],
      ['C', 4],
      ['D', 2],
      ['E', 6],
      ['F', 5],
      ['G', null],
    ]);
    expect(summary.totals.rankedUnits).toBe(6);
  });
});

describe('summarize: reporting (报送情况) by the Asia/Shanghai calendar', () => {
  const units = [
    unit('A', '甲街道'),
    unit('B', '乙街道'),
    unit('C', '丙街道'),
    unit('D', '丁街道'),
    unit('E', '戊街道'),
    unit('X', '撤并镇', false),
  ];
  const march = (unitCode: string, uploadedAt: string) => ({
    unitCode,
    reportYear: 2026,
    reportMonth: 3,
    uploadedAt,
  });

  it('is on time up to the end of April 5th in Shanghai, late from 00:00 on the 6th, missing without an upload', () => {
    const summary = summarize(
      [],
      options({
        units,
        uploads: [
          march('A', '2026-04-05T15:59:59Z'), // 04-05 23:59:59 in Shanghai
          march('B', '2026-04-05T16:30:00Z'), // 04-06 00:30 in Shanghai
          march('C', '2026-04-06T00:30:00+08:00'),
          march('C', '2026-03-28T09:00:00Z'), // an earlier upload for the month makes it on time
          { unitCode: 'D', reportYear: 2026, reportMonth: 2, uploadedAt: '2026-03-02T01:00:00Z' },
          march('X', '2026-04-01T01:00:00Z'),
        ],
      }),
    );
    expect(summary.reporting).toEqual({
      onTime: ['甲街道', '丙街道'],
      late: ['乙街道'],
      missing: ['丁街道', '戊街道'],
    });
  });

  it('crosses into January for a December report, with a configurable day', () => {
    const december = (unitCode: string, uploadedAt: string) => ({
      unitCode,
      reportYear: 2025,
      reportMonth: 12,
      uploadedAt,
    });
    const summary = summarize(
      [],
      options({
        units: units.slice(0, 3),
        year: 2025,
        month: 12,
        lateAfterDay: 10,
        uploads: [
          december('A', '2026-01-10T15:59:59.999Z'),
          december('B', '2026-01-10T16:00:00Z'),
          { unitCode: 'C', reportYear: 2026, reportMonth: 12, uploadedAt: '2026-01-02T00:00:00Z' },
        ],
      }),
    );
    expect(summary.reporting).toEqual({ onTime: ['甲街道'], late: ['乙街道'], missing: ['丙街道'] });
  });

  it('rejects an upload time that is not an ISO timestamp', () => {
    expect(() => summarize([], options({ units, uploads: [march('A', '4/5/2026')] }))).toThrow(RangeError);
  });
});

/*
 * One month worked out by hand: 示例新区, March 2026 (M = 3, time progress 3/12 = 25%).
 *
 * Units (table order) and 2026 quotas; expected = quota × 3 / 12:
 *   HM 花木街道 12 → 3     ZJ 张江镇 10 → 2.5     JQ 金桥园区 6 → 1.5
 *   CS 川沙新镇 2 → 0.5    LJZ 陆家嘴街道 0 → 0   ZP 周浦镇 (inactive, no records, quota 8: not in the table)
 *   花木街道 also has a 2025 quota of 20: ignored. A record of unknown unit X99: ignored.
 *
 * Records (✓ counted, ✗ not):
 *   HM r1 花木青年志愿者协会  已建团 01-15 独立  checked 03-10 属实      ✓
 *   HM r2 花木社区青年书友会  已建团 03-05 联合                          ✓ new
 *   HM r3 花木青年创客空间    已建团 2025-11-20 楼宇  checked 2025-12-01 ✗ last year (established)
 *   HM r4 花木乐跑团          已建团 02-18 联合  checked 03-20 不属实    ✗ (not established either)
 *   HM r5 浦东青年公益联盟 C2 已建团 02-10 区域  first reported 02-20    ✗ ZJ reported the same date first
 *   HM r6 花木青年摄影社      已建团 03-12 独立                          ✓ new
 *   ZJ r7 浦东青年公益联盟 C2 已建团 02-10 区域  first reported 02-15    ✓
 *   ZJ r8 张江青年程序员协会  已建团 03-25 独立                          ✓ new
 *   ZJ r9 张江青年读书会      筹建中                                     ✗
 *   ZJ r10 张江青年跑团       已建团 01-20 联合                          ✗ CS set it up earlier (01-08)
 *   JQ r11 金桥青年志愿服务队 未建团                                     ✗
 *   JQ r12 金桥白领联谊会     已建团 2025-12-28 楼宇  checked 01-15 无法联系 ✗ last year (established)
 *   CS r13 张江 青年跑团      已建团 01-08 联合  (reported after ZJ)     ✓
 *   CS r14 川沙青年农创联盟   已建团 03-03 楼宇  checked 03-28 无法联系  ✓ new (无法联系 still counts)
 *   LJZ r15 陆家嘴金融青年联合会 已建团 02-26 楼宇  checked 02-27 属实   ✓
 *   LJZ r16 陆家嘴青年咖啡沙龙 筹建中                                    ✗
 *
 * Per unit: counted / new / organizations / established / coverage / subsidy (× 600):
 *   HM  3 / 2 / 6 / 5 (r1 r2 r3 r5 r6) / 5/6 / 1800;  rate 3/12 = 0.25; gap 0;    正常 (= expected)
 *   ZJ  2 / 1 / 4 / 3 (r7 r8 r10)      / 3/4 / 1200;  rate 2/10 = 0.2;  gap −0.5; 滞后
 *   JQ  0 / 0 / 2 / 1 (r12)            / 1/2 / 0;     rate 0;           gap −1.5; 未启动
 *   CS  2 / 1 / 2 / 2                  / 1   / 1200;  rate 1;           gap +1.5; 已完成
 *   LJZ 1 / 0 / 2 / 1                  / 1/2 / 600;   quota 0: rate, state, rank null; gap +1
 *   Ranks: CS 1, HM 2, ZJ 3, JQ 4.
 *
 * District: quota 30; counted 8; new 4; expected 7.5; gap 0.5; rate 8/30 = 26.7% (1.7 points above 25%);
 *   organizations 16 records − 2 duplicates = 14; established keys 10 (HM 5, ZJ +2, JQ +1, CS +1, LJZ +1);
 *   coverage 10/14 = 71.4%; subsidy 4800 元; 5 units, 4 ranked.
 * Modes (counted): to date 独立 3 (r1 r6 r8), 联合 2 (r2 r13), 楼宇 2 (r14 r15), 区域 1 (r7);
 *   this month 独立 2 (r6 r8), 联合 1 (r2), 楼宇 1 (r14), 区域 0.
 * Spot checks: March r1 属实, r4 不属实, r14 无法联系 → 3 / 1 / 1 / 1;
 *   to date adds r12 无法联系 and r15 属实 (r3's 2025 check is out) → 5 / 2 / 1 / 2.
 * Reporting for March: HM 04-03 on time; ZJ 04-05 23:59:59 Shanghai on time; JQ 04-06 00:30 Shanghai late;
 *   CS only a February upload → missing; LJZ one on time and one late → on time; ZP inactive → not listed.
 */
describe('summarize and renderBulletin: a month worked out by hand', () => {
  const c2 = withCheckChar('52310115MJ4985611');
  const c3 = withCheckChar('91310115MA1K4B2C3');
  const c5 = withCheckChar('51310115MJ4985614');
  const units = [
    unit('HM', '花木街道'),
    unit('ZJ', '张江镇'),
    { code: 'JQ', name: '金桥园区', kind: '园区', active: true },
    unit('CS', '川沙新镇'),
    unit('LJZ', '陆家嘴街道'),
    unit('ZP', '周浦镇', false),
  ] satisfies Unit[];
  const quotas: Quota[] = [
    { unitCode: 'HM', year: 2025, quota: 20 },
    { unitCode: 'HM', year: 2026, quota: 12 },
    { unitCode: 'ZJ', year: 2026, quota: 10 },
    { unitCode: 'JQ', year: 2026, quota: 6 },
    { unitCode: 'CS', year: 2026, quota: 2 },
    { unitCode: 'LJZ', year: 2026, quota: 0 },
    { unitCode: 'ZP', year: 2026, quota: 8 },
  ];
  const ledger = [
    record({
      unitCode: 'HM',
      orgName: '花木青年志愿者协会',
      establishedOn: '2026-01-15',
      checkedOn: '2026-03-10',
      checkResult: '属实',
    }),
    record({ unitCode: 'HM', orgName: '花木社区青年书友会', establishedOn: '2026-03-05', mode: '联合建团' }),
    record({
      unitCode: 'HM',
      orgName: '花木青年创客空间',
      establishedOn: '2025-11-20',
      mode: '楼宇建团',
      checkedOn: '2025-12-01',
      checkResult: '属实',
    }),
    record({
      unitCode: 'HM',
      orgName: '花木乐跑团',
      establishedOn: '2026-02-18',
      mode: '联合建团',
      checkedOn: '2026-03-20',
      checkResult: '不属实',
    }),
    record({
      unitCode: 'HM',
      orgName: '浦东青年公益联盟',
      creditCode: c2,
      establishedOn: '2026-02-10',
      mode: '区域建团',
      firstReportedAt: '2026-02-20T02:00:00Z',
    }),
    record({ unitCode: 'HM', orgName: '花木青年摄影社', establishedOn: '2026-03-12' }),
    record({
      unitCode: 'ZJ',
      orgName: '浦东青年公益联盟',
      creditCode: c2,
      establishedOn: '2026-02-10',
      mode: '区域建团',
      firstReportedAt: '2026-02-15T02:00:00Z',
    }),
    record({
      unitCode: 'ZJ',
      orgName: '张江青年程序员协会',
      creditCode: c3,
      orgType: '民办非企业单位',
      establishedOn: '2026-03-25',
    }),
    record({ unitCode: 'ZJ', orgName: '张江青年读书会', status: '筹建中' }),
    record({
      unitCode: 'ZJ',
      orgName: '张江青年跑团',
      establishedOn: '2026-01-20',
      mode: '联合建团',
      firstReportedAt: '2026-03-01T02:00:00Z',
    }),
    record({ unitCode: 'JQ', orgName: '金桥青年志愿服务队', status: '未建团' }),
    record({
      unitCode: 'JQ',
      orgName: '金桥白领联谊会',
      establishedOn: '2025-12-28',
      mode: '楼宇建团',
      checkedOn: '2026-01-15',
      checkResult: '无法联系',
    }),
    record({
      unitCode: 'CS',
      orgName: '张江 青年跑团',
      establishedOn: '2026-01-08',
      mode: '联合建团',
      firstReportedAt: '2026-03-02T02:00:00Z',
    }),
    record({
      unitCode: 'CS',
      orgName: '川沙青年农创联盟',
      establishedOn: '2026-03-03',
      mode: '楼宇建团',
      checkedOn: '2026-03-28',
      checkResult: '无法联系',
    }),
    record({
      unitCode: 'LJZ',
      orgName: '陆家嘴金融青年联合会',
      creditCode: c5,
      establishedOn: '2026-02-26',
      mode: '楼宇建团',
      checkedOn: '2026-02-27',
      checkResult: '属实',
    }),
    record({ unitCode: 'LJZ', orgName: '陆家嘴青年咖啡沙龙', status: '筹建中' }),
    record({ unitCode: 'X99', orgName: '不明单位青年会', establishedOn: '2026-03-01' }),
  ];
  const uploads = [
    { unitCode: 'HM', reportYear: 2026, reportMonth: 3, uploadedAt: '2026-04-03T02:00:00Z' },
    { unitCode: 'ZJ', reportYear: 2026, reportMonth: 3, uploadedAt: '2026-04-05T15:59:59Z' },
    { unitCode: 'JQ', reportYear: 2026, reportMonth: 3, uploadedAt: '2026-04-05T16:30:00Z' },
    { unitCode: 'CS', reportYear: 2026, reportMonth: 2, uploadedAt: '2026-03-02T02:00:00Z' },
    { unitCode: 'LJZ', reportYear: 2026, reportMonth: 3, uploadedAt: '2026-04-08T01:00:00Z' },
    { unitCode: 'LJZ', reportYear: 2026, reportMonth: 3, uploadedAt: '2026-03-31T10:00:00Z' },
  ];
  const summary = summarize(ledger, {
    district: '示例新区',
    units,
    quotas,
    year: 2026,
    month: 3,
    today: '2026-04-10',
    uploads,
  });
  const unitFigures = {
    newThisMonth: 0,
    counted: 0,
    expected: 0,
    gap: 0,
    rate: null,
    state: null,
    rank: null,
    subsidy: 0,
  };

  it('gives every figure of the summary', () => {
    expect(summary).toEqual({
      district: '示例新区',
      year: 2026,
      month: 3,
      periodEnd: '2026-03-31',
      today: '2026-04-10',
      subsidyRate: { city: 300, district: 300 },
      units: [
        {
          ...unitFigures,
          unitCode: 'HM',
          unitName: '花木街道',
          quota: 12,
          newThisMonth: 2,
          counted: 3,
          expected: 3,
          gap: 0,
          rate: 0.25,
          state: '正常',
          rank: 2,
          organizations: 6,
          established: 5,
          coverage: 5 / 6,
          subsidy: 1800,
        },
        {
          ...unitFigures,
          unitCode: 'ZJ',
          unitName: '张江镇',
          quota: 10,
          newThisMonth: 1,
          counted: 2,
          expected: 2.5,
          gap: -0.5,
          rate: 0.2,
          state: '滞后',
          rank: 3,
          organizations: 4,
          established: 3,
          coverage: 0.75,
          subsidy: 1200,
        },
        {
          ...unitFigures,
          unitCode: 'JQ',
          unitName: '金桥园区',
          quota: 6,
          expected: 1.5,
          gap: -1.5,
          rate: 0,
          state: '未启动',
          rank: 4,
          organizations: 2,
          established: 1,
          coverage: 0.5,
        },
        {
          ...unitFigures,
          unitCode: 'CS',
          unitName: '川沙新镇',
          quota: 2,
          newThisMonth: 1,
          counted: 2,
          expected: 0.5,
          gap: 1.5,
          rate: 1,
          state: '已完成',
          rank: 1,
          organizations: 2,
          established: 2,
          coverage: 1,
          subsidy: 1200,
        },
        {
          ...unitFigures,
          unitCode: 'LJZ',
          unitName: '陆家嘴街道',
          quota: 0,
          counted: 1,
          expected: 0,
          gap: 1,
          organizations: 2,
          established: 1,
          coverage: 0.5,
          subsidy: 600,
        },
      ],
      totals: {
        quota: 30,
        newThisMonth: 4,
        counted: 8,
        expected: 7.5,
        gap: 0.5,
        rate: 8 / 30,
        organizations: 14,
        established: 10,
        coverage: 10 / 14,
        subsidy: 4800,
        units: 5,
        rankedUnits: 4,
      },
      modes: {
        month: { 独立建团: 2, 联合建团: 1, 楼宇建团: 1, 区域建团: 0 },
        toDate: { 独立建团: 3, 联合建团: 2, 楼宇建团: 2, 区域建团: 1 },
      },
      spotChecks: {
        month: { done: 3, 属实: 1, 不属实: 1, 无法联系: 1 },
        toDate: { done: 5, 属实: 2, 不属实: 1, 无法联系: 2 },
      },
      lagging: ['张江镇'],
      notStarted: ['金桥园区'],
      reporting: {
        onTime: ['花木街道', '张江镇', '陆家嘴街道'],
        late: ['金桥园区'],
        missing: ['川沙新镇'],
      },
      duplicates: [
        {
          orgKey: `c:${c2}`,
          orgName: '浦东青年公益联盟',
          creditCode: c2,
          countedFor: 'ZJ',
          assigned: false,
          reportedBy: [
            { unitCode: 'ZJ', establishedOn: '2026-02-10', firstReportedAt: '2026-02-15T02:00:00Z' },
            { unitCode: 'HM', establishedOn: '2026-02-10', firstReportedAt: '2026-02-20T02:00:00Z' },
          ],
        },
        {
          orgKey: 'n:张江青年跑团',
          orgName: '张江 青年跑团',
          creditCode: null,
          countedFor: 'CS',
          assigned: false,
          reportedBy: [
            { unitCode: 'CS', establishedOn: '2026-01-08', firstReportedAt: '2026-03-02T02:00:00Z' },
            { unitCode: 'ZJ', establishedOn: '2026-01-20', firstReportedAt: '2026-03-01T02:00:00Z' },
          ],
        },
      ],
      deductions: null,
      work: null,
      activities: null,
    });
    expect(SummarySchema.parse(summary)).toEqual(summary);
  });

  const bulletin = renderBulletin(summary, {
    issueNumber: 3,
    date: '2026-04-10',
    issuer: '共青团示例新区委员会',
  });

  it('writes the narrative', () => {
    expect(bulletin.narrative).toBe(
      '截至2026年3月底，全区今年以来累计在青年社会组织中新建团组织8家，完成年度指标的26.7%，超出时序进度1.7个百分点；其中3月份新建4家。' +
        '从各单位看，川沙新镇完成率达100%，居全区首位；张江镇进度滞后于时序要求，请加大工作力度，抓紧推进；金桥园区尚未实现零的突破，请抓紧启动。' +
        '3月份电话抽查已建团组织3家，其中属实1家、不属实1家、无法联系1家；' +
        '经核查不属实的，不计入完成数，不予拨付补贴；无法联系的，请所在单位核实后报团区委。' +
        '按市、区两级每家共600元的补贴标准，全年累计应拨付建团补贴4800元。' +
        '3月份台账按时报送3家单位，逾期报送1家（金桥园区），尚未报送1家（川沙新镇）。',
    );
  });

  it('lays out the unit table by rank, the unranked last', () => {
    expect(bulletin.unitTable).toEqual({
      headers: [
        '单位',
        '年度指标',
        '本月新建',
        '累计完成',
        '完成率',
        '时序进度差',
        '排名',
        '状态',
        '应拨补贴',
      ],
      rows: [
        ['川沙新镇', 2, 1, 2, '100.0%', '+1.5', 1, '已完成', 1200],
        ['花木街道', 12, 2, 3, '25.0%', '0.0', 2, '正常', 1800],
        ['张江镇', 10, 1, 2, '20.0%', '-0.5', 3, '滞后', 1200],
        ['金桥园区', 6, 0, 0, '0.0%', '-1.5', 4, '未启动', 0],
        ['陆家嘴街道', 0, 0, 1, null, '+1.0', null, '无指标', 600],
      ],
    });
  });

  it('gives the title, issue, totals and breakdown tables', () => {
    expect(bulletin).toMatchObject({
      title: '示例新区青年社会组织团建工作月度通报（2026年3月）',
      issueLine: '第3期',
      issueNumber: 3,
      date: '2026-04-10',
      issuer: '共青团示例新区委员会',
      year: 2026,
      month: 3,
      lagging: ['张江镇'],
      notStarted: ['金桥园区'],
    });
    expect(bulletin.totals).toEqual([
      { label: '年度指标合计', value: '30家' },
      { label: '累计完成', value: '8家' },
      { label: '完成率', value: '26.7%' },
      { label: '时序进度', value: '25.0%' },
      { label: '本月新建', value: '4家' },
      { label: '覆盖率', value: '71.4%' },
      { label: '应拨补贴', value: '4800元' },
    ]);
    expect(bulletin.modeTable).toEqual({
      headers: ['建团模式', '本月', '累计'],
      rows: [
        ['独立建团', 2, 3],
        ['联合建团', 1, 2],
        ['楼宇建团', 1, 2],
        ['区域建团', 0, 1],
      ],
    });
    expect(bulletin.spotCheckTable).toEqual({
      headers: ['抽查', '本月', '累计'],
      rows: [
        ['已抽查', 3, 5],
        ['属实', 1, 2],
        ['不属实', 1, 1],
        ['无法联系', 1, 2],
      ],
    });
  });
});
