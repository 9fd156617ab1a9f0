// Cell normalization: whatever a sheet cell holds → the text, number, boolean or date the validator expects.
import type { ColumnKind } from './columns';
import type { Cell } from './schemas';

const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/gu;
const WHITESPACE_RUN = /\s+/gu;
const MIN_YEAR = 1900;
const MAX_SERIAL = 2958465;
const DAY_MS = 86_400_000;
const SERIAL_EPOCH_BEFORE_MARCH_1900 = Date.UTC(1899, 11, 31);
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * NFKC, zero-width and bidi marks removed, trimmed, inner whitespace runs collapsed to one space.
 * @example normalizeText('  浦东\u200b  青年　１２ ') // => '浦东 青年 12'
 */
export function normalizeText(value: string): string {
  // Most cells are printable ASCII and common CJK ideographs with single spaces, which NFKC leaves as
  // they are: skip the four passes for them (the reader runs this on every cell of every row).
  if (PLAIN_TEXT.test(value)) return value;
  // Text that NFKC alone makes plain (full-width brackets, letters, digits) needs none of the other passes:
  // it had no invisible marks (NFKC keeps those) and has no whitespace to collapse or trim.
  const composed = value.normalize('NFKC');
  if (PLAIN_TEXT.test(composed)) return composed;
  return value.replace(INVISIBLE, '').normalize('NFKC').replace(WHITESPACE_RUN, ' ').trim();
}

/** Text normalizeText returns unchanged: ASCII printables and CJK ideographs, single inner spaces. */
export const PLAIN_TEXT =
  /^[\x21-\x7e\u3400-\u4dbf\u4e00-\u9fff]+(?: [\x21-\x7e\u3400-\u4dbf\u4e00-\u9fff]+)*$/;

/** Printable ASCII and the space: NFKC changes none of it, and the space is its only whitespace. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** normalizeText with every space removed, re-composed so that the result is stable under NFKC. */
function compactText(value: string): string {
  // Plain text stays plain without its spaces, and NFKC leaves plain text as it is.
  if (PLAIN_TEXT.test(value)) return value.replace(/ /g, '');
  return normalizeText(value).replace(WHITESPACE_RUN, '').normalize('NFKC');
}

/**
 * A header cell reduced for matching: NFKC, no whitespace or zero-width marks, no required/optional marker.
 * @example normalizeHeader(' 组织 名称（必填）') // => '组织名称'
 * @example normalizeHeader('＊建团状态') // => '建团状态'
 */
export function normalizeHeader(value: string): string {
  let header = value.replace(INVISIBLE, '').normalize('NFKC').replace(WHITESPACE_RUN, '');
  const marker = /^\*+|\*+$|[([【](?:必填|必填项|必选|必须|选填|非必填|可选|required|optional)[)\]】]$/iu;
  while (marker.test(header)) header = header.replace(marker, '');
  return header;
}

/**
 * A unified social credit code as typed: NFKC, upper-case, every whitespace removed.
 * @example normalizeCreditCode(' 91310115 mj4985617x ') // => '91310115MJ4985617X'
 */
export function normalizeCreditCode(value: string): string {
  // Codes are mostly typed in ASCII: then only spaces and case are left to fold.
  if (PRINTABLE_ASCII.test(value)) return value.replace(/ /g, '').toUpperCase();
  return value
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .replace(/[a-z]+/gu, (letters) => letters.toUpperCase())
    .replace(WHITESPACE_RUN, '')
    .normalize('NFKC');
}

export type DateParse = { ok: true; date: string } | { ok: false; reason: 'ambiguous' | 'invalid' };

const INVALID: DateParse = { ok: false, reason: 'invalid' };
const AMBIGUOUS: DateParse = { ok: false, reason: 'ambiguous' };

function isoDate(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The epoch milliseconds of a real Date (any realm), undefined for anything else. */
function dateTime(value: object): number | undefined {
  try {
    return Date.prototype.getTime.call(value);
  } catch {
    return undefined;
  }
}

function utcIsoDate(time: number): string | null {
  if (!Number.isFinite(time)) return null;
  const date = new Date(time);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/**
 * The calendar date of an Excel serial (1900 date system, Lotus's fictitious 1900-02-29 included), or
 * null outside 1 … 2958465 (1900-01-01 … 9999-12-31) and for serial 60, which is no real day.
 * A time-of-day fraction is ignored.
 * @example excelSerialToIsoDate(40722) // => '2011-06-28'
 * @example excelSerialToIsoDate(40722.75) // => '2011-06-28'
 */
export function excelSerialToIsoDate(serial: number): string | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (day < 1 || day > MAX_SERIAL || day === 60) return null;
  const epoch = day < 60 ? SERIAL_EPOCH_BEFORE_MARCH_1900 : SERIAL_EPOCH;
  return utcIsoDate(epoch + day * DAY_MS);
}

const TIME_SUFFIX = /[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?$/u;
const YMD_SEPARATED = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/u;
const YMD_CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/u;
const YMD_COMPACT = /^(\d{4})(\d{2})(\d{2})$/u;
const AMBIGUOUS_FORMS = [
  /^\d{1,2}([-/.])\d{1,2}\1(?:\d{2}|\d{4})$/u,
  /^\d{2}([-/.])\d{1,2}\1\d{1,2}$/u,
  /^\d{2}年\d{1,2}月\d{1,2}[日号]?$/u,
  /^\d{1,2}月\d{1,2}[日号]?$/u,
  /^\d{1,2}[-/]\d{1,2}$/u,
];

function parseDateText(text: string): DateParse {
  let datePart = normalizeText(text);
  const time = TIME_SUFFIX.exec(datePart);
  if (time) {
    const [, hours = '', minutes = '', seconds = '0'] = time;
    if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return INVALID;
    datePart = datePart.slice(0, time.index);
  }
  datePart = datePart.replace(WHITESPACE_RUN, '');
  const ymd = YMD_SEPARATED.exec(datePart) ?? YMD_CHINESE.exec(datePart) ?? YMD_COMPACT.exec(datePart);
  if (ymd) {
    const numbers = ymd.slice(1).filter((part) => /^\d+$/u.test(part));
    const [year = '', month = '', day = ''] = numbers;
    const date = isoDate(Number(year), Number(month), Number(day));
    return date === null ? INVALID : { ok: true, date };
  }
  return AMBIGUOUS_FORMS.some((form) => form.test(datePart)) ? AMBIGUOUS : INVALID;
}

/**
 * A date cell as YYYY-MM-DD when it is unambiguous: an Excel serial, a Date (UTC fields), YYYY-first text
 * (2011/6/28, 2011.6.28, 2011-06-28, 2011年6月28日, 20110628) or an 8-digit YYYYMMDD number.
 * Day-first, month-first and two-digit-year text is 'ambiguous'; anything else, numeric text included, 'invalid'.
 * @example parseDateCell('2011年6月28日') // => { ok: true, date: '2011-06-28' }
 * @example parseDateCell('6/28/2011') // => { ok: false, reason: 'ambiguous' }
 */
export function parseDateCell(value: unknown): DateParse {
  if (typeof value === 'number') {
    const date = excelSerialToIsoDate(value);
    if (date !== null) return { ok: true, date };
    if (Number.isInteger(value) && value > MAX_SERIAL) return parseDateText(String(value));
    return INVALID;
  }
  if (typeof value === 'string') return parseDateText(value);
  if (typeof value === 'object' && value !== null) {
    const time = dateTime(value);
    const date = time === undefined ? null : utcIsoDate(time);
    return date === null ? INVALID : { ok: true, date };
  }
  return INVALID;
}

/**
 * A whole number when the cell unambiguously holds one: an integer, or text such as '12', '１２', '12.0',
 * '1,200'; null otherwise ('12人', '3.5', '1,20').
 * @example parseIntegerCell(' 1,200 ') // => 1200
 * @example parseIntegerCell('12人') // => null
 */
export function parseIntegerCell(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value + 0 : null;
  if (typeof value !== 'string') return null;
  const match = /^([+-]?)(\d+|\d{1,3}(?:,\d{3})+)(?:\.0+)?$/u.exec(normalizeText(value));
  if (!match) return null;
  const [, sign = '', digits = ''] = match;
  const integer = Number(digits.replace(/,/g, ''));
  if (!Number.isSafeInteger(integer)) return null;
  return sign === '-' ? -integer + 0 : integer;
}

const YES = new Set(['是', 'Y', 'YES', '√', '✓', '✔', 'TRUE', '有', '1']);
const NO = new Set(['否', 'N', 'NO', '×', '✗', '✘', 'X', 'FALSE', '无', '0']);

/**
 * A yes/no cell as a boolean: 是/Y/YES/√/✓/✔/TRUE/有/1 and 否/N/NO/×/✗/✘/X/FALSE/无/0 in any case and width;
 * null for anything else.
 * @example parseYesNo(' ｙｅｓ ') // => true
 * @example parseYesNo('×') // => false
 */
export function parseYesNo(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'number' && typeof value !== 'string') return null;
  const answer = compactText(String(value))
    .replace(/[\ufe0e\ufe0f]/gu, '')
    .toUpperCase();
  if (YES.has(answer)) return true;
  if (NO.has(answer)) return false;
  return null;
}

/** What a cell shows as text: numbers as decimals, booleans as TRUE/FALSE, Dates as their UTC date. */
function cellText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'object': {
      if (value === null) return '';
      const time = dateTime(value);
      if (time === undefined) return '';
      if (!Number.isFinite(time)) return 'Invalid Date';
      const iso = new Date(time).toISOString();
      return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
    }
    default:
      return '';
  }
}

function orNull(text: string): string | null {
  return text === '' ? null : text;
}

/**
 * One cell normalized for its column kind (see the conventions the validator relies on): empty → null,
 * integers and dates parsed when unambiguous, yes/no as booleans, anything else as normalized text.
 * @example normalizeCell('date', 40722) // => '2011-06-28'
 * @example normalizeCell('integer', '１,２００') // => 1200
 * @example normalizeCell('enum', ' 已 建团 ') // => '已建团'
 * @example normalizeCell('integer', '12人') // => '12人'
 */
export function normalizeCell(kind: ColumnKind, value: unknown): Cell {
  switch (kind) {
    case 'text':
      return orNull(normalizeText(cellText(value)));
    case 'creditCode':
      return orNull(normalizeCreditCode(cellText(value)));
    case 'enum':
    case 'phone':
      return orNull(compactText(cellText(value)));
    case 'integer':
      return parseIntegerCell(value) ?? orNull(normalizeText(cellText(value)));
    case 'date': {
      const parsed = parseDateCell(value);
      return parsed.ok ? parsed.date : orNull(normalizeText(cellText(value)));
    }
    case 'yesNo':
      return parseYesNo(value) ?? orNull(normalizeText(cellText(value)));
  }
}
