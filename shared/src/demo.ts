// Deterministic demo data for a Pudong-like district: units, quotas, valid ledgers, and their Excel sheet form.
import type { ActivityKind } from './activities';
import { COLUMNS, type ColumnKey } from './columns';
import { CREDIT_CODE_CHARSET, withCheckChar } from './credit-code';
import { normalizeOrgName } from './org-key';
import type {
  CheckResult,
  LeagueOrgType,
  Mode,
  OrgType,
  Quota,
  Status,
  SubsidyRate,
  TrackingRecord,
  Unit,
  UnitKind,
} from './schemas';
import type { Holiday, LeaderLink, MeetingInput, VisitInput } from './work-records';

/** How `generateDemoDistrict` sizes and dates the district; every field has a default. */
export interface DemoOptions {
  /** PRNG seed; the same seed gives the same district. Default 2012. */
  seed?: number;
  /** The working year. Default 2026. */
  year?: number;
  /** Last month with data (1–12); no date falls after its last day. Default 10. */
  throughMonth?: number;
  /** Distinct organizations across the district (at least one per unit). Default 360. */
  organizations?: number;
  /**
   * Share (0..1) of cells a sheet written from this district should make messy; the records
   * themselves are always canonical, so the generator only checks the range. Pass it on to
   * `ledgerToSheetValues(records, { messy: true, messyShare })`. Default 0.08.
   */
  messyShare?: number;
}

/** A district's demo data, shaped as the worker seeds it: units, quotas, ledgers and subsidy rate. */
export interface DemoDistrict {
  district: string;
  units: Unit[];
  /** One quota per unit for the year and one for the year before. */
  quotas: Quota[];
  /** Every unit's ledger, unit by unit; `row` is the record's row in its unit's sheet (data from row 4). */
  records: TrackingRecord[];
  subsidy: SubsidyRate;
}

type Size = 1 | 2 | 3;
interface UnitSeed {
  code: string;
  name: string;
  /** The short place name organizations in the unit are named after. */
  place: string;
  size: Size;
}

const DISTRICT = '浦东新区';
/** Pudong New Area's administrative division code, positions 3–8 of a locally registered credit code. */
const ADMIN_DIVISION = '310115';
const FIRST_DATA_ROW = 4;
const DEFAULT_MESSY_SHARE = 0.08;

const UNIT_SEEDS: readonly UnitSeed[] = [
  { code: 'LJZ', name: '陆家嘴街道', place: '陆家嘴', size: 3 },
  { code: 'WFXC', name: '潍坊新村街道', place: '潍坊', size: 2 },
  { code: 'YJ', name: '洋泾街道', place: '洋泾', size: 2 },
  { code: 'HM', name: '花木街道', place: '花木', size: 2 },
  { code: 'TQ', name: '塘桥街道', place: '塘桥', size: 1 },
  { code: 'JYXC', name: '金杨新村街道', place: '金杨', size: 2 },
  { code: 'PXL', name: '浦兴路街道', place: '浦兴', size: 1 },
  { code: 'DML', name: '东明路街道', place: '东明', size: 1 },
  { code: 'SGXC', name: '上钢新村街道', place: '上钢', size: 1 },
  { code: 'NMTL', name: '南码头路街道', place: '南码头', size: 1 },
  { code: 'HDXC', name: '沪东新村街道', place: '沪东', size: 1 },
  { code: 'ZJD', name: '周家渡街道', place: '周家渡', size: 2 },
  { code: 'GQ', name: '高桥镇', place: '高桥', size: 3 },
  { code: 'BC', name: '北蔡镇', place: '北蔡', size: 3 },
  { code: 'CSXZ', name: '川沙新镇', place: '川沙', size: 3 },
  { code: 'GH', name: '高行镇', place: '高行', size: 2 },
  { code: 'GD', name: '高东镇', place: '高东', size: 1 },
  { code: 'ZJ', name: '张江镇', place: '张江', size: 3 },
  { code: 'SL', name: '三林镇', place: '三林', size: 3 },
  { code: 'HN', name: '惠南镇', place: '惠南', size: 3 },
  { code: 'ZP', name: '周浦镇', place: '周浦', size: 3 },
  { code: 'XC', name: '新场镇', place: '新场', size: 1 },
  { code: 'DT', name: '大团镇', place: '大团', size: 1 },
  { code: 'KQ', name: '康桥镇', place: '康桥', size: 3 },
  { code: 'HT', name: '航头镇', place: '航头', size: 2 },
  { code: 'ZQ', name: '祝桥镇', place: '祝桥', size: 3 },
  { code: 'NC', name: '泥城镇', place: '泥城', size: 1 },
  { code: 'XQ', name: '宣桥镇', place: '宣桥', size: 1 },
  { code: 'SY', name: '书院镇', place: '书院', size: 1 },
  { code: 'WX', name: '万祥镇', place: '万祥', size: 1 },
  { code: 'LG', name: '老港镇', place: '老港', size: 1 },
  { code: 'HQ', name: '合庆镇', place: '合庆', size: 1 },
  { code: 'CL', name: '曹路镇', place: '曹路', size: 2 },
  { code: 'JQ', name: '金桥镇', place: '金桥', size: 3 },
  { code: 'TZ', name: '唐镇', place: '唐镇', size: 2 },
  { code: 'ZJKXC', name: '张江科学城', place: '张江科学城', size: 3 },
  { code: 'JQKFQ', name: '金桥经济技术开发区', place: '金桥开发区', size: 2 },
  { code: 'WGQ', name: '外高桥保税区', place: '外高桥', size: 2 },
  { code: 'LJZJMQ', name: '陆家嘴金融贸易区', place: '陆家嘴金融城', size: 3 },
  { code: 'LGXPQ', name: '临港新片区', place: '临港', size: 3 },
];

/** Organizations per unit grow with its size; quotas too (2–12 overall). */
const SIZE_WEIGHT: Readonly<Record<Size, number>> = { 1: 1.1, 2: 2.2, 3: 3.4 };
const QUOTA_RANGE: Readonly<Record<Size, readonly [number, number]>> = { 1: [2, 3], 2: [3, 6], 3: [6, 12] };

const NAME_TEMPLATES: Readonly<Record<OrgType, readonly string[]>> = {
  社会团体: [
    '浦东新区{P}青年志愿者协会',
    '上海{P}青年创业者联盟',
    '浦东新区{P}青年企业家协会',
    '浦东新区{P}律师事务所青年联谊会',
    '{P}民办学校青年教师联谊会',
    '{P}民办医院青年医务工作者联谊会',
    '{P}白领青年联谊会',
    '浦东新区{P}青年摄影协会',
    '{P}青年文化促进会',
    '浦东新区{P}青年社会工作者协会',
    '{P}青年体育健身协会',
    '{P}新就业形态青年联合会',
  ],
  民办非企业单位: [
    '{P}青年公益服务社',
    '浦东新区{P}青少年事务服务中心',
    '{P}社区青年发展中心',
    '上海浦东{P}青年创新创业服务中心',
    '{P}青少年心理健康服务中心',
    '{P}青年社会工作事务所',
    '浦东新区{P}彩虹青少年服务社',
    '{P}帮帮团青年公益服务中心',
    '{P}青年就业指导服务中心',
    '{P}青少年科创教育中心',
  ],
  基金会: [
    '浦东新区{P}青少年发展基金会',
    '上海{P}青年创业基金会',
    '上海{P}公益青年基金会',
    '浦东新区{P}助学基金会',
  ],
  未登记青年自组织: [
    '{P}社区青年读书会',
    '{P}青年跑团',
    '{P}青年志愿服务队',
    '{P}白领青年羽毛球俱乐部',
    '{P}青年户外运动队',
    '{P}青年桌游社',
    '{P}青年摄影沙龙',
    '{P}青年篮球队',
    '{P}青年汉服社',
    '{P}青年骑行队',
    '{P}亲子公益青年团队',
  ],
  其他: ['{P}青年之家', '{P}青年创客空间', '{P}楼宇青年联谊会'],
};
const NEIGHBORHOODS = [
  '滨江',
  '东园',
  '西苑',
  '南苑',
  '北园',
  '阳光',
  '星河',
  '锦绣',
  '明珠',
  '世纪',
  '科创',
  '文华',
  '春晓',
  '浦江',
  '晨曦',
  '新城',
  '长青',
  '和美',
  '东方',
  '金色',
] as const;
const CATEGORY_DIGIT: Partial<Record<OrgType, string>> = { 社会团体: '1', 民办非企业单位: '2', 基金会: '3' };
const ORG_TYPE_WEIGHTS: readonly (readonly [OrgType, number])[] = [
  ['社会团体', 0.42],
  ['民办非企业单位', 0.33],
  ['基金会', 0.05],
  ['未登记青年自组织', 0.15],
  ['其他', 0.05],
];
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾沈陆顾钱施蔡倪姚金汪范奚瞿',
];
const GIVEN_CHARS = [
  ...'伟芳敏静丽强磊洋艳勇军杰娟涛明超霞平刚晨欣怡佳颖婷雯浩宇轩昊俊嘉睿思悦晓立文斌华蕾琳倩雪逸辰骏翔瑶',
];
/** Relative weight of each month for this year's new League organizations (slow around the Spring Festival and summer). */
const MONTH_WEIGHTS = [0.5, 0.45, 1.2, 1.35, 1.4, 1.1, 0.75, 0.65, 1.25, 1.3, 1, 0.9] as const;
const NOTES: Readonly<Record<Status, readonly string[]>> = {
  已建团: [
    '入驻青年公益服务支持中心',
    '团区委补贴已申请',
    '双月例会成员单位',
    '团员组织关系已转入',
    '负责人参加浦东团校轮训',
  ],
  筹建中: ['已召开筹备会', '团员组织关系转接中', '待上级团组织批复', '已走访，拟年内建团'],
  未建团: ['已走访，负责人有意向', '新成立组织，待摸底', '人员流动性强，暂缓'],
};
const MODE_NOTES: Readonly<Record<Mode, string>> = {
  独立建团: '党组织书记兼任团组织联络人',
  联合建团: '与相邻青年社会组织联合建团',
  楼宇建团: '依托商务楼宇综合服务站',
  区域建团: '由区域团工委统筹',
};

interface Random {
  float(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  shuffle<T>(items: readonly T[]): T[];
}

/** mulberry32: tiny, fast, and plenty for demo data. */
function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const float = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(float() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new RangeError('cannot pick from an empty list');
    return item;
  };
  return {
    float,
    int,
    chance: (probability) => float() < probability,
    pick,
    weighted<T>(entries: readonly (readonly [T, number])[]): T {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let target = float() * total;
      for (const [value, weight] of entries) {
        target -= weight;
        if (target < 0) return value;
      }
      return pick(entries)[0];
    },
    shuffle<T>(items: readonly T[]): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        const a = copy[i] as T;
        copy[i] = copy[j] as T;
        copy[j] = a;
      }
      return copy;
    },
  };
}

const DAY_MS = 86_400_000;
const pad2 = (value: number): string => String(value).padStart(2, '0');
const isoDate = (year: number, month: number, day: number): string => `${year}-${pad2(month)}-${pad2(day)}`;
const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const isoToUtc = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const utcToIso = (ms: number): string => {
  const date = new Date(ms);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
};

/**
 * The Excel serial number (1900 date system, with Excel's phantom 1900-02-29) of a calendar date.
 * @example isoDateToExcelSerial('2011-06-28') // => 40722
 */
export function isoDateToExcelSerial(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (utcToIso(ms) !== iso) throw new RangeError(`not a calendar date: ${iso}`);
  const days = (ms - Date.UTC(1899, 11, 31)) / DAY_MS;
  if (days < 1) throw new RangeError(`before the 1900 date system: ${iso}`);
  return days >= 60 ? days + 1 : days;
}

interface Settings {
  seed: number;
  year: number;
  throughMonth: number;
  organizations: number;
}

function resolveOptions(options: DemoOptions): Settings {
  const settings = {
    seed: options.seed ?? 2012,
    year: options.year ?? 2026,
    throughMonth: options.throughMonth ?? 10,
    organizations: options.organizations ?? 360,
  };
  const messyShare = options.messyShare ?? DEFAULT_MESSY_SHARE;
  if (!Number.isFinite(settings.seed)) throw new RangeError('seed must be a finite number');
  if (!Number.isInteger(settings.year) || settings.year < 2001 || settings.year > 2100)
    throw new RangeError('year must be an integer in 2001–2100');
  if (!Number.isInteger(settings.throughMonth) || settings.throughMonth < 1 || settings.throughMonth > 12)
    throw new RangeError('throughMonth must be an integer in 1–12');
  if (
    !Number.isInteger(settings.organizations) ||
    settings.organizations < UNIT_SEEDS.length ||
    settings.organizations > 20000
  )
    throw new RangeError(`organizations must be an integer in ${UNIT_SEEDS.length}–20000`);
  if (!(messyShare >= 0 && messyShare <= 1)) throw new RangeError('messyShare must be in 0..1');
  return settings;
}

function unitKind(name: string): UnitKind {
  if (name.endsWith('街道')) return '街道';
  if (name.endsWith('镇')) return '镇';
  return '园区';
}

/** Splits `total` across weights (largest remainder), at least one each. */
function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const counts = exact.map((value) => Math.max(1, Math.floor(value)));
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; missing > 0; i = (i + 1) % byRemainder.length, missing--) {
    const index = byRemainder[i]?.index ?? 0;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  while (missing < 0) {
    const largest = counts.indexOf(Math.max(...counts));
    counts[largest] = (counts[largest] ?? 1) - 1;
    missing++;
  }
  return counts;
}

interface UnitPlan {
  seed: UnitSeed;
  quota: number;
  previousQuota: number;
  organizations: number;
  thisYear: number;
  previousYear: number;
  preparing: number;
  notStarted: boolean;
}

function planUnits(random: Random, settings: Settings): UnitPlan[] {
  const counts = allocate(
    settings.organizations,
    UNIT_SEEDS.map((seed) => SIZE_WEIGHT[seed.size] * (0.85 + 0.3 * random.float())),
  );
  const notStartedCount = random.chance(0.5) ? 2 : 3;
  const notStarted = new Set(
    random
      .shuffle(
        UNIT_SEEDS.map((seed, index) => ({ seed, index })).filter(
          ({ seed, index }) => index > 0 && seed.size < 3,
        ),
      )
      .slice(0, notStartedCount)
      .map(({ index }) => index),
  );
  return UNIT_SEEDS.map((seed, index) => {
    const organizations = counts[index] ?? 1;
    const [low, high] = QUOTA_RANGE[seed.size];
    const quota = random.int(low, high);
    const previousQuota = Math.max(2, quota - random.int(0, 2));
    const expected = (quota * settings.throughMonth) / 12;
    const pace = random.weighted<'ahead' | 'onPace' | 'lagging'>([
      ['ahead', 0.15],
      ['onPace', 0.55],
      ['lagging', 0.3],
    ]);
    const target =
      pace === 'ahead'
        ? quota + random.int(0, 2)
        : pace === 'onPace'
          ? Math.ceil(expected)
          : Math.round(expected * (0.35 + 0.4 * random.float()));
    const thisYear = notStarted.has(index) ? 0 : Math.min(organizations, Math.max(1, target));
    const established = Math.min(
      organizations,
      Math.max(thisYear, Math.round(organizations * (0.36 + 0.18 * random.float()))),
    );
    const rest = organizations - established;
    return {
      seed,
      quota,
      previousQuota,
      organizations,
      thisYear,
      previousYear: established - thisYear,
      preparing: Math.round(rest * (0.35 + 0.2 * random.float())),
      notStarted: notStarted.has(index),
    };
  });
}

type Draft = Omit<TrackingRecord, 'row'>;

interface OrgFactory {
  random: Random;
  settings: Settings;
  usedNames: Set<string>;
  usedCodes: Set<string>;
}

function orgName(factory: OrgFactory, seed: UnitSeed, orgType: OrgType): string {
  const { random, usedNames } = factory;
  const templates = NAME_TEMPLATES[orgType];
  for (let attempt = 0; attempt < 60; attempt++) {
    const place = attempt === 0 && random.chance(0.7) ? seed.place : seed.place + random.pick(NEIGHBORHOODS);
    const name = random.pick(templates).replace('{P}', place);
    if (!usedNames.has(normalizeOrgName(name))) {
      usedNames.add(normalizeOrgName(name));
      return name;
    }
  }
  for (let n = 2; ; n++) {
    const name = random.pick(templates).replace('{P}', `${seed.place}第${n}`);
    if (!usedNames.has(normalizeOrgName(name))) {
      usedNames.add(normalizeOrgName(name));
      return name;
    }
  }
}

function creditCode(factory: OrgFactory, orgType: OrgType): string | null {
  const category = CATEGORY_DIGIT[orgType];
  if (category === undefined) return null;
  for (;;) {
    let body = 'MJ';
    for (let i = 0; i < 7; i++) body += CREDIT_CODE_CHARSET.charAt(factory.random.int(0, 9));
    const code = withCheckChar(`5${category}${ADMIN_DIVISION}${body}`);
    if (!factory.usedCodes.has(code)) {
      factory.usedCodes.add(code);
      return code;
    }
  }
}

function personName(random: Random): string {
  const given = random.chance(0.7)
    ? random.pick(GIVEN_CHARS) + random.pick(GIVEN_CHARS)
    : random.pick(GIVEN_CHARS);
  return random.pick(SURNAMES) + given;
}

function phoneNumber(random: Random): string {
  let digits = '';
  if (random.chance(0.78)) {
    for (let i = 0; i < 9; i++) digits += String(random.int(0, 9));
    return `1${random.pick(['3', '5', '7', '8', '9'])}${digits}`;
  }
  for (let i = 0; i < 7; i++) digits += String(random.int(0, 9));
  return `021-5${digits}`;
}

function randomDateIn(random: Random, year: number, month: number): string {
  return isoDate(year, month, random.int(1, daysInMonth(year, month)));
}

function thisYearDate(random: Random, settings: Settings): string {
  const months = MONTH_WEIGHTS.slice(0, settings.throughMonth).map(
    (weight, index) => [index + 1, weight] as const,
  );
  return randomDateIn(random, settings.year, random.weighted(months));
}

function leagueOrgTypeFor(random: Random, mode: Mode, memberCount: number): LeagueOrgType {
  if (mode !== '独立建团') return random.chance(0.75) ? '联合团支部' : '团支部';
  const fitting: LeagueOrgType = memberCount >= 100 ? '团委' : memberCount >= 30 ? '团总支' : '团支部';
  return fitting !== '团支部' && random.chance(0.15) ? '团支部' : fitting;
}

function makeOrganization(
  factory: OrgFactory,
  seed: UnitSeed,
  status: Status,
  establishedOn: string | null,
): Draft {
  const { random } = factory;
  const orgType = random.weighted(ORG_TYPE_WEIGHTS);
  const name = orgName(factory, seed, orgType);
  const code = creditCode(factory, orgType);
  const youthCap = orgType === '基金会' ? 40 : orgType === '未登记青年自组织' ? 120 : 300;
  const youthCount = 5 + Math.floor(random.float() ** 2.2 * (youthCap - 4));
  const share = status === '已建团' ? 0.08 + 0.42 * random.float() : 0.4 * random.float();
  const memberCount = Math.min(
    youthCount,
    Math.max(status === '已建团' ? 1 : 0, Math.round(youthCount * share)),
  );
  let mode: Mode | null = null;
  let leagueOrgType: LeagueOrgType | null = null;
  if (status === '已建团') {
    const independentChance = memberCount >= 10 ? 0.7 : memberCount >= 3 ? 0.35 : 0;
    const buildingWeight = seed.size === 3 || unitKind(seed.name) === '园区' ? 0.35 : 0.15;
    mode = random.chance(independentChance)
      ? '独立建团'
      : random.weighted<Mode>([
          ['联合建团', 0.5],
          ['楼宇建团', buildingWeight],
          ['区域建团', 0.25],
        ]);
    leagueOrgType = leagueOrgTypeFor(random, mode, memberCount);
  }
  const contactChance = status === '已建团' ? 1 : status === '筹建中' ? 0.6 : 0.25;
  const hasContact = random.chance(contactChance);
  const partyRoll = random.float();
  const partyYes = status === '已建团' ? 0.55 : 0.2;
  const hasPartyOrg = partyRoll < partyYes ? true : partyRoll < partyYes + 0.35 ? false : null;
  let note: string | null = null;
  if (random.chance(0.45)) {
    if (mode !== null && random.chance(0.4)) note = MODE_NOTES[mode];
    else if (status === '未建团' && memberCount < 3) note = memberCount === 0 ? '暂无团员' : '团员不足3人';
    else note = random.pick(NOTES[status]);
  }
  return {
    orgName: name,
    creditCode: code,
    orgType,
    unitCode: seed.code,
    youthCount,
    memberCount,
    status,
    establishedOn,
    mode,
    leagueOrgType,
    secretary: hasContact ? personName(random) : null,
    phone: hasContact ? phoneNumber(random) : null,
    hasPartyOrg,
    checkedOn: null,
    checkResult: null,
    note,
  };
}

function unitLedger(factory: OrgFactory, plan: UnitPlan): Draft[] {
  const { random, settings } = factory;
  const slots: (readonly [Status, 'this' | 'previous' | null])[] = [
    ...Array.from({ length: plan.thisYear }, () => ['已建团', 'this'] as const),
    ...Array.from({ length: plan.previousYear }, () => ['已建团', 'previous'] as const),
    ...Array.from({ length: plan.preparing }, () => ['筹建中', null] as const),
  ];
  while (slots.length < plan.organizations) slots.push(['未建团', null]);
  return random.shuffle(slots).map(([status, when]) => {
    const establishedOn =
      when === 'this'
        ? thisYearDate(random, settings)
        : when === 'previous'
          ? randomDateIn(random, settings.year - 1, random.int(1, 12))
          : null;
    return makeOrganization(factory, plan.seed, status, establishedOn);
  });
}

/** 2–3 registered organizations also reported by a second unit, with another 建团时间. */
function addCrossUnitDuplicates(
  random: Random,
  settings: Settings,
  plans: readonly UnitPlan[],
  ledgers: Draft[][],
): Set<Draft> {
  const yearStart = isoDate(settings.year, 1, 1);
  const started = plans.map((plan, index) => ({ plan, index })).filter(({ plan }) => !plan.notStarted);
  const candidates = random.shuffle(
    ledgers
      .flat()
      .filter(
        (draft) =>
          draft.creditCode !== null && draft.establishedOn !== null && draft.establishedOn >= yearStart,
      ),
  );
  const pairs = random.chance(0.5) ? 2 : 3;
  const involved = new Set<string>();
  const duplicated = new Set<Draft>();
  for (const original of candidates) {
    if (duplicated.size >= pairs * 2) break;
    if (involved.has(original.unitCode)) continue;
    const others = started.filter(
      ({ plan }) => !involved.has(plan.seed.code) && plan.seed.code !== original.unitCode,
    );
    if (others.length === 0) break;
    const target = random.pick(others);
    let establishedOn = thisYearDate(random, settings);
    while (establishedOn === original.establishedOn) establishedOn = thisYearDate(random, settings);
    const copy: Draft = { ...original, unitCode: target.plan.seed.code, establishedOn, note: null };
    const ledger = ledgers[target.index] ?? [];
    ledger.splice(random.int(0, ledger.length), 0, copy);
    involved.add(original.unitCode).add(target.plan.seed.code);
    duplicated.add(original).add(copy);
  }
  return duplicated;
}

/** About a tenth of the established organizations were phoned; most 属实, a few 不属实 or 无法联系. */
function addSpotChecks(
  random: Random,
  settings: Settings,
  plans: readonly UnitPlan[],
  ledgers: readonly Draft[][],
  excluded: ReadonlySet<Draft>,
): void {
  const periodEnd = isoToUtc(
    isoDate(settings.year, settings.throughMonth, daysInMonth(settings.year, settings.throughMonth)),
  );
  const yearStart = isoDate(settings.year, 1, 1);
  const thisYearByUnit = new Map(plans.map((plan) => [plan.seed.code, plan.thisYear]));
  const established = ledgers
    .flat()
    .filter(
      (draft) =>
        draft.establishedOn !== null && !excluded.has(draft) && isoToUtc(draft.establishedOn) < periodEnd,
    );
  const sample = random.shuffle(established).slice(0, Math.round(established.length * 0.1));
  const untrueQuota = Math.max(1, Math.round(sample.length * 0.08));
  const unreachableQuota = Math.max(1, Math.round(sample.length * 0.08));
  let untrue = 0;
  let unreachable = 0;
  for (const draft of sample) {
    const from = isoToUtc(draft.establishedOn ?? yearStart);
    const latest = Math.round((periodEnd - from) / DAY_MS);
    draft.checkedOn = utcToIso(from + random.int(1, Math.min(latest, 90)) * DAY_MS);
    const wouldEmptyUnit =
      draft.establishedOn !== null &&
      draft.establishedOn >= yearStart &&
      (thisYearByUnit.get(draft.unitCode) ?? 0) < 3;
    let result: CheckResult = '属实';
    if (untrue < untrueQuota && !wouldEmptyUnit) {
      result = '不属实';
      untrue++;
    } else if (unreachable < unreachableQuota) {
      result = '无法联系';
      unreachable++;
    }
    draft.checkResult = result;
  }
}

/**
 * A whole demo district: ~40 Pudong units, their quotas for the year and the year before, and every
 * unit's valid ledger. Deterministic: the same options give deep-equal output.
 * @example
 * const demo = generateDemoDistrict({ seed: 7, throughMonth: 6 });
 * demo.units[0]?.name; // => '陆家嘴街道'
 */
export function generateDemoDistrict(options: DemoOptions = {}): DemoDistrict {
  const settings = resolveOptions(options);
  const random = createRandom(settings.seed);
  const plans = planUnits(random, settings);
  const factory: OrgFactory = { random, settings, usedNames: new Set(), usedCodes: new Set() };
  const ledgers = plans.map((plan) => unitLedger(factory, plan));
  const duplicated = addCrossUnitDuplicates(random, settings, plans, ledgers);
  addSpotChecks(random, settings, plans, ledgers, duplicated);
  return {
    district: DISTRICT,
    units: UNIT_SEEDS.map(({ code, name }) => ({ code, name, kind: unitKind(name), active: true })),
    quotas: plans.flatMap((plan) => [
      { unitCode: plan.seed.code, year: settings.year - 1, quota: plan.previousQuota },
      { unitCode: plan.seed.code, year: settings.year, quota: plan.quota },
    ]),
    records: ledgers.flatMap((ledger) =>
      ledger.map((draft, index) => ({ row: FIRST_DATA_ROW + index, ...draft })),
    ),
    subsidy: { city: 300, district: 300 },
  };
}

const toFullWidth = (text: string): string =>
  text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));

/** Surrounding half- or full-width spaces; NFKC and trimming remove them. */
function padded(random: Random, text: string): string {
  const space = (): string => random.pick(['', ' ', '  ', '\u3000']);
  const left = space();
  const right = space();
  return left === '' && right === '' ? ` ${text} ` : `${left}${text}${right}`;
}

function messyDate(random: Random, iso: string): string | number {
  const [year, month, day] = [iso.slice(0, 4), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
  switch (random.int(0, 4)) {
    case 0:
      return isoDateToExcelSerial(iso);
    case 1:
      return `${year}/${month}/${day}`;
    case 2:
      return `${year}年${month}月${day}日`;
    case 3:
      return `${year}.${month}.${day}`;
    default:
      return toFullWidth(iso);
  }
}

function messyCreditCode(random: Random, code: string): string {
  const lower = code.toLowerCase();
  return random.chance(0.5)
    ? `${lower.slice(0, 2)} ${lower.slice(2, 8)} ${lower.slice(8, 17)} ${lower.slice(17)}`
    : (lower.match(/.{1,4}/g) ?? [lower]).join(' ');
}

/** A messy but unambiguous form of a canonical cell value, as people type it into Excel. */
function messyCell(random: Random, key: ColumnKey, value: string | number, record: TrackingRecord): unknown {
  switch (key) {
    case 'establishedOn':
    case 'checkedOn':
      return messyDate(random, String(value));
    case 'youthCount':
    case 'memberCount':
      return random.pick([String(value), toFullWidth(String(value)), padded(random, String(value))]);
    case 'hasPartyOrg':
      return record.hasPartyOrg ? random.pick(['Y', '√']) : random.pick(['N', '×']);
    case 'creditCode':
      return messyCreditCode(random, String(value));
    case 'phone':
    case 'unit':
      return /^[\x21-\x7e]+$/.test(String(value)) && random.chance(0.6)
        ? toFullWidth(String(value))
        : padded(random, String(value));
    default:
      return padded(random, String(value));
  }
}

function canonicalCell(
  key: ColumnKey,
  record: TrackingRecord,
  unitNames: ReadonlyMap<string, string>,
): string | number {
  switch (key) {
    case 'unit':
      return unitNames.get(record.unitCode) ?? record.unitCode;
    case 'hasPartyOrg':
      return record.hasPartyOrg === null ? '' : record.hasPartyOrg ? '是' : '否';
    default:
      return record[key] ?? '';
  }
}

/**
 * A unit's ledger as the `values` of an Excel range: two title rows, the header row (sheet row 3),
 * then one row per record in the given order; empty cells are ''. With `messy`, a share of the cells
 * (`messyShare`, default 0.08; at least one serial date and one full-width value) take accepted but
 * messy forms — Excel date serials, 2011/6/28, 2011年6月28日, full-width digits, numbers as text,
 * Y/N/√/×, lower-case spaced credit codes, surrounding spaces — that normalize to the same value.
 * @example
 * const values = ledgerToSheetValues(demo.records.filter((r) => r.unitCode === 'LJZ'), { units: demo.units });
 * values[2]?.[0]; // => '组织名称'
 */
export function ledgerToSheetValues(
  records: TrackingRecord[],
  options: { messy?: boolean; messyShare?: number; seed?: number; title?: string; units?: Unit[] } = {},
): unknown[][] {
  const width = COLUMNS.length;
  const unitNames = new Map((options.units ?? []).map((unit) => [unit.code, unit.name]));
  const unitCodes = [...new Set(records.map((record) => record.unitCode))];
  const reporter =
    unitCodes.length === 1 && unitCodes[0] !== undefined ? (unitNames.get(unitCodes[0]) ?? unitCodes[0]) : '';
  const titleRow = (text: string): unknown[] => [text, ...Array.from({ length: width - 1 }, () => '')];
  const rows: unknown[][] = [
    titleRow(options.title ?? '青年社会组织团建工作台账'),
    titleRow(`填报单位：${reporter}`),
    COLUMNS.map((column) => column.header),
  ];
  const random = createRandom(options.seed ?? 2012);
  const share = options.messyShare ?? DEFAULT_MESSY_SHARE;
  let wroteSerial = false;
  let wroteFullWidth = false;
  for (const record of records) {
    rows.push(
      COLUMNS.map((column) => {
        const value = canonicalCell(column.key, record, unitNames);
        if (!options.messy || value === '' || !random.chance(share)) return value;
        const messy = messyCell(random, column.key, value, record);
        if (typeof messy === 'number' && column.kind === 'date') wroteSerial = true;
        if (typeof messy === 'string' && /[\uff01-\uff5e]/.test(messy)) wroteFullWidth = true;
        return messy;
      }),
    );
  }
  if (options.messy) {
    const dateIndex = COLUMNS.findIndex((column) => column.key === 'establishedOn');
    const youthIndex = COLUMNS.findIndex((column) => column.key === 'youthCount');
    const data = rows.slice(3);
    const withDate = data.find(
      (row) => typeof row[dateIndex] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(String(row[dateIndex])),
    );
    if (!wroteSerial && withDate) withDate[dateIndex] = isoDateToExcelSerial(String(withDate[dateIndex]));
    const withYouth = data.find((row) => row !== withDate && typeof row[youthIndex] === 'number') ?? data[0];
    if (!wroteFullWidth && withYouth) withYouth[youthIndex] = toFullWidth(String(withYouth[youthIndex]));
  }
  return rows;
}

/** A year of 工作记录 as the demo committee would have kept it (issue 15). */
export interface DemoWorkRecords {
  visits: VisitInput[];
  meetings: MeetingInput[];
  links: LeaderLink[];
  holidays: Holiday[];
}

/** The organizations resident in the support centre the weekly visits go to (the seed: 入驻 9 家). */
export const DEMO_CENTRE_RESIDENTS = [
  '浦东青年公益社',
  '彩虹青少年心理服务中心',
  '帮帮团公益服务社',
  '众智创业服务中心',
  '青禾社区服务社',
  '蓝天青年志愿者协会',
  '新航青年发展中心',
  '益路同行公益社',
  '阳光青年书友会',
] as const;

const DEMO_STAFF = ['刘洋', '陈静', '张伟', '赵敏'] as const;
const DEMO_LEADERS = [
  { leader: '王建华', title: '团区委书记' },
  { leader: '李文静', title: '团区委副书记' },
  { leader: '周海涛', title: '团区委副书记' },
  { leader: '孙丽', title: '团区委副书记' },
] as const;
const DEMO_TOPICS = [
  ['传达团市委青年社会组织团建工作要求', '各单位本月底前完成辖区青年社会组织摸底'],
  ['交流各单位建团进展和经验做法', '进度滞后单位下次例会作专题汇报'],
  ['研究联合建团、楼宇建团推进举措', '由团区委组织部牵头编写工作法'],
  ['通报电话抽查情况', '不属实的组织由所在单位一周内核实整改'],
  ['部署青年社会组织团干部培训', '依托团校分两期轮训'],
  ['总结全年团建工作，研究明年指标分配', '年底前报送下一年度工作计划'],
] as const;

/** Public holidays of a year as the demo lists them: the fixed-date ones, and for 2026 the lunar ones too. */
export function demoHolidays(year: number): Holiday[] {
  const days = (name: string, month: number, from: number, to: number): Holiday[] =>
    Array.from({ length: to - from + 1 }, (_, index) => ({
      date: `${year}-${String(month).padStart(2, '0')}-${String(from + index).padStart(2, '0')}`,
      name,
    }));
  const lunar2026 =
    year === 2026
      ? [
          ...days('春节', 2, 15, 23),
          ...days('清明节', 4, 4, 6),
          ...days('端午节', 6, 19, 21),
          ...days('中秋节', 9, 25, 27),
        ]
      : [];
  return [
    ...days('元旦', 1, 1, 1),
    ...lunar2026,
    ...days('劳动节', 5, 1, 5),
    ...days('国庆节', 10, 1, 7),
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
}

function isoDay(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The demo committee's year up to the end of `throughMonth`: a visit most Thursdays (a few missed, a few on the
 * Wednesday), a 双月例会 in every ended two-month period but one, four leaders linked to the units and the
 * centre, each visiting once a quarter (the last leader not yet this quarter).
 */
export function generateDemoWorkRecords(
  units: readonly Pick<Unit, 'code'>[],
  options: { year: number; throughMonth: number; seed?: number; residents?: readonly string[] },
): DemoWorkRecords {
  const { year, throughMonth } = options;
  const residents =
    options.residents && options.residents.length > 0 ? options.residents : DEMO_CENTRE_RESIDENTS;
  const random = createRandom((options.seed ?? 2012) + 15);
  const holidays = demoHolidays(year);
  const off = new Set(holidays.map((holiday) => holiday.date));
  const end = isoDay(year, throughMonth, daysInMonthOf(year, throughMonth));
  const visits: VisitInput[] = [];
  for (let month = 1; month <= throughMonth; month++) {
    for (let day = 1; day <= daysInMonthOf(year, month); day++) {
      const date = isoDay(year, month, day);
      if (new Date(`${date}T00:00:00Z`).getUTCDay() !== 4 || off.has(date)) continue;
      if (random.chance(0.08)) continue;
      const visitedOn = random.chance(0.1) ? isoDay(year, month, day - 1 < 1 ? day : day - 1) : date;
      const organizations = random.shuffle(residents).slice(0, random.int(1, 3));
      visits.push({
        visitedOn,
        visitors: random.shuffle(DEMO_STAFF).slice(0, 2),
        organizations,
        unitCodes: [],
        notes: `走访${organizations[0]}，了解团组织活动开展和青年需求`,
      });
    }
  }
  const codes = units.map((unit) => unit.code);
  const links: LeaderLink[] = DEMO_LEADERS.map((leader, index) => ({
    ...leader,
    unitCodes: codes.filter((_, position) => position % DEMO_LEADERS.length === index),
    centre: index === 0,
  }));
  const lastQuarter = Math.ceil(throughMonth / 3);
  links.forEach((link, index) => {
    for (let quarter = 1; quarter <= lastQuarter; quarter++) {
      if (quarter === lastQuarter && index === links.length - 1) continue;
      const month = Math.min(quarter * 3 - random.int(0, 2), throughMonth);
      const unitCode = link.unitCodes[random.int(0, Math.max(0, link.unitCodes.length - 1))];
      const visitedOn = workingDayFrom(isoDay(year, month, random.int(3, 24)), off);
      if (visitedOn > end) continue;
      visits.push({
        visitedOn,
        visitors: [link.leader, random.pick(DEMO_STAFF)],
        organizations: link.centre ? [random.pick(residents)] : [],
        unitCodes: unitCode ? [unitCode] : [],
        notes: `${link.title}${link.leader}走访联系单位，听取青年社会组织团建工作汇报`,
      });
    }
  });
  visits.sort((a, b) => (a.visitedOn < b.visitedOn ? -1 : a.visitedOn > b.visitedOn ? 1 : 0));
  const meetings: MeetingInput[] = [];
  for (let period = 1; period * 2 <= throughMonth; period++) {
    // One period without a meeting, so the demo shows what overdue looks like.
    if (period === 4) continue;
    const [topics, decisions] = DEMO_TOPICS[(period - 1) % DEMO_TOPICS.length] ?? DEMO_TOPICS[0];
    meetings.push({
      heldOn: workingDayFrom(isoDay(year, period * 2, random.int(8, 22)), off),
      attendingUnits: codes.filter(() => random.chance(0.85)),
      topics,
      decisions,
    });
  }
  return { visits, meetings, links, holidays };
}

/** The day itself if it is a working day (Monday to Friday, not a holiday), else the next one. */
function workingDayFrom(day: string, off: ReadonlySet<string>): string {
  let date = new Date(`${day}T00:00:00Z`);
  for (;;) {
    const iso = date.toISOString().slice(0, 10);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !off.has(iso)) return iso;
    date = new Date(date.getTime() + 86_400_000);
  }
}

function daysInMonthOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** An organization of the demo ledgers placed in the support centre. */
export interface DemoCentreOrganization {
  unitCode: string;
  orgName: string;
  relation: 'resident' | 'linked';
  since: string;
}

/**
 * The demo support centre (the seed: 入驻 9 家, 联系 150 多家): nine organizations of the ledgers resident since
 * 2011–the year before, and about one in eight of the rest linked, since one of the five years before.
 */
export function demoCentreOrganizations(
  records: readonly TrackingRecord[],
  year: number,
): DemoCentreOrganization[] {
  const random = createRandom(2011);
  const shuffled = random.shuffle(records);
  const resident = shuffled.slice(0, 9).map((record) => ({
    unitCode: record.unitCode,
    orgName: record.orgName,
    relation: 'resident' as const,
    since: isoDay(random.int(Math.max(2011, year - 4), year - 1), random.int(1, 12), 1),
  }));
  const linked = shuffled
    .slice(9)
    .filter(() => random.chance(0.125))
    .map((record) => ({
      unitCode: record.unitCode,
      orgName: record.orgName,
      relation: 'linked' as const,
      since: isoDay(random.int(Math.max(2011, year - 5), year - 1), random.int(1, 12), 1),
    }));
  return [...resident, ...linked];
}

/** An activity of the demo 活动台账: one row of its unit's activity sheet (activitySheetRows writes it). */
export interface DemoActivity {
  unitCode: string;
  orgName: string;
  heldOn: string;
  title: string;
  kind: ActivityKind;
  served: number;
  partners: string[];
  note: string | null;
}

/** Titles by kind; {M} is the month's theme where a title names one. */
const ACTIVITY_TITLES: Readonly<Record<ActivityKind, readonly string[]>> = {
  服务: [
    '社区青年志愿服务日',
    '“青春护航”社区环境整治行动',
    '为老服务助餐志愿行动',
    '“小橙帽”文明交通志愿服务',
    '楼宇青年便民服务集市',
    '“青年夜校”社区课堂',
    '新就业形态青年暖心驿站服务',
    '社区青少年暑期托管服务',
    '“青春社区”垃圾分类宣传',
    '独居老人结对探访',
  ],
  交友: [
    '青年联谊交友会',
    '“浦江之约”青年交友活动',
    '楼宇青年桌游沙龙',
    '青年读书分享会',
    '“青春有约”户外徒步联谊',
    '青年羽毛球友谊赛',
    '青年手作工坊',
    '城市定向赛',
  ],
  就业: [
    '青年就业招聘会',
    '“职引未来”简历诊断会',
    '应届毕业生求职训练营',
    '青年创业项目路演',
    '青年职业规划讲座',
    '企业开放日青年见习体验',
    '灵活就业青年权益保障讲座',
  ],
  培训: [
    '团干部业务能力培训',
    '青年社会组织团员骨干培训班',
    '团员发展工作专题培训',
    '青年社会工作者能力提升培训',
    '“青马工程”学习小组专题学习',
    '志愿者服务技能培训',
    '团支部书记工作坊',
  ],
  公益: [
    '爱心义卖公益集市',
    '“书香传递”图书捐赠',
    '无偿献血公益行动',
    '困境儿童关爱陪伴活动',
    '“河小青”滨江护河行动',
    '公益助学结对帮扶',
    '旧衣回收公益行动',
    '敬老院慰问演出',
  ],
  其他: ['主题团日活动', '青年文艺汇演', '青年议事会', '团员青年观影会', '红色场馆寻访', '青年健康讲座'],
};

/** Themed activities by month: what the calendar brings (学雷锋日, 五四, 端午, 中秋, 国庆…). */
const SEASONAL_ACTIVITIES: Readonly<Partial<Record<number, readonly (readonly [string, ActivityKind])[]>>> = {
  1: [['新春送福志愿服务', '服务']],
  2: [['元宵节猜灯谜联谊', '交友']],
  3: [
    ['学雷锋志愿服务月活动', '服务'],
    ['植树节绿色公益行', '公益'],
  ],
  4: [['清明祭英烈主题团日', '其他']],
  5: [
    ['五四青年节主题团日', '其他'],
    ['“五四”青年座谈会', '其他'],
  ],
  6: [
    ['端午节包粽子敬老活动', '公益'],
    ['“六一”关爱困境儿童活动', '公益'],
  ],
  7: [['暑期青少年夏令营', '服务']],
  8: [['暑期大学生社区实践', '培训']],
  9: [['中秋节邻里联欢', '交友']],
  10: [['国庆主题青年快闪', '其他']],
  11: [['“119”消防安全知识宣传', '服务']],
  12: [['“12·5”国际志愿者日表彰交流', '服务']],
};

const ACTIVITY_KIND_WEIGHTS: readonly (readonly [ActivityKind, number])[] = [
  ['服务', 0.3],
  ['交友', 0.17],
  ['就业', 0.12],
  ['培训', 0.14],
  ['公益', 0.19],
  ['其他', 0.08],
];
/** The usual 人次 of an activity of each kind, before the few large ones. */
const SERVED_RANGE: Readonly<Record<ActivityKind, readonly [number, number]>> = {
  服务: [12, 150],
  交友: [16, 80],
  就业: [30, 150],
  培训: [15, 60],
  公益: [20, 150],
  其他: [10, 120],
};
/** Activities a month the organization's League organization holds: most now and then, a few every month. */
const ACTIVITY_RATES: readonly (readonly [number, number])[] = [
  [0.15, 0.3],
  [0.3, 0.33],
  [0.55, 0.25],
  [1, 0.12],
];
/** Relative activity by month: quiet around the Spring Festival and in August. */
const ACTIVITY_MONTH_WEIGHTS = [0.7, 0.5, 1.2, 1.05, 1.3, 1.1, 1, 0.75, 1.1, 1.2, 1.15, 1] as const;
const ACTIVITY_PARTNERS = [
  '{P}社区党群服务中心',
  '{P}社区事务受理服务中心',
  '{P}社区卫生服务中心',
  '{P}派出所',
  '{P}居民区党总支',
  '{P}社区文化活动中心',
  '浦东新区图书馆',
  '浦东新区青少年活动中心',
  '浦东新区志愿者协会',
  '浦东新区人力资源和社会保障局',
  '上海市浦东新区红十字会',
  '浦东新区血液管理办公室',
] as const;
const ACTIVITY_NOTES = [
  '线上线下同步开展',
  '团员青年骨干带队',
  '已在“i浦东”发布',
  '活动照片已存档',
  '参与者中团员约三成',
  '与联系单位共同主办',
] as const;

/** The unit's short place name (the partners' names use it). */
const placeOf = (unitCode: string): string => UNIT_SEEDS.find((seed) => seed.code === unitCode)?.place ?? '';

/**
 * A year of 活动台账 for the demo ledgers, through the end of `throughMonth`: the activities of every 已建团
 * organization (once per district: a second unit's copy of a registered organization keeps none, nor does
 * one a spot check found 不属实), from the day after its 建团时间 or 1 January, mostly at weekends, of every
 * kind, mostly 10–150 人次 with a few large ones, some with partners. A few units report none in the last
 * month (the bulletin names them). By unit in the records' order, then by day. Deterministic.
 * @example
 * const activities = generateDemoActivities(demo.records, { year: 2026, throughMonth: 10 });
 * activities.length; // => about 400
 */
export function generateDemoActivities(
  records: readonly TrackingRecord[],
  options: { year: number; throughMonth: number; seed?: number },
): DemoActivity[] {
  const { year, throughMonth } = options;
  if (!Number.isInteger(throughMonth) || throughMonth < 1 || throughMonth > 12)
    throw new RangeError('throughMonth must be an integer in 1–12');
  const random = createRandom((options.seed ?? 2012) + 150);
  const yearStart = isoToUtc(isoDate(year, 1, 1));
  const periodEnd = isoToUtc(isoDate(year, throughMonth, daysInMonth(year, throughMonth)));
  const unitCodes = [...new Set(records.map((record) => record.unitCode))];
  // A few units (not the first, whose screen the demo opens on) hold nothing in the last month.
  const quiet = new Set(random.shuffle(unitCodes.slice(1)).slice(0, random.int(3, 5)));
  const seen = new Set<string>();
  const activities: DemoActivity[] = [];
  for (const unitCode of unitCodes) {
    const ledger = records.filter((record) => record.unitCode === unitCode);
    const place = placeOf(unitCode);
    const unitActivities: DemoActivity[] = [];
    const keys = new Set<string>();
    const lastDay = quiet.has(unitCode) ? isoToUtc(isoDate(year, throughMonth, 1)) - DAY_MS : periodEnd;
    for (const record of ledger) {
      const name = normalizeOrgName(record.orgName);
      if (record.status !== '已建团' || record.establishedOn === null || seen.has(name)) continue;
      seen.add(name);
      if (record.checkResult === '不属实') continue;
      const from = Math.max(yearStart, isoToUtc(record.establishedOn) + DAY_MS);
      const rate = random.weighted(ACTIVITY_RATES);
      for (let month = 1; month <= throughMonth; month++) {
        const monthStart = isoToUtc(isoDate(year, month, 1));
        const monthEnd = isoToUtc(isoDate(year, month, daysInMonth(year, month)));
        const first = Math.max(from, monthStart);
        const last = Math.min(lastDay, monthEnd);
        if (first > last) continue;
        const share = ((last - first) / DAY_MS + 1) / daysInMonth(year, month);
        const expected = rate * (ACTIVITY_MONTH_WEIGHTS[month - 1] ?? 1) * share;
        const count = Math.floor(expected) + (random.chance(expected - Math.floor(expected)) ? 1 : 0);
        for (let n = 0; n < count; n++) {
          const activity = demoActivity(random, record, place, month, activityDay(random, first, last));
          const key = `${activity.heldOn}|${activity.title}`;
          if (keys.has(`${record.orgName}|${key}`)) continue;
          keys.add(`${record.orgName}|${key}`);
          unitActivities.push(activity);
        }
      }
    }
    // Partners: now and then another organization of the unit's ledger.
    const names = ledger.map((record) => record.orgName);
    for (const activity of unitActivities) {
      if (names.length > 1 && random.chance(0.08)) {
        const other = random.pick(names);
        if (other !== activity.orgName && !activity.partners.includes(other)) activity.partners.push(other);
      }
    }
    unitActivities.sort(
      (a, b) =>
        a.heldOn.localeCompare(b.heldOn) ||
        a.orgName.localeCompare(b.orgName) ||
        a.title.localeCompare(b.title),
    );
    activities.push(...unitActivities);
  }
  return activities;
}

/** A day from `first` to `last` (UTC ms), a Saturday or Sunday about twice as often as a weekday. */
function activityDay(random: Random, first: number, last: number): string {
  const days: (readonly [number, number])[] = [];
  for (let day = first; day <= last; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    days.push([day, weekday === 0 || weekday === 6 ? 2.5 : 1]);
  }
  return utcToIso(random.weighted(days));
}

function demoActivity(
  random: Random,
  record: TrackingRecord,
  place: string,
  month: number,
  heldOn: string,
): DemoActivity {
  const seasonal = SEASONAL_ACTIVITIES[month] ?? [];
  let title: string;
  let kind: ActivityKind;
  if (seasonal.length > 0 && random.chance(0.2)) [title, kind] = random.pick(seasonal);
  else {
    kind = random.weighted(ACTIVITY_KIND_WEIGHTS);
    title = random.pick(ACTIVITY_TITLES[kind]);
  }
  const [low, high] = SERVED_RANGE[kind];
  const served = random.chance(0.04)
    ? random.int(20, 80) * 10
    : low + Math.floor(random.float() ** 1.6 * (high - low + 1));
  const partners: string[] = [];
  if (random.chance(0.28)) {
    const count = random.chance(0.25) ? 2 : 1;
    for (const partner of random.shuffle(ACTIVITY_PARTNERS).slice(0, count))
      partners.push(partner.replace('{P}', place));
  }
  return {
    unitCode: record.unitCode,
    orgName: record.orgName,
    heldOn,
    title,
    kind,
    served,
    partners,
    note: random.chance(0.15) ? random.pick(ACTIVITY_NOTES) : null,
  };
}
