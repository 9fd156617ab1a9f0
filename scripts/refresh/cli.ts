// `npm run refresh -- --workbook FILE.xlsx --server URL --token TOKEN [--upload] [--month YYYY-MM]`: for cron and Task Scheduler.
import { type CliLang, cliLanguage, HELP, parseRefreshArgs, UsageError } from './args';
import { EXIT_USAGE, refreshWorkbook } from './refresh';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let lang: CliLang = 'zh';
  let parsed: ReturnType<typeof parseRefreshArgs>;
  try {
    lang = cliLanguage(argv, process.env);
    parsed = parseRefreshArgs(argv, process.env, new Date());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`✗ ${lang === 'en' ? error.messageEn : error.message}`);
    console.error(lang === 'en' ? 'See --help for usage.' : '用 --help 查看用法。');
    return EXIT_USAGE;
  }
  if (parsed.kind === 'help') {
    console.log(HELP);
    return 0;
  }
  return refreshWorkbook(parsed.options, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    now: () => new Date(),
  });
}

process.exitCode = await main();
