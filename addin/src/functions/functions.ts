// Excel custom functions (=TUANJIAN.RATE("陆家嘴街道",2026,3) …): live figures from GET /summary, in the shared runtime.
// functions.json is generated from the JSDoc below at build time (vite.config.ts → ./metadata.ts): the @customfunction
// ids are namespace-less; the manifest adds the TUANJIAN namespace.
import type { Summary, UnitSummary } from '@tuanjian/shared';
import { ApiClientError } from '../api/client';
import { previousMonth } from '../ui/dates';
import { type Lang, type Messages, messagesFor } from '../ui/i18n';
import { availableStores } from '../ui/state';
import { createFigures, type Figures, NotConnectedError, storedConnection } from './figures';

interface Runtime {
  /** Where the summaries come from; by default the connection the pane remembered. */
  figures: Figures | null;
  lang: () => Lang;
  now: () => Date;
}

const runtime: Runtime = { figures: null, lang: () => 'zh-CN', now: () => new Date() };

/** What the functions read from: set by the task pane at start-up (and by tests). */
export function configureFunctions(next: Partial<Runtime>): void {
  Object.assign(runtime, next);
}

function figures(): Figures {
  if (!runtime.figures) runtime.figures = createFigures({ connection: storedConnection(availableStores()) });
  return runtime.figures;
}

type ExcelErrorKind = 'invalidValue' | 'notAvailable';

/** A CustomFunctions.Error (#VALUE! or #N/A, with the message on hover); a plain Error outside Excel. */
function excelError(kind: ExcelErrorKind, message: string): Error {
  if (typeof CustomFunctions !== 'undefined' && typeof CustomFunctions.Error === 'function') {
    const codes = CustomFunctions.ErrorCode;
    return new CustomFunctions.Error(
      kind === 'invalidValue' ? codes.invalidValue : codes.notAvailable,
      message,
    );
  }
  return Object.assign(new Error(message), { code: kind === 'invalidValue' ? '#VALUE!' : '#N/A' });
}

function messages(): Messages['functions'] {
  return messagesFor(runtime.lang()).functions;
}

/** Excel hands omitted optional arguments over as null (or undefined). */
function omitted(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** The period asked for: year and month default to the previous month; a past or future year alone means its December. */
function period(year: unknown, month: unknown): { year: number; month: number } {
  const m = messages();
  const last = previousMonth(runtime.now());
  const wantedYear = omitted(year) ? last.year : year;
  if (
    typeof wantedYear !== 'number' ||
    !Number.isInteger(wantedYear) ||
    wantedYear < 2000 ||
    wantedYear > 2100
  ) {
    throw excelError('invalidValue', m.badYear(String(year)));
  }
  const defaultMonth = wantedYear === last.year ? last.month : 12;
  const wantedMonth = omitted(month) ? defaultMonth : month;
  if (
    typeof wantedMonth !== 'number' ||
    !Number.isInteger(wantedMonth) ||
    wantedMonth < 1 ||
    wantedMonth > 12
  ) {
    throw excelError('invalidValue', m.badMonth(String(month)));
  }
  return { year: wantedYear, month: wantedMonth };
}

/** Failures of the request as Excel errors: what happened and what to do, never a stack. */
function requestError(error: unknown): Error {
  const m = messages();
  if (error instanceof NotConnectedError) return excelError('notAvailable', m.notConnected);
  if (error instanceof ApiClientError) {
    switch (error.code) {
      case 'unauthorized':
        return excelError('notAvailable', m.unauthorized);
      case 'forbidden':
        return excelError('notAvailable', m.forbidden);
      case 'network':
      case 'timeout':
        return excelError('notAvailable', m.unreachable);
      default:
        return excelError('notAvailable', m.serverError(error.code, error.message));
    }
  }
  return excelError(
    'notAvailable',
    m.serverError('unexpected', error instanceof Error ? error.message : String(error)),
  );
}

async function summaryFor(year: unknown, month: unknown): Promise<Summary> {
  const wanted = period(year, month);
  try {
    return await figures().summary(wanted.year, wanted.month);
  } catch (error) {
    throw requestError(error);
  }
}

/** Long texts are cut in messages: a cell may hold a paragraph by mistake. */
function shortened(text: string): string {
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/** A unit by its code (any case) or its full name. */
function findUnit(summary: Summary, unit: unknown): UnitSummary {
  const m = messages();
  const text = typeof unit === 'number' ? String(unit) : typeof unit === 'string' ? unit.trim() : '';
  if (text === '') throw excelError('invalidValue', m.noUnit);
  const code = text.toLowerCase();
  const found = summary.units.find(
    (candidate) => candidate.unitCode.toLowerCase() === code || candidate.unitName === text,
  );
  if (!found) throw excelError('invalidValue', m.unknownUnit(shortened(text)));
  return found;
}

async function unitFigures(
  unit: unknown,
  year: unknown,
  month: unknown,
): Promise<{ unit: UnitSummary; year: number }> {
  const summary = await summaryFor(year, month);
  return { unit: findUnit(summary, unit), year: summary.year };
}

function withQuota<T>(value: T | null, unit: UnitSummary, year: number): T {
  if (value === null) throw excelError('notAvailable', messages().noQuota(unit.unitName, year));
  return value;
}

/**
 * 单位截至某月底的完成率（累计完成 ÷ 年度指标），为数值：0.517 即 51.7%。
 * @customfunction RATE
 * @param unit 单位全称或代码，如 "陆家嘴街道"。
 * @param [year] 年份；省略为上个月所在年份。
 * @param [month] 月份 1–12，统计到该月底；省略为上个月（其他年份为 12 月）。
 * @returns 完成率；单位未设年度指标时为 #N/A。
 * @example =TUANJIAN.RATE("陆家嘴街道",2026,3) → 0.517
 */
export async function rate(unit: string, year?: number, month?: number): Promise<number> {
  const found = await unitFigures(unit, year, month);
  return withQuota(found.unit.rate, found.unit, found.year);
}

/**
 * 单位自 1 月 1 日至某月底累计完成的建团数（累计完成）。
 * @customfunction COUNTED
 * @param unit 单位全称或代码，如 "陆家嘴街道"。
 * @param [year] 年份；省略为上个月所在年份。
 * @param [month] 月份 1–12；省略为上个月（其他年份为 12 月）。
 * @returns 累计完成数。
 * @example =TUANJIAN.COUNTED("陆家嘴街道") → 上个月底的累计完成数
 */
export async function counted(unit: string, year?: number, month?: number): Promise<number> {
  return (await unitFigures(unit, year, month)).unit.counted;
}

/**
 * 单位的年度建团指标（年度指标）。
 * @customfunction QUOTA
 * @param unit 单位全称或代码，如 "陆家嘴街道"。
 * @param [year] 年份；省略为上个月所在年份。
 * @param [month] 月份 1–12；省略为上个月（其他年份为 12 月）。
 * @returns 年度指标；未设指标时为 #N/A。
 * @example =TUANJIAN.QUOTA("陆家嘴街道",2026) → 60
 */
export async function quota(unit: string, year?: number, month?: number): Promise<number> {
  const found = await unitFigures(unit, year, month);
  return withQuota(found.unit.quota, found.unit, found.year);
}

/**
 * 单位按完成率、再按累计完成数的排名（排名；并列单位名次相同）。
 * @customfunction RANK
 * @param unit 单位全称或代码，如 "陆家嘴街道"。
 * @param [year] 年份；省略为上个月所在年份。
 * @param [month] 月份 1–12；省略为上个月（其他年份为 12 月）。
 * @returns 名次，第一名为 1；未设指标的单位不排名，为 #N/A。
 * @example =TUANJIAN.RANK("陆家嘴街道",2026,3) → 2
 */
export async function rank(unit: string, year?: number, month?: number): Promise<number> {
  const found = await unitFigures(unit, year, month);
  return withQuota(found.unit.rank, found.unit, found.year);
}

/**
 * 单位截至某月底的进度状态：已完成、正常、滞后或未启动。
 * @customfunction STATE
 * @param unit 单位全称或代码，如 "陆家嘴街道"。
 * @param [year] 年份；省略为上个月所在年份。
 * @param [month] 月份 1–12；省略为上个月（其他年份为 12 月）。
 * @returns 状态；未设指标的单位为 #N/A。
 * @example =TUANJIAN.STATE("花木街道",2026,3) → "滞后"
 */
export async function state(unit: string, year?: number, month?: number): Promise<string> {
  const found = await unitFigures(unit, year, month);
  return withQuota(found.unit.state, found.unit, found.year);
}

/**
 * 单位在某月内新建的团组织数（本月新建）。
 * @customfunction NEWTHISMONTH
 * @param unit 单位全称或代码，如 "陆家嘴街道"。
 * @param [year] 年份；省略为上个月所在年份。
 * @param [month] 月份 1–12；省略为上个月（其他年份为 12 月）。
 * @returns 该月新建数。
 * @example =TUANJIAN.NEWTHISMONTH("陆家嘴街道",2026,3) → 4
 */
export async function newThisMonth(unit: string, year?: number, month?: number): Promise<number> {
  return (await unitFigures(unit, year, month)).unit.newThisMonth;
}

/** The district totals DISTRICT gives. */
type DistrictField = Exclude<keyof Summary['totals'], 'rankedUnits'>;

/** Each total by its English key and by the bulletin's Chinese label. */
const DISTRICT_FIELDS: readonly { field: DistrictField; names: readonly string[] }[] = [
  { field: 'quota', names: ['quota', '年度指标', '年度指标合计'] },
  { field: 'counted', names: ['counted', '累计完成'] },
  { field: 'newThisMonth', names: ['newthismonth', '本月新建'] },
  { field: 'rate', names: ['rate', '完成率'] },
  { field: 'expected', names: ['expected', '时序进度'] },
  { field: 'gap', names: ['gap', '时序进度差'] },
  { field: 'coverage', names: ['coverage', '覆盖率'] },
  { field: 'subsidy', names: ['subsidy', '应拨补贴'] },
  { field: 'organizations', names: ['organizations', '组织数'] },
  { field: 'established', names: ['established', '已建团'] },
  { field: 'units', names: ['units', '单位数'] },
];

function districtField(field: unknown): DistrictField {
  const text = typeof field === 'string' ? field.trim().toLowerCase() : '';
  const found = DISTRICT_FIELDS.find((candidate) => candidate.names.includes(text));
  if (found) return found.field;
  const known = DISTRICT_FIELDS.map((candidate) => candidate.field).join(', ');
  throw excelError('invalidValue', messages().unknownField(shortened(String(field ?? '')), known));
}

/**
 * 全区截至某月底的合计：counted（累计完成）、quota（年度指标）、rate（完成率）、newThisMonth（本月新建）、
 * expected（时序进度）、gap（时序进度差）、coverage（覆盖率）、subsidy（应拨补贴）、organizations（组织数）、
 * established（已建团）或 units（单位数），也可以写括号里的中文名。
 * @customfunction DISTRICT
 * @param field 合计项，如 "counted" 或 "累计完成"。
 * @param [year] 年份；省略为上个月所在年份。
 * @param [month] 月份 1–12；省略为上个月（其他年份为 12 月）。
 * @returns 合计值；比率为数值（0.517 即 51.7%）。
 * @example =TUANJIAN.DISTRICT("完成率",2026,3) → 0.517
 */
export async function district(field: string, year?: number, month?: number): Promise<number> {
  const key = districtField(field);
  const summary = await summaryFor(year, month);
  const value = summary.totals[key];
  if (value === null) throw excelError('notAvailable', messages().noDistrictQuota(summary.year));
  return value;
}

/** Every function by its id in functions.json. */
export const CUSTOM_FUNCTIONS = {
  RATE: rate,
  COUNTED: counted,
  QUOTA: quota,
  RANK: rank,
  STATE: state,
  NEWTHISMONTH: newThisMonth,
  DISTRICT: district,
} as const;

/**
 * Binds the functions to their ids in the shared runtime. Returns false where there is no custom functions
 * runtime (a plain browser, Office without custom functions): the pane works on without them.
 */
export function registerCustomFunctions(): boolean {
  if (typeof CustomFunctions === 'undefined' || typeof CustomFunctions.associate !== 'function') return false;
  for (const [id, implementation] of Object.entries(CUSTOM_FUNCTIONS))
    CustomFunctions.associate(id, implementation);
  return true;
}
