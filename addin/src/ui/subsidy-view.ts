// 补贴 (admins), for the pane and the web page alike: the year's subsidy ledger as a sheet, payments marked
// from it after a 预检 (dry run) — the selected rows or the 本次拨付 column in the pane, an uploaded 拨付表 on
// the page — and a unit's 拨付明细 for the finance office. Where sheets go and come from is the SubsidyPort.
import './subsidy.css';
import {
  type Diagnostic,
  payoutSheetPlan,
  type RowSpan,
  readSubsidySheet,
  type SheetPlan,
  type SubsidyLedger,
  type SubsidyPayments,
  type SubsidyPick,
  type SubsidySheetReading,
  subsidySheetPlan,
  toRecover,
} from '@tuanjian/shared';
import { cellAddress } from '../sheet/address';
import type { PaneContext, Session } from './context';
import { pickerYears, previousMonth, shanghaiToday } from './dates';
import { type Child, h } from './dom';
import type { SubsidyMessages } from './subsidy-messages';
import {
  actionButton,
  actionRow,
  diagnosticList,
  field,
  noticeView,
  prerequisites,
  select,
  stat,
} from './widgets';

const TAB = 'subsidies';

/** A ledger sheet's cells from sheet row `firstRow` and column `firstColumn`, with the rows the user selected. */
export interface SubsidySheetCells {
  sheetName: string;
  values: unknown[][];
  firstRow: number;
  firstColumn: number;
  /** The selection's areas as sheet rows (the pane); null where there is no selection (an uploaded file). */
  selectedRows: RowSpan[] | null;
}

/** How the user chooses the organizations to pay: the selected rows (pane) or the 本次拨付 column. */
export type PickMode = 'selection' | 'marked';

/** Where a surface puts the 补贴 sheets and reads the marked ledger (拨付表) from. */
export interface SubsidyPort {
  /** 'excel': sheets of the workbook; 'file': .xlsx downloads and an uploaded 拨付表. */
  kind: 'excel' | 'file';
  /** Hands a sheet to the user (writes it, or downloads it); answers the name shown. */
  deliver(plan: SheetPlan): Promise<string>;
  /** The marked ledger's cells (the active sheet, or a chosen file's); null when the user chose none. */
  collect(mode: PickMode): Promise<SubsidySheetCells | null>;
  /** Shows a cell (the pane's jump list). */
  jump?(sheetName: string, address: string): Promise<void>;
}

/** A 预检 waiting for the admin's confirmation. */
interface PaymentPreview {
  year: number;
  picks: SubsidyPick[];
  answer: SubsidyPayments;
}

interface SubsidyState {
  year: number;
  ledger: SubsidyLedger | null;
  /** The name the ledger was last delivered under (the pane rewrites it after a payment). */
  delivered: string | null;
  preview: PaymentPreview | null;
  problems: {
    sheetName: string;
    diagnostics: Diagnostic[];
    reading: SubsidySheetReading;
    firstColumn: number;
  } | null;
  payoutUnit: string;
}

async function loadLedger(state: SubsidyState, session: Session): Promise<SubsidyLedger> {
  const ledger = await session.client.subsidies(state.year);
  state.ledger = ledger;
  return ledger;
}

async function deliverLedger(
  ctx: PaneContext,
  state: SubsidyState,
  port: SubsidyPort,
  session: Session,
): Promise<void> {
  state.preview = null;
  state.problems = null;
  const ledger = await loadLedger(state, session);
  const name = await port.deliver(subsidySheetPlan(ledger));
  state.delivered = name;
  ctx.notify(TAB, {
    kind: 'success',
    summary: (m) => (port.kind === 'excel' ? m.subsidies.written(name) : m.subsidies.downloaded(name)),
  });
}

/** Reads the marked ledger, lists its problems, or asks the server what paying the chosen organizations would do. */
async function preview(
  ctx: PaneContext,
  state: SubsidyState,
  port: SubsidyPort,
  session: Session,
  mode: PickMode,
): Promise<void> {
  state.preview = null;
  state.problems = null;
  const cells = await port.collect(mode);
  if (!cells) return;
  const reading = readSubsidySheet(
    cells.values,
    cells.firstRow,
    mode === 'selection' ? cells.selectedRows : null,
  );
  if (!reading) {
    ctx.notify(TAB, { kind: 'error', summary: (m) => m.subsidies.notLedger(cells.sheetName) });
    return;
  }
  const errors = reading.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) {
    state.problems = {
      sheetName: cells.sheetName,
      diagnostics: reading.diagnostics,
      reading,
      firstColumn: cells.firstColumn,
    };
    ctx.notify(TAB, { kind: 'error', summary: (m) => m.subsidies.problems(errors.length) });
    return;
  }
  if (reading.picks.length === 0) {
    ctx.notify(TAB, { kind: 'warning', summary: (m) => m.subsidies.nothingChosen(reading.chosenBy) });
    return;
  }
  const year = state.year;
  const orgKeys = [...new Set(reading.picks.map((pick) => pick.orgKey))];
  const answer = await session.client.paySubsidies(year, orgKeys, { dryRun: true });
  if (!state.ledger || state.ledger.year !== year) await loadLedger(state, session);
  state.preview = { year, picks: reading.picks, answer };
  const amount = answer.paid.reduce((sum, item) => sum + item.amount, 0);
  ctx.notify(TAB, {
    kind: answer.paid.length > 0 ? 'info' : 'warning',
    summary: (m) =>
      answer.paid.length > 0
        ? m.subsidies.previewReady(answer.paid.length, amount)
        : m.subsidies.previewNothing,
  });
}

/** Pays what the 预检 showed would be paid (only those: nothing withheld or unknown is sent). */
async function confirm(
  ctx: PaneContext,
  state: SubsidyState,
  port: SubsidyPort,
  session: Session,
  pending: PaymentPreview,
): Promise<void> {
  const answer = await session.client.paySubsidies(
    pending.year,
    pending.answer.paid.map((item) => item.orgKey),
    { dryRun: false },
  );
  state.preview = null;
  const amount = answer.paid.reduce((sum, item) => sum + item.amount, 0);
  const ledger = await loadLedger(state, session);
  ctx.figuresChanged?.();
  // The pane rewrites its ledger sheet so it shows the payments; the page says to download it again.
  const refreshed =
    port.kind === 'excel' && state.delivered !== null && ledger.year === pending.year
      ? await port.deliver(subsidySheetPlan(ledger))
      : null;
  ctx.notify(TAB, {
    kind: 'success',
    summary: (m) =>
      answer.paid.length > 0
        ? m.subsidies.paidNow(answer.paid.length, amount, answer.alreadyPaid.length)
        : m.subsidies.paidNothing(answer.alreadyPaid.length),
    detail: (m) => (refreshed ? m.subsidies.sheetRefreshed(refreshed) : m.subsidies.downloadAgain),
  });
}

async function deliverPayout(
  ctx: PaneContext,
  state: SubsidyState,
  port: SubsidyPort,
  session: Session,
): Promise<void> {
  const unitCode = state.payoutUnit;
  if (unitCode === '') {
    ctx.notify(TAB, { kind: 'warning', summary: (m) => m.subsidies.needUnit });
    return;
  }
  const ledger = await loadLedger(state, session);
  const plan = payoutSheetPlan(ledger, unitCode, shanghaiToday(ctx.now()));
  const paid = ledger.organizations.filter((item) => item.unitCode === unitCode && item.status === 'paid');
  const amount = paid.reduce((sum, item) => sum + item.amount, 0);
  const name = await port.deliver(plan);
  ctx.notify(TAB, {
    kind: 'success',
    summary: (m) =>
      port.kind === 'excel'
        ? m.subsidies.payoutWritten(name, paid.length, amount)
        : m.subsidies.payoutDownloaded(name, paid.length, amount),
  });
}

function totalsView(t: SubsidyMessages, ledger: SubsidyLedger): Child {
  const sum = (pick: (unit: SubsidyLedger['units'][number]) => number) =>
    ledger.units.reduce((total, unit) => total + pick(unit), 0);
  const recovering = ledger.organizations.filter(toRecover);
  const recoverAmount = recovering.reduce((total, item) => total + item.amount, 0);
  return h(
    'div',
    { class: 'card', id: 'subsidies-totals' },
    h('p', { class: 'card__title' }, t.totals(ledger.year, ledger.throughMonth, ledger.perOrganization)),
    h(
      'div',
      { class: 'stats' },
      stat(
        t.due,
        t.amount(
          sum((unit) => unit.due),
          sum((unit) => unit.dueAmount),
        ),
      ),
      stat(
        t.paid,
        t.amount(
          sum((unit) => unit.paid),
          sum((unit) => unit.paidAmount),
        ),
        'good',
      ),
      stat(
        t.withheld,
        t.amount(
          sum((unit) => unit.withheld),
          sum((unit) => unit.withheldAmount),
        ),
      ),
      stat(t.recover, t.amount(recovering.length, recoverAmount), recovering.length > 0 ? 'bad' : 'plain'),
    ),
  );
}

function previewView(
  ctx: PaneContext,
  state: SubsidyState,
  port: SubsidyPort,
  session: Session,
  t: SubsidyMessages,
): Child {
  const pending = state.preview;
  if (!pending) return null;
  const english = ctx.lang() === 'en';
  const unitName = (code: string) => session.units.find((unit) => unit.code === code)?.name ?? code;
  const nameOf = (orgKey: string) => pending.picks.find((pick) => pick.orgKey === orgKey)?.orgName ?? orgKey;
  const item = (orgKey: string) => state.ledger?.organizations.find((each) => each.orgKey === orgKey);
  const { paid, alreadyPaid, notPayable } = pending.answer;
  const amount = paid.reduce((sum, each) => sum + each.amount, 0);
  const list = (id: string, summary: string, lines: string[], tone: string) =>
    lines.length === 0
      ? null
      : h(
          'details',
          { class: `disclosure ${tone}`, id, open: true },
          h('summary', {}, summary),
          h(
            'ul',
            { class: 'orgs' },
            lines.map((line) => h('li', {}, line)),
          ),
        );
  return h(
    'div',
    { class: 'subsidy-preview', id: 'subsidies-preview' },
    list(
      'subsidies-to-pay',
      t.toPay(paid.length, amount),
      paid.map((each) => t.payLine(unitName(each.unitCode), each.orgName, each.amount)),
      'subsidy-preview--pay',
    ),
    list(
      'subsidies-already-paid',
      t.alreadyPaid(alreadyPaid.length),
      alreadyPaid.map((key) => {
        const known = item(key);
        return known ? t.payLine(unitName(known.unitCode), known.orgName, known.amount) : nameOf(key);
      }),
      '',
    ),
    list(
      'subsidies-not-payable',
      t.notPayable(notPayable.length),
      notPayable.map((each) => {
        // The server's reason names the organization (by its key when it has no row for it): named once.
        const name = nameOf(each.orgKey);
        const text = (english ? each.messageEn : each.message).replace(`“${each.orgKey}”`, `“${name}”`);
        const known = item(each.orgKey);
        return `${known ? `${unitName(known.unitCode)} · ` : ''}${text.includes(`“${name}”`) ? '' : `${name}：`}${text}`;
      }),
      'disclosure--removed',
    ),
    actionRow(
      paid.length > 0
        ? actionButton(
            ctx,
            TAB,
            'subsidies-confirm',
            t.confirm(paid.length),
            () => void ctx.run(TAB, () => confirm(ctx, state, port, session, pending)),
            { variant: 'primary' },
          )
        : null,
      actionButton(ctx, TAB, 'subsidies-discard', t.discard, () => {
        state.preview = null;
        ctx.notify(TAB, { kind: 'info', summary: (m) => m.subsidies.discarded });
        ctx.refresh();
      }),
    ),
  );
}

function problemsView(ctx: PaneContext, state: SubsidyState, port: SubsidyPort): Child {
  const current = state.problems;
  if (!current) return null;
  const jump = port.jump;
  const addressOf = (diagnostic: Diagnostic): string | null =>
    diagnostic.row === null
      ? null
      : cellAddress(diagnostic.row, current.firstColumn + current.reading.payColumn);
  return diagnosticList(
    ctx,
    'subsidies-problems',
    current.diagnostics,
    jump ? addressOf : () => null,
    (address) => {
      if (jump) void ctx.run(TAB, () => jump(current.sheetName, address));
    },
  );
}

function renderSubsidyView(ctx: PaneContext, state: SubsidyState, port: SubsidyPort | null): Child {
  const m = ctx.m();
  const t = m.subsidies;
  const session = ctx.session();
  const head: Child = [h('h2', { class: 'panel__heading' }, t.heading), h('p', { class: 'intro' }, t.intro)];
  const missing = prerequisites(ctx, TAB, { excel: port === null, connection: true });
  if (!port || !session || missing) return [head, missing];
  if (session.me.role !== 'admin') return [head, h('p', { class: 'hint' }, t.adminOnly)];
  const excel = port.kind === 'excel';
  const run = (task: () => Promise<void>) => () => void ctx.run(TAB, task);
  return [
    head,
    h(
      'div',
      { class: 'row' },
      field(
        'subsidies-year',
        t.year,
        select(
          pickerYears(ctx.now()).map((value) => ({ value: String(value), label: t.yearOption(value) })),
          String(state.year),
          (value) => {
            state.year = Number(value);
            state.ledger = null;
            state.preview = null;
            state.problems = null;
            state.delivered = null;
            ctx.notify(TAB, null);
            ctx.refresh();
          },
        ),
      ),
    ),
    h('h3', { class: 'subsidy-heading' }, t.ledgerHeading),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'subsidies-write',
        excel ? t.write : t.download,
        run(() => deliverLedger(ctx, state, port, session)),
        { variant: 'primary' },
      ),
    ),
    state.ledger && state.ledger.year === state.year ? totalsView(t, state.ledger) : null,
    h('h3', { class: 'subsidy-heading' }, t.payHeading),
    actionRow(
      excel
        ? actionButton(
            ctx,
            TAB,
            'subsidies-preview-selection',
            t.previewSelection,
            run(() => preview(ctx, state, port, session, 'selection')),
            { describedBy: 'subsidies-preview-hint' },
          )
        : null,
      actionButton(
        ctx,
        TAB,
        'subsidies-preview-marked',
        excel ? t.previewMarked : t.previewFile,
        run(() => preview(ctx, state, port, session, 'marked')),
        { describedBy: 'subsidies-preview-hint' },
      ),
    ),
    h('p', { class: 'hint', id: 'subsidies-preview-hint' }, excel ? t.previewHint : t.previewFileHint),
    noticeView(ctx, TAB),
    problemsView(ctx, state, port),
    previewView(ctx, state, port, session, t),
    h('h3', { class: 'subsidy-heading' }, t.payoutHeading),
    h(
      'div',
      { class: 'row' },
      field(
        'subsidies-payout-unit',
        t.payoutUnit,
        select(
          [
            { value: '', label: t.payoutPick },
            ...session.units.map((unit) => ({ value: unit.code, label: unit.name })),
          ],
          state.payoutUnit,
          (value) => {
            state.payoutUnit = value;
            ctx.refresh();
          },
        ),
      ),
    ),
    actionRow(
      actionButton(
        ctx,
        TAB,
        'subsidies-payout',
        excel ? t.writePayout : t.downloadPayout,
        run(() => deliverPayout(ctx, state, port, session)),
      ),
    ),
  ];
}

/**
 * The 补贴 tab (or section): the year defaults to that of the last ended month. `port` is null in the pane
 * outside Excel (the tab then says it needs Excel).
 */
export function createSubsidyView(ctx: PaneContext, port: SubsidyPort | null): { render(): Child } {
  const state: SubsidyState = {
    year: previousMonth(ctx.now()).year,
    ledger: null,
    delivered: null,
    preview: null,
    problems: null,
    payoutUnit: '',
  };
  return { render: () => renderSubsidyView(ctx, state, port) };
}

/** The pane's port: sheets of the open workbook; the marked ledger is the active sheet with its selection. */
export function excelSubsidyPort(excel: NonNullable<PaneContext['excel']>): SubsidyPort {
  return {
    kind: 'excel',
    deliver: async (plan) => (await excel.writePlanSheet(plan)).sheetName,
    collect: async () => excel.readSubsidySheetValues(),
    jump: (sheetName, address) => excel.selectCell(sheetName, address),
  };
}
