// Fingerprints: the same content gives the same one, any compared field changes it, the row does not.
import { describe, expect, it } from 'vitest';
import { COMPARED_FIELDS, fingerprint, hash64 } from './fingerprint';
import type { TrackingRecord } from './schemas';

const record: TrackingRecord = {
  row: 4,
  orgName: '浦东青年志愿者协会',
  creditCode: null,
  orgType: '社会团体',
  unitCode: 'HM',
  youthCount: 20,
  memberCount: 5,
  status: '已建团',
  establishedOn: '2026-03-10',
  mode: '独立建团',
  leagueOrgType: '团支部',
  secretary: '王芳',
  phone: '13912345678',
  hasPartyOrg: null,
  checkedOn: null,
  checkResult: null,
  note: null,
};

describe('fingerprint', () => {
  it('ignores the sheet row and the unit, and changes with every compared field', () => {
    const base = fingerprint(record);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint({ ...record, row: 99, unitCode: 'ZJ' })).toBe(base);
    const changed: Partial<TrackingRecord> = {
      orgName: '浦东青年志愿者协',
      creditCode: '52310115MJ4985611X',
      orgType: '基金会',
      youthCount: 21,
      memberCount: 6,
      status: '筹建中',
      establishedOn: '2026-03-11',
      mode: '联合建团',
      leagueOrgType: '团总支',
      secretary: '王芬',
      phone: '13912345679',
      hasPartyOrg: false,
      checkedOn: '2026-04-01',
      checkResult: '属实',
      note: '备注',
    };
    for (const field of COMPARED_FIELDS) {
      expect(fingerprint({ ...record, [field]: changed[field] }), field).not.toBe(base);
    }
  });

  it('tells apart texts that differ by one character or by a swap, and null from "null"', () => {
    const seen = new Set(['a', 'b', 'ab', 'ba', '青年', '年青', 'null', '"null"', ''].map(hash64));
    expect(seen.size).toBe(9);
    expect(fingerprint({ ...record, note: 'null' })).not.toBe(fingerprint(record));
  });
});
