// `npm run refresh -- --workbook FILE.xlsx --server URL --token TOKEN [--upload] [--month YYYY-MM]`: for cron and Task Scheduler.
import { HELP, parseRefreshArgs, UsageError } from './args';
import { EXIT_USAGE, refreshWorkbook } from './refresh';

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseRefreshArgs>;
  try {
    parsed = parseRefreshArgs(process.argv.slice(2), process.env, new Date());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`✗ ${error.message} / ${error.messageEn}`);
    console.error('用 --help 查看用法 / See --help for usage.');
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
