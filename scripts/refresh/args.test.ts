// The refresh command line: required options, defaults and usage errors.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliLanguage, didYouMean, parseRefreshArgs, previousShanghaiMonth, UsageError } from './args';

const now = new Date('2026-11-25T03:00:00Z');
const required = ['--workbook', 'ledger.xlsx', '--server', 'http://127.0.0.1:8787', '--token', 'tj_x'];

describe('parseRefreshArgs', () => {
  it('defaults to last month in Asia/Shanghai, no upload, the first tracking sheet and the rows’ unit', () => {
    expect(parseRefreshArgs(required, { INIT_CWD: '/data/jobs' }, now)).toEqual({
      kind: 'run',
      options: {
        workbook: path.resolve('/data/jobs/ledger.xlsx'),
        server: 'http://127.0.0.1:8787',
        token: 'tj_x',
        upload: false,
        year: 2026,
        month: 10,
        sheet: null,
        unit: null,
        allowRemovals: null,
        lang: 'zh',
      },
    });
  });

  it('takes host:port and a bare host name as the server, over http', () => {
    const server = (text: string) => {
      const parsed = parseRefreshArgs(['-w', 'a.xlsx', '-s', text, '-t', 't'], {}, now);
      return parsed.kind === 'run' ? parsed.options.server : null;
    };
    expect(server('127.0.0.1:8803')).toBe('http://127.0.0.1:8803');
    expect(server('localhost:8787')).toBe('http://localhost:8787');
    expect(server('tuanjian.example.org/api/v1')).toBe('http://tuanjian.example.org');
    expect(server('https://tuanjian.example.org')).toBe('https://tuanjian.example.org');
  });

  it('takes the month, upload, sheet, unit, and the token from TUANJIAN_TOKEN; the API address works too', () => {
    const parsed = parseRefreshArgs(
      [
        '-w',
        '/tmp/a.xlsx',
        '-s',
        'https://tuanjian.example.org/api/v1/',
        '--upload',
        '--month',
        '2026-3',
        '--sheet',
        '团建台账',
        '--unit',
        'LJZ',
        '--allow-removals',
        '3',
      ],
      { TUANJIAN_TOKEN: 'tj_env' },
      now,
    );
    expect(parsed).toMatchObject({
      kind: 'run',
      options: {
        server: 'https://tuanjian.example.org',
        token: 'tj_env',
        upload: true,
        year: 2026,
        month: 3,
        sheet: '团建台账',
        unit: 'LJZ',
        allowRemovals: 3,
      },
    });
    expect(() => parseRefreshArgs([...required, '--allow-removals', 'all'], {}, now)).toThrow(
      /--allow-removals/,
    );
  });

  it('answers --help before checking anything else', () => {
    expect(parseRefreshArgs(['--help'], {}, now)).toEqual({ kind: 'help' });
  });

  it.each([
    [[], /--workbook、--server、--token/],
    [[...required, '--month', '2026-13'], /--month 应为 YYYY-MM/],
    [[...required, '--month', '10/2026'], /--month 应为 YYYY-MM/],
    [[...required, '--colour'], /命令行有误/],
    [[...required, '--wrokbook', 'b.xlsx'], /是不是 --workbook？/],
    [[...required, '--allow-removal', '2'], /是不是 --allow-removals？/],
    [[...required, '--lang', 'fr'], /--lang 应为 zh 或 en/],
    [[...required, 'extra.xlsx'], /命令行有误/],
    [['--workbook', 'a.xlsx', '--server', 'ftp://x', '--token', 't'], /http:\/\/ 或 https:\/\//],
  ])('refuses %j', (argv, message) => {
    expect(() => parseRefreshArgs(argv, {}, now)).toThrow(UsageError);
    expect(() => parseRefreshArgs(argv, {}, now)).toThrow(message);
  });
});

describe('the report’s language and near-miss options', () => {
  it('speaks --lang, else LC_ALL, LC_MESSAGES or LANG (en… is English), else Chinese', () => {
    expect(cliLanguage([], {})).toBe('zh');
    expect(cliLanguage([], { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(cliLanguage([], { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(cliLanguage([], { LC_ALL: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(cliLanguage(['--lang', 'zh-CN'], { LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(cliLanguage(['--lang=en'], {})).toBe('en');
    const parsed = parseRefreshArgs([...required, '--lang', 'en'], {}, now);
    expect(parsed.kind === 'run' && parsed.options.lang).toBe('en');
  });

  it('suggests the option a typo was meant to be, and nothing for a word far from all of them', () => {
    expect(didYouMean("Unknown option '--wrokbook'. To specify a positional argument…")).toBe('--workbook');
    expect(didYouMean("Unknown option '--servr'")).toBe('--server');
    expect(didYouMean("Unknown option '--colour'")).toBeNull();
    expect(didYouMean('Unexpected argument')).toBeNull();
  });
});

describe('previousShanghaiMonth', () => {
  it('turns over at Shanghai midnight, not UTC midnight', () => {
    expect(previousShanghaiMonth(new Date('2026-11-30T16:00:00Z'))).toEqual({ year: 2026, month: 11 });
    expect(previousShanghaiMonth(new Date('2026-11-30T15:59:59Z'))).toEqual({ year: 2026, month: 10 });
    expect(previousShanghaiMonth(new Date('2026-12-31T16:30:00Z'))).toEqual({ year: 2026, month: 12 });
  });
});
