import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ColumnKind } from './columns';
import {
  excelSerialToIsoDate,
  normalizeCell,
  normalizeCreditCode,
  normalizeHeader,
  normalizeText,
  parseDateCell,
  parseIntegerCell,
  parseYesNo,
} from './normalize';

const KINDS: readonly ColumnKind[] = ['text', 'creditCode', 'enum', 'integer', 'date', 'yesNo', 'phone'];

const toFullWidth = (text: string): string =>
  text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));

describe('normalizeText', () => {
  it.each([
    ['  浦东新区  青年志愿者协会 ', '浦东新区 青年志愿者协会'],
    ['浦东\u200b青年\ufeff', '浦东青年'],
    ['\u202a花木街道\u202c', '花木街道'],
    ['浦东\u3000青年', '浦东 青年'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['第一行\n\t第二行', '第一行 第二行'],
    ['\u00a0', ''],
    ['', ''],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is idempotent on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(normalizeText(normalizeText(text))).toBe(normalizeText(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('normalizeHeader', () => {
  it.each([
    ['组织名称', '组织名称'],
    [' 组织 名称 ', '组织名称'],
    ['组织\n名称', '组织名称'],
    ['组织名称*', '组织名称'],
    ['*组织名称', '组织名称'],
    ['＊组织名称', '组织名称'],
    ['组织名称（必填）', '组织名称'],
    ['组织名称(必填)*', '组织名称'],
    ['信用代码【选填】', '信用代码'],
    ['组织名称\u200b', '组织名称'],
    ['组织名称（全称）', '组织名称(全称)'],
  ])('reduces header %j to %j', (input, expected) => {
    expect(normalizeHeader(input)).toBe(expected);
  });
});

describe('normalizeCreditCode', () => {
  it.each([
    ['51310115MJ4985617X', '51310115MJ4985617X'],
    [' 51310115 mj4985617x ', '51310115MJ4985617X'],
    ['５１３１０１１５ＭＪ４９８５６１７Ｘ', '51310115MJ4985617X'],
    ['5131 0115\u3000MJ49\u200b85617x', '51310115MJ4985617X'],
  ])('normalizes credit code %j to %j', (input, expected) => {
    expect(normalizeCreditCode(input)).toBe(expected);
  });
});

describe('excelSerialToIsoDate', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [40722, '2011-06-28'],
    [40722.999, '2011-06-28'],
    [40968, '2012-02-29'],
    [2958465, '9999-12-31'],
  ])('reads serial %j as %j', (serial, expected) => {
    expect(excelSerialToIsoDate(serial)).toBe(expected);
  });

  it.each([
    [60, 'the fictitious 1900-02-29'],
    [0, 'zero'],
    [0.5, 'a time without a day'],
    [-1, 'a negative serial'],
    [2958466, 'a serial past 9999-12-31'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('gives no date for %j (%s)', (serial) => {
    expect(excelSerialToIsoDate(serial)).toBeNull();
  });
});

describe('parseDateCell', () => {
  it.each<[unknown, string]>([
    [40722, '2011-06-28'],
    [40722.5, '2011-06-28'],
    [20110628, '2011-06-28'],
    [new Date(Date.UTC(2011, 5, 28)), '2011-06-28'],
    [new Date(Date.UTC(2011, 5, 28, 23, 59)), '2011-06-28'],
    ['2011/6/28', '2011-06-28'],
    ['2011.6.28', '2011-06-28'],
    ['2011-06-28', '2011-06-28'],
    ['2011-6-28', '2011-06-28'],
    ['2011/06/08', '2011-06-08'],
    ['2011年6月28日', '2011-06-28'],
    ['2011年6月28号', '2011-06-28'],
    ['2011年06月28日', '2011-06-28'],
    ['2011 年 6 月 28 日', '2011-06-28'],
    ['２０１１年６月２８日', '2011-06-28'],
    ['２０１１／６／２８', '2011-06-28'],
    ['２０１１－０６－２８', '2011-06-28'],
    ['20110628', '2011-06-28'],
    ['２０１１０６２８', '2011-06-28'],
    [' 2011/6/28 ', '2011-06-28'],
    ['2011/6/28 0:00:00', '2011-06-28'],
    ['2011-06-28 14:30', '2011-06-28'],
    ['2011-06-28T14:30:00.000', '2011-06-28'],
    ['2012-02-29', '2012-02-29'],
    ['2000-02-29', '2000-02-29'],
  ])('reads %j as %s', (value, date) => {
    expect(parseDateCell(value)).toEqual({ ok: true, date });
  });

  it.each<[unknown]>([
    ['28/6/2011'],
    ['6/28/2011'],
    ['1/2/2011'],
    ['1-2-2011'],
    ['28.6.2011'],
    ['6/28/11'],
    ['11/6/28'],
    ['11-06-28'],
    ['11年6月28日'],
    ['6月28日'],
    ['6/28'],
  ])('calls %j ambiguous', (value) => {
    expect(parseDateCell(value)).toEqual({ ok: false, reason: 'ambiguous' });
  });

  it.each<[unknown]>([
    ['2011-02-30'],
    ['2011-02-29'],
    ['1900-02-29'],
    ['2011-13-01'],
    ['2011-00-10'],
    ['2011/6-28'],
    ['1899-12-31'],
    ['40722'],
    ['110628'],
    ['20110230'],
    ['2011-06-28T14:30:00Z'],
    ['2011-06-28 25:00'],
    ['二〇一一年六月二十八日'],
    ['去年'],
    [''],
    [60],
    [0],
    [-3],
    [Number.NaN],
    [20110230],
    [new Date(Number.NaN)],
    [new Date(Date.UTC(1899, 11, 31))],
    [true],
    [null],
    [undefined],
    [{}],
  ])('rejects %j as invalid', (value) => {
    expect(parseDateCell(value)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('never accepts day-first, month-first or two-digit-year text', () => {
    const day = fc.integer({ min: 1, max: 31 });
    const month = fc.integer({ min: 1, max: 12 });
    const year = fc.integer({ min: 1900, max: 2099 });
    const separator = fc.constantFrom('/', '-', '.');
    const pad = fc.boolean();
    const twoDigits = (n: number, padded: boolean) => (padded ? String(n).padStart(2, '0') : String(n));
    const text = fc.oneof(
      fc
        .tuple(day, month, year, separator, pad)
        .map(([d, m, y, s, p]) => `${twoDigits(d, p)}${s}${twoDigits(m, p)}${s}${y}`),
      fc
        .tuple(day, month, year, separator, pad)
        .map(
          ([d, m, y, s, p]) =>
            `${twoDigits(m, p)}${s}${twoDigits(d, p)}${s}${String(y % 100).padStart(2, '0')}`,
        ),
      fc
        .tuple(day, month, year, separator, pad)
        .map(
          ([d, m, y, s, p]) =>
            `${String(y % 100).padStart(2, '0')}${s}${twoDigits(m, p)}${s}${twoDigits(d, p)}`,
        ),
      fc.tuple(day, month, year).map(([d, m, y]) => `${String(y % 100).padStart(2, '0')}年${m}月${d}日`),
    );
    fc.assert(
      fc.property(text, fc.boolean(), (value, fullWidth) => {
        expect(parseDateCell(fullWidth ? toFullWidth(value) : value).ok).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with the calendar on every YYYY-M-D text', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (day) => {
          const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
          const iso = day.toISOString().slice(0, 10);
          expect(parseDateCell(`${y}/${m}/${d}`)).toEqual({ ok: true, date: iso });
          expect(parseDateCell(`${y}年${m}月${d}日`)).toEqual({ ok: true, date: iso });
          expect(parseDateCell(day)).toEqual({ ok: true, date: iso });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseIntegerCell', () => {
  it.each<[unknown, number]>([
    [12, 12],
    [0, 0],
    [-0, 0],
    [-3, -3],
    ['12', 12],
    ['１２', 12],
    [' 12 ', 12],
    ['12.0', 12],
    ['12.00', 12],
    ['1,200', 1200],
    ['１，２００', 1200],
    ['1,234,567', 1234567],
    ['1,200.0', 1200],
    ['012', 12],
    ['-3', -3],
    ['+7', 7],
  ])('reads %j as %j', (value, integer) => {
    expect(parseIntegerCell(value)).toBe(integer);
  });

  it.each<[unknown]>([
    ['12人'],
    ['约12'],
    ['3.5'],
    [3.5],
    ['1,20'],
    ['12,00'],
    ['1,2000'],
    [',120'],
    ['1 200'],
    ['1e3'],
    ['12.'],
    ['.0'],
    ['十二'],
    ['99999999999999999999'],
    [2 ** 53],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [''],
    [true],
    [null],
    [new Date(0)],
  ])('does not take %j for an integer', (value) => {
    expect(parseIntegerCell(value)).toBeNull();
  });
});

describe('parseYesNo', () => {
  it.each<[unknown, boolean]>([
    ['是', true],
    ['Y', true],
    ['y', true],
    ['YES', true],
    ['Yes', true],
    ['ｙｅｓ', true],
    ['√', true],
    ['✓', true],
    ['✔', true],
    ['✔\ufe0f', true],
    ['TRUE', true],
    ['true', true],
    ['有', true],
    ['1', true],
    ['１', true],
    [1, true],
    [true, true],
    [' 是 ', true],
    ['否', false],
    ['N', false],
    ['no', false],
    ['NO', false],
    ['×', false],
    ['✗', false],
    ['✘', false],
    ['X', false],
    ['x', false],
    ['FALSE', false],
    ['无', false],
    ['0', false],
    [0, false],
    [false, false],
  ])('reads %j as %j', (value, answer) => {
    expect(parseYesNo(value)).toBe(answer);
  });

  it.each<[unknown]>([['是的'], ['不是'], ['2'], [2], ['未知'], [''], [null], [new Date(0)]])(
    'has no answer for %j',
    (value) => {
      expect(parseYesNo(value)).toBeNull();
    },
  );
});

describe('normalizeCell', () => {
  const emptyCells: unknown[] = ['', '   ', '\u3000', '\u200b', null, undefined];
  it.each(KINDS.flatMap((kind) => emptyCells.map((value): [ColumnKind, unknown] => [kind, value])))(
    'leaves a %s cell holding %j empty',
    (kind, value) => {
      expect(normalizeCell(kind, value)).toBeNull();
    },
  );

  it.each<[ColumnKind, unknown, unknown]>([
    ['text', ' 浦东新区  青年志愿者协会 ', '浦东新区 青年志愿者协会'],
    ['text', 'ＡＢＣ青年社', 'ABC青年社'],
    ['text', 12, '12'],
    ['text', 3.5, '3.5'],
    ['text', true, 'TRUE'],
    ['text', false, 'FALSE'],
    ['text', new Date(Date.UTC(2011, 5, 28)), '2011-06-28'],
    ['text', {}, null],
    ['creditCode', ' 51310115 mj4985617x ', '51310115MJ4985617X'],
    ['creditCode', '５１３１０１１５ＭＪ４９８５６１７Ｘ', '51310115MJ4985617X'],
    ['creditCode', 123456, '123456'],
    ['enum', '已 建团', '已建团'],
    ['enum', ' 已建团 ', '已建团'],
    ['enum', '民办 非企业 单位', '民办非企业单位'],
    ['enum', '已建', '已建'],
    ['enum', 3, '3'],
    ['integer', 12, 12],
    ['integer', '１２', 12],
    ['integer', ' 12 ', 12],
    ['integer', '12.0', 12],
    ['integer', '1,200', 1200],
    ['integer', -3, -3],
    ['integer', '-3', -3],
    ['integer', '12人', '12人'],
    ['integer', ' 12 人 ', '12 人'],
    ['integer', 3.5, '3.5'],
    ['integer', '3.5', '3.5'],
    ['integer', '1,20', '1,20'],
    ['integer', true, 'TRUE'],
    ['date', 40722, '2011-06-28'],
    ['date', 40722.4375, '2011-06-28'],
    ['date', new Date(Date.UTC(2011, 5, 28)), '2011-06-28'],
    ['date', '2011/6/28', '2011-06-28'],
    ['date', '2011.6.28', '2011-06-28'],
    ['date', '2011年6月28日', '2011-06-28'],
    ['date', '２０１１年６月２８号', '2011-06-28'],
    ['date', '20110628', '2011-06-28'],
    ['date', '28/6/2011', '28/6/2011'],
    ['date', ' 6/28/11 ', '6/28/11'],
    ['date', '40722', '40722'],
    ['date', '２０１１－０２－３０', '2011-02-30'],
    ['date', 0, '0'],
    ['date', -5, '-5'],
    ['date', new Date(Number.NaN), 'Invalid Date'],
    ['date', '待定', '待定'],
    ['yesNo', '是', true],
    ['yesNo', '√', true],
    ['yesNo', 'y', true],
    ['yesNo', '否', false],
    ['yesNo', '×', false],
    ['yesNo', false, false],
    ['yesNo', ' 是的 ', '是的'],
    ['yesNo', 2, '2'],
    ['phone', 13812345678, '13812345678'],
    ['phone', '138 1234 5678', '13812345678'],
    ['phone', '１３８１２３４５６７８', '13812345678'],
    ['phone', '021-5888 1234', '021-58881234'],
    ['phone', '(021)58881234转801', '(021)58881234转801'],
  ])('normalizes a %s cell holding %j to %j', (kind, value, expected) => {
    expect(normalizeCell(kind, value)).toEqual(expected);
  });

  const dateText = fc
    .tuple(
      fc.integer({ min: 0, max: 2100 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.constantFrom('/', '-', '.', '年', ''),
      fc.boolean(),
    )
    .map(([y, m, d, s, fullWidth]) => {
      const text = s === '年' ? `${y}年${m}月${d}日` : `${y}${s}${m}${s}${d}`;
      return fullWidth ? toFullWidth(text) : text;
    });
  const anyCell = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.date(),
    dateText,
  );

  it('is idempotent for every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), anyCell, (kind, value) => {
        const once = normalizeCell(kind, value);
        expect(normalizeCell(kind, once)).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });

  it('only ever yields text, a finite integer, a boolean, a YYYY-MM-DD date or null', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.oneof(anyCell, fc.anything()), (kind, value) => {
        const cell = normalizeCell(kind, value);
        if (typeof cell === 'number') expect(Number.isSafeInteger(cell)).toBe(true);
        if (typeof cell === 'string') expect(cell).not.toBe('');
        if (typeof cell === 'boolean') expect(kind).toBe('yesNo');
        if (kind === 'date' && typeof cell === 'string' && parseDateCell(cell).ok) {
          expect(cell).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizeText fast path', () => {
  const slow = (value: string) =>
    value
      .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/gu, '')
      .normalize('NFKC')
      .replace(/\s+/gu, ' ')
      .trim();

  it('gives what the four full passes give, for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.constantFrom('浦东 青年', 'ABC（1）', ' a '),
          fc
            .array(
              fc.constantFrom(
                '浦东',
                'ａ',
                'Ｂ',
                '１',
                '（',
                '）',
                ' ',
                '\u3000',
                '\u200b',
                '\ufeff',
                'e',
                '\u0301',
                '\t',
              ),
              { maxLength: 10 },
            )
            .map((pieces) => pieces.join('')),
        ),
        (value) => {
          expect(normalizeText(value)).toBe(slow(value));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('normalizeCreditCode and compact cells: the ASCII fast paths', () => {
  const invisible = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/gu;
  const slowCode = (value: string) =>
    value
      .replace(invisible, '')
      .normalize('NFKC')
      .replace(/[a-z]+/gu, (letters) => letters.toUpperCase())
      .replace(/\s+/gu, '')
      .normalize('NFKC');
  const slowCompact = (value: string) => {
    const text = value.replace(invisible, '').normalize('NFKC').replace(/\s+/gu, ' ').trim();
    return text.replace(/\s+/gu, '').normalize('NFKC');
  };
  const piece = fc.constantFrom(
    ' ',
    '  ',
    '\t',
    '\u3000',
    '\u200b',
    'a',
    'Z',
    '9',
    'ｍ',
    '１',
    '浦东',
    '（',
    '-',
    '\u0301',
  );
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')),
  );

  it('gives what the full passes give, for any text', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(normalizeCreditCode(value)).toBe(slowCode(value));
        expect(normalizeCell('phone', value)).toBe(slowCompact(value) || null);
        expect(normalizeCell('enum', value)).toBe(slowCompact(value) || null);
      }),
      { numRuns: 500 },
    );
  });
});
