// The refresh command line: required options, defaults and usage errors.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRefreshArgs, previousShanghaiMonth, UsageError } from './args';

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
      },
    });
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
    [[...required, 'extra.xlsx'], /命令行有误/],
    [['--workbook', 'a.xlsx', '--server', 'ftp://x', '--token', 't'], /http:\/\/ 或 https:\/\//],
  ])('refuses %j', (argv, message) => {
    expect(() => parseRefreshArgs(argv, {}, now)).toThrow(UsageError);
    expect(() => parseRefreshArgs(argv, {}, now)).toThrow(message);
  });
});

describe('previousShanghaiMonth', () => {
  it('turns over at Shanghai midnight, not UTC midnight', () => {
    expect(previousShanghaiMonth(new Date('2026-11-30T16:00:00Z'))).toEqual({ year: 2026, month: 11 });
    expect(previousShanghaiMonth(new Date('2026-11-30T15:59:59Z'))).toEqual({ year: 2026, month: 10 });
    expect(previousShanghaiMonth(new Date('2026-12-31T16:30:00Z'))).toEqual({ year: 2026, month: 12 });
  });
});
