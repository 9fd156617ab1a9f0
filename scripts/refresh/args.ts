// The refresh command line: options, defaults (last month in Asia/Shanghai) and the help text.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { previousMonth } from '@tuanjian/shared';

/** The language of the report: one per line, from --lang or the environment's LANG. */
export type CliLang = 'zh' | 'en';

export interface RefreshOptions {
  /** Absolute path of the .xlsx file. */
  workbook: string;
  /** The server's origin, without /api/v1. */
  server: string;
  token: string;
  upload: boolean;
  year: number;
  month: number;
  /** The tracking sheet's name; null: the first sheet with a tracking-sheet header. */
  sheet: string | null;
  /** The unit an admin token uploads for; null: the unit every row's 所属单位 names. */
  unit: string | null;
  /** How many organizations the upload may remove (the dry run's count); null: none. */
  allowRemovals: number | null;
  lang: CliLang;
}

export type ParsedArgs = { kind: 'help' } | { kind: 'run'; options: RefreshOptions };

/** A command line that cannot run (exit code 2), with the reason in Chinese and English. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

export const HELP = `团建台账 · 无人值守刷新工作簿 / League Building Tracker · headless workbook refresh

用法 / Usage:
  npm run refresh -- --workbook 文件.xlsx --server URL --token 令牌 [--upload] [--month YYYY-MM]
                     [--sheet 工作表] [--unit 单位代码] [--allow-removals N] [--lang zh|en]

读取工作簿中的团建台账并逐格校验；加 --upload 时上传到服务器；然后把该月的月度通报写入（或替换）
同一工作簿中的通报工作表（通报YYYY-MM），其余工作表保持不变。出错时给出报告，文件不做任何改动。
Reads the tracking sheet and validates it cell by cell; with --upload, uploads it; then writes (or replaces)
the month's bulletin sheet (通报YYYY-MM) in the same workbook, leaving every other sheet as it is. On any
error it prints a report and leaves the file untouched.

选项 / Options:
  -w, --workbook 文件   要刷新的 .xlsx 文件 / the .xlsx file to refresh
  -s, --server URL      服务器地址，如 http://127.0.0.1:8787（可省略 http://）
                        the server, e.g. http://127.0.0.1:8787 (http:// may be left out)
  -t, --token 令牌      访问令牌；也可用环境变量 TUANJIAN_TOKEN（不会出现在进程列表中）
                        access token; or the TUANJIAN_TOKEN environment variable (kept out of ps)
      --upload          校验通过后上传台账（重复运行不会重复计数）
                        upload the ledger once it validates (reruns never count twice)
      --month YYYY-MM   通报月份，默认上海时间的上个月 / bulletin month, default last month (Asia/Shanghai)
      --sheet 工作表    台账工作表名称，默认第一个带台账表头的工作表
                        the tracking sheet; default the first sheet with a tracking-sheet header
      --unit 单位代码   管理员令牌上传时的单位，默认取台账“所属单位”列的唯一单位
                        with an admin token, the unit to upload for; default the one unit the rows name
      --allow-removals N
                        上传会从台账中删除组织时，确认删除的个数（须与预检结果一致）；不加时如有删除则不上传
                        confirm that the upload removes N organizations (the dry run's count); without it an
                        upload that removes any is not sent
      --lang zh|en      报告的语言，默认按环境变量 LANG（en_* 为英文，其余为中文）
                        the report's language; default from LANG (en_* English, otherwise Chinese)
  -h, --help            显示本帮助 / show this help

退出码 / Exit codes:
  0 成功 / done   1 校验未通过或被拒绝 / validation failed or refused
  2 用法错误 / usage error   3 无法连接服务器或其他错误 / server unreachable or other failure`;

/** Year and month before the Asia/Shanghai month of `now`. */
export const previousShanghaiMonth = previousMonth;

function parseMonth(text: string): { year: number; month: number } {
  const match = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || year < 2000 || year > 2100 || month < 1 || month > 12)
    throw new UsageError(
      `--month 应为 YYYY-MM（如 2026-10），收到“${text}”`,
      `--month must be YYYY-MM (e.g. 2026-10), got “${text}”`,
    );
  return { year, month };
}

function parseServer(text: string): string {
  // `127.0.0.1:8787` and `server.example.org` as typed: http:// is assumed (the local worker speaks plain HTTP).
  const written = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(written) ? written : `http://${written}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`--server 不是有效的网址：“${text}”`, `--server is not a valid URL: “${text}”`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(
      '--server 须以 http:// 或 https:// 开头',
      '--server must start with http:// or https://',
    );
  // Accept the API's own address too: the client adds /api/v1 itself.
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}`;
}

/**
 * The options of a command line (without the node and script arguments).
 * @throws UsageError for unknown options, missing or malformed values.
 * @example
 * parseRefreshArgs(['--workbook', 'a.xlsx', '--server', 'http://127.0.0.1:8787', '--token', 't'], {}, new Date());
 */
export function parseRefreshArgs(
  argv: string[],
  env: Record<string, string | undefined>,
  now: Date,
): ParsedArgs {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const guess = didYouMean(reason);
    throw new UsageError(
      `命令行有误：${reason}${guess ? `（是不是 ${guess}？）` : ''}`,
      `Bad command line: ${reason}${guess ? ` (did you mean ${guess}?)` : ''}`,
    );
  }
  if (values.help) return { kind: 'help' };
  const token = values.token ?? env.TUANJIAN_TOKEN;
  const missing = [
    values.workbook ? null : '--workbook',
    values.server ? null : '--server',
    token ? null : '--token',
  ].filter((name) => name !== null);
  if (missing.length > 0 || !values.workbook || !values.server || !token)
    throw new UsageError(
      `缺少必填选项：${missing.join('、')}`,
      `Missing required options: ${missing.join(', ')}`,
    );
  const period = values.month === undefined ? previousShanghaiMonth(now) : parseMonth(values.month);
  return {
    kind: 'run',
    options: {
      // `npm run` starts scripts in the project folder; a relative path means the caller's folder (INIT_CWD).
      workbook: path.resolve(env.INIT_CWD ?? process.cwd(), values.workbook),
      server: parseServer(values.server),
      token,
      upload: values.upload ?? false,
      year: period.year,
      month: period.month,
      sheet: values.sheet ?? null,
      unit: values.unit ?? null,
      allowRemovals: values['allow-removals'] === undefined ? null : parseCount(values['allow-removals']),
      lang: cliLanguage(argv, env),
    },
  };
}

function parseCount(text: string): number {
  const count = Number(text.trim());
  if (!/^\d{1,7}$/.test(text.trim()) || !Number.isInteger(count))
    throw new UsageError(
      `--allow-removals 应为删除的组织个数（如 3），收到“${text}”`,
      `--allow-removals must be the number of organizations removed (e.g. 3), got “${text}”`,
    );
  return count;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      workbook: { type: 'string', short: 'w' },
      server: { type: 'string', short: 's' },
      token: { type: 'string', short: 't' },
      upload: { type: 'boolean' },
      month: { type: 'string' },
      sheet: { type: 'string' },
      unit: { type: 'string' },
      'allow-removals': { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

const OPTION_NAMES = [
  'workbook',
  'server',
  'token',
  'upload',
  'month',
  'sheet',
  'unit',
  'allow-removals',
  'lang',
  'help',
];

/** Edits (insert, delete, replace) between two short words. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The option an unknown one was probably meant to be: `--wrokbook` → `--workbook`.
 * @example didYouMean("Unknown option '--wrokbook'") // => '--workbook'
 */
export function didYouMean(reason: string): string | null {
  const typed = /Unknown option '-{1,2}([^'=]+)/.exec(reason)?.[1]?.toLowerCase();
  if (!typed) return null;
  let best: { name: string; edits: number } | null = null;
  for (const name of OPTION_NAMES) {
    const edits = distance(typed, name);
    if (best === null || edits < best.edits) best = { name, edits };
  }
  // At most a third of the word wrong (two edits for --workbook), and something must match.
  return best && best.edits > 0 && best.edits <= Math.max(1, Math.floor(best.name.length / 3))
    ? `--${best.name}`
    : null;
}

/**
 * The report's language: --lang zh|en (zh-CN, en_US… too), else the environment (LC_ALL, LC_MESSAGES,
 * LANG: en… is English), else Chinese. Read before the other options, so a usage error speaks it too.
 * @throws UsageError for a --lang that is neither.
 */
export function cliLanguage(argv: readonly string[], env: Record<string, string | undefined>): CliLang {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const given = at < 0 ? undefined : argv[at]?.includes('=') ? argv[at]?.split('=')[1] : argv[at + 1];
  if (given !== undefined) {
    const lang = given.trim().toLowerCase();
    if (lang.startsWith('zh')) return 'zh';
    if (lang.startsWith('en')) return 'en';
    throw new UsageError(`--lang 应为 zh 或 en，收到“${given}”`, `--lang must be zh or en, got “${given}”`);
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('en') ? 'en' : 'zh';
}
