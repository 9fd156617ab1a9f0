// 配额 (admins): write a year's quota sheet, and upload the filled-in sheet with row-located problems.
import { z } from 'zod';
import { ApiClientError } from '../../api/client';
import type { ExcelPort, PaneContext, Session } from '../../ui/context';
import { pickerYears, shanghaiMonth } from '../../ui/dates';
import { type Child, h } from '../../ui/dom';
import { actionButton, actionRow, field, noticeView, prerequisites, select } from '../../ui/widgets';
import { parseQuotaRows, type QuotaEntry, type QuotaProblem } from '../quota-rows';

const TAB = 'quota';

/** PUT /quotas/{year} refuses unknown or repeated units with their index in the request. */
const QuotaRefusalSchema = z.object({
  problems: z.array(z.object({ index: z.number().int(), unitCode: z.string(), message: z.string() })),
});

/** What the 配额 tab remembers between renders. */
interface QuotaState {
  year: number;
  /** The last sheet's problems, listed under it. */
  problems: { sheetName: string; list: QuotaProblem[] } | null;
}

async function writeSheet(
  ctx: PaneContext,
  state: QuotaState,
  excel: ExcelPort,
  session: Session,
): Promise<void> {
  state.problems = null;
  const { quotas } = await session.client.quotas(state.year);
  const sheet = await excel.writeQuotaSheet(session.units, quotas, state.year);
  ctx.notify(TAB, { kind: 'success', summary: (m) => m.quota.written(sheet.sheetName, sheet.rowCount) });
}

/** The server's refusal as problems on the rows the refused entries came from. */
function refusalProblems(error: ApiClientError, entries: readonly QuotaEntry[]): QuotaProblem[] | null {
  const parsed = QuotaRefusalSchema.safeParse(error.details);
  if (!parsed.success) return null;
  return parsed.data.problems.map((problem) => ({
    row: entries[problem.index]?.row ?? 0,
    text: () => problem.message,
  }));
}

async function uploadSheet(
  ctx: PaneContext,
  state: QuotaState,
  excel: ExcelPort,
  session: Session,
): Promise<void> {
  state.problems = null;
  const sheet = await excel.readQuotaSheet();
  const parsed = parseQuotaRows(sheet.rows, session.units, state.year);
  if (parsed.problems.length > 0) {
    state.problems = { sheetName: sheet.sheetName, list: parsed.problems };
    ctx.notify(TAB, { kind: 'error', summary: (m) => m.quota.problems(parsed.problems.length) });
    return;
  }
  if (parsed.quotas.length === 0) {
    ctx.notify(TAB, { kind: 'warning', summary: (m) => m.quota.nothingToUpload });
    return;
  }
  try {
    await session.client.setQuotas(
      state.year,
      parsed.quotas.map(({ unitCode, quota }) => ({ unitCode, quota })),
    );
  } catch (error) {
    const refused =
      error instanceof ApiClientError && error.code === 'validation_failed'
        ? refusalProblems(error, parsed.quotas)
        : null;
    if (!refused) throw error;
    state.problems = { sheetName: sheet.sheetName, list: refused };
    ctx.notify(TAB, { kind: 'error', summary: (m) => m.quota.problems(refused.length) });
    return;
  }
  ctx.notify(TAB, { kind: 'success', summary: (m) => m.quota.uploaded(parsed.quotas.length, state.year) });
}

function renderQuotaView(ctx: PaneContext, state: QuotaState): Child {
  const m = ctx.m();
  const excel = ctx.excel;
  const session = ctx.session();
  const head: Child = [
    h('h2', { class: 'panel__heading' }, m.quota.heading),
    h('p', { class: 'intro' }, m.quota.intro),
  ];
  const missing = prerequisites(ctx, TAB, { excel: true, connection: true });
  if (!excel || !session || missing) return [head, missing];
  if (session.me.role !== 'admin') return [head, h('p', { class: 'hint' }, m.quota.adminOnly)];
  const current = state.problems;
  return [
    head,
    field(
      'quota-year',
      m.quota.year,
      select(
        pickerYears(ctx.now()).map((value) => ({
          value: String(value),
          label: m.bulletin.yearOption(value),
        })),
        String(state.year),
        (value) => {
          state.year = Number(value);
          state.problems = null;
          ctx.refresh();
        },
      ),
    ),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'quota-write',
        m.quota.write,
        () => void ctx.run(TAB, () => writeSheet(ctx, state, excel, session)),
        {
          variant: 'primary',
        },
      ),
      actionButton(
        ctx,
        TAB,
        'quota-upload',
        m.quota.upload,
        () => void ctx.run(TAB, () => uploadSheet(ctx, state, excel, session)),
        { describedBy: 'quota-upload-hint' },
      ),
    ),
    h('p', { class: 'hint', id: 'quota-upload-hint' }, m.quota.uploadHint),
    noticeView(ctx, TAB),
    current
      ? h(
          'ul',
          {
            class: 'problems',
            id: 'quota-problems',
            'aria-label': m.quota.problems(current.list.length),
          },
          current.list.map((problem) =>
            h(
              'li',
              { class: 'problem problem--error' },
              h(
                'span',
                { class: 'badge badge--error' },
                problem.row > 0 ? m.rowLabel(problem.row) : m.severity.error,
              ),
              problem.text(m.quota),
            ),
          ),
        )
      : null,
  ];
}

export function createQuotaView(ctx: PaneContext): { render(): Child } {
  const state: QuotaState = {
    year: shanghaiMonth(ctx.now()).year,
    problems: null,
  };
  return { render: () => renderQuotaView(ctx, state) };
}
