import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_HEADER_ROW,
  activityKey,
  activityNews,
  activityNewsSentence,
  activityNewsTable,
  activitySheetRows,
  checkActivities,
  ledgerByName,
  readActivitySheet,
} from './activities';
import { isoDateToExcelSerial } from './demo';

const ledger = ledgerByName([
  { orgKey: 'c:91310115MA1K4ABC12', orgName: '浦东青年公益社', established: true },
  { orgKey: 'n:陆家嘴白领读书会', orgName: '陆家嘴白领读书会', established: true },
  { orgKey: 'n:高桥青年志愿者协会', orgName: '高桥青年志愿者协会', established: false },
]);
const context = { today: '2026-11-20', organizations: ledger };

function read(rows: unknown[][]) {
  const reading = readActivitySheet(rows, 1);
  if (!reading) throw new Error('no header');
  return reading;
}

describe('the activity sheet', () => {
  it('writes the template with the unit’s activities and reads it back to the same activities', () => {
    const activities = [
      {
        orgName: '浦东青年公益社',
        heldOn: '2026-11-19',
        title: '青年就业指导沙龙',
        kind: '就业' as const,
        served: 45,
        partners: ['陆家嘴白领读书会', '浦东人才服务中心'],
        note: null,
      },
    ];
    const rows = activitySheetRows('陆家嘴街道', activities);
    expect(rows[0]?.[0]).toBe('陆家嘴街道活动台账');
    expect(rows[ACTIVITY_HEADER_ROW - 1]).toEqual([
      '组织名称',
      '活动日期',
      '活动名称',
      '活动类型',
      '服务青年人次',
      '合作组织',
      '备注',
    ]);
    expect(rows[3]).toEqual([
      '浦东青年公益社',
      '2026年11月19日',
      '青年就业指导沙龙',
      '就业',
      45,
      '陆家嘴白领读书会、浦东人才服务中心',
      null,
    ]);
    const reading = read(rows);
    expect(reading.headerRow).toBe(3);
    expect(reading.diagnostics).toEqual([]);
    const checked = checkActivities(reading.rows, context);
    expect(checked.diagnostics).toEqual([]);
    expect(checked.activities).toEqual([{ row: 4, orgKey: 'c:91310115MA1K4ABC12', ...activities[0] }]);
  });

  it('finds the header by its names or aliases anywhere in the first rows, in any order, and skips blank rows', () => {
    const reading = read([
      ['2026年活动', null],
      [],
      ['服务人次', ' 活动 名称 ', '开展组织', '日期', '类型'],
      [12, '读书会', '陆家嘴白领读书会', isoDateToExcelSerial('2026-10-08'), '交友'],
      [null, '', null],
      ['30', '茶话会', '浦东青年公益社', '2026/11/3', '交友'],
    ]);
    expect(reading.headerRow).toBe(3);
    expect(reading.rows.map((row) => row.row)).toEqual([4, 6]);
    const checked = checkActivities(reading.rows, context);
    expect(checked.diagnostics).toEqual([]);
    expect(checked.activities.map((activity) => [activity.heldOn, activity.served])).toEqual([
      ['2026-10-08', 12],
      ['2026-11-03', 30],
    ]);
  });

  it('is not an activity sheet without the organization and two more required headers; a missing one is located', () => {
    expect(readActivitySheet([['组织名称', '青年人数', '建团状态']], 1)).toBeNull();
    const reading = read([['组织名称', '活动日期', '活动名称', '活动类型']]);
    expect(reading.diagnostics).toEqual([
      expect.objectContaining({ row: 1, header: '服务青年人次', code: 'column.missing', severity: 'error' }),
    ]);
  });
});

describe('the activity checks', () => {
  const header = ['组织名称', '活动日期', '活动名称', '活动类型', '服务青年人次', '合作组织'];

  it('locates every problem by row and header, and keeps only the activities without one', () => {
    const reading = read([
      header,
      ['浦东青年公益社', '2026-11-02', '就业沙龙', '就业', 20, ''],
      ['不存在的协会', '2026-11-02', '活动', '服务', 5, ''],
      ['高桥青年志愿者协会', '2026-11-02', '活动', '服务', 5, ''],
      ['浦东青年公益社', '2026-11-21', '明天的活动', '服务', 5, ''],
      ['浦东青年公益社', '2026-02-30', '活动', '服务', 5, ''],
      ['浦东青年公益社', '2026-11-03', '活动', '聚餐', '12人', ''],
      ['浦东青年公益社', '', '', '', '', ''],
      ['浦东 青年公益社', '2026年11月2日', '就业沙龙', '培训', 8, ''],
      ['陆家嘴白领读书会', '2026-11-01', '千人读书节', '公益', 6000, '浦东图书馆；浦东青年公益社'],
    ]);
    const { activities, diagnostics } = checkActivities(reading.rows, context);
    expect(diagnostics.map((d) => [d.row, d.header, d.code, d.severity])).toEqual([
      [3, '组织名称', 'activity.org.unknown', 'error'],
      [4, '组织名称', 'activity.org.noLeague', 'error'],
      [5, '活动日期', 'date.future', 'error'],
      [6, '活动日期', 'date.invalid', 'error'],
      [7, '活动类型', 'enum.invalid', 'error'],
      [7, '服务青年人次', 'integer.invalid', 'error'],
      [8, '活动日期', 'required', 'error'],
      [8, '活动名称', 'required', 'error'],
      [8, '活动类型', 'required', 'error'],
      [8, '服务青年人次', 'required', 'error'],
      [9, '活动名称', 'activity.duplicate', 'error'],
      [10, '服务青年人次', 'activity.served.large', 'warning'],
    ]);
    expect(diagnostics[0]?.message).toBe('“不存在的协会”不在本单位的团建台账中，请填写台账中的组织名称');
    expect(diagnostics[1]?.message).toBe(
      '“高桥青年志愿者协会”在团建台账中尚未建团，活动台账只记已建团组织的活动',
    );
    expect(diagnostics[4]?.message).toBe('活动类型“聚餐”不在可选项中（服务、交友、就业、培训、公益、其他）');
    expect(diagnostics[10]?.message).toBe('与第2行是同一场活动（同一组织、日期和名称）');
    expect(activities.map((activity) => [activity.row, activity.partners])).toEqual([
      [2, []],
      [10, ['浦东图书馆', '浦东青年公益社']],
    ]);
  });

  it('keys an activity by organization, day and title, whatever the title’s spacing or width', () => {
    const one = { orgKey: 'n:a', heldOn: '2026-11-02', title: '就业 沙龙' };
    expect(activityKey(one)).toBe(activityKey({ ...one, title: '就业沙龙' }));
    expect(activityKey(one)).not.toBe(activityKey({ ...one, heldOn: '2026-11-03' }));
  });
});

describe('the bulletin’s 活动开展', () => {
  const units = [
    { code: 'LJZ', name: '陆家嘴街道' },
    { code: 'GQ', name: '高桥镇' },
    { code: 'HN', name: '惠南镇' },
  ];
  const activity = (unitCode: string, heldOn: string, title: string, served: number) => ({
    unitCode,
    orgName: `${unitCode}青年社`,
    heldOn,
    title,
    kind: '服务' as const,
    served,
  });
  const activities = [
    activity('LJZ', '2026-11-02', '读书会', 30),
    activity('LJZ', '2026-11-15', '就业沙龙', 80),
    activity('GQ', '2026-11-05', '志愿服务', 80),
    activity('GQ', '2026-11-30', '插花', 12),
    activity('GQ', '2026-10-12', '秋游', 200),
    activity('HN', '2026-09-01', '开学季', 15),
    activity('HN', '2026-03-10', '植树', 40),
    activity('HN', '2025-12-20', '去年的', 99),
    activity('HN', '2026-12-01', '下个月的', 99),
  ];

  it('counts the month and the year to its end per unit and for the district, and names the three most served', () => {
    const news = activityNews(2026, 11, activities, units);
    expect(news).toEqual({
      year: 2026,
      month: 11,
      inMonth: { activities: 4, served: 202 },
      toDate: { activities: 7, served: 457 },
      units: [
        {
          unitCode: 'LJZ',
          unitName: '陆家嘴街道',
          inMonth: { activities: 2, served: 110 },
          toDate: { activities: 2, served: 110 },
        },
        {
          unitCode: 'GQ',
          unitName: '高桥镇',
          inMonth: { activities: 2, served: 92 },
          toDate: { activities: 3, served: 292 },
        },
        {
          unitCode: 'HN',
          unitName: '惠南镇',
          inMonth: { activities: 0, served: 0 },
          toDate: { activities: 2, served: 55 },
        },
      ],
      // 80 and 80: the earlier first; then 30.
      standouts: [
        expect.objectContaining({ unitName: '高桥镇', title: '志愿服务', heldOn: '2026-11-05', served: 80 }),
        expect.objectContaining({ unitName: '陆家嘴街道', title: '就业沙龙', served: 80 }),
        expect.objectContaining({ unitName: '陆家嘴街道', title: '读书会', served: 30 }),
      ],
    });
    if (!news) throw new Error('no news');
    expect(activityNewsSentence(news)).toBe(
      '11月份全区青年社会组织团组织开展活动4场、服务青年202人次；今年以来累计开展活动7场、服务青年457人次。' +
        '其中，高桥镇11月5日开展的“志愿服务”（服务青年80人次），陆家嘴街道11月15日开展的“就业沙龙”（服务青年80人次），' +
        '陆家嘴街道11月2日开展的“读书会”（服务青年30人次）较为突出。' +
        '惠南镇11月份未报送活动，请及时更新活动台账。',
    );
    expect(activityNewsTable(news).rows).toEqual([
      ['陆家嘴街道', 2, 110, 2, 110],
      ['高桥镇', 2, 92, 3, 292],
      ['惠南镇', 0, 0, 2, 55],
      ['全区合计', 4, 202, 7, 457],
    ]);
  });

  it('says so when a month has none, and has no section for a year without any activity', () => {
    const news = activityNews(2026, 8, activities, units);
    if (!news) throw new Error('no news');
    expect(activityNewsSentence(news)).toBe(
      '8月份各单位未报送青年社会组织团组织开展的活动；今年以来累计开展活动1场、服务青年40人次。',
    );
    expect(activityNews(2026, 12, [], units)).toBeNull();
    expect(activityNews(2026, 2, activities, units)).toBeNull();
    expect(activityNews(2027, 1, activities, units)).toBeNull();
  });
});
