import { describe, expect, it } from 'vitest';
import {
  activityNews,
  activityNewsSentence,
  activitySheetRows,
  checkActivities,
  ledgerByName,
  readActivitySheet,
} from './activities';
import { ACTIVITY_KINDS, COLUMNS } from './columns';
import { civilAffairsOrgType, creditCodeProblem } from './credit-code';
import {
  generateDemoActivities,
  generateDemoDistrict,
  isoDateToExcelSerial,
  ledgerToSheetValues,
} from './demo';
import { normalizeOrgName, orgKey } from './org-key';
import { type TrackingRecord, TrackingRecordSchema, UnitSchema } from './schemas';

const demo = generateDemoDistrict();
const YEAR = 2026;
const PERIOD_END = '2026-10-31';
const YEAR_START = '2026-01-01';

const UNIT_NAMES = [
  '陆家嘴街道',
  '潍坊新村街道',
  '洋泾街道',
  '花木街道',
  '塘桥街道',
  '金杨新村街道',
  '浦兴路街道',
  '东明路街道',
  '上钢新村街道',
  '南码头路街道',
  '沪东新村街道',
  '周家渡街道',
  '高桥镇',
  '北蔡镇',
  '川沙新镇',
  '高行镇',
  '高东镇',
  '张江镇',
  '三林镇',
  '惠南镇',
  '周浦镇',
  '新场镇',
  '大团镇',
  '康桥镇',
  '航头镇',
  '祝桥镇',
  '泥城镇',
  '宣桥镇',
  '书院镇',
  '万祥镇',
  '老港镇',
  '合庆镇',
  '曹路镇',
  '金桥镇',
  '唐镇',
  '张江科学城',
  '金桥经济技术开发区',
  '外高桥保税区',
  '陆家嘴金融贸易区',
  '临港新片区',
];

const established = demo.records.filter((record) => record.status === '已建团');
const establishedThisYear = established.filter((record) => (record.establishedOn ?? '') >= YEAR_START);
const byUnit = (records: readonly TrackingRecord[], unitCode: string) =>
  records.filter((record) => record.unitCode === unitCode);
const quotasOf = (year: number) => demo.quotas.filter((quota) => quota.year === year);

describe('generateDemoDistrict', () => {
  it('gives deep-equal output for the same seed, and a different district for another seed', () => {
    expect(generateDemoDistrict()).toEqual(demo);
    expect(generateDemoDistrict({ seed: 2012, year: 2026, throughMonth: 10, organizations: 360 })).toEqual(
      demo,
    );
    expect(generateDemoDistrict({ seed: 7 }).records).not.toEqual(demo.records);
  });

  it('keeps the default district stable', () => {
    const quotas = quotasOf(YEAR).map((quota) => quota.quota);
    expect({
      district: demo.district,
      units: demo.units.length,
      firstUnit: demo.units[0]?.name,
      records: demo.records.length,
      established: established.length,
      establishedThisYear: establishedThisYear.length,
      quotaTotal: quotas.reduce((a, b) => a + b, 0),
      quotaRange: [Math.min(...quotas), Math.max(...quotas)],
      firstRecord: demo.records[0]?.orgName,
    }).toEqual({
      district: '浦东新区',
      units: 40,
      firstUnit: '陆家嘴街道',
      records: 363,
      established: 198,
      establishedThisYear: 164,
      quotaTotal: 196,
      quotaRange: [2, 12],
      firstRecord: '陆家嘴青年体育健身协会',
    });
  });

  it('lists the 40 Pudong units with stable codes and the right kinds', () => {
    expect(demo.units.map((unit) => unit.name)).toEqual(UNIT_NAMES);
    for (const unit of demo.units) {
      expect(UnitSchema.parse(unit)).toEqual(unit);
      expect(unit.active).toBe(true);
      const kind = unit.name.endsWith('街道') ? '街道' : unit.name.endsWith('镇') ? '镇' : '园区';
      expect(unit.kind, unit.name).toBe(kind);
    }
    expect(new Set(demo.units.map((unit) => unit.code)).size).toBe(40);
    expect(demo.units.filter((unit) => unit.kind === '园区').map((unit) => unit.name)).toEqual([
      '张江科学城',
      '金桥经济技术开发区',
      '外高桥保税区',
      '陆家嘴金融贸易区',
      '临港新片区',
    ]);
    expect(demo.units[0]?.code).toBe('LJZ');
    expect(generateDemoDistrict({ seed: 99 }).units).toEqual(demo.units);
  });

  it('sets one quota per unit for the year and the year before, 2–12, larger for big towns', () => {
    for (const year of [YEAR - 1, YEAR]) {
      expect(quotasOf(year).map((quota) => quota.unitCode)).toEqual(demo.units.map((unit) => unit.code));
      for (const quota of quotasOf(year)) expect(quota.quota).toBeGreaterThanOrEqual(2);
      for (const quota of quotasOf(year)) expect(quota.quota).toBeLessThanOrEqual(12);
    }
    for (const seed of [1, 2, 3]) {
      const quotas = generateDemoDistrict({ seed }).quotas.filter((quota) => quota.year === YEAR);
      const of = (code: string) => quotas.find((quota) => quota.unitCode === code)?.quota ?? 0;
      expect(of('CSXZ')).toBeGreaterThan(of('TQ'));
      expect(of('HN')).toBeGreaterThan(of('WX'));
    }
    expect(demo.subsidy).toEqual({ city: 300, district: 300 });
  });

  it('produces only records that parse as TrackingRecordSchema, numbered from sheet row 4 in each unit', () => {
    for (const record of demo.records) expect(TrackingRecordSchema.parse(record)).toEqual(record);
    for (const unit of demo.units) {
      const rows = byUnit(demo.records, unit.code).map((record) => record.row);
      expect(rows.length, unit.code).toBeGreaterThan(0);
      expect(rows).toEqual(rows.map((_, index) => 4 + index));
    }
    expect(demo.records.map((record) => record.unitCode)).toEqual(
      demo.units.flatMap((unit) => byUnit(demo.records, unit.code).map(() => unit.code)),
    );
  });

  it('builds valid Pudong credit codes whose category digit matches the organization type', () => {
    for (const record of demo.records) {
      if (record.creditCode === null) {
        expect(['未登记青年自组织', '其他']).toContain(record.orgType);
        continue;
      }
      expect(creditCodeProblem(record.creditCode), record.creditCode).toBeNull();
      expect(civilAffairsOrgType(record.creditCode)).toBe(record.orgType);
      expect(record.creditCode.slice(2, 8)).toBe('310115');
    }
    const unregistered = demo.records.filter((record) => record.orgType === '未登记青年自组织').length;
    expect(unregistered / demo.records.length).toBeGreaterThan(0.08);
    expect(unregistered / demo.records.length).toBeLessThan(0.25);
    const foundations = demo.records.filter((record) => record.creditCode?.startsWith('53'));
    expect(foundations.length).toBeGreaterThan(0);
  });

  it('fills the fields 已建团 requires and leaves them empty otherwise', () => {
    for (const record of demo.records) {
      expect(record.orgName.length).toBeGreaterThanOrEqual(2);
      expect(record.youthCount).toBeGreaterThanOrEqual(5);
      expect(record.youthCount).toBeLessThanOrEqual(300);
      expect(record.memberCount).toBeLessThanOrEqual(record.youthCount);
      if (record.phone !== null) expect(record.phone).toMatch(/^(1[3-9]\d{9}|021-5\d{7})$/);
      if (record.status === '已建团') {
        expect(record.establishedOn).not.toBeNull();
        expect(record.mode).not.toBeNull();
        expect(record.leagueOrgType).not.toBeNull();
        expect(record.secretary).toMatch(/^\p{Script=Han}{2,3}$/u);
        expect(record.phone).not.toBeNull();
      } else {
        expect([record.establishedOn, record.mode, record.leagueOrgType, record.checkedOn]).toEqual([
          null,
          null,
          null,
          null,
        ]);
      }
    }
  });

  it('uses 独立建团 only with at least 3 members and a League organization type the members can carry', () => {
    const needs = { 团支部: 3, 团总支: 30, 团委: 100 } as const;
    const independent = established.filter((record) => record.mode === '独立建团');
    expect(independent.length).toBeGreaterThan(0);
    for (const record of independent) {
      expect(record.memberCount).toBeGreaterThanOrEqual(3);
      expect(record.leagueOrgType).not.toBe('联合团支部');
      if (record.leagueOrgType !== null && record.leagueOrgType !== '联合团支部')
        expect(record.memberCount).toBeGreaterThanOrEqual(needs[record.leagueOrgType]);
    }
    for (const record of established.filter((record) => record.mode !== '独立建团'))
      expect(['联合团支部', '团支部']).toContain(record.leagueOrgType);
    const modes = new Set(established.map((record) => record.mode));
    expect(modes).toEqual(new Set(['独立建团', '联合建团', '楼宇建团', '区域建团']));
    expect(established.some((record) => record.mode !== '独立建团' && record.memberCount < 3)).toBe(true);
  });

  it('mixes statuses roughly 55 / 20 / 25', () => {
    const share = (status: string) =>
      demo.records.filter((record) => record.status === status).length / demo.records.length;
    expect(share('已建团')).toBeGreaterThan(0.45);
    expect(share('已建团')).toBeLessThan(0.68);
    expect(share('筹建中')).toBeGreaterThan(0.1);
    expect(share('未建团')).toBeGreaterThan(0.15);
  });

  it('dates nothing after the end of the period and nothing before the previous year', () => {
    for (const record of established) {
      expect(record.establishedOn! >= `${YEAR - 1}-01-01`).toBe(true);
      expect(record.establishedOn! <= PERIOD_END).toBe(true);
    }
    for (const record of demo.records.filter((record) => record.checkedOn !== null)) {
      expect(record.checkedOn! > record.establishedOn!).toBe(true);
      expect(record.checkedOn! <= PERIOD_END).toBe(true);
    }
    const short = generateDemoDistrict({ throughMonth: 3, year: 2025 });
    for (const record of short.records) {
      for (const date of [record.establishedOn, record.checkedOn])
        if (date !== null) expect(date <= '2025-03-31', date).toBe(true);
    }
  });

  it('spreads this year’s new League organizations unevenly over the months', () => {
    const perMonth = Array.from(
      { length: 10 },
      (_, index) =>
        establishedThisYear.filter((record) => Number(record.establishedOn?.slice(5, 7)) === index + 1)
          .length,
    );
    for (const count of perMonth) expect(count).toBeGreaterThan(0);
    expect(new Set(perMonth).size).toBeGreaterThan(3);
  });

  it('leaves 2–3 units without a new League organization this year, and some behind their pace', () => {
    const notStarted = demo.units.filter((unit) => byUnit(establishedThisYear, unit.code).length === 0);
    expect(notStarted.length).toBeGreaterThanOrEqual(2);
    expect(notStarted.length).toBeLessThanOrEqual(3);
    const behind = quotasOf(YEAR).filter((quota) => {
      const counted = byUnit(establishedThisYear, quota.unitCode).length;
      return counted > 0 && counted < (quota.quota * 10) / 12;
    });
    expect(behind.length).toBeGreaterThanOrEqual(3);
  });

  it('spot-checks about a tenth of the established organizations, mostly 属实', () => {
    const checked = demo.records.filter((record) => record.checkedOn !== null);
    expect(checked.length / established.length).toBeGreaterThan(0.06);
    expect(checked.length / established.length).toBeLessThan(0.14);
    for (const record of demo.records) expect(record.checkResult === null).toBe(record.checkedOn === null);
    const results = checked.map((record) => record.checkResult);
    expect(results).toContain('不属实');
    expect(results).toContain('无法联系');
    expect(results.filter((result) => result === '属实').length).toBeGreaterThan(checked.length / 2);
  });

  it('names every organization once per unit and once in the district, apart from cross-unit duplicates', () => {
    for (const unit of demo.units) {
      const names = byUnit(demo.records, unit.code).map((record) => normalizeOrgName(record.orgName));
      expect(new Set(names).size, unit.code).toBe(names.length);
    }
    const codesByName = new Map<string, Set<string | null>>();
    for (const record of demo.records) {
      const key = normalizeOrgName(record.orgName);
      codesByName.set(key, (codesByName.get(key) ?? new Set()).add(record.creditCode));
    }
    for (const codes of codesByName.values()) expect(codes.size).toBe(1);
    expect(demo.records.some((record) => record.orgName.startsWith('浦东新区'))).toBe(true);
  });

  it('reports 2–3 registered organizations in two units, with different 建团时间', () => {
    for (const seed of [2012, 1, 2, 3, 4]) {
      const district = generateDemoDistrict({ seed });
      const byCode = new Map<string, TrackingRecord[]>();
      for (const record of district.records)
        if (record.creditCode)
          byCode.set(record.creditCode, [...(byCode.get(record.creditCode) ?? []), record]);
      const duplicates = [...byCode.values()].filter((records) => records.length > 1);
      expect(duplicates.length).toBeGreaterThanOrEqual(2);
      expect(duplicates.length).toBeLessThanOrEqual(3);
      for (const [first, second, ...rest] of duplicates) {
        expect(rest).toEqual([]);
        expect(first?.unitCode).not.toBe(second?.unitCode);
        expect(first?.orgName).toBe(second?.orgName);
        expect(first?.status).toBe('已建团');
        expect(second?.status).toBe('已建团');
        expect(first?.establishedOn).not.toBe(second?.establishedOn);
      }
    }
  });

  it('honours the organization count', () => {
    const small = generateDemoDistrict({ organizations: 120, seed: 5 });
    const distinct = new Set(
      small.records.map((record) => record.creditCode ?? normalizeOrgName(record.orgName)),
    );
    expect(distinct.size).toBe(120);
    expect(small.units.every((unit) => small.records.some((record) => record.unitCode === unit.code))).toBe(
      true,
    );
  });

  it.each([
    [{ throughMonth: 0 }],
    [{ throughMonth: 13 }],
    [{ year: 1999 }],
    [{ organizations: 10 }],
    [{ organizations: 100.5 }],
    [{ messyShare: 1.5 }],
    [{ seed: Number.POSITIVE_INFINITY }],
  ])('rejects the options %o', (options) => {
    expect(() => generateDemoDistrict(options)).toThrow(RangeError);
  });
});

describe('isoDateToExcelSerial', () => {
  it.each([
    ['1900-01-01', 1],
    ['1900-02-28', 59],
    ['1900-03-01', 61],
    ['2011-06-28', 40722],
    ['2026-01-01', 46023],
    ['2026-10-31', 46326],
  ])('gives %s the serial %i', (iso, serial) => {
    expect(isoDateToExcelSerial(iso)).toBe(serial);
  });

  it.each(['2026-02-30', '2026-1-5', '1899-12-31', 'yesterday'])('rejects %s', (iso) => {
    expect(() => isoDateToExcelSerial(iso)).toThrow(RangeError);
  });
});

/** What a reader is expected to make of a cell; local to this test, independent of the real reader. */
function decode(key: string, cell: unknown): unknown {
  if (cell === '') return null;
  if (key === 'establishedOn' || key === 'checkedOn') {
    if (typeof cell === 'number') {
      const date = new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000);
      return date.toISOString().slice(0, 10);
    }
    const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(String(cell).normalize('NFKC').trim());
    return match ? `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}` : cell;
  }
  const text = typeof cell === 'string' ? cell.normalize('NFKC').trim() : cell;
  if (key === 'youthCount' || key === 'memberCount') return Number(text);
  if (key === 'hasPartyOrg')
    return { 是: true, Y: true, '√': true, 否: false, N: false, '×': false }[String(text)];
  if (key === 'creditCode') return String(text).replace(/\s/g, '').toUpperCase();
  return text;
}

describe('ledgerToSheetValues', () => {
  const ledger = byUnit(demo.records, 'LJZ');

  it('writes two title rows, the header row and one row per record', () => {
    const values = ledgerToSheetValues(ledger, { units: demo.units, title: '陆家嘴街道团建台账' });
    expect(values).toHaveLength(3 + ledger.length);
    expect(values[0]?.[0]).toBe('陆家嘴街道团建台账');
    expect(values[1]?.[0]).toBe('填报单位：陆家嘴街道');
    expect(values[2]).toEqual(COLUMNS.map((column) => column.header));
    for (const row of values) expect(row).toHaveLength(COLUMNS.length);
  });

  it('writes canonical values: the unit name when units are given, 是/否, and empty cells as ""', () => {
    const record = ledger.find((candidate) => candidate.hasPartyOrg === true && candidate.checkedOn === null);
    const values = ledgerToSheetValues(record ? [record] : [], { units: demo.units });
    const row = values[3] ?? [];
    const cell = (key: string) => row[COLUMNS.findIndex((column) => column.key === key)];
    expect(cell('orgName')).toBe(record?.orgName);
    expect(cell('unit')).toBe('陆家嘴街道');
    expect(cell('hasPartyOrg')).toBe('是');
    expect(cell('youthCount')).toBe(record?.youthCount);
    expect(cell('checkedOn')).toBe('');
    expect(ledgerToSheetValues(record ? [record] : [])[3]?.[3]).toBe('LJZ');
  });

  it('makes some cells messy, deterministically', () => {
    const values = ledgerToSheetValues(ledger, { messy: true, seed: 3, units: demo.units });
    expect(ledgerToSheetValues(ledger, { messy: true, seed: 3, units: demo.units })).toEqual(values);
    expect(ledgerToSheetValues(ledger, { messy: true, seed: 4, units: demo.units })).not.toEqual(values);
    expect(values).not.toEqual(ledgerToSheetValues(ledger, { units: demo.units }));
  });

  it.each([
    ['with unit names', { units: demo.units }],
    ['with unit codes', {}],
  ])('writes messy cells (%s) in forms that mean the same value', (_, base) => {
    const values = ledgerToSheetValues(demo.records, { ...base, messy: true, messyShare: 0.5, seed: 11 });
    const canonical = ledgerToSheetValues(demo.records, base);
    const changed = new Set<string>();
    demo.records.forEach((_, index) => {
      COLUMNS.forEach((column, col) => {
        const messy = values[3 + index]?.[col];
        const clean = canonical[3 + index]?.[col];
        if (messy !== clean) changed.add(column.key);
        expect(decode(column.key, messy), `${column.key} ${String(messy)}`).toEqual(
          decode(column.key, clean),
        );
      });
    });
    expect(changed.size).toBe(COLUMNS.length);
  });

  it('always includes at least one Excel serial date and one full-width string in a messy sheet', () => {
    const dateCols = COLUMNS.flatMap((column, index) => (column.kind === 'date' ? [index] : []));
    const sheets = [
      ledgerToSheetValues(ledger, { messy: true }),
      ledgerToSheetValues(established.slice(0, 1), { messy: true, seed: 1 }),
    ];
    for (const values of sheets) {
      const data = values.slice(3);
      expect(data.some((row) => dateCols.some((index) => typeof row[index] === 'number'))).toBe(true);
      expect(
        data.some((row) => row.some((cell) => typeof cell === 'string' && /[\uff01-\uff5e]/.test(cell))),
      ).toBe(true);
    }
  });
});

describe('generateDemoActivities', () => {
  const period = { year: YEAR, throughMonth: 10 };
  const activities = generateDemoActivities(demo.records, period);
  const ofUnit = (unitCode: string) => activities.filter((activity) => activity.unitCode === unitCode);

  it('gives deep-equal output for the same records and period, and another year for another seed', () => {
    expect(generateDemoActivities(generateDemoDistrict().records, period)).toEqual(activities);
    expect(generateDemoActivities(demo.records, { ...period, seed: 7 })).not.toEqual(activities);
    expect(activities.length).toBeGreaterThanOrEqual(300);
    expect(activities.length).toBeLessThanOrEqual(600);
  });

  it('passes checkActivities against each unit’s ledger, row for row, with no warning', () => {
    for (const unit of demo.units) {
      const own = ofUnit(unit.code);
      const organizations = ledgerByName(
        byUnit(demo.records, unit.code).map((record) => ({
          orgKey: orgKey(record.creditCode, record.orgName),
          orgName: record.orgName,
          established: record.status === '已建团',
        })),
      );
      const sheet = readActivitySheet(activitySheetRows(unit.name, own));
      expect(sheet?.diagnostics).toEqual([]);
      const checked = checkActivities(sheet?.rows ?? [], { today: PERIOD_END, organizations });
      expect(checked.diagnostics, unit.code).toEqual([]);
      expect(
        checked.activities.map(({ row: _row, orgKey: _key, ...activity }) => ({
          unitCode: unit.code,
          ...activity,
        })),
      ).toEqual(own);
    }
  });

  it('dates activities after the organization’s 建团时间, within the year and not after the period', () => {
    const established = new Map(
      demo.records.map((record) => [`${record.unitCode}|${record.orgName}`, record.establishedOn]),
    );
    for (const activity of activities) {
      const since = established.get(`${activity.unitCode}|${activity.orgName}`);
      expect(since, activity.orgName).toBeTruthy();
      expect(activity.heldOn > (since ?? '')).toBe(true);
      expect(activity.heldOn >= YEAR_START).toBe(true);
      expect(activity.heldOn <= PERIOD_END).toBe(true);
    }
    for (const throughMonth of [1, 6, 12]) {
      const year = generateDemoActivities(generateDemoDistrict({ throughMonth }).records, {
        year: YEAR,
        throughMonth,
      });
      const end = `${YEAR}-${String(throughMonth).padStart(2, '0')}-31`;
      expect(year.length).toBeGreaterThan(0);
      expect(year.every((activity) => activity.heldOn >= YEAR_START && activity.heldOn <= end)).toBe(true);
    }
  });

  it('keeps to organizations with a League organization, once per district, none found 不属实', () => {
    const record = new Map(demo.records.map((each) => [`${each.unitCode}|${each.orgName}`, each]));
    for (const activity of activities) {
      const of = record.get(`${activity.unitCode}|${activity.orgName}`);
      expect(of?.status).toBe('已建团');
      expect(of?.checkResult).not.toBe('不属实');
    }
    const unitsByName = new Map<string, Set<string>>();
    for (const activity of activities) {
      const name = normalizeOrgName(activity.orgName);
      unitsByName.set(name, (unitsByName.get(name) ?? new Set()).add(activity.unitCode));
    }
    expect([...unitsByName.values()].every((units) => units.size === 1)).toBe(true);
  });

  it('mixes every kind, mostly 10–150 人次 with a few large ones, some with partners or a note', () => {
    expect(new Set(activities.map((activity) => activity.kind))).toEqual(new Set(ACTIVITY_KINDS));
    const usual = activities.filter((activity) => activity.served >= 10 && activity.served <= 150);
    expect(usual.length / activities.length).toBeGreaterThan(0.9);
    expect(activities.some((activity) => activity.served > 150)).toBe(true);
    expect(activities.every((activity) => activity.served < 5_000)).toBe(true);
    const withPartners = activities.filter((activity) => activity.partners.length > 0).length;
    expect(withPartners / activities.length).toBeGreaterThan(0.15);
    expect(withPartners / activities.length).toBeLessThan(0.6);
    expect(activities.some((activity) => activity.note !== null)).toBe(true);
    expect(new Set(activities.map((activity) => activity.title)).size).toBeGreaterThan(30);
  });

  it('gives most units activities, and leaves a few without one in the last month for the bulletin to name', () => {
    const units = new Set(activities.map((activity) => activity.unitCode));
    expect(units.size).toBeGreaterThanOrEqual(35);
    const news = activityNews(
      YEAR,
      10,
      activities.map(({ unitCode, orgName, heldOn, title, kind, served }) => ({
        unitCode,
        orgName,
        heldOn,
        title,
        kind,
        served,
      })),
      demo.units,
    );
    expect(news?.inMonth.activities).toBeGreaterThan(20);
    const silent = news?.units.filter((unit) => unit.inMonth.activities === 0 && unit.toDate.activities > 0);
    expect(silent?.length).toBeGreaterThanOrEqual(3);
    expect(news && activityNewsSentence(news)).toContain('未报送活动');
    expect(ofUnit(demo.units[0]?.code ?? '').some((activity) => activity.heldOn >= '2026-10-01')).toBe(true);
  });
});
