import type { LedgerRecord } from '@tuanjian/shared';
import { describe, expect, it } from 'vitest';
import { recordLine } from './history-view';

describe('a removed or added row in full', () => {
  const record: LedgerRecord = {
    row: 7,
    orgName: '浦东青年志愿者协会',
    creditCode: '51310115MJ4985617X',
    orgType: '社会团体',
    unitCode: 'WFXC',
    youthCount: 40,
    memberCount: 6,
    status: '已建团',
    establishedOn: '2026-03-10',
    mode: '独立建团',
    leagueOrgType: '团支部',
    secretary: '张伟',
    phone: null,
    hasPartyOrg: false,
    checkedOn: null,
    checkResult: null,
    note: null,
    firstReportedAt: '2026-03-12T02:00:00Z',
  };

  it('names every filled column with its header, in sheet order, leaving empty ones out', () => {
    expect(recordLine(record, 'zh-CN')).toBe(
      '统一社会信用代码：51310115MJ4985617X；组织类型：社会团体；青年人数：40；团员人数：6；建团状态：已建团；' +
        '建团时间：2026-03-10；建团模式：独立建团；团组织类型：团支部；团组织书记：张伟；是否建立党组织：否',
    );
    expect(recordLine(record, 'en')).toContain('Youth: 40; ');
  });
});
