// 报送情况: the deadline, each unit's status and last upload, the bulletin's sentence, table and sheet block.
import { describe, expect, it } from 'vitest';
import { renderBulletin, reportingSentence } from './bulletin';
import { bulletinLayout } from './bulletin-layout';
import { chineseDateTime, reminderText } from './reporting';
import { BulletinSchema, type Summary, SummarySchema, type Unit } from './schemas';
import { reportingDeadline, summarize, unitReporting } from './summarize';

const units: Unit[] = [
  { code: 'HM', name: '花木街道', kind: '街道', active: true, contact: '李红', phone: '021-5000 0001' },
  { code: 'ZJ', name: '张江镇', kind: '镇', active: true },
  { code: 'LJZ', name: '陆家嘴街道', kind: '街道', active: true },
  { code: 'GQ', name: '高桥镇', kind: '镇', active: true },
  { code: 'OLD', name: '旧单位', kind: '其他', active: false },
];
const upload = (unitCode: string, uploadedAt: string, reportMonth = 11) => ({
  unitCode,
  reportYear: 2026,
  reportMonth,
  uploadedAt,
});
const uploads = [
  // 23:59 on 5 December in Shanghai: on time; a later correction keeps the unit on time.
  upload('HM', '2026-12-05T15:59:00Z'),
  upload('HM', '2026-12-08T02:00:00Z'),
  // 00:00 on 6 December in Shanghai: late.
  upload('ZJ', '2026-12-05T16:00:00Z'),
  // An upload for October says nothing about November.
  upload('LJZ', '2026-11-03T02:00:00Z', 10),
];

describe('reporting for a month', () => {
  it('ends on the configured day of the next month, and on the last day of a short one', () => {
    expect(reportingDeadline(2026, 11, 5)).toBe('2026-12-05');
    expect(reportingDeadline(2026, 12, 5)).toBe('2027-01-05');
    expect(reportingDeadline(2027, 1, 31)).toBe('2027-02-28');
    expect(reportingDeadline(2026, 3, 0)).toBe('2026-03-31');
  });

  it('sorts each active unit into on time, late or missing, with its last upload and contact', () => {
    expect(unitReporting(units, uploads, 2026, 11, 5)).toEqual([
      {
        unitCode: 'HM',
        unitName: '花木街道',
        status: 'onTime',
        lastUploadAt: '2026-12-08T02:00:00.000Z',
        contact: '李红',
        phone: '021-5000 0001',
      },
      {
        unitCode: 'ZJ',
        unitName: '张江镇',
        status: 'late',
        lastUploadAt: '2026-12-05T16:00:00.000Z',
        contact: null,
        phone: null,
      },
      {
        unitCode: 'LJZ',
        unitName: '陆家嘴街道',
        status: 'missing',
        lastUploadAt: null,
        contact: null,
        phone: null,
      },
      {
        unitCode: 'GQ',
        unitName: '高桥镇',
        status: 'missing',
        lastUploadAt: null,
        contact: null,
        phone: null,
      },
    ]);
  });
});

describe('the bulletin’s 报送情况', () => {
  const summary = summarize([], {
    district: '浦东新区',
    units,
    quotas: [],
    year: 2026,
    month: 11,
    today: '2026-12-10',
    uploads,
    lateAfterDay: 5,
  });

  it('names the month and the late and missing units: all up to five, else three and where the list is', () => {
    expect(reportingSentence(summary)).toBe(
      '11月份台账按时报送1家单位，逾期报送1家（张江镇），尚未报送2家（陆家嘴街道、高桥镇）。',
    );
    const many = Array.from({ length: 14 }, (_, index) => `第${index + 1}街道`);
    const sentence = reportingSentence({ month: 11, reporting: { onTime: [], late: [], missing: many } });
    // The exact total stays in the sentence; the 报送情况 table lists all 14.
    expect(sentence).toBe('11月份台账尚未报送14家单位（第1街道、第2街道、第3街道等，名单见附表）。');
    const five = many.slice(0, 5);
    expect(reportingSentence({ month: 11, reporting: { onTime: [], late: five, missing: [] } })).toBe(
      `11月份台账逾期报送5家单位（${five.join('、')}）。`,
    );
  });

  it('says all reported on time, and says nothing without units', () => {
    expect(
      reportingSentence({ month: 3, reporting: { onTime: ['花木街道', '张江镇'], late: [], missing: [] } }),
    ).toBe('3月份台账各单位均按时报送。');
    expect(reportingSentence({ month: 3, reporting: { onTime: [], late: [], missing: [] } })).toBeNull();
  });

  it('ends the narrative with it and carries a table of counts and units', () => {
    const bulletin = renderBulletin(summary, {
      issueNumber: 12,
      date: '2026-12-10',
      issuer: '共青团浦东新区委员会',
    });
    expect(bulletin.narrative.endsWith('尚未报送2家（陆家嘴街道、高桥镇）。')).toBe(true);
    expect(bulletin.reportingTable).toEqual({
      headers: ['报送情况', '单位数', '单位'],
      rows: [
        ['按时报送', 1, '花木街道'],
        ['逾期报送', 1, '张江镇'],
        ['未报送', 2, '陆家嘴街道、高桥镇'],
      ],
    });
  });

  it('lays it out as section 四 with counts as numbers and a line per status, the chart as 五', () => {
    const bulletin = renderBulletin(summary, {
      issueNumber: 12,
      date: '2026-12-10',
      issuer: '共青团浦东新区委员会',
    });
    const layout = bulletinLayout({ summary, bulletin }, { year: 2026, month: 11, issueNumber: 12 });
    const table = layout.tables.find((each) => each.id === 'reporting');
    expect(table?.headers).toEqual(['报送情况', '单位数']);
    expect(table?.rows).toEqual([
      ['按时报送', 1],
      ['逾期报送', 1],
      ['未报送', 2],
    ]);
    expect(table?.formats[0]).toEqual([null, '0"家"']);
    const sections = layout.texts.filter((text) => text.style === 'section').map((text) => text.text);
    expect(sections.slice(-2)).toEqual(['四、报送情况', '五、各单位完成率']);
    const lines = layout.texts.filter((text) => text.style === 'line').map((text) => text.text);
    expect(lines.slice(-3)).toEqual([
      '按时报送单位（1家）：花木街道',
      '逾期报送单位（1家）：张江镇',
      '未报送单位（2家）：陆家嘴街道、高桥镇',
    ]);
    expect(layout.chart?.titleRow).toBeGreaterThan(table?.row ?? Number.POSITIVE_INFINITY);
  });

  it('still renders an issue published before it, without the section', () => {
    const bulletin = renderBulletin(summary, {
      issueNumber: 3,
      date: '2026-04-01',
      issuer: '共青团浦东新区委员会',
    });
    const { reportingTable: _dropped, ...stored } = bulletin;
    const old = BulletinSchema.parse(stored);
    expect(old.reportingTable).toBeNull();
    const frozen: Summary = SummarySchema.parse(summary);
    const layout = bulletinLayout(
      { summary: frozen, bulletin: old },
      { year: 2026, month: 11, issueNumber: 3 },
    );
    expect(layout.tables.map((each) => each.id)).toEqual(['totals', 'units', 'modes', 'spotChecks']);
    expect(layout.texts.filter((text) => text.style === 'section').map((text) => text.text)).toEqual([
      '一、主要指标',
      '二、各单位完成情况',
      '三、建团模式与电话抽查',
      '四、各单位完成率',
    ]);
  });
});

describe('催报', () => {
  const detail = { year: 2026, month: 11, deadline: '2026-12-05', missing: ['陆家嘴街道', '高桥镇'] };

  it('names every unit that has not reported and asks for the upload by the deadline', () => {
    expect(reminderText({ ...detail, today: '2026-12-03' })).toBe(
      '截至2026年12月3日，以下2家单位尚未报送2026年11月份台账：陆家嘴街道、高桥镇。请于2026年12月5日前报送。',
    );
    expect(reminderText({ ...detail, today: '2026-12-05' })).toContain('请于2026年12月5日前报送。');
  });

  it('says the deadline has passed once it has, and that all reported when none is missing', () => {
    expect(reminderText({ ...detail, today: '2026-12-06' })).toBe(
      '截至2026年12月6日，以下2家单位尚未报送2026年11月份台账：陆家嘴街道、高桥镇。报送期限（2026年12月5日）已过，请尽快报送。',
    );
    expect(reminderText({ ...detail, missing: [], today: '2026-12-06' })).toBe(
      '截至2026年12月6日，各单位均已报送2026年11月份台账。',
    );
  });

  it('writes an upload time in Shanghai, to the minute', () => {
    expect(chineseDateTime('2026-12-05T15:59:59.000Z')).toBe('2026年12月5日 23:59');
    expect(chineseDateTime('2026-12-31T16:00:00Z')).toBe('2027年1月1日 00:00');
  });
});
